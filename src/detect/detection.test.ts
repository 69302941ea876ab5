import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entitiesOfEvent, mergeEntities, toDetectionLevel } from './detection.js';

test('entities come from ECS fields, distinct, lists flattened', () => {
  const e = entitiesOfEvent({ fields: { 'host.name': 'ws1', 'user.name': 'bob', 'source.ip': '10.0.0.1', 'destination.ip': '10.0.0.1', 'process.name': 'cmd.exe', 'dns.question.name': '-', 'related.ip': ['x'] } });
  assert.deepEqual(e, { host: ['ws1'], user: ['bob'], ip: ['10.0.0.1'], process: ['cmd.exe'] });
});

test('merging entities keeps each value once', () => {
  assert.deepEqual(mergeEntities({ user: ['a'], ip: ['1'] }, { user: ['a', 'b'] }), { user: ['a', 'b'], ip: ['1'] });
});

test('levels: Sigma levels pass through, unknown is medium', () => {
  assert.equal(toDetectionLevel('critical'), 'critical');
  assert.equal(toDetectionLevel(undefined), 'medium');
  assert.equal(toDetectionLevel('severe'), 'medium');
});
