import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDiagnostic } from '../diagnostics.js';
import { loadSigmaText } from './collection.js';

test('every error of a rule set is collected with file:line:col, and good rules still load', () => {
  const text = [
    'title: good',
    'logsource: {product: windows, service: security}',
    'detection:',
    '  selection: {EventID: 4624}',
    '  condition: selection',
    '---',
    'title: bad level and logsource',
    'level: urgent',
    'logsource: []',
    'detection:',
    '  selection: {EventID: 1}',
    '  condition: selection',
    '---',
    'logsource: {product: windows}',
    'detection:',
    '  condition: sel',
    '---',
    'title: broken yaml',
    'detection: [',
  ].join('\n');
  const set = loadSigmaText([{ text, name: 'rules.yml' }]);
  assert.equal(set.rules.length, 1);
  assert.equal(set.rules[0].title, 'good');
  const errors = set.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  assert.ok(errors.some((e) => e.startsWith("rules.yml:8:8: error: level 'urgent' is not one of")), errors.join('\n'));
  assert.ok(errors.some((e) => e.startsWith('rules.yml:9:12: error: logsource must be a map')), errors.join('\n'));
  assert.ok(errors.some((e) => e.startsWith('rules.yml:14:1: error: missing required attribute: title')), errors.join('\n'));
  assert.ok(errors.some((e) => /^rules\.yml:1[7-9]:\d+: error: YAML:/.test(e)), errors.join('\n'));
  assert.equal(set.rejected.length, 3);
});

test('rule collections: action global is merged into the following documents, reset clears it, repeat reuses the previous rule', () => {
  const text = [
    'action: global',
    'title: Base',
    'logsource: {product: windows}',
    'detection:',
    '  condition: selection',
    '---',
    'logsource: {service: security}',
    'detection:',
    '  selection: {EventID: 4624}',
    '---',
    'action: repeat',
    'title: Repeated',
    'detection:',
    '  selection: {EventID: 4625}',
    '---',
    'action: reset',
    '---',
    'title: Alone',
    'logsource: {product: linux}',
    'detection:',
    '  keywords: [x]',
    '  condition: keywords',
  ].join('\n');
  const set = loadSigmaText([{ text, name: 'collection.yml' }]);
  assert.deepEqual(set.diagnostics.filter((d) => d.severity === 'error'), []);
  assert.deepEqual(
    set.rules.map((r) => [r.title, r.logsource]),
    [
      ['Base', { product: 'windows', service: 'security' }],
      ['Repeated', { product: 'windows', service: 'security' }],
      ['Alone', { product: 'linux' }],
    ],
  );
  assert.deepEqual([...set.rules[1].detection.identifiers.keys()], ['selection']);
});

test('correlation and filter documents are parsed with their attributes', () => {
  const text = [
    'title: c',
    'name: c1',
    'correlation:',
    '  type: value_count',
    '  rules: [a]',
    '  group-by: [Host]',
    '  timespan: 90m',
    '  condition: {field: User, gt: 5, lte: 10}',
    '  aliases: {ip: {a: SourceIp}}',
    '---',
    'title: f',
    'logsource: {product: windows}',
    'filter:',
    '  rules: any',
    '  selection: {User: admin}',
    '  condition: not selection',
    '---',
    'title: bad correlation',
    'correlation:',
    '  type: event_counter',
    '  rules: [a]',
    '  timespan: 5 minutes',
    '  condition: {more: 3}',
  ].join('\n');
  const set = loadSigmaText([{ text, name: 'c.yml' }]);
  const c = set.correlations[0];
  assert.equal(c.type, 'value_count');
  assert.equal(c.timespanMs, 90 * 60_000);
  assert.deepEqual(c.condition.comparisons, [{ op: 'gt', value: 5 }, { op: 'lte', value: 10 }]);
  assert.equal(c.condition.field, 'User');
  assert.equal(c.aliases.get('ip')?.get('a'), 'SourceIp');
  assert.equal(set.filters[0].rules, 'any');
  const errors = set.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.col} ${d.message}`);
  assert.ok(errors.some((e) => e.startsWith("20:9 correlation type 'event_counter'")), errors.join('\n'));
  assert.ok(errors.some((e) => e.startsWith("22:13 timespan '5 minutes'")), errors.join('\n'));
  assert.ok(errors.some((e) => e.startsWith("23:15 unknown correlation condition item 'more'")), errors.join('\n'));
});
