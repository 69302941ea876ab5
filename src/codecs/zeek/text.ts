/**
 * Zeek string escapes and the canonical text form shared by the TSV and JSON readers.
 *
 * Zeek's ASCII writer escapes a byte as `\xNN` (non-printable bytes, separators, a value
 * that would read as a marker) and a backslash as `\\`. Its JSON writer cannot carry raw
 * bytes, so it renders bytes that are not valid UTF-8, and control characters other than
 * \b \t \n \f \r, as the four characters `\xNN`. The canonical text form used by both
 * readers is that JSON rendering: decoding TSV escapes to bytes and re-rendering them this
 * way is what makes a TSV row and its JSON twin compare equal (the `ascii-json-utf8` and
 * `json-non-printable-escaping` baselines pin this down).
 */

const encoder = new TextEncoder();

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  return -1;
}

/** Decode `\xNN` and `\\` escapes into raw bytes; every other character is UTF-8 encoded. */
export function unescapeZeekBytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next === 0x5c) {
        out.push(0x5c);
        i += 1;
        continue;
      }
      if (next === 0x78 && i + 3 < text.length) {
        const hi = hexValue(text.charCodeAt(i + 2));
        const lo = hexValue(text.charCodeAt(i + 3));
        if (hi >= 0 && lo >= 0) {
          out.push(hi * 16 + lo);
          i += 3;
          continue;
        }
      }
    }
    if (c < 0x80) {
      out.push(c);
    } else {
      // Take a whole surrogate pair at once so astral characters encode correctly.
      const cp = text.codePointAt(i) ?? c;
      const ch = String.fromCodePoint(cp);
      for (const b of encoder.encode(ch)) out.push(b);
      if (cp > 0xffff) i += 1;
    }
  }
  return Uint8Array.from(out);
}

function hexByte(b: number): string {
  return '\\x' + b.toString(16).padStart(2, '0');
}

/** Controls that JSON can carry as short escapes; every other control is rendered `\xNN`. */
function isKeptControl(cp: number): boolean {
  return cp === 0x08 || cp === 0x09 || cp === 0x0a || cp === 0x0c || cp === 0x0d;
}

function isRenderedAsHex(cp: number): boolean {
  return (cp < 0x20 && !isKeptControl(cp)) || cp === 0x7f;
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there starts none. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i];
  if (b0 < 0x80) return 1;
  let len: number;
  let min: number;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    len = 2;
    min = 0x80;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    len = 3;
    min = 0x800;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    len = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > bytes.length) return 0;
  let cp = b0 & (len === 2 ? 0x1f : len === 3 ? 0x0f : 0x07);
  for (let k = 1; k < len; k++) {
    const b = bytes[i + k];
    if ((b & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (b & 0x3f);
  }
  // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not valid UTF-8.
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return len;
}

const decoder = new TextDecoder('utf-8');

/** Render bytes as canonical text: valid UTF-8 as characters, everything else as `\xNN`. */
export function canonicalTextFromBytes(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const len = utf8SequenceLength(bytes, i);
    if (len === 0) {
      out += hexByte(bytes[i]);
      i += 1;
    } else if (len === 1) {
      const b = bytes[i];
      out += isRenderedAsHex(b) ? hexByte(b) : String.fromCharCode(b);
      i += 1;
    } else {
      out += decoder.decode(bytes.subarray(i, i + len));
      i += len;
    }
  }
  return out;
}

/** Canonical form of a string that is already text (JSON input): only controls need rendering. */
export function canonicalText(text: string): string {
  let needs = false;
  for (let i = 0; i < text.length; i++) {
    if (isRenderedAsHex(text.charCodeAt(i))) {
      needs = true;
      break;
    }
  }
  if (!needs) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += isRenderedAsHex(c) ? hexByte(c) : text[i];
  }
  return out;
}

/** Decode one TSV field's text (escapes included) into canonical text. */
export function decodeZeekText(raw: string): string {
  // Fast path: nothing escaped and nothing to render.
  if (raw.indexOf('\\') < 0) return canonicalText(raw);
  return canonicalTextFromBytes(unescapeZeekBytes(raw));
}

/** Header values (separators, markers) are escaped the same way but are plain text afterwards. */
export function decodeHeaderValue(raw: string): string {
  return decoder.decode(unescapeZeekBytes(raw));
}
