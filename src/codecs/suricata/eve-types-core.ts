/**
 * ECS mappings for Suricata's detection, flow and engine event types: alert, anomaly,
 * drop, flow, netflow, fileinfo, frame, arp, igmp, rgmp, stream_tcp, stats, engine, template.
 */
import type { EcsFields } from '../../core/event.js';
import { parseEveTimestamp } from './eve-time.js';
import { appendUnique, asObject, asString, getPath, type EveRecord, type EveTypeMapping } from './eve-rules.js';

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function setSum(out: EcsFields, field: string, a: unknown, b: unknown): void {
  const x = num(a);
  const y = num(b);
  if (x !== undefined || y !== undefined) out[field] = (x ?? 0) + (y ?? 0);
}

function setDuration(out: EcsFields, start: unknown, end: unknown): void {
  const s = typeof start === 'string' ? parseEveTimestamp(start) : undefined;
  const e = typeof end === 'string' ? parseEveTimestamp(end) : undefined;
  if (s !== undefined && e !== undefined && e >= s) out['event.duration'] = Math.round((e - s) * 1e6);
}

/** ET and other rule sets carry ATT&CK ids in alert.metadata (mitre_tactic_id, mitre_technique_id, ...). */
function threatFromMetadata(meta: EveRecord | undefined, out: EcsFields): void {
  if (!meta) return;
  const pairs: Array<[string, string]> = [
    ['mitre_tactic_id', 'threat.tactic.id'],
    ['mitre_tactic_name', 'threat.tactic.name'],
    ['mitre_technique_id', 'threat.technique.id'],
    ['mitre_technique_name', 'threat.technique.name'],
  ];
  let any = false;
  for (const [key, field] of pairs) {
    const v = meta[key];
    const values = Array.isArray(v) ? v : v === undefined ? [] : [v];
    const strings = values.filter((x): x is string => typeof x === 'string');
    if (strings.length > 0) {
      appendUnique(out, field, strings);
      any = true;
    }
  }
  if (any) out['threat.framework'] = 'MITRE ATT&CK';
}

export const CORE_EVENT_TYPES: Record<string, EveTypeMapping> = {
  alert: {
    kind: 'alert',
    category: ['network', 'intrusion_detection'],
    type: ['info'],
    rules: [
      ['alert.signature_id', 'rule.id', 'string'],
      ['alert.signature', 'rule.name'],
      ['alert.signature', 'message'],
      ['alert.category', 'rule.category'],
      ['alert.rev', 'rule.version', 'string'],
      ['alert.severity', 'event.severity'],
      ['alert.action', 'event.action'],
      ['alert.rule', 'rule.description'],
    ],
    derive(rec, out) {
      const action = getPath(rec, 'alert.action');
      if (action === 'allowed') out['event.type'] = ['allowed'];
      else if (action === 'blocked') out['event.type'] = ['denied'];
      threatFromMetadata(asObject(getPath(rec, 'alert.metadata')), out);
    },
  },
  anomaly: {
    category: ['network'],
    type: ['info'],
    rules: [
      ['anomaly.event', 'event.action'],
      ['anomaly.event', 'message'],
      ['anomaly.type', 'event.reason'],
      ['anomaly.app_proto', 'network.protocol', 'lower'],
    ],
  },
  drop: {
    category: ['network'],
    type: ['denied', 'connection'],
    rules: [['drop.reason', 'event.reason']],
  },
  flow: {
    category: ['network'],
    type: ['connection', 'end'],
    rules: [
      ['flow.bytes_toserver', 'source.bytes'],
      ['flow.bytes_toclient', 'destination.bytes'],
      ['flow.pkts_toserver', 'source.packets'],
      ['flow.pkts_toclient', 'destination.packets'],
      ['flow.start', 'event.start', 'iso'],
      ['flow.end', 'event.end', 'iso'],
      ['flow.state', 'event.action'],
      ['flow.reason', 'event.reason'],
    ],
    derive(rec, out) {
      const flow = asObject(rec.flow) ?? {};
      setSum(out, 'network.bytes', flow.bytes_toserver, flow.bytes_toclient);
      setSum(out, 'network.packets', flow.pkts_toserver, flow.pkts_toclient);
      setDuration(out, flow.start, flow.end);
    },
  },
  netflow: {
    category: ['network'],
    type: ['connection', 'end'],
    rules: [
      ['netflow.bytes', 'source.bytes'],
      ['netflow.bytes', 'network.bytes'],
      ['netflow.pkts', 'source.packets'],
      ['netflow.pkts', 'network.packets'],
      ['netflow.start', 'event.start', 'iso'],
      ['netflow.end', 'event.end', 'iso'],
    ],
    derive(rec, out) {
      const nf = asObject(rec.netflow) ?? {};
      setDuration(out, nf.start, nf.end);
    },
  },
  fileinfo: {
    category: ['file', 'network'],
    type: ['info'],
    rules: [
      ['fileinfo.filename', 'file.name'],
      ['fileinfo.size', 'file.size'],
      ['fileinfo.md5', 'file.hash.md5'],
      ['fileinfo.sha1', 'file.hash.sha1'],
      ['fileinfo.sha256', 'file.hash.sha256'],
      ['fileinfo.state', 'event.action', 'lower'],
    ],
    derive(rec, out) {
      const fi = asObject(rec.fileinfo) ?? {};
      appendUnique(out, 'related.hash', [fi.md5, fi.sha1, fi.sha256]);
      // filename is the path as the protocol named it (URL path, SMB path); its last part is the name.
      const name = asString(fi.filename);
      if (name && /[\\/]/.test(name)) {
        out['file.path'] = name;
        const base = name.split(/[\\/]/).pop();
        if (base) out['file.name'] = base;
      }
    },
  },
  frame: { category: ['network'], type: ['protocol'], rules: [['frame.type', 'event.action']] },
  arp: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'arp',
    rules: [
      ['arp.src_ip', 'source.ip'],
      ['arp.dest_ip', 'destination.ip'],
      ['arp.src_mac', 'source.mac', 'mac'],
      ['arp.dest_mac', 'destination.mac', 'mac'],
      ['arp.opcode', 'event.action', 'lower'],
    ],
  },
  igmp: { category: ['network'], type: ['protocol'], protocol: 'igmp', rules: [['igmp.type', 'event.action', 'string']] },
  rgmp: { category: ['network'], type: ['protocol'], protocol: 'rgmp', rules: [['rgmp.type', 'event.action', 'string']] },
  stream_tcp: { category: ['network'], type: ['info'], protocol: 'tcp', rules: [] },
  stats: { kind: 'metric', category: ['host'], type: ['info'], rules: [] },
  engine: {
    category: ['host'],
    type: ['info'],
    rules: [
      ['engine.message', 'message'],
      ['engine.error', 'error.message'],
      ['engine.error_code', 'error.code', 'string'],
      ['engine.module', 'log.logger'],
      ['log_level', 'log.level', 'lower'],
    ],
  },
  template: { category: ['network'], type: ['protocol'], protocol: 'template', rules: [] },
};
