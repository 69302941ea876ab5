export type { Notification, NotificationTrigger, Notifier } from './notification.js';
export { notificationDocument, notificationSummary } from './notification.js';
export { NotificationDispatcher } from './dispatcher.js';
export { listDeliveries } from './delivery-log.js';
export type { DeliveryFilter } from './delivery-log.js';
export type { DispatcherOptions } from './dispatcher.js';
export { WebhookNotifier, signBody } from './webhook.js';
export { SlackNotifier, slackMessage } from './slack.js';
export { EmailNotifier } from './email.js';
export { SyslogNotifier } from './syslog.js';
export { cefRecord, rfc5424Message, octetCounted } from './cef.js';
import type { ChannelConfig } from '../config.js';
import type { Notifier } from './notification.js';
import { WebhookNotifier } from './webhook.js';
import { SlackNotifier } from './slack.js';
import { EmailNotifier } from './email.js';
import { SyslogNotifier } from './syslog.js';

export function buildNotifiers(channels: Record<string, ChannelConfig>, version?: string): Map<string, Notifier> {
  const out = new Map<string, Notifier>();
  for (const [name, c] of Object.entries(channels)) {
    out.set(name, c.type === 'webhook' ? new WebhookNotifier(c) : c.type === 'slack' ? new SlackNotifier(c) : c.type === 'email' ? new EmailNotifier(c) : new SyslogNotifier(c, version));
  }
  return out;
}
