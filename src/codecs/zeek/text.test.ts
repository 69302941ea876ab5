import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalText, canonicalTextFromBytes, decodeHeaderValue, decodeZeekText, unescapeZeekBytes } from './text.js';

test('unescapeZeekBytes decodes \\xNN and \\\\ and UTF-8 encodes the rest', () => {
  assert.deepEqual([...unescapeZeekBytes('a\\x09b')], [0x61, 0x09, 0x62]);
  assert.deepEqual([...unescapeZeekBytes('\\\\x41')], [0x5c, 0x78, 0x34, 0x31]);
  assert.deepEqual([...unescapeZeekBytes('®')], [0xc2, 0xae]);
  assert.deepEqual([...unescapeZeekBytes('😀')], [0xf0, 0x9f, 0x98, 0x80]);
  // A backslash not starting a known escape stays literal.
  assert.deepEqual([...unescapeZeekBytes('\\q\\x4')], [0x5c, 0x71, 0x5c, 0x78, 0x34]);
});

test('canonical text keeps valid UTF-8 and renders invalid bytes and controls as \\xNN', () => {
  assert.equal(canonicalTextFromBytes(Uint8Array.from([0xc3, 0xb1])), 'ñ');
  assert.equal(canonicalTextFromBytes(Uint8Array.from([0xc3, 0x28])), '\\xc3(');
  // overlong, surrogate, beyond U+10FFFF, truncated: every byte escaped
  assert.equal(canonicalTextFromBytes(Uint8Array.from([0xe0, 0x80, 0xa1])), '\\xe0\\x80\\xa1');
  assert.equal(canonicalTextFromBytes(Uint8Array.from([0xed, 0xa0, 0xa1])), '\\xed\\xa0\\xa1');
  assert.equal(canonicalTextFromBytes(Uint8Array.from([0xf4, 0x90, 0x8c, 0xbc])), '\\xf4\\x90\\x8c\\xbc');
  assert.equal(canonicalTextFromBytes(Uint8Array.from([0xf4, 0x80, 0x8c])), '\\xf4\\x80\\x8c');
  assert.equal(canonicalTextFromBytes(Uint8Array.from([0x09, 0x0a, 0x00, 0x7f, 0x41])), '\t\n\\x00\\x7fA');
  assert.equal(canonicalText('a\u0007b\nc'), 'a\\x07b\nc');
});

test('decodeZeekText composes both steps; header values decode to plain text', () => {
  assert.equal(decodeZeekText('fa\\x7c\\x7cure'), 'fa||ure');
  assert.equal(decodeZeekText('foo \\xc2\\xae bar \\\\xc2\\\\xae baz'), 'foo ® bar \\xc2\\xae baz');
  assert.equal(decodeZeekText('plain'), 'plain');
  assert.equal(decodeHeaderValue('\\x09'), '\t');
  assert.equal(decodeHeaderValue('\\xc2\\xae'), '®');
});
