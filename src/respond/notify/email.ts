/**
 * Email over SMTP (nodemailer). Connection failures and 4xx replies are retryable; 5xx replies
 * (mailbox unknown, relay refused) are not. The password goes to the transport only.
 */
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { RetryableError } from '../../core/errors.js';
import type { ChannelConfig } from '../config.js';
import { notificationDocument, notificationSummary, type Notification, type Notifier } from './notification.js';

type EmailConfig = Extract<ChannelConfig, { type: 'email' }>;

export class EmailNotifier implements Notifier {
  readonly type = 'email';
  private readonly transport: Transporter;

  constructor(private readonly cfg: EmailConfig) {
    this.transport = nodemailer.createTransport({
      host: cfg.host,
      port: cfg.port,
      secure: cfg.secure,
      requireTLS: cfg.require_tls ?? (!cfg.secure && cfg.password !== undefined),
      ...(cfg.user ? { auth: { user: cfg.user, pass: cfg.password ?? '' } } : {}),
      connectionTimeout: cfg.timeout_ms,
      greetingTimeout: cfg.timeout_ms,
      socketTimeout: cfg.timeout_ms,
      logger: false,
      debug: false,
    });
  }

  async send(n: Notification, sentAt: number): Promise<void> {
    const doc = notificationDocument(n, sentAt);
    const text = [notificationSummary(n), '', ...(n.alert?.explanation ?? []), '', JSON.stringify(doc, null, 2)].join('\n');
    try {
      await this.transport.sendMail({ from: this.cfg.from, to: this.cfg.to, subject: `Vigil ${notificationSummary(n)}`.slice(0, 200), text });
    } catch (err) {
      const e = err as { responseCode?: number; code?: string; message?: string };
      const what = e.responseCode ? `SMTP ${e.responseCode}` : `SMTP ${e.code ?? 'error'}`;
      if (e.responseCode !== undefined && e.responseCode >= 500) throw new Error(`${what} (not retried)`);
      throw new RetryableError(what);
    }
  }

  close(): void {
    this.transport.close();
  }
}
