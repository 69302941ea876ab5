import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Prng } from './prng.js';
import { TimeFormatter } from './time-format.js';

describe('TimeFormatter', () => {
  it('matches Date#toISOString for times across days, months and years, in any order', () => {
    const time = new TimeFormatter();
    const rng = new Prng(1, 'times');
    const start = Date.UTC(2023, 11, 31, 22);
    for (let i = 0; i < 5000; i++) {
      const ts = start + rng.int(4 * 86_400_000);
      const iso = new Date(ts).toISOString();
      assert.equal(time.iso(ts), iso);
      assert.equal(time.isoSeconds(ts), `${iso.slice(0, 19)}Z`);
      assert.equal(time.isoMicros(ts), `${iso.slice(0, 23)}000Z`);
      assert.equal(time.sysmonUtc(ts), `${iso.slice(0, 10)} ${iso.slice(11, 23)}`);
    }
  });

  it('truncates fractional milliseconds instead of rounding into the next second', () => {
    const time = new TimeFormatter();
    assert.equal(time.iso(Date.UTC(2024, 0, 1, 0, 0, 0, 999) + 0.9), '2024-01-01T00:00:00.999Z');
  });
});
