import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bodySummary } from './audit-hook.js';

test('the audited body keeps scalars and lists of scalars, drops secrets, nested objects and long text', () => {
  const summary = bodySummary({
    name: 'alice', role: 'admin', password: 'hunter22hunter22', current_password: 'x', new_password: 'y', token: 't', csrf: 'c',
    ids: ['a', 'b'], enabled: false, assignee: null, limit: 5,
    event: { CommandLine: 'whatever' }, rows: [{ a: 1 }], yaml: 'y'.repeat(600),
  });
  assert.deepEqual(Object.keys(summary).sort(), ['assignee', 'enabled', 'ids', 'limit', 'name', 'role', 'yaml']);
  assert.equal((summary.yaml as string).length, 501);
  assert.deepEqual(bodySummary('text'), {});
  assert.deepEqual(bodySummary([1, 2]), {});
});
