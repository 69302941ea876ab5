/**
 * Generic webhook: the notification document as JSON. With a secret, `X-Vigil-Signature:
 * sha256=<hex HMAC-SHA256 of the raw body>`; `X-Vigil-Timestamp` carries the send time (epoch
 * seconds), which is also `sent_at` inside the signed body, so a receiver can refuse replays.
 */
import { createHmac } from 'node:crypto';
import type { ChannelConfig } from '../config.js';
import { postJson } from './http-post.js';
import { notificationDocument, type Notification, type Notifier } from './notification.js';

type WebhookConfig = Extract<ChannelConfig, { type: 'webhook' }>;

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export class WebhookNotifier implements Notifier {
  readonly type = 'webhook';
  constructor(private readonly cfg: WebhookConfig) {}

  async send(n: Notification, sentAt: number): Promise<void> {
    const body = JSON.stringify(notificationDocument(n, sentAt));
    const headers: Record<string, string> = { ...this.cfg.headers, 'x-vigil-timestamp': String(Math.floor(sentAt / 1000)), 'x-vigil-event': n.trigger };
    if (this.cfg.secret) headers['x-vigil-signature'] = signBody(this.cfg.secret, body);
    await postJson(this.cfg.url, body, headers, this.cfg.timeout_ms);
  }
}
