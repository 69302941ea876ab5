/**
 * SHA-1 of a short message (≤ 55 octets: one 512-bit block), base64-encoded. Community ID
 * hashes 16–40 octets per flow; calling into OpenSSL costs ~1 µs of call overhead per flow,
 * while one block computed here costs a fraction of that. Longer input goes to node:crypto.
 * Checked against node:crypto in sha1.test.ts.
 */
import { hash } from 'node:crypto';

const W = new Int32Array(80);
const BLOCK = new Uint8Array(64);
const DIGEST = new Uint8Array(20);
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

function putWord(at: number, w: number): void {
  DIGEST[at] = w >>> 24;
  DIGEST[at + 1] = (w >>> 16) & 255;
  DIGEST[at + 2] = (w >>> 8) & 255;
  DIGEST[at + 3] = w & 255;
}

function base64Digest(d: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < 20; i += 3) {
    const v = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
    out += B64[v >>> 18] + B64[(v >>> 12) & 63] + B64[(v >>> 6) & 63] + B64[v & 63];
  }
  // 20 = 6·3 + 2: two octets left, one '=' of padding.
  const v = (d[18] << 16) | (d[19] << 8);
  return out + B64[v >>> 18] + B64[(v >>> 12) & 63] + B64[(v >>> 6) & 63] + '=';
}

export function sha1Base64(data: Uint8Array, length: number): string {
  if (length > 55) return hash('sha1', data.subarray(0, length), 'base64');
  BLOCK.fill(0);
  BLOCK.set(data.subarray(0, length));
  BLOCK[length] = 0x80;
  const bits = length * 8;
  BLOCK[62] = bits >>> 8;
  BLOCK[63] = bits & 255;
  for (let i = 0; i < 16; i++) W[i] = (BLOCK[4 * i] << 24) | (BLOCK[4 * i + 1] << 16) | (BLOCK[4 * i + 2] << 8) | BLOCK[4 * i + 3];
  for (let i = 16; i < 80; i++) W[i] = rotl(W[i - 3] ^ W[i - 8] ^ W[i - 14] ^ W[i - 16], 1);
  let a = 0x67452301;
  let b = 0xefcdab89 | 0;
  let c = 0x98badcfe | 0;
  let d = 0x10325476;
  let e = 0xc3d2e1f0 | 0;
  let t: number;
  // Four rounds of 20 steps, unrolled by round so that each loop body has no branch.
  for (let i = 0; i < 20; i++) {
    t = (rotl(a, 5) + ((b & c) | (~b & d)) + e + 0x5a827999 + W[i]) | 0;
    e = d; d = c; c = rotl(b, 30); b = a; a = t;
  }
  for (let i = 20; i < 40; i++) {
    t = (rotl(a, 5) + (b ^ c ^ d) + e + 0x6ed9eba1 + W[i]) | 0;
    e = d; d = c; c = rotl(b, 30); b = a; a = t;
  }
  for (let i = 40; i < 60; i++) {
    t = (rotl(a, 5) + ((b & c) | (b & d) | (c & d)) + e + (0x8f1bbcdc | 0) + W[i]) | 0;
    e = d; d = c; c = rotl(b, 30); b = a; a = t;
  }
  for (let i = 60; i < 80; i++) {
    t = (rotl(a, 5) + (b ^ c ^ d) + e + (0xca62c1d6 | 0) + W[i]) | 0;
    e = d; d = c; c = rotl(b, 30); b = a; a = t;
  }
  putWord(0, (0x67452301 + a) | 0);
  putWord(4, ((0xefcdab89 | 0) + b) | 0);
  putWord(8, ((0x98badcfe | 0) + c) | 0);
  putWord(12, (0x10325476 + d) | 0);
  putWord(16, ((0xc3d2e1f0 | 0) + e) | 0);
  return base64Digest(DIGEST);
}
