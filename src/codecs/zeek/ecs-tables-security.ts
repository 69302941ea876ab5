/**
 * ECS mappings for Zeek's Windows-protocol logs (SMB, DCE-RPC, Kerberos, NTLM), its
 * detection output (notice, weird, signatures, intel), asset logs (software, known_*)
 * and its own health logs.
 */
import type { EcsFields } from '../../core/event.js';
import { appendUnique, list, str, type LogMapping } from './ecs-rules.js';
import type { ZeekValue } from './record.js';

/** Kerberos principals look like `user/instance@REALM`; ECS wants the user and the domain apart. */
function splitPrincipal(principal: string | undefined, out: EcsFields): void {
  if (!principal) return;
  const at = principal.lastIndexOf('@');
  const name = at < 0 ? principal : principal.slice(0, at);
  out['user.name'] = name;
  if (at >= 0 && at + 1 < principal.length) out['user.domain'] = principal.slice(at + 1);
  appendUnique(out, 'related.user', [name]);
}

function smbFilePath(rec: Readonly<Record<string, ZeekValue>>, out: EcsFields): void {
  const share = str(rec.path);
  const name = str(rec.name);
  if (name) {
    const sep = share && !share.endsWith('\\') ? '\\' : '';
    out['file.path'] = share ? `${share}${sep}${name}` : name;
    const base = name.split(/[\\/]/).pop();
    if (base) out['file.name'] = base;
  }
}

export const SECURITY_MAPPINGS: Record<string, LogMapping> = {
  smb_files: {
    category: ['network', 'file'],
    type: ['protocol', 'access'],
    protocol: 'smb',
    rules: [
      ['action', 'event.action', 'lower'],
      ['size', 'file.size'],
      ['fuid', 'zeek.fuid'],
      ['times.modified', 'file.mtime', 'iso'],
      ['times.accessed', 'file.accessed', 'iso'],
      ['times.created', 'file.created', 'iso'],
      ['times.changed', 'file.ctime', 'iso'],
    ],
    derive: smbFilePath,
  },
  smb_mapping: {
    category: ['network'],
    type: ['protocol', 'access'],
    protocol: 'smb',
    rules: [
      ['path', 'file.path'],
      ['share_type', 'file.type', 'lower'],
    ],
  },
  dce_rpc: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'dce_rpc',
    rules: [
      ['operation', 'event.action'],
      ['rtt', 'event.duration', 'ns'],
    ],
  },
  kerberos: {
    category: ['network', 'authentication'],
    type: ['protocol', 'info'],
    protocol: 'kerberos',
    rules: [
      ['request_type', 'event.action'],
      ['success', 'event.outcome', 'outcome'],
      ['error_msg', 'event.reason'],
    ],
    derive(rec, out) {
      splitPrincipal(str(rec.client), out);
    },
  },
  ntlm: {
    category: ['network', 'authentication'],
    type: ['protocol', 'info'],
    protocol: 'ntlm',
    rules: [
      ['username', 'user.name'],
      ['domainname', 'user.domain'],
      ['hostname', 'source.domain'],
      ['success', 'event.outcome', 'outcome'],
      ['server_dns_computer_name', 'destination.domain'],
    ],
    derive(rec, out) {
      appendUnique(out, 'related.user', [str(rec.username)]);
    },
  },
  notice: {
    kind: 'alert',
    category: ['intrusion_detection', 'network'],
    type: ['info'],
    rules: [
      ['note', 'rule.name'],
      ['msg', 'message'],
      ['sub', 'event.reason'],
      ['src', 'source.ip'],
      ['dst', 'destination.ip'],
      ['p', 'destination.port'],
      ['fuid', 'zeek.fuid'],
      ['file_mime_type', 'file.mime_type'],
      ['actions', 'event.action', 'first'],
      ['remote_location.country_code', 'destination.geo.country_iso_code'],
      ['remote_location.city', 'destination.geo.city_name'],
    ],
  },
  weird: {
    category: ['network'],
    type: ['info'],
    rules: [
      ['name', 'rule.name'],
      ['name', 'event.action'],
      ['addl', 'event.reason'],
      ['peer', 'observer.name'],
    ],
  },
  signatures: {
    kind: 'alert',
    category: ['intrusion_detection', 'network'],
    type: ['info'],
    rules: [
      ['sig_id', 'rule.id'],
      ['event_msg', 'rule.name'],
      ['sub_msg', 'message'],
      ['src_addr', 'source.ip'],
      ['src_port', 'source.port'],
      ['dst_addr', 'destination.ip'],
      ['dst_port', 'destination.port'],
      ['note', 'event.action'],
    ],
  },
  intel: {
    kind: 'alert',
    category: ['threat', 'network'],
    type: ['indicator'],
    rules: [
      ['seen.indicator', 'threat.indicator.name'],
      ['seen.indicator_type', 'threat.indicator.type'],
      ['seen.where', 'event.action'],
      ['sources', 'threat.feed.name', 'first'],
      ['fuid', 'zeek.fuid'],
    ],
    derive(rec, out) {
      // Domain and URL indicators become related.hosts so an analyst can pivot on them.
      const names = list(rec['seen.indicator']).filter((v): v is string => typeof v === 'string' && !/^[\d.:]+$/.test(v));
      appendUnique(out, 'related.hosts', names);
    },
  },
  pe: {
    category: ['file'],
    type: ['info'],
    rules: [
      ['id', 'zeek.fuid'],
      ['machine', 'file.pe.architecture'],
      ['compile_ts', 'file.created', 'iso'],
    ],
  },
  ocsp: { category: ['network'], type: ['info'], rules: [['certStatus', 'event.outcome'], ['serialNumber', 'file.x509.serial_number']] },
  software: {
    category: ['host', 'package'],
    type: ['info'],
    rules: [
      ['name', 'package.name'],
      ['unparsed_version', 'package.version'],
      ['software_type', 'package.type'],
      ['host', 'source.ip'],
      ['host_p', 'source.port'],
    ],
  },
  known_hosts: { kind: 'state', category: ['host'], type: ['info'], rules: [['host', 'host.ip']] },
  known_services: {
    kind: 'state',
    category: ['network'],
    type: ['info'],
    rules: [['host', 'destination.ip'], ['port_num', 'destination.port'], ['port_proto', 'network.transport', 'lower'], ['service', 'network.protocol', 'lower']],
  },
  known_certs: {
    kind: 'state',
    category: ['file'],
    type: ['info'],
    rules: [['host', 'destination.ip'], ['port_num', 'destination.port'], ['subject', 'file.x509.subject.distinguished_name'], ['issuer_subject', 'file.x509.issuer.distinguished_name'], ['serial', 'file.x509.serial_number']],
  },
  capture_loss: { kind: 'metric', category: ['network'], type: ['info'], rules: [['peer', 'observer.name']] },
  stats: { kind: 'metric', category: ['host'], type: ['info'], rules: [['peer', 'observer.name']] },
  reporter: { category: ['host'], type: ['info'], rules: [['message', 'message'], ['level', 'log.level', 'lower']] },
};

/** notice_alarm.log is notice.log filtered by policy. */
SECURITY_MAPPINGS.notice_alarm = SECURITY_MAPPINGS.notice;
