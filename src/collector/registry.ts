/**
 * The explicit registry of source types: `type` in vigil.yaml → its definition.
 * No filesystem magic: a new source is one import and one line here.
 */
import type { SourceDefinition } from '../core/component.js';
import { SyslogTcpSource, SyslogTlsSource, SyslogUdpSource } from './syslog/index.js';
import { NetflowUdpSource } from './netflow/index.js';
import { fileTailSource } from './file-tail/index.js';

// Definitions are stored with their config type erased; each validates its own config.
const SOURCES = new Map<string, SourceDefinition<unknown>>();

export function registerSource<C>(def: SourceDefinition<C>): void {
  if (SOURCES.has(def.type)) throw new Error(`source type ${def.type} registered twice`);
  SOURCES.set(def.type, def as SourceDefinition<unknown>);
}

registerSource(SyslogUdpSource);
registerSource(SyslogTcpSource);
registerSource(SyslogTlsSource);
registerSource(NetflowUdpSource);
registerSource(fileTailSource);

export function getSourceDefinition(type: string): SourceDefinition<unknown> | undefined {
  return SOURCES.get(type);
}

export function sourceTypes(): string[] {
  return [...SOURCES.keys()].sort();
}
