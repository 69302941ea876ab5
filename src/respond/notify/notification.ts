/** What a channel is asked to deliver, and the one JSON document every channel derives from. */
import type { DetectionLevel } from '../../detect/detection.js';
import type { Alert, Incident } from '../model.js';

export type NotificationTrigger = 'alert.created' | 'incident.created' | 'incident.reopened';

export interface Notification {
  trigger: NotificationTrigger;
  level: DetectionLevel;
  /** Rule ids behind it (one for an alert; those of the incident's alerts for an incident). */
  rule_ids: string[];
  alert?: Alert;
  incident?: Incident;
}

/** A channel: sends one notification once; throws RetryableError when trying again may help. */
export interface Notifier {
  readonly type: string;
  send(n: Notification, sentAt: number): Promise<void>;
  close?(): void;
}

export function notificationDocument(n: Notification, sentAt: number): Record<string, unknown> {
  return {
    trigger: n.trigger,
    level: n.level,
    sent_at: new Date(sentAt).toISOString(),
    ...(n.alert ? { alert: n.alert } : {}),
    ...(n.incident ? { incident: n.incident } : {}),
  };
}

/** One readable line: "[HIGH] alert: Certutil download — host web-1, user alice". */
export function notificationSummary(n: Notification): string {
  const what = n.alert ? n.alert.rule.title : n.incident?.title ?? '';
  const kind = n.trigger === 'alert.created' ? 'alert' : n.trigger === 'incident.created' ? 'new incident' : 'incident reopened';
  const e = n.alert?.entities;
  const who = e ? (['host', 'user', 'ip'] as const).filter((k) => e[k]?.length).map((k) => `${k} ${e[k]!.join(', ')}`).join(', ') : '';
  return `[${n.level.toUpperCase()}] ${kind}: ${what}${who ? ` — ${who}` : ''}`;
}
