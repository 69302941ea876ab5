/**
 * ArcSight Common Event Format: `CEF:Version|Device Vendor|Device Product|Device Version|
 * Device Event Class ID|Name|Severity|Extension`.
 *
 * Header fields escape `|` and `\` with a backslash. The extension is space-separated
 * `key=value` pairs whose values may contain spaces; in values `\=`, `\\`, `\n`, `\r` are
 * escapes. A value ends where the next ` key=` begins, so a key is a run of key characters
 * preceded by a space and followed by an unescaped `=`. An `=` not so preceded (a URL query,
 * a vendor that forgot to escape) stays inside the value.
 */
export interface CefRecord {
  version: number;
  deviceVendor: string;
  deviceProduct: string;
  deviceVersion: string;
  signatureId: string;
  name: string;
  severity: string;
  extensions: Record<string, string>;
}

export type CefResult = { ok: true; record: CefRecord; warnings: string[] } | { ok: false; error: string };

const PREFIX_SEARCH_LIMIT = 256;

/** Index of `CEF:<digit>` at the start of `text` or after a space within its first bytes; -1 if none. */
export function findCefStart(text: string): number {
  let i = text.indexOf('CEF:');
  while (i >= 0 && i <= PREFIX_SEARCH_LIMIT) {
    const d = text.charCodeAt(i + 4);
    if ((i === 0 || text.charCodeAt(i - 1) === 32) && d >= 48 && d <= 57) return i;
    i = text.indexOf('CEF:', i + 1);
  }
  return -1;
}

function unescapeHeader(s: string): string {
  return s.indexOf('\\') < 0 ? s : s.replace(/\\([|\\])/g, '$1');
}

function unescapeValue(s: string): string {
  if (s.indexOf('\\') < 0) return s;
  return s.replace(/\\([=\\|nr])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

function isKeyChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45 || c === 91 || c === 93;
}

function isEscaped(s: string, pos: number): boolean {
  let n = 0;
  for (let i = pos - 1; i >= 0 && s.charCodeAt(i) === 92; i--) n++;
  return n % 2 === 1;
}

/** True when an odd run of backslashes (not reaching back before `from`) precedes `pos`. */
function isEscapedAfter(s: string, from: number, pos: number): boolean {
  let n = 0;
  for (let i = pos - 1; i >= from && s.charCodeAt(i) === 92; i--) n++;
  return n % 2 === 1;
}

function setOwn(obj: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/**
 * Keys nearly every extension uses: the CEF dictionary names the ECS mapping reads, and the
 * custom-field pairs. A key found here is taken as this constant string, which V8 keeps
 * internalized, so the duplicate check and the store use it as is; a freshly sliced key must
 * first be looked up in V8's string table by each of them (~0.15 µs for a 6-key extension).
 */
const COMMON_KEYS = [
  'act', 'app', 'cat', 'cnt', 'dhost', 'dmac', 'dntdom', 'dpid', 'dpriv', 'dproc', 'dpt', 'dst', 'dtz', 'duid', 'duser', 'dvc',
  'dvchost', 'dvcmac', 'dvcpid', 'end', 'externalId', 'fileHash', 'filePath', 'fname', 'fsize', 'in', 'msg', 'out', 'outcome',
  'proto', 'reason', 'request', 'requestClientApplication', 'requestMethod', 'rt', 'shost', 'smac', 'sntdom', 'spid', 'spriv',
  'sproc', 'spt', 'src', 'start', 'suid', 'suser', 'deviceDirection', 'deviceExternalId', 'deviceFacility',
  'deviceInboundInterface', 'deviceOutboundInterface', 'deviceProcessName', 'destinationTranslatedAddress',
  'destinationTranslatedPort', 'sourceTranslatedAddress', 'sourceTranslatedPort',
  'cs1', 'cs2', 'cs3', 'cs4', 'cs5', 'cs6', 'cs1Label', 'cs2Label', 'cs3Label', 'cs4Label', 'cs5Label', 'cs6Label',
  'cn1', 'cn2', 'cn3', 'cn1Label', 'cn2Label', 'cn3Label',
];

/** COMMON_KEYS by length and first character code. */
const COMMON_KEYS_BY_SHAPE = new Map<number, string[]>();
for (const k of COMMON_KEYS) {
  const shape = k.length * 128 + k.charCodeAt(0);
  const list = COMMON_KEYS_BY_SHAPE.get(shape);
  if (list) list.push(k);
  else COMMON_KEYS_BY_SHAPE.set(shape, [k]);
}

/** `ext.slice(start, end)`, as the constant from COMMON_KEYS when it is one (key characters are ASCII). */
function extensionKey(ext: string, start: number, end: number): string {
  const candidates = COMMON_KEYS_BY_SHAPE.get((end - start) * 128 + ext.charCodeAt(start));
  if (candidates !== undefined) {
    for (let i = 0; i < candidates.length; i++) if (ext.startsWith(candidates[i], start)) return candidates[i];
  }
  return ext.slice(start, end);
}

/**
 * Splits a CEF/LEEF-style space-separated extension into key/value pairs. One pass: a pair is
 * stored when the next key is found (its value ends before that key), the last at the end.
 */
export function parseCefExtension(ext: string, warnings: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  let prevStart = -1;
  let prevEq = -1;
  for (let eq = ext.indexOf('='); eq >= 0; eq = ext.indexOf('=', eq + 1)) {
    if (isEscaped(ext, eq)) continue;
    let k = eq;
    while (k > 0 && isKeyChar(ext.charCodeAt(k - 1))) k--;
    if (k === eq) continue;
    if (k > 0 && ext.charCodeAt(k - 1) !== 32) continue;
    if (prevStart >= 0) addPair(out, ext, prevStart, prevEq, k - 1, false, warnings);
    else if (k > 0 && ext.slice(0, k).trim().length > 0) warnings.push('CEF extension has text before its first key');
    prevStart = k;
    prevEq = eq;
  }
  if (prevStart < 0) {
    if (ext.trim().length > 0) warnings.push('CEF extension has no key=value pairs');
    return out;
  }
  addPair(out, ext, prevStart, prevEq, ext.length, true, warnings);
  return out;
}

/** Stores the pair whose key is `ext[start, eq)` and whose value runs from `eq + 1` to `valueEnd`. */
function addPair(out: Record<string, string>, ext: string, start: number, eq: number, valueEnd: number, last: boolean, warnings: string[]): void {
  const key = extensionKey(ext, start, eq);
  const raw = ext.slice(eq + 1, Math.max(eq + 1, valueEnd));
  if (Object.prototype.hasOwnProperty.call(out, key)) warnings.push(`CEF extension key ${key} repeated; last value kept`);
  setOwn(out, key, unescapeValue(last ? trimEnd(raw) : raw));
}

/** `s.replace(/\s+$/, '')`, without the regex when there is nothing to trim (the usual case). */
function trimEnd(s: string): string {
  const c = s.charCodeAt(s.length - 1);
  return c > 32 && c < 128 ? s : s.replace(/\s+$/, '');
}

/** The 7 header `|` positions of the message being parsed: parseCef is synchronous and never re-entered. */
const bars = new Int32Array(7);

/** Header field between the bars at `from` and `to`, unescaped. */
function headerField(text: string, from: number, to: number): string {
  return unescapeHeader(text.slice(from + 1, to));
}

export function parseCef(text: string): CefResult {
  if (!text.startsWith('CEF:')) return { ok: false, error: 'not a CEF message (no "CEF:" prefix)' };
  // Header field boundaries: the 7 unescaped `|` after `CEF:`.
  // Found with indexOf (a native scan) rather than char by char; a `|` is escaped when an odd
  // run of backslashes precedes it, which is what skipping each backslash's next character decides.
  let count = 0;
  for (let i = text.indexOf('|', 4); i >= 0 && count < 7; i = text.indexOf('|', i + 1)) {
    if (!isEscapedAfter(text, 4, i)) bars[count++] = i;
  }
  if (count < 7) return { ok: false, error: `CEF header has ${count} of 7 "|"-separated fields` };
  const versionText = text.slice(4, bars[0]);
  const version = Number(versionText.trim());
  if (!Number.isInteger(version) || versionText.trim() === '') return { ok: false, error: `invalid CEF version "${versionText.slice(0, 16)}"` };
  const warnings: string[] = [];
  const record: CefRecord = {
    version,
    deviceVendor: headerField(text, bars[0], bars[1]),
    deviceProduct: headerField(text, bars[1], bars[2]),
    deviceVersion: headerField(text, bars[2], bars[3]),
    signatureId: headerField(text, bars[3], bars[4]),
    name: headerField(text, bars[4], bars[5]),
    severity: headerField(text, bars[5], bars[6]).trim(),
    extensions: parseCefExtension(text.slice(bars[6] + 1), warnings),
  };
  return { ok: true, record, warnings };
}
