import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QuerySyntaxError } from './errors.js';
import { isoMicros, parseDuration, parseTime, parseTimeSpan } from './time.js';

const NOW = Date.UTC(2026, 10, 22, 12);
const H = 3_600_000;
const D = 24 * H;

test('relative times and now', () => {
  assert.equal(parseTime('now', NOW), NOW);
  assert.equal(parseTime('-24h', NOW), NOW - D);
  assert.equal(parseTime('now-7d', NOW), NOW - 7 * D);
  assert.equal(parseTime('now+30m', NOW), NOW + 30 * 60_000);
  assert.equal(parseTime('-2w', NOW), NOW - 14 * D);
  assert.equal(parseTime(' -15s ', NOW), NOW - 15_000);
});

test('ISO-8601: UTC unless an offset is given; each form stands for its precision', () => {
  assert.deepEqual(parseTimeSpan('2026-11-20', NOW), { start: Date.UTC(2026, 10, 20), end: Date.UTC(2026, 10, 21) });
  assert.deepEqual(parseTimeSpan('2026-11-20T10:05', NOW), { start: Date.UTC(2026, 10, 20, 10, 5), end: Date.UTC(2026, 10, 20, 10, 6) });
  assert.deepEqual(parseTimeSpan('2026-11-20T10:00:00', NOW), { start: Date.UTC(2026, 10, 20, 10), end: Date.UTC(2026, 10, 20, 10, 0, 1) });
  assert.deepEqual(parseTimeSpan('2026-11-20 10:00:00.250Z', NOW), { start: Date.UTC(2026, 10, 20, 10, 0, 0, 250), end: Date.UTC(2026, 10, 20, 10, 0, 0, 251) });
  assert.equal(parseTime('2026-11-20T10:00:00+02:00', NOW), Date.UTC(2026, 10, 20, 8));
  assert.equal(parseTime('2026-11-20T10:00:00-0530', NOW), Date.UTC(2026, 10, 20, 15, 30));
  assert.equal(parseTime('2026-11-20T10:00:00.123456Z', NOW), Date.UTC(2026, 10, 20, 10) + 123.456);
  assert.equal(parseTime('1763812800000', NOW), 1763812800000);
});

test('invalid times are errors that name the accepted forms and the column', () => {
  for (const bad of ['yesterday', '2026-02-30', '2026-13-01', '2026-11-20T25:00', '2026-11-20+02:00', '-5y', '', '12345']) {
    assert.throws(
      () => parseTime(bad, NOW, 7),
      (e: unknown) => e instanceof QuerySyntaxError && e.column === 7 && /^not a time: ".*"; expected ISO-8601/.test(e.message),
      bad,
    );
  }
});

test('durations for timechart spans', () => {
  assert.equal(parseDuration('15m'), 900_000);
  assert.equal(parseDuration('1d'), D);
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('0s'), undefined);
  assert.equal(parseDuration('1.5h'), undefined);
  assert.equal(parseDuration('h'), undefined);
});

test('isoMicros keeps sub-millisecond precision', () => {
  assert.equal(isoMicros(Date.UTC(2026, 0, 1)), '2026-01-01T00:00:00.000Z');
  assert.equal(isoMicros(Date.UTC(2026, 0, 1) + 1.5), '2026-01-01T00:00:00.001500Z');
  assert.equal(isoMicros(Date.UTC(2026, 0, 1) + 0.9999), '2026-01-01T00:00:00.001Z');
});
