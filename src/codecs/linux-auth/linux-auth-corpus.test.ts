/**
 * Conformance against fail2ban's labelled auth logs (../shared/corpora/linux-auth-fail2ban).
 *
 * For every labelled line we decode it as a syslog line received at fail2ban's test clock
 * (2005-08-14 10:00 UTC, so yearless lines fall in 2005, or 2004 when that would be in the
 * future; zone-less times read in Europe/Zurich, the zone fail2ban's labels are written in)
 * and check:
 *   match — fail2ban's "auth failure from this host": ours is event.outcome=failure with a source;
 *   host  — source.address (IPv4-mapped IPv6 reported as IPv4), or the label's ip4/ip6;
 *   time  — @timestamp rendered in Europe/Zurich (for matched lines, as fail2ban checks it);
 *   user  — user.name, where the label names one.
 * Lines of one file go through one PeerMemory, so sshd lines without an address take the one
 * an earlier line of the same pid named (fail2ban does the same with its multi-line matching).
 * Labels are read as fail2ban's "aggressive" mode (the superset of its modes) for the sshd filter.
 * Differences that come from fail2ban being a stateful ban tool, not an event classifier, are
 * listed below line by line with the reason; the test fails if a listed line starts to pass,
 * so the list stays exact.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath } from '../../testing/corpora.js';
import { decodeSyslogLine } from '../syslog/index.js';
import { constraintHolds, readLabelledLines, type LabelledLine } from './fail2ban-labels.js';
import { EXCLUSIONS, type Check } from './fail2ban-exclusions.js';
import { PeerMemory } from './peer-memory.js';

const RECEIVED_AT = Date.UTC(2005, 7, 14, 10, 0, 0);
const ZONE = 'Europe/Zurich';
const zurich = new Intl.DateTimeFormat('sv-SE', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

function localTime(ts: number): string {
  return zurich.format(new Date(Math.floor(ts / 1000) * 1000)).replace(' ', 'T');
}

interface Outcome {
  check: Check;
  ok: boolean;
  detail: string;
}

function evaluate(l: LabelledLine, peerMemory: PeerMemory): Outcome[] {
  const rec = decodeSyslogLine(l.line, { receivedAt: RECEIVED_AT, timezone: ZONE, peerMemory });
  const f = rec.fields;
  const ours = f['event.outcome'] === 'failure' && typeof f['source.address'] === 'string';
  const out: Outcome[] = [{ check: 'match', ok: ours === l.label.match, detail: `expected match=${l.label.match}, got ${ours} (${f['event.action'] ?? 'unclassified'})` }];
  const host = l.label.host ?? l.label.ip4 ?? l.label.ip6;
  if (l.label.match && host !== undefined) {
    out.push({ check: 'host', ok: f['source.address'] === host, detail: `expected host ${host}, got ${String(f['source.address'])}` });
  }
  if (l.label.match && l.label.user !== undefined) {
    out.push({ check: 'user', ok: (f['user.name'] ?? '') === l.label.user, detail: `expected user "${l.label.user}", got "${String(f['user.name'] ?? '')}"` });
  }
  // fail2ban verifies times only of lines it matches; several unmatched labels carry stale times.
  if (l.label.match && l.label.time !== undefined) {
    const got = rec.ts === undefined ? 'none' : localTime(rec.ts);
    out.push({ check: 'time', ok: got === l.label.time, detail: `expected time ${l.label.time}, got ${got}` });
  }
  return out;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? [] : [name])).sort();
}

test('fail2ban labelled auth lines: match, host, user and time', (t) => {
  const dir = corpusPath(t, 'linux-auth-fail2ban', 'logs');
  if (!dir) return;
  const failures: string[] = [];
  const stale: string[] = [];
  const seenExclusions = new Set<string>();
  let labelled = 0;
  let notApplicable = 0;
  let fullyRight = 0;
  let checks = 0;
  let checksRight = 0;
  for (const file of listFiles(dir)) {
    // One memory per file, fed in file order, as one source would see the lines.
    const memory = new PeerMemory();
    for (const l of readLabelledLines(join(dir, file), file)) {
      labelled++;
      if (!constraintHolds(l.label.constraint, { mode: 'aggressive', name: 'sshd' })) {
        notApplicable++;
        continue;
      }
      const key = `${file}:${l.lineNo}`;
      const excluded = EXCLUSIONS[key];
      if (excluded) seenExclusions.add(key);
      let allOk = true;
      for (const o of evaluate(l, memory)) {
        checks++;
        if (o.ok) checksRight++;
        else allOk = false;
        const isExcluded = excluded?.checks.includes(o.check) ?? false;
        if (isExcluded && o.ok) stale.push(`${key} ${o.check}: listed as excluded but passes`);
        if (!isExcluded && !o.ok) failures.push(`${key} ${o.check}: ${o.detail}\n    ${l.line}`);
      }
      if (allOk) fullyRight++;
    }
  }
  const unknown = Object.keys(EXCLUSIONS).filter((k) => !seenExclusions.has(k));
  const applicable = labelled - notApplicable;
  t.diagnostic(`labelled lines: ${labelled}, applicable in aggressive mode: ${applicable}, fully right: ${fullyRight} (${((100 * fullyRight) / applicable).toFixed(1)}%)`);
  t.diagnostic(`checks right: ${checksRight}/${checks} (${((100 * checksRight) / checks).toFixed(1)}%); excluded lines: ${Object.keys(EXCLUSIONS).length}`);
  assert.deepEqual(unknown, [], 'exclusions that name no labelled line');
  assert.deepEqual(stale, [], 'exclusions that no longer apply');
  assert.deepEqual(failures, [], 'labelled lines that disagree');
  assert.ok(applicable > 200, `expected the whole corpus, saw ${applicable} applicable labelled lines`);
});

test('FreeBSD syslogd -v/-vv and plain lines (unlabelled): every line is an sshd auth failure from the sender', (t) => {
  const dir = corpusPath(t, 'linux-auth-fail2ban', 'logs', 'bsd');
  if (!dir) return;
  for (const file of listFiles(dir)) {
    const lines = readLabelledLines(join(dir, file), file);
    assert.equal(lines.length, 0, 'bsd files carry no labels');
  }
  for (const file of listFiles(dir)) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n').filter((x) => x.trim() !== '')) {
      const rec = decodeSyslogLine(line, { receivedAt: RECEIVED_AT, timezone: ZONE });
      assert.equal(rec.fields['host.name'], 'pancake', line);
      assert.equal(rec.fields['process.name'], 'sshd', line);
      assert.equal(rec.fields['event.outcome'], 'failure', line);
      const addr = /from (\S+?)(?: port \d+ ssh2)?$/.exec(line)![1];
      assert.equal(rec.fields['source.address'], addr, line);
      assert.ok(rec.ts !== undefined && localTime(rec.ts).endsWith(line.slice(7, 15)), line);
      if (file === 'syslog-vv.txt') assert.equal(rec.fields['log.syslog.facility.name'], 'auth', line);
      if (file === 'syslog-v.txt') assert.equal(rec.fields['log.syslog.facility.code'], 4, line);
    }
  }
});
