import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sha1Base64 } from './sha1.js';

test('single-block SHA-1 equals node:crypto for every length 0–80', () => {
  const data = new Uint8Array(80);
  let seed = 7;
  for (let round = 0; round < 20; round++) {
    for (let i = 0; i < data.length; i++) data[i] = seed = (seed * 1103515245 + 12345) & 255;
    for (let length = 0; length <= 80; length++) {
      assert.equal(sha1Base64(data, length), createHash('sha1').update(data.subarray(0, length)).digest('base64'), `length ${length}`);
    }
  }
});
