/**
 * The first half of the story: SSH password spraying against the bastion from abroad, the
 * victim's account falling, an RDP hop to the victim's workstation, and the payload being
 * fetched and started there. Each function returns the time the next step can begin.
 */
import type { NormalizedRecord } from '../../core/event.js';
import { pamSessionRecord, sshInvalidUserRecord, sshLoginRecord } from '../sources/linux-auth.js';
import { flowRecord } from '../sources/netflow.js';
import { windowsLogonRecord } from '../sources/windows-security.js';
import { dnsQueryRecord } from '../sources/zeek-dns.js';
import type { RecordContext } from '../sources/context.js';
import { CORE_EXPORTER, EDGE_EXPORTER, ZEEK_SENSOR } from '../normal/network-activity.js';
import { AD_DOMAIN, type DemoWorld } from '../world.js';
import type { StoryCast } from './cast.js';
import type { StoryStep } from './steps.js';

export interface StoryWriter {
  ctx: RecordContext;
  world: DemoWorld;
  cast: StoryCast;
  add(step: StoryStep, record: NormalizedRecord): void;
}

function attackerPort(w: StoryWriter): number {
  // Linux attack tooling uses the kernel's default ephemeral range.
  return w.ctx.rng.range(32768, 60999);
}

/** Two rounds over the account list; the second stops at the victim, whose password works. Returns the login time. */
export function sprayAndLogIn(w: StoryWriter, start_ms: number): number {
  const { rng } = w.ctx;
  const { bastion } = w.world;
  const { cast } = w;
  let t = start_ms;
  for (let round = 0; round < 2; round++) {
    for (const account of cast.sprayed_users) {
      const pid = rng.range(20000, 399999);
      const port = attackerPort(w);
      const success = round === 1 && account.name === cast.victim.name;
      if (success) {
        w.add('ssh_login_success', sshLoginRecord(w.ctx, { ts: t, host: bastion.name, pid, user: account.name, ip: cast.attacker_ip, port, method: 'password', success: true }));
        w.add('ssh_login_success', pamSessionRecord(w.ctx, { ts: t + 12, host: bastion.name, service: 'sshd', pid, user: account.name, uid: cast.victim.uid, opened: true }));
        return t;
      }
      if (!account.exists) {
        w.add('ssh_password_spraying', sshInvalidUserRecord(w.ctx, { ts: t, host: bastion.name, pid, user: account.name, ip: cast.attacker_ip, port }));
      }
      const failedAt = t + rng.range(1500, 2600);
      w.add('ssh_password_spraying', sshLoginRecord(w.ctx, { ts: failedAt, host: bastion.name, pid, user: account.name, ip: cast.attacker_ip, port, method: 'password', success: false, invalid_user: !account.exists }));
      const closedAt = failedAt + rng.range(200, 900);
      w.add('ssh_password_spraying', flowRecord(w.ctx, {
        ts: closedAt, duration_ms: closedAt - t + 150, src_ip: cast.attacker_ip, src_port: port, dst_ip: bastion.ip, dst_port: 22,
        transport: 'tcp', bytes: rng.range(2800, 4200), packets: rng.range(16, 24), direction: 'inbound', host: bastion.name, exporter: EDGE_EXPORTER, end_reason: 3,
      }));
      t += rng.range(12_000, 30_000);
    }
    // The tool waits between passwords so per-account lockout counters reset.
    t += rng.range(60_000, 120_000);
  }
  throw new Error(`story ${cast.story_id}: the victim is not in the sprayed accounts`);
}

/** The attacker's SSH session ends: PAM closes it and the edge exports the whole session's flow. */
export function closeSshSession(w: StoryWriter, login_ms: number, end_ms: number): void {
  const { rng } = w.ctx;
  const { bastion } = w.world;
  const { cast } = w;
  w.add('ssh_login_success', pamSessionRecord(w.ctx, { ts: end_ms, host: bastion.name, service: 'sshd', pid: rng.range(20000, 399999), user: cast.victim.name, uid: cast.victim.uid, opened: false }));
  w.add('ssh_login_success', flowRecord(w.ctx, {
    ts: end_ms + 40, duration_ms: end_ms + 40 - login_ms, src_ip: cast.attacker_ip, src_port: attackerPort(w), dst_ip: bastion.ip, dst_port: 22,
    transport: 'tcp', bytes: rng.range(2_500_000, 4_000_000), packets: rng.range(9000, 14000), direction: 'inbound', host: bastion.name, exporter: EDGE_EXPORTER, end_reason: 3,
  }));
}

/** The RDP hop, tunnelled through the SSH session; its flow ends with the SSH session. */
export function rdpToWorkstation(w: StoryWriter, logon_ms: number, end_ms: number, logon_id: string): void {
  const { rng } = w.ctx;
  const { bastion } = w.world;
  const { victim } = w.cast;
  const ws = victim.workstation;
  const port = attackerPort(w);
  w.add('lateral_rdp_logon', windowsRdpLogon(w, logon_ms, port, logon_id));
  w.add('lateral_rdp_logon', flowRecord(w.ctx, {
    ts: end_ms, duration_ms: end_ms - logon_ms + 900, src_ip: bastion.ip, src_port: port, dst_ip: ws.ip, dst_port: 3389,
    transport: 'tcp', bytes: rng.range(1_500_000, 3_000_000), packets: rng.range(6000, 9000), direction: 'internal', host: bastion.name, exporter: CORE_EXPORTER, end_reason: 3,
  }));
}

function windowsRdpLogon(w: StoryWriter, ts: number, port: number, logon_id: string): NormalizedRecord {
  const { victim } = w.cast;
  const ws = victim.workstation;
  return windowsLogonRecord(w.ctx, {
    ts,
    record_id: 0,
    computer: ws.name,
    success: true,
    logon_type: 10,
    target_user: victim.name,
    target_domain: AD_DOMAIN,
    target_sid: victim.sid,
    ip: w.world.bastion.ip,
    port: String(port),
    workstation_name: w.world.bastion.name.toUpperCase(),
    auth_package: 'Negotiate',
    logon_process: 'User32 ',
    process_name: 'C:\\Windows\\System32\\svchost.exe',
    process_id: '0x4d8',
    target_logon_id: logon_id,
  });
}

/** A resolver lookup by the victim's workstation (the cradle, the beacon and the upload all resolve first). */
export function workstationLookup(w: StoryWriter, step: StoryStep, ts: number, name: string, ip: string): void {
  const ws = w.cast.victim.workstation;
  w.add(step, dnsQueryRecord(w.ctx, {
    ts, client_ip: ws.ip, client_port: w.ctx.rng.range(49152, 65535), resolver_ip: w.world.resolver_ip, query: name, qtype: 'A',
    answers: [ip], ttl_s: 60, rcode: 'NOERROR', rtt_s: Math.round(w.ctx.rng.range(18_000, 60_000)) / 1e6, host: ws.name, sensor: ZEEK_SENSOR,
  }));
}
