import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { activityLevel, EventClock } from './event-clock.js';

const MONDAY = Date.UTC(2024, 2, 4);
const HOUR = 3_600_000;

describe('EventClock', () => {
  it('hands out exactly count times, never decreasing, inside the span', () => {
    const clock = new EventClock(MONDAY, 24 * HOUR, 10_000, 1);
    let last = -Infinity;
    for (let i = 0; i < 10_000; i++) {
      const ts = clock.next();
      assert.ok(ts >= last, `time ${i} went back`);
      assert.ok(ts >= MONDAY && ts < MONDAY + 24 * HOUR);
      assert.equal(ts, Math.floor(ts));
      last = ts;
    }
    assert.equal(clock.remaining, 0);
    assert.throws(() => clock.next(), RangeError);
  });

  it('is denser in office hours than at night, and on weekdays than at weekends', () => {
    const week = 7 * 24 * HOUR;
    const clock = new EventClock(MONDAY, week, 70_000, 2);
    const byHour = new Array<number>(24).fill(0);
    let weekend = 0;
    for (let i = 0; i < 70_000; i++) {
      const ts = clock.next();
      byHour[new Date(ts).getUTCHours()]++;
      if (ts >= MONDAY + 5 * 24 * HOUR) weekend++;
    }
    assert.ok(byHour[14] > 2 * byHour[3], `14h ${byHour[14]} vs 3h ${byHour[3]}`);
    // Two of seven days, at a lower level: well under 2/7 of the events.
    assert.ok(weekend / 70_000 < 0.2, `weekend share ${weekend / 70_000}`);
  });

  it('spreads a short span evenly when it has more events than milliseconds', () => {
    const clock = new EventClock(MONDAY, 1000, 5000, 3);
    const first = clock.next();
    let last = first;
    for (let i = 1; i < 5000; i++) last = clock.next();
    assert.ok(first >= MONDAY && last <= MONDAY + 999);
  });
});

describe('activityLevel', () => {
  it('has a night floor and a working-day peak', () => {
    assert.equal(activityLevel(MONDAY + 3 * HOUR), 0.25);
    assert.ok(activityLevel(MONDAY + 14 * HOUR) > 1);
    assert.ok(activityLevel(MONDAY + 14 * HOUR) > activityLevel(MONDAY - 2 * 24 * HOUR + 14 * HOUR));
  });
});
