/**
 * Everyday Linux auth.log activity: engineers logging in to servers with keys (from their
 * workstation, or from home to the bastion), PAM sessions, sudo, cron. Failures are rare
 * and come from the user's own address; password logins only ever come from inside.
 */
import type { NormalizedRecord } from '../../core/event.js';
import { pamSessionRecord, sshLoginRecord, sudoRecord } from '../sources/linux-auth.js';
import type { DemoLinuxServer, DemoUser } from '../world.js';
import { ephemeralPort, linuxPid, type NormalContext } from './context.js';

function loginOrigin(n: NormalContext, user: DemoUser, server: DemoLinuxServer): string {
  // Only the bastion is reachable from the internet; engineers use it from home half the time.
  if (server === n.world.bastion && n.ctx.rng.chance(0.5)) return user.home_ip;
  return user.workstation.ip;
}

export function linuxAuthRecord(n: NormalContext, ts: number): NormalizedRecord {
  const { rng } = n.ctx;
  const user = rng.pick(n.world.engineers);
  const server = rng.pick(n.world.linux_servers);
  const roll = rng.float();

  if (roll < 0.3) {
    const ip = loginOrigin(n, user, server);
    const internal = ip === user.workstation.ip;
    const failed = rng.chance(n.linux_failure_p);
    // Keys from anywhere; passwords (and so password typos) only from the office network.
    const method = internal && (failed || rng.chance(0.1)) ? 'password' : 'publickey';
    return sshLoginRecord(n.ctx, {
      ts,
      host: server.name,
      pid: linuxPid(n),
      user: user.name,
      ip,
      port: ephemeralPort(n),
      method,
      success: !failed,
      key: user.ssh_key,
    });
  }
  if (roll < 0.7) {
    return pamSessionRecord(n.ctx, {
      ts,
      host: server.name,
      service: 'sshd',
      pid: linuxPid(n),
      user: user.name,
      uid: user.uid,
      opened: roll < 0.52,
    });
  }
  if (roll < 0.85) {
    return sudoRecord(n.ctx, {
      ts,
      host: server.name,
      pid: linuxPid(n),
      user: user.name,
      cwd: `/home/${user.name}`,
      command: rng.pick(server.sudo_commands),
    });
  }
  return pamSessionRecord(n.ctx, {
    ts,
    host: server.name,
    service: 'cron',
    pid: linuxPid(n),
    user: 'root',
    uid: 0,
    opened: roll < 0.93,
  });
}
