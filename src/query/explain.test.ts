import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainQuery } from './explain.js';
import { parseQuery } from './parser.js';

const explain = (q: string) => explainQuery(parseQuery(q));

test('the example from the issue reads as English', () => {
  assert.equal(explain('user.name:alice source.ip:10.0.0.0/8 | stats count() by host.name'), "events where user.name is 'alice' (any case) and source.ip is in 10.0.0.0/8, counted by host.name");
});

test('every term kind', () => {
  assert.equal(explain('host.name:web-*'), "events where host.name matches 'web-*' (any case)");
  assert.equal(explain('user.name:"Alice Smith"'), "events where user.name is 'Alice Smith' (any case)");
  assert.equal(explain('network.bytes:>=100'), 'events where network.bytes is at least 100');
  assert.equal(explain('port:[10 TO 20]'), 'events where port is between 10 and 20 (inclusive)');
  assert.equal(explain('port:{10 TO 20]'), 'events where port is between 10 and 20 (excluding 10, including 20)');
  assert.equal(explain('port:[1024 TO *]'), 'events where port is at least 1024');
  assert.equal(explain('tags:*'), 'events where tags is present');
  assert.equal(explain('url.full:/adm(in)?/'), 'events where url.full matches the regular expression /adm(in)?/');
  assert.equal(explain('mimikatz'), "events where the text contains 'mimikatz' (any case)");
  assert.equal(explain("user.name:o'brien"), "events where user.name is 'o\\'brien' (any case)");
});

test('boolean structure keeps its grouping', () => {
  assert.equal(explain('a:1 b:2 OR NOT c:3'), "events where a is '1' (any case) and b is '2' (any case) or not c is '3' (any case)");
  assert.equal(explain('a:1 (b:2 OR c:3)'), "events where a is '1' (any case) and (b is '2' (any case) or c is '3' (any case))");
  assert.equal(explain('NOT (a:1 b:2)'), "events where not (a is '1' (any case) and b is '2' (any case))");
});

test('pipes', () => {
  assert.equal(explain('* | stats count(), sum(network.bytes) as bytes by source.ip | sort -bytes | head 5'), 'all events, with count, sum of network.bytes as bytes by source.ip, sorted by bytes descending, first 5');
  assert.equal(explain('x | timechart span=1h count by host.name'), "events where the text contains 'x' (any case), counted per 1h interval split by host.name");
  assert.equal(explain('x | fields user.name, source.ip'), "events where the text contains 'x' (any case), showing user.name, source.ip");
});
