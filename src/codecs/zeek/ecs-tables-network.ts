/**
 * ECS mappings for Zeek's connection and application-protocol logs. One entry per log
 * stream (`#path`); columns not named here stay in the native record, which is what
 * Sigma's zeek rules match against.
 */
import type { EcsFields } from '../../core/event.js';
import { appendUnique, list, num, str, type LogMapping } from './ecs-rules.js';
import type { ZeekValue } from './record.js';

/** url.* from an HTTP-like host + URI pair. */
export function deriveUrl(host: string | undefined, uri: string | undefined, port: number | undefined, out: EcsFields): void {
  if (uri !== undefined) {
    out['url.original'] = uri;
    const q = uri.indexOf('?');
    out['url.path'] = q < 0 ? uri : uri.slice(0, q);
    if (q >= 0 && q + 1 < uri.length) out['url.query'] = uri.slice(q + 1);
  }
  if (host !== undefined) {
    out['url.domain'] = host.replace(/:\d+$/, '');
    if (uri !== undefined && uri.startsWith('/')) {
      const p = port !== undefined && port !== 80 && !/:\d+$/.test(host) ? `:${port}` : '';
      out['url.full'] = `http://${host}${p}${uri}`;
    }
  }
}

function sumBytes(a: ZeekValue | undefined, b: ZeekValue | undefined): number | undefined {
  const x = num(a);
  const y = num(b);
  return x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0);
}

export const NETWORK_MAPPINGS: Record<string, LogMapping> = {
  conn: {
    category: ['network'],
    type: ['connection'],
    rules: [
      ['service', 'network.protocol', 'lower'],
      ['duration', 'event.duration', 'ns'],
      ['orig_bytes', 'source.bytes'],
      ['resp_bytes', 'destination.bytes'],
      ['orig_pkts', 'source.packets'],
      ['resp_pkts', 'destination.packets'],
      ['conn_state', 'event.action'],
    ],
    derive(rec, out) {
      const bytes = sumBytes(rec.orig_bytes, rec.resp_bytes);
      if (bytes !== undefined) out['network.bytes'] = bytes;
      const packets = sumBytes(rec.orig_pkts, rec.resp_pkts);
      if (packets !== undefined) out['network.packets'] = packets;
      const lo = rec.local_orig;
      const lr = rec.local_resp;
      if (typeof lo === 'boolean' && typeof lr === 'boolean') {
        out['network.direction'] = lo && lr ? 'internal' : lo ? 'outbound' : lr ? 'inbound' : 'external';
      }
    },
  },
  dns: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'dns',
    rules: [
      ['query', 'dns.question.name'],
      ['qtype_name', 'dns.question.type'],
      ['qclass_name', 'dns.question.class'],
      ['rcode_name', 'dns.response_code'],
      ['trans_id', 'dns.id', 'string'],
      ['answers', 'dns.answers.data'],
      ['TTLs', 'dns.answers.ttl'],
      ['query', 'destination.domain'],
    ],
    derive(rec, out) {
      const flags = (['AA', 'TC', 'RD', 'RA'] as const).filter((f) => rec[f] === true);
      if (flags.length > 0) out['dns.header_flags'] = flags;
      const answers = list(rec.answers);
      out['dns.type'] = answers.length > 0 || rec.rcode !== undefined ? 'answer' : 'query';
      const ips = answers.filter((a): a is string => typeof a === 'string' && /^[\d.]+$|:/.test(a));
      if (ips.length > 0) {
        out['dns.resolved_ip'] = ips;
        appendUnique(out, 'related.ip', ips);
      }
      appendUnique(out, 'related.hosts', [str(rec.query)]);
    },
  },
  http: {
    category: ['network', 'web'],
    type: ['protocol', 'access'],
    protocol: 'http',
    rules: [
      ['method', 'http.request.method'],
      ['status_code', 'http.response.status_code'],
      ['version', 'http.version'],
      ['referrer', 'http.request.referrer'],
      ['user_agent', 'user_agent.original'],
      ['request_body_len', 'http.request.body.bytes'],
      ['response_body_len', 'http.response.body.bytes'],
      ['orig_mime_types', 'http.request.mime_type', 'first'],
      ['resp_mime_types', 'http.response.mime_type', 'first'],
      ['username', 'user.name'],
      ['host', 'destination.domain'],
    ],
    derive(rec, out) {
      deriveUrl(str(rec.host), str(rec.uri), num(rec['id.resp_p']), out);
      appendUnique(out, 'related.user', [str(rec.username)]);
      appendUnique(out, 'related.hosts', [str(rec.host)]);
    },
  },
  ssl: {
    category: ['network'],
    type: ['protocol'],
    protocol: 'tls',
    rules: [
      ['version', 'tls.version', 'tlsVersion'],
      ['cipher', 'tls.cipher'],
      ['curve', 'tls.curve'],
      ['server_name', 'tls.client.server_name'],
      ['server_name', 'destination.domain'],
      ['resumed', 'tls.resumed'],
      ['established', 'tls.established'],
      ['next_protocol', 'tls.next_protocol'],
      ['subject', 'tls.server.subject'],
      ['issuer', 'tls.server.issuer'],
      ['client_subject', 'tls.client.subject'],
      ['client_issuer', 'tls.client.issuer'],
      ['ja3', 'tls.client.ja3'],
      ['ja3s', 'tls.server.ja3s'],
      ['validation_status', 'event.reason'],
    ],
    derive(rec, out) {
      const v = str(rec.version);
      if (v) out['tls.version_protocol'] = v.startsWith('SSL') ? 'ssl' : v.startsWith('DTLS') ? 'dtls' : 'tls';
      appendUnique(out, 'related.hosts', [str(rec.server_name)]);
    },
  },
  x509: {
    category: ['file'],
    type: ['info'],
    rules: [
      ['fingerprint', 'file.hash.sha256'],
      ['certificate.version', 'file.x509.version_number', 'string'],
      ['certificate.serial', 'file.x509.serial_number'],
      ['certificate.subject', 'file.x509.subject.distinguished_name'],
      ['certificate.issuer', 'file.x509.issuer.distinguished_name'],
      ['certificate.not_valid_before', 'file.x509.not_before', 'iso'],
      ['certificate.not_valid_after', 'file.x509.not_after', 'iso'],
      ['certificate.key_alg', 'file.x509.public_key_algorithm'],
      ['certificate.sig_alg', 'file.x509.signature_algorithm'],
      ['certificate.key_length', 'file.x509.public_key_size'],
      ['certificate.exponent', 'file.x509.public_key_exponent'],
      ['certificate.curve', 'file.x509.public_key_curve'],
      ['san.dns', 'file.x509.alternative_names'],
      ['id', 'zeek.fuid'],
    ],
  },
  files: {
    category: ['file'],
    type: ['info'],
    rules: [
      ['fuid', 'zeek.fuid'],
      ['filename', 'file.name'],
      ['mime_type', 'file.mime_type'],
      ['total_bytes', 'file.size'],
      ['seen_bytes', 'file.size'],
      ['md5', 'file.hash.md5'],
      ['sha1', 'file.hash.sha1'],
      ['sha256', 'file.hash.sha256'],
      ['extracted', 'file.path'],
      ['source', 'network.protocol', 'lower'],
      ['tx_hosts', 'source.ip', 'first'],
      ['rx_hosts', 'destination.ip', 'first'],
    ],
    derive(rec, out) {
      appendUnique(out, 'related.ip', [...list(rec.tx_hosts), ...list(rec.rx_hosts)]);
      appendUnique(out, 'related.hash', [str(rec.md5), str(rec.sha1), str(rec.sha256)]);
    },
  },
  tunnel: { category: ['network'], type: ['connection'], rules: [['tunnel_type', 'network.type'], ['action', 'event.action']] },
  dpd: { category: ['network'], type: ['protocol', 'error'], rules: [['analyzer', 'network.protocol', 'lower'], ['failure_reason', 'error.message']] },
  analyzer: {
    category: ['network'],
    type: ['protocol', 'error'],
    rules: [['analyzer_name', 'network.protocol', 'lower'], ['failure_reason', 'error.message'], ['fuid', 'zeek.fuid']],
  },
  traceroute: { category: ['network'], type: ['info'], rules: [['src', 'source.ip'], ['dst', 'destination.ip'], ['proto', 'network.transport', 'lower']] },
};
