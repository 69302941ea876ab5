/**
 * Everyday Windows activity: process launches on staff workstations (Sysmon 1) and logons in
 * the Security log (network logons to the domain controller and file server, interactive and
 * unlock logons by the owner, service logons). No RDP (type 10) logons happen in normal
 * traffic: remote interactive access to a workstation is part of the attack story.
 */
import type { NormalizedRecord } from '../../core/event.js';
import { sysmonProcessCreateRecord } from '../sources/sysmon.js';
import { SECURITY_AUDITING_PROVIDER, SYSMON_PROVIDER } from '../sources/windows-event.js';
import { windowsLogonRecord } from '../sources/windows-security.js';
import { AD_DOMAIN } from '../world.js';
import { ephemeralPort, windowsPid, type NormalContext } from './context.js';

export function sysmonRecord(n: NormalContext, ts: number): NormalizedRecord {
  const { rng } = n.ctx;
  const user = rng.pick(n.world.users);
  const launch = user.launches[n.world.launch_picker.pick(rng)];
  const system = launch.as === 'system';
  const ws = user.workstation;
  const computer = ws.name;
  return sysmonProcessCreateRecord(n.ctx, {
    ts,
    record_id: n.record_ids.take(computer, SYSMON_PROVIDER.channel),
    computer,
    image: launch.image,
    command_line: launch.command,
    current_directory: launch.cwd,
    pid: windowsPid(n),
    parent_image: launch.parent_image,
    parent_command_line: launch.parent_command,
    parent_pid: launch.parent_pid,
    parent_guid: launch.parent_guid,
    logon_guid: system ? ws.system_logon_guid : ws.logon_guid,
    user_domain: system ? 'NT AUTHORITY' : AD_DOMAIN,
    user_name: system ? 'SYSTEM' : user.name,
    logon_id: system ? '0x3e7' : ws.logon_id,
    terminal_session_id: system ? 0 : 1,
    integrity_level: system ? 'System' : 'Medium',
  });
}

function logonId(n: NormalContext): string {
  return `0x${n.ctx.rng.range(0x100000, 0xfffffff).toString(16)}`;
}

export function windowsSecurityRecord(n: NormalContext, ts: number): NormalizedRecord {
  const { rng } = n.ctx;
  const { world } = n;
  const user = rng.pick(world.users);
  const ws = user.workstation;
  const failed = rng.chance(n.windows_failure_p);
  const roll = rng.float();

  // Most failures are network logons with a stale password (mapped drives, Outlook); a few are typos at the keyboard.
  if (roll < 0.55 || (failed && roll < 0.9)) {
    // Kerberos network logon to a domain server from the owner's workstation (NTLM when it fails).
    const computer = roll < 0.35 || failed ? world.dc.name : world.file_server.name;
    return windowsLogonRecord(n.ctx, {
      ts,
      record_id: n.record_ids.take(computer, SECURITY_AUDITING_PROVIDER.channel),
      success: !failed,
      computer,
      logon_type: 3,
      target_user: user.name,
      target_domain: AD_DOMAIN,
      target_sid: user.sid,
      ip: ws.ip,
      port: String(ephemeralPort(n)),
      workstation_name: failed ? ws.short_name : '-',
      auth_package: failed ? 'NTLM' : 'Kerberos',
      logon_process: failed ? 'NtLmSsp ' : 'Kerberos',
      process_name: '-',
      process_id: '0x0',
      target_logon_id: logonId(n),
    });
  }
  if (roll < 0.75 || failed) {
    // The owner at the keyboard: sign-in, unlock, or cached credentials when off the network.
    return windowsLogonRecord(n.ctx, {
      ts,
      record_id: n.record_ids.take(ws.name, SECURITY_AUDITING_PROVIDER.channel),
      success: !failed,
      computer: ws.name,
      logon_type: failed ? 2 : roll < 0.65 ? 7 : roll < 0.72 ? 2 : 11,
      target_user: user.name,
      target_domain: AD_DOMAIN,
      target_sid: user.sid,
      ip: '127.0.0.1',
      port: '0',
      workstation_name: ws.short_name,
      auth_package: 'Negotiate',
      logon_process: 'User32 ',
      process_name: 'C:\\Windows\\System32\\svchost.exe',
      process_id: `0x${windowsPid(n).toString(16)}`,
      target_logon_id: logonId(n),
    });
  }
  // Services starting under SYSTEM.
  const computer = roll < 0.9 ? ws.name : world.dc.name;
  return windowsLogonRecord(n.ctx, {
    ts,
    record_id: n.record_ids.take(computer, SECURITY_AUDITING_PROVIDER.channel),
    success: true,
    computer,
    logon_type: 5,
    target_user: 'SYSTEM',
    target_domain: 'NT AUTHORITY',
    target_sid: 'S-1-5-18',
    ip: '-',
    port: '-',
    workstation_name: '-',
    auth_package: 'Negotiate',
    logon_process: 'Advapi  ',
    process_name: 'C:\\Windows\\System32\\services.exe',
    process_id: '0x2a4',
    target_logon_id: '0x3e7',
  });
}
