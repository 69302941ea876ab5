/**
 * Forwarding to another SIEM: RFC 5424 syslog messages whose MSG is an ArcSight CEF record.
 * Over UDP one message is one datagram; over TCP messages are octet-counted (RFC 6587 §3.4.1),
 * so a CEF text holding newlines cannot split a message.
 */
import type { DetectionLevel } from '../../detect/detection.js';
import { notificationSummary, type Notification } from './notification.js';

const CEF_SEVERITY: Record<DetectionLevel, number> = { informational: 1, low: 3, medium: 5, high: 8, critical: 10 };
/** RFC 5424 severities: informational → 6 (info), ..., critical → 2 (critical). */
const SYSLOG_SEVERITY: Record<DetectionLevel, number> = { informational: 6, low: 5, medium: 4, high: 3, critical: 2 };

function headerEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

function extEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/=/g, '\\=').replace(/\r?\n/g, '\\n').replace(/\r/g, '\\r');
}

export function cefRecord(n: Notification, sentAt: number, version: string): string {
  const signature = n.alert?.rule.id ?? n.incident?.id ?? n.trigger;
  const name = n.alert?.rule.title ?? n.incident?.title ?? n.trigger;
  const ext: Array<[string, string | number | undefined]> = [
    ['rt', sentAt],
    ['cat', n.trigger],
    ['msg', notificationSummary(n)],
    ['shost', n.alert?.entities.host?.[0]],
    ['suser', n.alert?.entities.user?.[0]],
    ['src', n.alert?.entities.ip?.find((ip) => /^\d{1,3}(\.\d{1,3}){3}$/.test(ip))],
    ['cs1Label', 'alertId'],
    ['cs1', n.alert?.id],
    ['cs2Label', 'incidentId'],
    ['cs2', n.incident?.id ?? n.alert?.incident_id ?? undefined],
    ['cs3Label', 'tags'],
    ['cs3', n.alert?.rule.tags.join(',')],
    ['cnt', n.alert?.count],
  ];
  const extension = ext.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${extEscape(String(v))}`).join(' ');
  return `CEF:0|Vigil|Vigil|${headerEscape(version)}|${headerEscape(signature)}|${headerEscape(name)}|${CEF_SEVERITY[n.level]}|${extension}`;
}

/** `<PRI>1 TIMESTAMP HOST APP - MSGID - CEF:...` (no structured data; the CEF record is the message). */
export function rfc5424Message(n: Notification, sentAt: number, o: { facility: number; hostname: string; app_name: string; version: string }): string {
  const pri = o.facility * 8 + SYSLOG_SEVERITY[n.level];
  const msgid = n.trigger.replace(/[^!-~]/g, '').slice(0, 32);
  return `<${pri}>1 ${new Date(sentAt).toISOString()} ${o.hostname} ${o.app_name} - ${msgid} - ${cefRecord(n, sentAt, o.version)}`;
}

export function octetCounted(message: string): Buffer {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `, 'ascii'), body]);
}
