/**
 * Sysmon Event ID 1 (process creation) in the evtx_dump JSON shape, plus the ECS fields a
 * Sysmon normalizer extracts. Sigma `process_creation` rules match the native EventData names
 * (Image, CommandLine, ParentImage, ...), so those are complete and spelled as Sysmon does.
 */
import type { EcsFields, NormalizedRecord } from '../../core/event.js';
import type { RecordContext } from './context.js';
import { SYSMON_PROVIDER, windowsBasename, windowsGuid, windowsSystem, winlogFields } from './windows-event.js';

/** A program file as Sysmon describes it (version resource and hashes). */
export interface WindowsImage {
  path: string;
  file_version: string;
  description: string;
  product: string;
  company: string;
  original_file_name: string;
  /** Sysmon's Hashes value, e.g. 'MD5=...,SHA256=...,IMPHASH=...'. */
  hashes: string;
  sha256: string;
}

export interface SysmonProcessCreate {
  ts: number;
  record_id: number;
  /** The Computer field (FQDN); also host.name. */
  computer: string;
  image: WindowsImage;
  command_line: string;
  current_directory: string;
  pid: number;
  /** Given when a later record names this process as its parent; random otherwise. */
  process_guid?: string;
  parent_image: WindowsImage;
  parent_command_line: string;
  parent_pid: number;
  parent_guid: string;
  logon_guid: string;
  user_domain: string;
  user_name: string;
  logon_id: string;
  terminal_session_id: number;
  integrity_level: 'System' | 'High' | 'Medium' | 'Low';
}

/** Sysmon service process on every demo workstation (evtx Execution/ProcessID). */
const SYSMON_SERVICE_PID = 3208;

export function sysmonProcessCreateRecord(ctx: RecordContext, p: SysmonProcessCreate): NormalizedRecord {
  const user = `${p.user_domain}\\${p.user_name}`;
  const processName = windowsBasename(p.image.path);
  const parentName = windowsBasename(p.parent_image.path);
  const processGuid = p.process_guid ?? windowsGuid(ctx);
  const parentGuid = p.parent_guid;
  const eventData = {
    RuleName: '-',
    UtcTime: ctx.time.sysmonUtc(p.ts),
    ProcessGuid: processGuid,
    ProcessId: p.pid,
    Image: p.image.path,
    FileVersion: p.image.file_version,
    Description: p.image.description,
    Product: p.image.product,
    Company: p.image.company,
    OriginalFileName: p.image.original_file_name,
    CommandLine: p.command_line,
    CurrentDirectory: p.current_directory,
    User: user,
    LogonGuid: p.logon_guid,
    LogonId: p.logon_id,
    TerminalSessionId: p.terminal_session_id,
    IntegrityLevel: p.integrity_level,
    Hashes: p.image.hashes,
    ParentProcessGuid: parentGuid,
    ParentProcessId: p.parent_pid,
    ParentImage: p.parent_image.path,
    ParentCommandLine: p.parent_command_line,
    ParentUser: user,
  };
  const fields: EcsFields = {
    'event.kind': 'event',
    'event.category': ['process'],
    'event.type': ['start'],
    'event.action': 'Process Create (rule: ProcessCreate)',
    'event.dataset': 'windows.sysmon_operational',
    'event.module': 'sysmon',
    'host.name': p.computer,
    'user.name': p.user_name,
    'user.domain': p.user_domain,
    'process.name': processName,
    'process.executable': p.image.path,
    'process.command_line': p.command_line,
    'process.pid': p.pid,
    'process.entity_id': processGuid,
    'process.working_directory': p.current_directory,
    'process.hash.sha256': p.image.sha256,
    'process.parent.name': parentName,
    'process.parent.executable': p.parent_image.path,
    'process.parent.command_line': p.parent_command_line,
    'process.parent.pid': p.parent_pid,
    'process.parent.entity_id': parentGuid,
  };
  winlogFields(fields, SYSMON_PROVIDER, 1, p.record_id);
  return {
    ts: p.ts,
    fields,
    native: {
      Event: {
        '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
        System: windowsSystem(ctx, {
          provider: SYSMON_PROVIDER,
          event_id: 1,
          version: 5,
          task: 1,
          keywords: '0x8000000000000000',
          ts: p.ts,
          record_id: p.record_id,
          computer: p.computer,
          writer_pid: SYSMON_SERVICE_PID,
          writer_tid: 4000 + (p.record_id % 97) * 4,
          user_sid: 'S-1-5-18',
        }),
        EventData: eventData,
      },
    },
    logsource: { product: 'windows', service: 'sysmon', category: 'process_creation' },
  };
}
