import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDbControlDb } from '../../control/duckdb-control-db.js';
import { EvaluationCheckpoint } from './evaluation-checkpoint.js';

test('evaluation checkpoint: saved at most once per interval while running, always at start and stop', async () => {
  const { db, close } = await DuckDbControlDb.inMemory();
  try {
    let now = 1_000;
    const cp = new EvaluationCheckpoint(db, 5_000, () => now);
    await cp.migrate();
    assert.equal(await cp.read(), undefined);
    await cp.save({ evaluatedThrough: 900, clean: false });
    assert.deepEqual(await cp.read(), { evaluatedThrough: 900, clean: false });
    now += 4_999;
    await cp.advance(950);
    assert.deepEqual(await cp.read(), { evaluatedThrough: 900, clean: false }, 'within the interval: not saved');
    now += 1;
    await cp.advance(960);
    assert.deepEqual(await cp.read(), { evaluatedThrough: 960, clean: false });
    await cp.save({ evaluatedThrough: 970, clean: true });
    assert.deepEqual(await cp.read(), { evaluatedThrough: 970, clean: true });
  } finally {
    close();
  }
});

test('evaluation checkpoint: a failed save is reported and does not stop later saves', async () => {
  const { db, close } = await DuckDbControlDb.inMemory();
  try {
    const cp = new EvaluationCheckpoint(db, 0);
    // No table yet: this save fails.
    await assert.rejects(cp.save({ evaluatedThrough: 1, clean: false }));
    await cp.migrate();
    await cp.save({ evaluatedThrough: 2, clean: true });
    assert.deepEqual(await cp.read(), { evaluatedThrough: 2, clean: true });
  } finally {
    close();
  }
});
