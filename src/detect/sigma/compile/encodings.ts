/**
 * Encoding modifiers: base64, base64offset, utf16le/wide, utf16be, utf16 and windash.
 *
 * After a utf16 modifier a string holds bytes (each character code is one byte, 0-255), which is
 * how the base64 modifiers then encode it; plain strings are encoded as UTF-8.
 */
import { RuleError } from '../diagnostics.js';
import type { Pos } from '../diagnostics.js';
import type { SigmaString, StrPart } from './sigma-string.js';
import { hasSpecial, plainString, plainText, withParts } from './sigma-string.js';

export type Utf16Kind = 'utf16le' | 'utf16be' | 'utf16';

/** Byte-valued string: each char is a byte. `bytes` marks that (it changes how base64 reads it). */
export interface EncodedString extends SigmaString {
  bytes?: boolean;
}

export function utf16Encode(s: EncodedString, kind: Utf16Kind, pos: Pos): EncodedString {
  const parts: StrPart[] = [];
  if (kind === 'utf16') parts.push({ k: 'lit', s: '\xff\xfe' });
  for (const p of s.parts) {
    if (p.k !== 'lit') {
      parts.push(p);
      continue;
    }
    let out = '';
    for (const ch of p.s) {
      const code = ch.codePointAt(0)!;
      if (code > 0x7f) throw new RuleError(`${kind === 'utf16le' ? 'wide/utf16le' : kind} modifier is only defined for ASCII strings; '${p.s}' is not`, pos);
      out += kind === 'utf16be' ? '\x00' + ch : ch + '\x00';
    }
    parts.push({ k: 'lit', s: out });
  }
  return { ...withParts(parts), bytes: true };
}

function bytesOf(s: EncodedString): Buffer {
  const text = plainText(s);
  return s.bytes ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
}

export function base64Encode(s: EncodedString, pos: Pos): SigmaString {
  if (hasSpecial(s)) throw new RuleError('base64 modifier: wildcards and placeholders are not allowed in the value', pos);
  return plainString(bytesOf(s).toString('base64'));
}

const START_CUT = [0, 2, 3];
const END_CUT = [0, -3, -2];

/**
 * The three encodings of a value that starts at byte offset 0, 1 or 2 of a larger base64
 * payload, with the characters that depend on the neighbouring bytes cut off.
 */
export function base64OffsetEncode(s: EncodedString, pos: Pos): SigmaString[] {
  if (hasSpecial(s)) throw new RuleError('base64offset modifier: wildcards and placeholders are not allowed in the value', pos);
  const data = bytesOf(s);
  const out: SigmaString[] = [];
  for (let i = 0; i < 3; i++) {
    const enc = Buffer.concat([Buffer.alloc(i, 0x20), data]).toString('base64');
    const end = END_CUT[(data.length + i) % 3];
    out.push(plainString(enc.slice(START_CUT[i], end === 0 ? undefined : end)));
  }
  return out;
}

export const WINDASH_CHARS = ['-', '/', '\u2013', '\u2014', '\u2015'];
/** A dash or slash that starts a word: not preceded by a word character, followed by one. */
const WINDASH_RE = /(?<![\p{L}\p{N}\p{M}_])[-/](?=[\p{L}\p{N}\p{M}_])/gu;

/** windash: each option-like `-x` / `/x` may be written with any of the five dash characters. */
export function windash(s: SigmaString): SigmaString {
  const parts: StrPart[] = [];
  for (const p of s.parts) {
    if (p.k !== 'lit') {
      parts.push(p);
      continue;
    }
    let last = 0;
    for (const m of p.s.matchAll(WINDASH_RE)) {
      parts.push({ k: 'lit', s: p.s.slice(last, m.index) });
      parts.push({ k: 'class', chars: WINDASH_CHARS });
      last = m.index! + 1;
    }
    parts.push({ k: 'lit', s: p.s.slice(last) });
  }
  return withParts(parts);
}
