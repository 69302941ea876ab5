/**
 * SHA-1 of a short message (≤ 55 octets: one 512-bit block), base64-encoded. Community ID
 * hashes 16–40 octets per flow. Measured on 16-octet inputs, this single-block JS version
 * costs about the same as node:crypto's one-shot `hash()` and less than half of
 * `createHash().update().digest()`, and it needs no Buffer per call. Longer input goes to
 * node:crypto. Checked against node:crypto in sha1.test.ts.
 */
import { hash } from 'node:crypto';

/** Message schedule; words 0–15 hold the padded block. */
const W = new Int32Array(80);
/** Base64 alphabet as char codes, so the digest becomes one flat string in one call. */
const B64 = Uint8Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', (c) => c.charCodeAt(0));

export function sha1Base64(data: Uint8Array, length: number): string {
  if (length > 55) return hash('sha1', data.subarray(0, length), 'base64');
  loadBlock(data, length);
  return digestBlock().slice(2);
}

/** `1:` + the base64 SHA-1, built as one flat string: the Community ID v1 text. */
export function communityIdDigest(data: Uint8Array, length: number): string {
  if (length > 55) return `1:${hash('sha1', data.subarray(0, length), 'base64')}`;
  loadBlock(data, length);
  return digestBlock();
}

function loadBlock(data: Uint8Array, length: number): void {
  // Big-endian words, then the 0x80 terminator, zeros, and the bit length (RFC 3174 §4).
  W.fill(0, 0, 16);
  for (let i = 0; i < length; i++) W[i >> 2] |= data[i] << (24 - ((i & 3) << 3));
  W[length >> 2] |= 0x80 << (24 - ((length & 3) << 3));
  W[15] = length << 3;
}

/** The digest of the block in W as Community ID text: `1:` and 28 base64 characters. */
function digestBlock(): string {
  for (let i = 16; i < 80; i++) {
    const x = W[i - 3] ^ W[i - 8] ^ W[i - 14] ^ W[i - 16];
    W[i] = (x << 1) | (x >>> 31);
  }
  let a = 0x67452301;
  let b = 0xefcdab89 | 0;
  let c = 0x98badcfe | 0;
  let d = 0x10325476;
  let e = 0xc3d2e1f0 | 0;
  let t = 0;
  // Every sum is truncated with |0 as it goes, so V8 keeps the whole loop in int32 arithmetic.
  for (let i = 0; i < 20; i++) {
    t = (((((a << 5) | (a >>> 27)) + ((b & c) | (~b & d))) | 0) + ((e + W[i]) | 0) + 0x5a827999) | 0;
    e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
  }
  for (let i = 20; i < 40; i++) {
    t = (((((a << 5) | (a >>> 27)) + (b ^ c ^ d)) | 0) + ((e + W[i]) | 0) + 0x6ed9eba1) | 0;
    e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
  }
  for (let i = 40; i < 60; i++) {
    t = (((((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d))) | 0) + ((e + W[i]) | 0) - 0x70e44324) | 0;
    e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
  }
  for (let i = 60; i < 80; i++) {
    t = (((((a << 5) | (a >>> 27)) + (b ^ c ^ d)) | 0) + ((e + W[i]) | 0) - 0x359d3e2a) | 0;
    e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
  }
  a = (a + 0x67452301) | 0;
  b = (b + (0xefcdab89 | 0)) | 0;
  c = (c + (0x98badcfe | 0)) | 0;
  d = (d + 0x10325476) | 0;
  e = (e + (0xc3d2e1f0 | 0)) | 0;
  // 160 bits: 26 full sextets, one of 4 bits padded with two zero bits, then one '='.
  return String.fromCharCode(
    49, 58, // "1:"
    B64[a >>> 26], B64[(a >>> 20) & 63], B64[(a >>> 14) & 63], B64[(a >>> 8) & 63], B64[(a >>> 2) & 63],
    B64[((a & 3) << 4) | (b >>> 28)], B64[(b >>> 22) & 63], B64[(b >>> 16) & 63], B64[(b >>> 10) & 63], B64[(b >>> 4) & 63],
    B64[((b & 15) << 2) | (c >>> 30)], B64[(c >>> 24) & 63], B64[(c >>> 18) & 63], B64[(c >>> 12) & 63], B64[(c >>> 6) & 63], B64[c & 63],
    B64[d >>> 26], B64[(d >>> 20) & 63], B64[(d >>> 14) & 63], B64[(d >>> 8) & 63], B64[(d >>> 2) & 63],
    B64[((d & 3) << 4) | (e >>> 28)], B64[(e >>> 22) & 63], B64[(e >>> 16) & 63], B64[(e >>> 10) & 63], B64[(e >>> 4) & 63],
    B64[(e & 15) << 2], 61,
  );
}
