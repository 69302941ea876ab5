import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from './load.js';

test('an empty config gives every default, loopback only', () => {
  const c = parseConfig('', 'vigil.yaml');
  assert.deepEqual(c.http.address, { host: '127.0.0.1', port: 8080 });
  assert.equal(c.data_dir, './vigil-data');
  assert.equal(c.http.max_body_bytes, 64 * 1024 * 1024);
  assert.equal(c.retention.max_age_days, 30);
});

test('errors name the file, line:col and the config path; every problem is listed', () => {
  const text = 'http:\n  address: "nowhere"\n  max_body_bytes: 12 parsecs\nretention:\n  max_age_dayz: 3\n';
  assert.throws(() => parseConfig(text, 'vigil.yaml'), (err: Error) => {
    assert.match(err.message, /vigil\.yaml:2:12: http\.address: not an address/);
    assert.match(err.message, /vigil\.yaml:3:19: http\.max_body_bytes: not a byte size/);
    assert.match(err.message, /vigil\.yaml:5:3: retention: Unrecognized key: "max_age_dayz"/);
    return true;
  });
});

test('YAML syntax errors carry a position; overrides are validated too', () => {
  assert.throws(() => parseConfig('http: [unclosed\n', 'v.yaml'), /v\.yaml:\d+:\d+/);
  const c = parseConfig('', 'v.yaml', { http_address: '127.0.0.1:0', data_dir: '/tmp/x' });
  assert.deepEqual(c.http.address, { host: '127.0.0.1', port: 0 });
  assert.throws(() => parseConfig('', 'v.yaml', { http_address: 'bad' }), /http\.address/);
});
