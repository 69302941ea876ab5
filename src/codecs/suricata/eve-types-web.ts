/**
 * ECS mappings for EVE's name resolution, web, TLS and mail event types: dns, llmnr, mdns,
 * http, tls, quic, ssh, smtp, pop3, ftp, ftp_data, tftp. The same tables also apply when
 * such a section rides along on another event (an alert with its `http` object, a
 * fileinfo with its `smtp` object).
 */
import type { EcsFields } from '../../core/event.js';
import { appendUnique, asObject, asString, getPath, type EveRecord, type EveRule, type EveTypeMapping } from './eve-rules.js';

/** Answers in all DNS logging styles: v2/v3 "detailed" (answers[]), "grouped", mDNS/LLMNR per-type keys. */
function dnsAnswers(section: EveRecord, out: EcsFields): void {
  const data: string[] = [];
  const types: string[] = [];
  const ttls: number[] = [];
  const names: string[] = [];
  const ips: string[] = [];
  const answers = Array.isArray(section.answers) ? section.answers : [];
  for (const a of answers) {
    const ans = asObject(a);
    if (!ans) continue;
    const rrtype = asString(ans.rrtype);
    const rdata = asString(ans.rdata) ?? asString(ans.a) ?? asString(ans.aaaa) ?? asString(ans.cname) ?? asString(ans.ptr);
    if (rdata === undefined) continue;
    data.push(rdata);
    if (rrtype) types.push(rrtype);
    if (typeof ans.ttl === 'number') ttls.push(ans.ttl);
    const name = asString(ans.rrname);
    if (name) names.push(name);
    if (rrtype === 'A' || rrtype === 'AAAA' || ans.a !== undefined || ans.aaaa !== undefined) ips.push(rdata);
  }
  const grouped = asObject(section.grouped);
  if (grouped) {
    for (const [rrtype, values] of Object.entries(grouped)) {
      if (!Array.isArray(values)) continue;
      for (const v of values) {
        if (typeof v !== 'string') continue;
        data.push(v);
        types.push(rrtype);
        if (rrtype === 'A' || rrtype === 'AAAA') ips.push(v);
      }
    }
  }
  if (data.length > 0) out['dns.answers.data'] = data;
  if (types.length > 0) out['dns.answers.type'] = types;
  if (ttls.length > 0) out['dns.answers.ttl'] = ttls;
  if (names.length > 0) out['dns.answers.name'] = names;
  if (ips.length > 0) {
    out['dns.resolved_ip'] = ips;
    appendUnique(out, 'related.ip', ips);
  }
}

function deriveDns(sectionName: string): (rec: EveRecord, out: EcsFields) => void {
  return (rec, out) => {
    const section = asObject(rec[sectionName]);
    if (!section) return;
    const type = asString(section.type);
    if (type) out['dns.type'] = type === 'query' || type === 'request' ? 'query' : 'answer';
    const flags = (['aa', 'tc', 'rd', 'ra', 'ad', 'cd'] as const).filter((f) => section[f] === true).map((f) => f.toUpperCase());
    const listed = Array.isArray(section.flags) ? section.flags.filter((f): f is string => typeof f === 'string').map((f) => f.toUpperCase()) : [];
    const all = [...new Set([...flags, ...listed])];
    if (all.length > 0) out['dns.header_flags'] = all;
    dnsAnswers(section, out);
    appendUnique(out, 'related.hosts', [out['dns.question.name']]);
  };
}

/** Question fields of the DNS-style sections: v3 `queries[]`, v2 top-level `rrname`, v1 `query[]`. */
const QUERY_RULES = (s: string): EveRule[] => [
  [`${s}.queries.0.rrname`, 'dns.question.name'],
  [`${s}.queries.0.rrtype`, 'dns.question.type'],
  [`${s}.id`, 'dns.id', 'string'],
  [`${s}.opcode`, 'dns.op_code', 'string'],
];

const DNS_RULES: EveRule[] = [
  ...QUERY_RULES('dns'),
  ['dns.rrname', 'dns.question.name'],
  ['dns.query.0.rrname', 'dns.question.name'],
  ['dns.answer.rrname', 'dns.question.name'],
  ['dns.rrtype', 'dns.question.type'],
  ['dns.query.0.rrtype', 'dns.question.type'],
  ['dns.rcode', 'dns.response_code'],
];

function deriveHttp(rec: EveRecord, out: EcsFields): void {
  const http = asObject(rec.http);
  if (!http) return;
  const url = asString(http.url);
  const host = asString(http.hostname);
  if (url !== undefined) {
    const q = url.indexOf('?');
    out['url.path'] = q < 0 ? url : url.slice(0, q);
    if (q >= 0 && q + 1 < url.length) out['url.query'] = url.slice(q + 1);
    if (host !== undefined && url.startsWith('/')) {
      const port = typeof http.http_port === 'number' && http.http_port !== 80 ? `:${http.http_port}` : '';
      out['url.full'] = `http://${host}${port}${url}`;
    }
  }
  appendUnique(out, 'related.hosts', [host]);
}

export const WEB_EVENT_TYPES: Record<string, EveTypeMapping> = {
  dns: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'dns',
    rules: DNS_RULES,
    derive: deriveDns('dns'),
  },
  llmnr: { category: ['network'], type: ['protocol'], protocol: 'llmnr', rules: QUERY_RULES('llmnr'), derive: deriveDns('llmnr') },
  mdns: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'mdns',
    rules: [...QUERY_RULES('mdns'), ['mdns.rcode', 'dns.response_code', 'string']],
    derive: deriveDns('mdns'),
  },
  http: {
    category: ['network', 'web'],
    type: ['protocol', 'access'],
    protocol: 'http',
    rules: [
      ['http.hostname', 'url.domain'],
      ['http.hostname', 'destination.domain'],
      ['http.url', 'url.original'],
      ['http.http_method', 'http.request.method'],
      ['http.status', 'http.response.status_code'],
      ['http.http_user_agent', 'user_agent.original'],
      ['http.http_refer', 'http.request.referrer'],
      ['http.http_content_type', 'http.response.mime_type'],
      ['http.length', 'http.response.body.bytes'],
      ['http.protocol', 'http.version', 'httpVersion'],
    ],
    derive: deriveHttp,
  },
  tls: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'tls',
    rules: [
      ['tls.sni', 'tls.client.server_name'],
      ['tls.sni', 'destination.domain'],
      ['tls.version', 'tls.version', 'tlsVersion'],
      ['tls.subject', 'tls.server.subject'],
      ['tls.issuerdn', 'tls.server.issuer'],
      ['tls.serial', 'tls.server.x509.serial_number', 'hexNoColons'],
      ['tls.fingerprint', 'tls.server.hash.sha1', 'hexNoColons'],
      ['tls.notbefore', 'tls.server.not_before', 'iso'],
      ['tls.notafter', 'tls.server.not_after', 'iso'],
      ['tls.ja3.hash', 'tls.client.ja3'],
      ['tls.ja3s.hash', 'tls.server.ja3s'],
      ['tls.session_resumed', 'tls.resumed'],
      ['tls.client.subject', 'tls.client.subject'],
      ['tls.client.issuerdn', 'tls.client.issuer'],
      ['tls.subjectaltname', 'tls.server.x509.alternative_names'],
    ],
    derive(rec, out) {
      const v = asString(getPath(rec, 'tls.version'));
      if (v) out['tls.version_protocol'] = /^SSL/i.test(v) ? 'ssl' : 'tls';
      appendUnique(out, 'related.hosts', [getPath(rec, 'tls.sni')]);
    },
  },
  quic: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'quic',
    rules: [
      ['quic.sni', 'tls.client.server_name'],
      ['quic.sni', 'destination.domain'],
      ['quic.ua', 'user_agent.original'],
      ['quic.ja3.hash', 'tls.client.ja3'],
      ['quic.ja3s.hash', 'tls.server.ja3s'],
    ],
  },
  ssh: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'ssh',
    rules: [['ssh.client.software_version', 'user_agent.original']],
  },
  smtp: {
    category: ['network', 'email'],
    type: ['protocol', 'info'],
    protocol: 'smtp',
    rules: [
      ['smtp.mail_from', 'email.sender.address'],
      ['email.from', 'email.from.address'],
      ['smtp.mail_from', 'email.from.address'],
      ['email.to', 'email.to.address'],
      ['smtp.rcpt_to', 'email.to.address'],
      ['email.cc', 'email.cc.address'],
      ['email.subject', 'email.subject'],
      ['email.message_id', 'email.message_id'],
      ['email.x_mailer', 'email.x_mailer'],
      ['email.date', 'email.origination_timestamp'],
      ['email.attachment', 'email.attachments.file.name'],
    ],
  },
  pop3: {
    category: ['network', 'email'],
    type: ['protocol'],
    protocol: 'pop3',
    rules: [
      ['pop3.request.command', 'event.action', 'lower'],
      ['pop3.response.success', 'event.outcome', 'outcome'],
    ],
  },
  ftp: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'ftp',
    rules: [['ftp.command', 'event.action', 'lower']],
    derive(rec, out) {
      const codes = getPath(rec, 'ftp.completion_code');
      const last = Array.isArray(codes) ? codes[codes.length - 1] : undefined;
      const code = typeof last === 'string' ? Number(last) : NaN;
      if (Number.isFinite(code)) out['event.outcome'] = code < 400 ? 'success' : 'failure';
      if (getPath(rec, 'ftp.command') === 'USER') {
        const user = asString(getPath(rec, 'ftp.command_data'));
        if (user) {
          out['user.name'] = user;
          appendUnique(out, 'related.user', [user]);
        }
      }
    },
  },
  ftp_data: {
    category: ['network', 'file'],
    type: ['protocol'],
    protocol: 'ftp-data',
    rules: [
      ['ftp_data.filename', 'file.name'],
      ['ftp_data.command', 'event.action', 'lower'],
    ],
  },
  tftp: {
    category: ['network', 'file'],
    type: ['protocol'],
    protocol: 'tftp',
    rules: [
      ['tftp.file', 'file.name'],
      ['tftp.packet', 'event.action', 'lower'],
    ],
  },
};
