import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../config/load.js';
import { projectRoot } from '../testing/project-root.js';
import { defaultAlertingConfig } from './config.js';

test('alerting config: defaults, durations with units, channels and rules as documented', () => {
  const d = defaultAlertingConfig();
  assert.deepEqual([d.dedup.window_ms, d.grouping.window_ms, d.grouping.reopen_within_ms, d.grouping.keys], [3_600_000, 14_400_000, 86_400_000, ['user', 'host', 'ip']]);
  const yaml = `alerting:
  dedup: { window_ms: 90s, keys: [host, user] }
  notifications:
    channels:
      soc_hook: { type: webhook, url: "https://soar.example.org/vigil", secret: "at least 16 characters" }
      mail: { type: email, host: smtp.example.org, from: vigil@example.org, to: [soc@example.org], password: pw }
      siem: { type: syslog, protocol: tcp, host: siem.example.org }
    rules:
      - { channels: [soc_hook], min_level: high }
      - { channels: [mail, siem], min_level: critical, on: [incident.created], rules: ["sigma-*"] }
`;
  const c = parseConfig(yaml, 'vigil.yaml').alerting;
  assert.equal(c.dedup.window_ms, 90_000);
  assert.deepEqual(c.notifications.rules[1].on, ['incident.created']);
  assert.equal(c.notifications.channels.siem.type === 'syslog' && c.notifications.channels.siem.port, 514);
});

test('alerting config errors name the line and the setting', () => {
  assert.throws(() => parseConfig('alerting:\n  notifications:\n    rules:\n      - { channels: [nope] }\n', 'vigil.yaml'), /no channel named "nope"/);
  assert.throws(() => parseConfig('alerting:\n  grouping:\n    window_ms: 4 hours\n', 'vigil.yaml'), /vigil\.yaml:3:\d+: alerting\.grouping\.window_ms: not a duration/);
});

test('the notification example in docs/configuration.md is a valid configuration', () => {
  const doc = readFileSync(join(projectRoot(), 'docs', 'configuration.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Notification channels and rules'));
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1];
  const c = parseConfig(yaml, 'configuration.md').alerting;
  assert.deepEqual(Object.keys(c.notifications.channels), ['soc_hook', 'chat', 'mail', 'siem']);
  assert.equal(c.notifications.rules.length, 3);
});
