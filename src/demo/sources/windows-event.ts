/**
 * The `Event.System` envelope of a Windows event in the evtx_dump JSON convention
 * (`#attributes` for XML attributes, numbers as numbers), shared by Sysmon and Security records.
 */
import type { EcsFields, NormalizedRecord } from '../../core/event.js';
import type { RecordContext } from './context.js';

export interface WindowsProvider {
  name: string;
  guid: string;
  channel: string;
}

export const SYSMON_PROVIDER: WindowsProvider = {
  name: 'Microsoft-Windows-Sysmon',
  guid: '5770385F-C22A-43E0-BF4C-06F5698FFBD9',
  channel: 'Microsoft-Windows-Sysmon/Operational',
};

export const SECURITY_AUDITING_PROVIDER: WindowsProvider = {
  name: 'Microsoft-Windows-Security-Auditing',
  guid: '54849625-5478-4994-A5BA-3E3B0328C30D',
  channel: 'Security',
};

export interface WindowsSystemInput {
  provider: WindowsProvider;
  event_id: number;
  version: number;
  task: number;
  keywords: string;
  ts: number;
  record_id: number;
  computer: string;
  /** Process and thread that wrote the event (Sysmon's service, or LSASS for Security). */
  writer_pid: number;
  writer_tid: number;
  /** Security channel events carry no UserID; Sysmon runs as SYSTEM. */
  user_sid?: string;
}

export function windowsSystem(ctx: RecordContext, s: WindowsSystemInput): Record<string, unknown> {
  return {
    Provider: { '#attributes': { Name: s.provider.name, Guid: s.provider.guid } },
    EventID: s.event_id,
    Version: s.version,
    Level: s.provider.channel === 'Security' ? 0 : 4,
    Task: s.task,
    Opcode: 0,
    Keywords: s.keywords,
    TimeCreated: { '#attributes': { SystemTime: ctx.time.isoMicros(s.ts) } },
    EventRecordID: s.record_id,
    Correlation: null,
    Execution: { '#attributes': { ProcessID: s.writer_pid, ThreadID: s.writer_tid } },
    Channel: s.provider.channel,
    Computer: s.computer,
    Security: s.user_sid === undefined ? null : { '#attributes': { UserID: s.user_sid } },
  };
}

/**
 * The `winlog.*` and provider fields Vigil's EVTX normalizer derives from `Event.System`
 * (src/codecs/evtx/normalize.ts), so demo records look like ingested ones.
 */
export function winlogFields(fields: EcsFields, provider: WindowsProvider, eventId: number, recordId: number): void {
  fields['event.code'] = String(eventId);
  fields['winlog.event_id'] = eventId;
  fields['event.provider'] = provider.name;
  fields['winlog.provider_name'] = provider.name;
  fields['winlog.channel'] = provider.channel;
  fields['winlog.record_id'] = recordId;
}

/** Windows GUIDs as evtx_dump prints them: upper case, no braces. */
export function windowsGuid(ctx: RecordContext): string {
  return ctx.rng.windowsGuid();
}

/** The basename of a Windows path ('C:\\Windows\\System32\\cmd.exe' → 'cmd.exe'). */
export function windowsBasename(path: string): string {
  const i = path.lastIndexOf('\\');
  return i < 0 ? path : path.slice(i + 1);
}

/**
 * EventRecordID counters, one per computer and channel, as each event log numbers its records.
 * Records are numbered in emission (time) order, so story records get theirs when merged.
 */
export class EventRecordIds {
  /** channel → computer → next id; two levels so the hot path never builds a key string. */
  private readonly next = new Map<string, Map<string, number>>();

  take(computer: string, channel: string): number {
    let perComputer = this.next.get(channel);
    if (perComputer === undefined) {
      perComputer = new Map();
      this.next.set(channel, perComputer);
    }
    let id = perComputer.get(computer);
    if (id === undefined) {
      // A log that has been running for a while: start from a host-specific offset.
      const key = `${computer}|${channel}`;
      let h = 0;
      for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
      id = 10_000 + ((h >>> 0) % 900_000);
    }
    perComputer.set(computer, id + 1);
    return id;
  }
}

/** Numbers a Windows record built before its position in the stream was known (native and winlog.record_id). */
export function assignEventRecordId(record: NormalizedRecord, ids: EventRecordIds): void {
  const system = (record.native['Event'] as { System: { Computer: string; Channel: string; EventRecordID: number } }).System;
  const id = ids.take(system.Computer, system.Channel);
  system.EventRecordID = id;
  record.fields['winlog.record_id'] = id;
}
