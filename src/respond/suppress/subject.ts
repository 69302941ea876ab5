/** What a suppression looks at: the detection (or stored alert) and the events behind it. */
import type { DetectionKind, DetectionLevel, Entities } from '../../detect/detection.js';
import type { Logsource } from '../../core/event.js';

export interface SubjectEvent {
  id: string;
  native: Record<string, unknown>;
  fields: Record<string, unknown>;
  logsource?: Logsource;
}

export interface DetectionSubject {
  rule: { id: string; title: string; level: DetectionLevel; tags: string[] };
  kind: DetectionKind;
  entities: Entities;
  /** The triggering events found (stored or handed in); may be fewer than the ids. */
  events: SubjectEvent[];
}

/** The bundle's input shape for a subject event. */
export function asSigmaInput(e: SubjectEvent): { native: Record<string, unknown>; fields: Record<string, unknown>; meta?: { logsource: Logsource } } {
  return { native: e.native, fields: e.fields, ...(e.logsource ? { meta: { logsource: e.logsource } } : {}) };
}

/** The pipeline's events as `ingest`'s `events` option: suppressions then need no store reads. */
export function subjectEvents(events: Iterable<{ id: string; native: Record<string, unknown>; fields: Record<string, unknown>; meta?: { logsource?: Logsource } }>): Map<string, SubjectEvent> {
  const out = new Map<string, SubjectEvent>();
  for (const e of events) out.set(e.id, { id: e.id, native: e.native, fields: e.fields, ...(e.meta?.logsource ? { logsource: e.meta.logsource } : {}) });
  return out;
}
