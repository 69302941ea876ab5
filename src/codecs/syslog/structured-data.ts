/**
 * RFC 5424 §6.3 STRUCTURED-DATA: `-` or one or more `[SD-ID *(SP PARAM-NAME="PARAM-VALUE")]`.
 * Inside values `\"`, `\\` and `\]` are escapes; any other backslash is kept as is (§6.3.3).
 * A param name that repeats becomes an array, as does one repeated across duplicate SD-IDs.
 */
export type SdParams = Record<string, string | string[]>;
export type StructuredData = Record<string, SdParams>;

export type SdResult = { ok: true; data: StructuredData | undefined; end: number } | { ok: false; error: string };

const MAX_NAME = 32;

/** Sets an own property even for the key `__proto__`, which plain assignment would turn into a prototype change. */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function isNameChar(c: number): boolean {
  // PRINTUSASCII except '=', SP, ']', '"'
  return c >= 33 && c <= 126 && c !== 61 && c !== 93 && c !== 34;
}

function readName(s: string, i: number): number {
  let j = i;
  while (j < s.length && isNameChar(s.charCodeAt(j))) j++;
  return j;
}

function addParam(params: SdParams, name: string, value: string): void {
  const prev = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
  if (prev === undefined) setOwn<string | string[]>(params, name, value);
  else if (Array.isArray(prev)) prev.push(value);
  else setOwn<string | string[]>(params, name, [prev, value]);
}

/** Parses structured data starting at `pos`; `end` is the index after it (before the SP preceding MSG). */
export function parseStructuredData(s: string, pos: number): SdResult {
  if (s.charCodeAt(pos) === 45 /* - */) return { ok: true, data: undefined, end: pos + 1 };
  if (s.charCodeAt(pos) !== 91 /* [ */) return { ok: false, error: 'structured data must be "-" or start with "["' };
  const data: StructuredData = {};
  let i = pos;
  while (s.charCodeAt(i) === 91) {
    const idEnd = readName(s, i + 1);
    const id = s.slice(i + 1, idEnd);
    if (id.length === 0 || id.length > MAX_NAME) return { ok: false, error: `invalid SD-ID at ${i + 1}` };
    const params: SdParams = Object.prototype.hasOwnProperty.call(data, id) ? data[id] : {};
    setOwn(data, id, params);
    i = idEnd;
    while (s.charCodeAt(i) === 32) {
      const nameEnd = readName(s, i + 1);
      const name = s.slice(i + 1, nameEnd);
      if (name.length === 0 || name.length > MAX_NAME) return { ok: false, error: `invalid PARAM-NAME at ${i + 1}` };
      if (s.charCodeAt(nameEnd) !== 61 || s.charCodeAt(nameEnd + 1) !== 34) {
        return { ok: false, error: `expected '="' after PARAM-NAME ${name}` };
      }
      let j = nameEnd + 2;
      let value = '';
      let chunkStart = j;
      for (;;) {
        if (j >= s.length) return { ok: false, error: `unterminated PARAM-VALUE for ${name}` };
        const c = s.charCodeAt(j);
        if (c === 34) break;
        if (c === 92 /* \ */) {
          const n = s.charCodeAt(j + 1);
          if (n === 34 || n === 92 || n === 93) {
            value += s.slice(chunkStart, j);
            chunkStart = j + 1;
            j += 2;
            continue;
          }
        }
        j++;
      }
      value += s.slice(chunkStart, j);
      addParam(params, name, value);
      i = j + 1;
    }
    if (s.charCodeAt(i) !== 93) return { ok: false, error: `expected "]" at ${i}` };
    i++;
  }
  if (i < s.length && s.charCodeAt(i) !== 32) return { ok: false, error: `expected SP after structured data at ${i}` };
  return { ok: true, data, end: i };
}
