/** Slack-compatible incoming webhook (also Mattermost, Rocket.Chat): `{"text", "blocks"}`. */
import type { ChannelConfig } from '../config.js';
import { postJson } from './http-post.js';
import { notificationSummary, type Notification, type Notifier } from './notification.js';

type SlackConfig = Extract<ChannelConfig, { type: 'slack' }>;

/** Slack mrkdwn treats &, < and > as markup. */
function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function slackMessage(n: Notification): Record<string, unknown> {
  const text = notificationSummary(n);
  const lines: string[] = [];
  if (n.alert) {
    lines.push(`*Rule:* ${escapeMrkdwn(n.alert.rule.title)} (\`${escapeMrkdwn(n.alert.rule.id)}\`)`);
    if (n.alert.rule.tags.length) lines.push(`*Tags:* ${escapeMrkdwn(n.alert.rule.tags.join(', '))}`);
    for (const e of n.alert.explanation.slice(0, 5)) lines.push(`• ${escapeMrkdwn(e)}`);
  }
  if (n.incident) lines.push(`*Incident:* ${escapeMrkdwn(n.incident.title)} (${n.incident.alert_count} alerts, ${n.incident.status})`);
  const ids = [n.alert ? `alert ${n.alert.id}` : '', n.incident ? `incident ${n.incident.id}` : ''].filter(Boolean).join(' · ');
  return {
    text,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: text.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n').slice(0, 3000) || escapeMrkdwn(text) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Vigil · ${ids}` }] },
    ],
  };
}

export class SlackNotifier implements Notifier {
  readonly type = 'slack';
  constructor(private readonly cfg: SlackConfig) {}

  async send(n: Notification): Promise<void> {
    await postJson(this.cfg.url, JSON.stringify(slackMessage(n)), {}, this.cfg.timeout_ms);
  }
}
