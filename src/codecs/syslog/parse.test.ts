import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSyslog } from './index.js';

const AT = Date.UTC(2024, 5, 15, 12, 0, 0);
const opts = { receivedAt: AT };

test('RFC 5424 examples (RFC 5424 §6.5)', () => {
  const a = parseSyslog('<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - BOM\'su root\' failed for lonvick on /dev/pts/8', opts);
  assert.equal(a.format, 'rfc5424');
  assert.deepEqual([a.facility, a.severity, a.version, a.hostname, a.appName, a.procId, a.msgId], [4, 2, 1, 'mymachine.example.com', 'su', undefined, 'ID47']);
  assert.equal(a.timestamp, Date.UTC(2003, 9, 11, 22, 14, 15, 3));
  assert.equal(a.message, "BOM'su root' failed for lonvick on /dev/pts/8");
  const b = parseSyslog('<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It\'s time to make the do-nuts.', opts);
  assert.equal(b.timestamp, Date.UTC(2003, 7, 24, 12, 14, 15) + 0.003);
  assert.equal(b.procId, '8710');
  const c = parseSyslog('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"]', opts);
  assert.deepEqual(c.structuredData, {
    'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' },
    'examplePriority@32473': { class: 'high' },
  });
  assert.equal(c.message, '');
  const nil = parseSyslog('<13>1 - - - - - -', opts);
  assert.equal(nil.timestamp, undefined);
  assert.equal(nil.hostname, undefined);
  assert.equal(nil.message, '');
});

test('RFC 5424 structured data: escapes, repeated params, BOM, malformed SD kept as message', () => {
  const m = parseSyslog('<13>1 2024-01-01T00:00:00Z h a - - [x@1 q="a\\"b\\\\c\\]d" q="2" raw="\\n"] \uFEFFhello', opts);
  assert.deepEqual(m.structuredData, { 'x@1': { q: ['a"b\\c]d', '2'], raw: '\\n' } });
  assert.equal(m.message, 'hello');
  const bad = parseSyslog('<13>1 2024-01-01T00:00:00Z h a - - [x@1 q="unterminated] rest', opts);
  assert.equal(bad.structuredData, undefined);
  assert.equal(bad.message, '[x@1 q="unterminated] rest');
  assert.match(bad.warnings[0], /invalid structured data/);
  const proto = parseSyslog('<13>1 2024-01-01T00:00:00Z h a - - [__proto__ polluted="yes"] m', opts);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.deepEqual(Object.keys(proto.structuredData!), ['__proto__']);
  const badTs = parseSyslog('<13>1 2024-13-01T00:00:00Z h a - - - m', opts);
  assert.equal(badTs.timestamp, undefined);
  assert.equal(badTs.message, 'm');
  assert.match(badTs.warnings[0], /invalid RFC 5424 timestamp/);
});

test('RFC 3164 and its variants', () => {
  const cases: Array<[string, Partial<Record<string, unknown>>]> = [
    ['<34>Oct 11 22:14:15 mymachine su: \'su root\' failed', { hostname: 'mymachine', appName: 'su', message: "'su root' failed", timestamp: Date.UTC(2023, 9, 11, 22, 14, 15) }],
    ['<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!', { hostname: '10.0.0.99', appName: undefined, message: 'Use the BFG!' }],
    ['Feb 11 15:23:17 dropbear[1252]: login attempt', { hostname: undefined, appName: 'dropbear', procId: '1252', message: 'login attempt' }],
    ['Jun  1 01:02:03 host postfix/smtpd[42]: connect from x', { appName: 'postfix/smtpd', procId: '42' }],
    ['Jun 25 23:53:34 [sshd] User root from 1.2.3.4', { appName: 'sshd', message: 'User root from 1.2.3.4' }],
    ['Mar  3 00:17:22 [sshd]: User root', { appName: 'sshd', hostname: undefined, message: 'User root' }],
    ['2015-04-16T18:02:50.321974+00:00 host sshd[2716]: x', { hostname: 'host', timestamp: Date.UTC(2015, 3, 16, 18, 2, 50, 321) + 0.974 }],
    ['<13>2024-06-01T10:00:00Z host app: iso in 3164', { format: 'rfc3164', timestamp: Date.UTC(2024, 5, 1, 10), message: 'iso in 3164' }],
    ['<189>Jun 14 2024 10:11:12 fw1 : %ASA-6-302013: Built', { hostname: 'fw1', timestamp: Date.UTC(2024, 5, 14, 10, 11, 12) }],
    ['<187>*Jun 14 10:11:12.345 UTC: %SYS-5-CONFIG_I: Configured', { timestamp: Date.UTC(2024, 5, 14, 10, 11, 12, 345), appName: '%SYS-5-CONFIG_I' }],
    ['Fri Jan 19 12:20:33 2007 [pid 27202] [anonymous] FAIL LOGIN', { timestamp: Date.UTC(2007, 0, 19, 12, 20, 33), hostname: undefined, message: '[pid 27202] [anonymous] FAIL LOGIN' }],
    ['Oct 30, 2021 10:34:23 host.domain.com CEF:0|a|b|c|d|e|f|', { timestamp: Date.UTC(2021, 9, 30, 10, 34, 23), hostname: 'host.domain.com', message: 'CEF:0|a|b|c|d|e|f|' }],
    ['Apr  2 17:51:27 <4.3> pancake sshd[55624]: x', { facility: 4, severity: 3, hostname: 'pancake' }],
    ['Mar 19 23:48:18 <auth.info> pancake sshd[55517]: x', { facility: 4, severity: 6, priority: 38 }],
    ['srv sshd[13709]: error: PAM', { hostname: 'srv', appName: 'sshd', timestamp: undefined, message: 'error: PAM' }],
    ['error: something without header', { hostname: undefined, appName: undefined, message: 'error: something without header' }],
    ['<13>just a message', { priority: 13, hostname: undefined, message: 'just a message' }],
    ['<999>Jan  1 00:00:00 h a: bad pri', { priority: undefined, message: '<999>Jan  1 00:00:00 h a: bad pri' }],
  ];
  for (const [line, expected] of cases) {
    const m = parseSyslog(line, opts) as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(expected)) assert.deepEqual(m[k], v, `${k} of ${line}`);
  }
  assert.deepEqual(parseSyslog('<999>x', opts).warnings, ['no timestamp in syslog header', 'invalid PRI']);
});

test('yearless timestamps: inferred year, explicit default year, time zone', () => {
  const jan1 = Date.UTC(2025, 0, 1, 0, 0, 30);
  assert.equal(parseSyslog('Dec 31 23:59:50 h a: x', { receivedAt: jan1 }).timestamp, Date.UTC(2024, 11, 31, 23, 59, 50));
  const dec31 = Date.UTC(2024, 11, 31, 23, 59, 59);
  assert.equal(parseSyslog('Jan  1 00:00:05 h a: x', { receivedAt: dec31 }).timestamp, Date.UTC(2025, 0, 1, 0, 0, 5));
  assert.equal(parseSyslog('Sep 29 16:28:02 h a: x', { receivedAt: Date.UTC(2005, 7, 14) }).timestamp, Date.UTC(2004, 8, 29, 16, 28, 2));
  assert.equal(parseSyslog('Sep 29 16:28:02 h a: x', { receivedAt: AT, defaultYear: 2005 }).timestamp, Date.UTC(2005, 8, 29, 16, 28, 2));
  assert.equal(parseSyslog('Jun  1 12:00:00 h a: x', { receivedAt: AT, timezone: 'Europe/Zurich' }).timestamp, Date.UTC(2024, 5, 1, 10));
  assert.equal(parseSyslog('Jul  1 12:00:00 h a: x', opts).timestamp, Date.UTC(2023, 6, 1, 12), 'more than a week ahead: last year');
  assert.equal(parseSyslog('Jan  1 12:00:00 h a: x', { receivedAt: AT, timezone: 'America/New_York' }).timestamp, Date.UTC(2024, 0, 1, 17));
  assert.equal(parseSyslog('Feb 30 12:00:00 h a: x', opts).timestamp, undefined);
  const leap = parseSyslog('<13>1 2016-12-31T23:59:60Z h a - - - leap', opts);
  assert.equal(leap.timestamp, Date.UTC(2016, 11, 31, 23, 59, 59, 999));
});

test('yearless timestamps: the same clock read again follows every change of context (memoized reading)', () => {
  const line = 'Sep 29 16:28:02 h a: x';
  const again = (o: Parameters<typeof parseSyslog>[1]) => [parseSyslog(line, o), parseSyslog(line, o)];
  for (const [o, want] of [
    [{ receivedAt: AT }, Date.UTC(2023, 8, 29, 16, 28, 2)],
    [{ receivedAt: Date.UTC(2025, 0, 1) }, Date.UTC(2024, 8, 29, 16, 28, 2)],
    [{ receivedAt: Date.UTC(2025, 0, 1), defaultYear: 2020 }, Date.UTC(2020, 8, 29, 16, 28, 2)],
    [{ receivedAt: Date.UTC(2025, 0, 1), defaultYear: 2020, timezone: 'Europe/Zurich' }, Date.UTC(2020, 8, 29, 14, 28, 2)],
    [{ receivedAt: Date.UTC(2025, 0, 1), timezone: 'Europe/Zurich' }, Date.UTC(2024, 8, 29, 14, 28, 2)],
  ] as const) {
    for (const m of again(o)) {
      assert.equal(m.timestamp, want, JSON.stringify(o));
      assert.equal(m.timestampText, 'Sep 29 16:28:02');
      assert.equal(m.hostname, 'h');
      assert.deepEqual(m.warnings, []);
    }
  }
  // Another clock, an invalid date twice (the memo keeps "invalid" too), then the first clock again.
  assert.equal(parseSyslog('Sep 29 16:28:03 h a: x', opts).timestamp, Date.UTC(2023, 8, 29, 16, 28, 3));
  for (let i = 0; i < 2; i++) {
    const bad = parseSyslog('Feb 30 12:00:00 h a: x', opts);
    assert.equal(bad.timestamp, undefined);
    assert.deepEqual(bad.warnings, ['no timestamp in syslog header']);
  }
  assert.equal(parseSyslog(line, opts).timestamp, Date.UTC(2023, 8, 29, 16, 28, 2));
  // At the end of a line (no space after the timestamp) the next position is the line's end.
  assert.equal(parseSyslog('<13>Sep 29 16:28:02', opts).timestamp, parseSyslog('<13>Sep 29 16:28:02', opts).timestamp);
  assert.equal(parseSyslog('<13>Sep 29 16:28:02', opts).message, '');
});

test('FreeBSD -v facility words named like Object.prototype members are not facilities', () => {
  const m = parseSyslog('Oct 11 22:14:15 <constructor.info> h app: x', opts);
  assert.equal(m.facility, undefined);
  assert.equal(m.priority, undefined);
  const known = parseSyslog('Oct 11 22:14:15 <auth.warn> h app: x', opts);
  assert.deepEqual([known.facility, known.severity, known.priority], [4, 4, 36]);
});
