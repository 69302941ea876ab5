/**
 * Windows Security channel logons: 4624 (an account was successfully logged on) and 4625 (an
 * account failed to log on), in the evtx_dump JSON shape with the EventData names and value
 * renderings Windows uses (LogonType as a number, ids as hex strings, %% message inserts).
 */
import type { EcsFields, NormalizedRecord } from '../../core/event.js';
import { demoCountryOf } from '../geo.js';
import type { RecordContext } from './context.js';
import { SECURITY_AUDITING_PROVIDER, windowsSystem, winlogFields } from './windows-event.js';

/** LogonType numbers used here: 2 Interactive, 3 Network, 5 Service, 7 Unlock, 10 RemoteInteractive (RDP), 11 CachedInteractive. */
export interface WindowsLogon {
  ts: number;
  record_id: number;
  computer: string;
  success: boolean;
  logon_type: number;
  target_user: string;
  target_domain: string;
  target_sid: string;
  /** Client address and port; '-' for local logons. */
  ip: string;
  port: string;
  workstation_name: string;
  /** 'Kerberos', 'NTLM' or 'Negotiate'. */
  auth_package: string;
  logon_process: string;
  /** Caller process (winlogon for interactive, '-' for network logons). */
  process_name: string;
  process_id: string;
  target_logon_id: string;
}

/** LSASS writes Security events; its pid is stable for the life of a host. */
const LSASS_PID = 672;

export function windowsLogonRecord(ctx: RecordContext, l: WindowsLogon): NormalizedRecord {
  // Network logons (type 3) have no local subject; every other type is reported by the machine account.
  const local = l.logon_type !== 3;
  const subjectSid = local ? 'S-1-5-18' : 'S-1-0-0';
  const subjectName = local ? `${l.computer.split('.')[0]}$` : '-';
  const subjectDomain = local ? l.target_domain : '-';
  const subjectLogonId = local ? '0x3e7' : '0x0';
  const eventData: Record<string, unknown> = l.success
    ? {
        SubjectUserSid: subjectSid,
        SubjectUserName: subjectName,
        SubjectDomainName: subjectDomain,
        SubjectLogonId: subjectLogonId,
        TargetUserSid: l.target_sid,
        TargetUserName: l.target_user,
        TargetDomainName: l.target_domain,
        TargetLogonId: l.target_logon_id,
        LogonType: l.logon_type,
        LogonProcessName: l.logon_process,
        AuthenticationPackageName: l.auth_package,
        WorkstationName: l.workstation_name,
        LogonGuid: '00000000-0000-0000-0000-000000000000',
        TransmittedServices: '-',
        LmPackageName: l.auth_package === 'NTLM' ? 'NTLM V2' : '-',
        KeyLength: 0,
        ProcessId: l.process_id,
        ProcessName: l.process_name,
        IpAddress: l.ip,
        IpPort: l.port,
        ImpersonationLevel: '%%1833',
        RestrictedAdminMode: l.logon_type === 10 ? '%%1843' : '-',
        TargetOutboundUserName: '-',
        TargetOutboundDomainName: '-',
        VirtualAccount: '%%1843',
        TargetLinkedLogonId: '0x0',
        ElevatedToken: '%%1843',
      }
    : {
        SubjectUserSid: subjectSid,
        SubjectUserName: subjectName,
        SubjectDomainName: subjectDomain,
        SubjectLogonId: subjectLogonId,
        TargetUserSid: 'S-1-0-0',
        TargetUserName: l.target_user,
        TargetDomainName: l.target_domain,
        // STATUS_LOGON_FAILURE / STATUS_WRONG_PASSWORD: "Unknown user name or bad password."
        Status: '0xc000006d',
        FailureReason: '%%2313',
        SubStatus: '0xc000006a',
        LogonType: l.logon_type,
        LogonProcessName: l.logon_process,
        AuthenticationPackageName: l.auth_package,
        WorkstationName: l.workstation_name,
        TransmittedServices: '-',
        LmPackageName: '-',
        KeyLength: 0,
        ProcessId: l.process_id,
        ProcessName: l.process_name,
        IpAddress: l.ip,
        IpPort: l.port,
      };

  const fields: EcsFields = {
    'event.kind': 'event',
    'event.category': ['authentication'],
    // Vigil's EVTX normalizer types both 4624 and 4625 as the start of a logon attempt.
    'event.type': ['start'],
    'event.action': l.success ? 'logged-in' : 'logon-failed',
    'event.outcome': l.success ? 'success' : 'failure',
    'event.dataset': 'windows.security',
    'event.module': 'security',
    'host.name': l.computer,
    'user.name': l.target_user,
    'user.domain': l.target_domain,
    'user.id': l.success ? l.target_sid : 'S-1-0-0',
    'winlog.logon.type': String(l.logon_type),
  };
  winlogFields(fields, SECURITY_AUDITING_PROVIDER, l.success ? 4624 : 4625, l.record_id);
  if (l.ip !== '-') {
    fields['source.ip'] = l.ip;
    const port = Number(l.port);
    if (port > 0) fields['source.port'] = port;
    const country = demoCountryOf(l.ip);
    if (country !== undefined) fields['source.geo.country_iso_code'] = country;
  }
  if (l.workstation_name !== '-') fields['source.domain'] = l.workstation_name;

  return {
    ts: l.ts,
    fields,
    native: {
      Event: {
        '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
        System: windowsSystem(ctx, {
          provider: SECURITY_AUDITING_PROVIDER,
          event_id: l.success ? 4624 : 4625,
          version: l.success ? 2 : 0,
          task: 12544,
          keywords: l.success ? '0x8020000000000000' : '0x8010000000000000',
          ts: l.ts,
          record_id: l.record_id,
          computer: l.computer,
          writer_pid: LSASS_PID,
          writer_tid: 700 + (l.record_id % 53) * 4,
        }),
        EventData: eventData,
      },
    },
    logsource: { product: 'windows', service: 'security' },
  };
}
