import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashSeed, Prng, WeightedPicker, zipfWeights } from './prng.js';

describe('Prng', () => {
  it('repeats its sequence for the same seed and label, and differs across labels and seeds', () => {
    const draw = (seed: number | string, label: string) => {
      const rng = new Prng(seed, label);
      return Array.from({ length: 16 }, () => rng.u32());
    };
    assert.deepEqual(draw(7, 'a'), draw(7, 'a'));
    assert.notDeepEqual(draw(7, 'a'), draw(7, 'b'));
    assert.notDeepEqual(draw(7, 'a'), draw(8, 'a'));
    // A numeric seed and its string spelling are different seeds.
    assert.notEqual(hashSeed(7, 'a'), hashSeed('7', 'a'));
  });

  it('draws uniform floats in [0, 1) with the expected mean and spread', () => {
    const rng = new Prng(1, 'uniform');
    const n = 100_000;
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.float();
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    assert.ok(min >= 0 && max < 1);
    assert.ok(Math.abs(sum / n - 0.5) < 0.01, `mean ${sum / n}`);
  });

  it('keeps int and range inside their bounds, reaching both ends', () => {
    const rng = new Prng(2, 'bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const v = rng.range(3, 7);
      assert.ok(v >= 3 && v <= 7);
      seen.add(v);
      const k = rng.int(4);
      assert.ok(Number.isInteger(k) && k >= 0 && k < 4);
    }
    assert.deepEqual([...seen].sort(), [3, 4, 5, 6, 7]);
  });

  it('formats hex, UUIDs and Windows GUIDs', () => {
    const rng = new Prng(3, 'format');
    assert.match(rng.hex(32), /^[0-9a-f]{32}$/);
    assert.match(rng.hex(6), /^[0-9a-f]{6}$/);
    assert.match(rng.hexUpper(64), /^[0-9A-F]{64}$/);
    assert.match(rng.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(rng.windowsGuid(), /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  });

  it('draws log-normal values around the median', () => {
    const rng = new Prng(4, 'lognormal');
    const values = Array.from({ length: 20_001 }, () => rng.logNormal(1000, 1)).sort((a, b) => a - b);
    const median = values[10_000];
    assert.ok(median > 900 && median < 1100, `median ${median}`);
  });
});

describe('WeightedPicker', () => {
  it('never picks a zero-weight item and follows the weights', () => {
    const picker = new WeightedPicker(['a', 'b', 'c'], [3, 0, 1]);
    const rng = new Prng(5, 'picker');
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 40_000; i++) counts[picker.pick(rng) as 'a' | 'b' | 'c']++;
    assert.equal(counts.b, 0);
    assert.ok(Math.abs(counts.a / 40_000 - 0.75) < 0.02, JSON.stringify(counts));
  });

  it('rejects empty, mismatched, negative and all-zero weights', () => {
    assert.throws(() => new WeightedPicker([], []), RangeError);
    assert.throws(() => new WeightedPicker(['a'], [1, 2]), RangeError);
    assert.throws(() => new WeightedPicker(['a'], [-1]), RangeError);
    assert.throws(() => new WeightedPicker(['a', 'b'], [0, 0]), RangeError);
  });

  it('zipfWeights falls off with rank', () => {
    assert.deepEqual(zipfWeights(3, 1), [1, 1 / 2, 1 / 3]);
  });
});
