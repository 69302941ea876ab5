/**
 * A fast reader for the YAML that Sigma rules are written in: block maps and lists, plain /
 * quoted / block scalars, flow lists and maps, comments, several documents. Loading thousands
 * of rules is dominated by YAML parsing, and this subset parses an order of magnitude faster
 * than the general library. It produces exactly what located-yaml.ts produces with the `yaml`
 * package (a test checks this on every corpus rule), and gives up (returns undefined) on
 * anything outside the subset or anything malformed: anchors, tags, directives, tabs in
 * indentation, duplicate keys. The caller then uses the `yaml` package, which also words the
 * error messages.
 */
import type { Pos } from '../diagnostics.js';
import type { YamlDocument, YEntry, YNode, YScalar } from './located-yaml.js';

class Unsupported extends Error {}

const bail = (): never => {
  throw new Unsupported();
};

interface Line {
  /** 1-based line number. */
  no: number;
  indent: number;
  text: string;
}

/** Typing of plain scalars, as the YAML 1.2 core schema (the `yaml` package default). */
export function plainValue(s: string): string | number | boolean | null {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  const c = s.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46)) return s;
  if (/^[-+]?[0-9]+$/.test(s)) return Number(s);
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return Number(s);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(s)) return NaN;
  return s;
}

export function fastParseDocuments(text: string): YamlDocument[] | undefined {
  try {
    return new FastYaml(text).documents();
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

/** Deeper nesting goes to the library, which reports it against its own limit. */
const MAX_DEPTH = 64;

class FastYaml {
  private readonly lines: Line[] = [];
  private i = 0;
  private end = 0;
  private depth = 0;

  constructor(text: string) {
    if (text.includes('\t') || text.includes('\r') || text.charCodeAt(0) === 0xfeff) bail();
    const raw = text.split('\n');
    for (let n = 0; n < raw.length; n++) {
      const t = raw[n];
      let indent = 0;
      while (t.charCodeAt(indent) === 32) indent++;
      this.lines.push({ no: n + 1, indent, text: t });
    }
  }

  documents(): YamlDocument[] {
    const docs: YamlDocument[] = [];
    let start = 0;
    const flush = (to: number, markerLine: number | undefined): void => {
      this.i = start;
      this.end = to;
      this.skipBlank();
      if (this.i >= this.end) {
        // An empty document between markers, or nothing after the last marker.
        if (markerLine !== undefined) docs.push({ node: null, pos: { line: markerLine, col: 1 } });
        return;
      }
      const pos = { line: this.lines[this.i].no, col: this.lines[this.i].indent + 1 };
      const node = this.block(-1);
      this.skipBlank();
      if (this.i < this.end) bail();
      docs.push({ node, pos });
    };
    let seenMarker: number | undefined;
    for (let n = 0; n < this.lines.length; n++) {
      const t = this.lines[n].text;
      if (t.startsWith('%') || t.startsWith('...')) bail();
      if (t === '---' || t.startsWith('--- ') || t.startsWith('---#')) {
        if (t.replace(/\s+#.*$/, '').trim() !== '---') bail();
        if (n > start || seenMarker !== undefined) flush(n, seenMarker);
        seenMarker = this.lines[n].no;
        start = n + 1;
      }
    }
    flush(this.lines.length, seenMarker);
    return docs;
  }

  private isBlank(l: Line): boolean {
    return l.indent === l.text.length || l.text.charCodeAt(l.indent) === 35; // '#'
  }

  private skipBlank(): void {
    while (this.i < this.end && this.isBlank(this.lines[this.i])) this.i++;
  }

  /** The block node starting at the next line, which must be indented more than `parent`. */
  private block(parent: number): YNode {
    this.skipBlank();
    const l = this.lines[this.i];
    if (l.indent <= parent || ++this.depth > MAX_DEPTH) bail();
    const node = isSeqItem(l.text, l.indent) ? this.sequence(l.indent) : this.mapping(l.indent, l.indent);
    this.depth--;
    return node;
  }

  private sequence(indent: number): YNode {
    const first = this.lines[this.i];
    const items: YNode[] = [];
    while (this.i < this.end) {
      this.skipBlank();
      if (this.i >= this.end) break;
      const l = this.lines[this.i];
      if (l.indent !== indent || !isSeqItem(l.text, indent)) break;
      let c = indent + 1;
      while (l.text.charCodeAt(c) === 32) c++;
      if (c >= l.text.length || l.text.charCodeAt(c) === 35) {
        this.i++;
        const next = this.peekIndent();
        items.push(next !== undefined && next > indent ? this.block(indent) : nullAt({ line: l.no, col: c + 1 }));
        continue;
      }
      if (isSeqItem(l.text, c)) bail(); // "- - x": nested inline list
      if (keyEnd(l.text, c) >= 0) items.push(this.mapping(c, indent));
      else items.push(this.inlineValue(l, c, indent));
    }
    return { kind: 'seq', pos: { line: first.no, col: indent + 1 }, items };
  }

  /** A mapping whose keys start at column `indent` (the first may follow "- " on its line). */
  private mapping(indent: number, parent: number): YNode {
    const entries: YEntry[] = [];
    const keys = new Set<string>();
    let first = true;
    let pos: Pos = { line: 0, col: 0 };
    while (this.i < this.end) {
      this.skipBlank();
      if (this.i >= this.end) break;
      const l = this.lines[this.i];
      if (!first && (l.indent !== indent || isSeqItem(l.text, indent))) break;
      if (first && l.indent !== indent && l.indent !== parent) bail();
      const col = first ? indent : l.indent;
      const k = this.key(l, col);
      if (first) pos = { line: l.no, col: col + 1 };
      first = false;
      if (keys.has(k.key)) bail(); // the library reports duplicate keys
      keys.add(k.key);
      const keyPos = { line: l.no, col: col + 1 };
      let c = k.after;
      while (l.text.charCodeAt(c) === 32) c++;
      let value: YNode;
      if (c >= l.text.length || l.text.charCodeAt(c) === 35) {
        this.i++;
        const next = this.peekIndent();
        const nextLine = next === undefined ? undefined : this.lines[this.i];
        if (next !== undefined && (next > indent || (next === indent && nextLine && isSeqItem(nextLine.text, indent)))) {
          value = next === indent ? this.sequence(indent) : this.block(indent);
        } else value = nullAt({ line: l.no, col: c + 1 });
      } else value = this.inlineValue(l, c, indent);
      entries.push({ key: k.key, keyPos, value });
    }
    return { kind: 'map', pos, entries };
  }

  private peekIndent(): number | undefined {
    this.skipBlank();
    return this.i < this.end ? this.lines[this.i].indent : undefined;
  }

  private key(l: Line, c: number): { key: string; after: number } {
    const t = l.text;
    const ch = t[c];
    if (ch === "'" || ch === '"') {
      const q = ch === "'" ? singleQuoted(t, c) : doubleQuoted(t, c);
      if (t[q.end] !== ':' || !(q.end + 1 >= t.length || t[q.end + 1] === ' ')) bail();
      return { key: q.value, after: q.end + 1 };
    }
    if ('[]{}&*!|>%@`?,-#'.includes(ch) && !(ch === '-' && t[c + 1] !== ' ' && t[c + 1] !== undefined)) bail();
    const e = keyEnd(t, c);
    if (e < 0) bail();
    const key = t.slice(c, e).trimEnd();
    if (plainValue(key) !== key) bail(); // numeric, boolean or null keys: let the library decide
    return { key, after: e + 1 };
  }

  /** A value that starts on a line at column c (after "key: " or "- "); consumes its lines. */
  private inlineValue(l: Line, c: number, parent: number): YNode {
    const t = l.text;
    const ch = t[c];
    const pos = { line: l.no, col: c + 1 };
    if ('&*!%@`?:,]}#'.includes(ch)) bail();
    if (ch === '|' || ch === '>') return this.blockScalar(l, c, parent);
    if (ch === '[' || ch === '{') return this.flow(l, c);
    if (ch === "'" || ch === '"') {
      const q = this.quotedMultiline(c, ch);
      return { kind: 'scalar', pos, value: q, source: q, quoted: true };
    }
    // Plain scalar, possibly continued on more-indented lines.
    let text = stripComment(t.slice(c)).trimEnd();
    if (text.includes(': ') || text.endsWith(':') || text.includes(' #')) bail();
    this.i++;
    while (this.i < this.end) {
      const n = this.lines[this.i];
      if (n.indent === n.text.length) {
        // An empty line inside a plain scalar is a line break; keep it simple: give up.
        let j = this.i;
        while (j < this.end && this.lines[j].indent === this.lines[j].text.length) j++;
        if (j < this.end && this.lines[j].indent > parent && !this.isBlank(this.lines[j])) bail();
        break;
      }
      if (n.indent <= parent || n.text.charCodeAt(n.indent) === 35) break;
      const more = stripComment(n.text.slice(n.indent)).trimEnd();
      if (more.includes(': ') || more.endsWith(':') || more.startsWith('- ') || more.includes(' #')) bail();
      text += ' ' + more;
      this.i++;
    }
    return { kind: 'scalar', pos, value: plainValue(text), source: text, quoted: false };
  }

  private quotedMultiline(c: number, q: string): string {
    let l = this.lines[this.i];
    let s = l.text.slice(c);
    let lineCount = 1;
    // Gather lines until the closing quote, then parse the joined text.
    for (;;) {
      const r = q === "'" ? tryClose(s, 0, "'") : tryClose(s, 0, '"');
      if (r >= 0) {
        const rest = s.slice(r + 1).trim();
        if (rest !== '' && !rest.startsWith('#')) bail();
        break;
      }
      if (this.i + lineCount >= this.end) bail();
      l = this.lines[this.i + lineCount];
      if (l.indent === l.text.length || q === '"') bail(); // empty lines and escaped breaks: library
      s += '\n' + l.text;
      lineCount++;
    }
    this.i += lineCount;
    const folded = lineCount === 1 ? s : s.replace(/[ ]*\n[ ]*/g, ' ');
    const end = folded.lastIndexOf(q);
    return q === "'" ? singleQuoted(folded.slice(0, end + 1), 0).value : doubleQuoted(folded.slice(0, end + 1), 0).value;
  }

  private blockScalar(l: Line, c: number, parent: number): YNode {
    const header = stripComment(l.text.slice(c)).trim();
    const m = /^([|>])([-+]?)([1-9]?)([-+]?)$/.exec(header);
    if (!m || (m[2] && m[4])) bail();
    const literal = m![1] === '|';
    const chomp = m![2] || m![4];
    const explicit = m![3] ? parent + Number(m![3]) : undefined;
    if (explicit !== undefined && parent < 0) bail();
    this.i++;
    const body: string[] = [];
    let indent = explicit;
    while (this.i < this.end) {
      const n = this.lines[this.i];
      const empty = n.text.trim() === '';
      if (!empty) {
        if (indent === undefined) {
          if (n.indent <= parent) break;
          indent = n.indent;
        }
        if (n.indent < indent) break;
      } else if (n.text.length > (indent ?? Infinity)) {
        // whitespace-only line longer than the indentation keeps its extra spaces
      }
      body.push(empty ? (indent !== undefined && n.text.length > indent ? n.text.slice(indent) : '') : n.text.slice(indent));
      this.i++;
    }
    // Trailing empty lines belong to chomping, not content.
    let trailing = 0;
    while (body.length > 0 && body[body.length - 1] === '') {
      body.pop();
      trailing++;
    }
    if (body.some((b) => b.startsWith(' ') || b.startsWith('\t')) && !literal) bail(); // more-indented folded lines
    let value = literal ? body.join('\n') : foldLines(body);
    if (body.length > 0) {
      if (chomp === '+') value += '\n'.repeat(trailing + 1);
      else if (chomp !== '-') value += '\n';
    } else if (chomp === '+') value = '\n'.repeat(trailing);
    return { kind: 'scalar', pos: { line: l.no, col: c + 1 }, value, source: value, quoted: false };
  }

  /** Flow list / map, possibly over several lines. */
  private flow(l: Line, c: number): YNode {
    const f = new FlowReader(this.lines, this.i, c, this.end);
    const node = f.value();
    f.skipSpace();
    const t = this.lines[f.li].text;
    const rest = t.slice(f.col).trim();
    if (rest !== '' && !rest.startsWith('#')) bail();
    this.i = f.li + 1;
    void l;
    return node;
  }
}

function isSeqItem(t: string, at: number): boolean {
  return t.charCodeAt(at) === 45 && (at + 1 >= t.length || t.charCodeAt(at + 1) === 32); // "- " or "-"
}

/** Index of the ':' that ends a plain key on this line, or -1. */
function keyEnd(t: string, c: number): number {
  const q = t[c];
  if (q === "'" || q === '"') {
    const close = tryClose(t, c, q);
    return close >= 0 && t[close + 1] === ':' && (close + 2 >= t.length || t[close + 2] === ' ') ? close + 1 : -1;
  }
  for (let i = c; i < t.length; i++) {
    const ch = t.charCodeAt(i);
    if (ch === 58 && (i + 1 >= t.length || t.charCodeAt(i + 1) === 32)) return i;
    if (ch === 35 && i > c && t.charCodeAt(i - 1) === 32) return -1; // comment
  }
  return -1;
}

function stripComment(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) === 35 && (i === 0 || s.charCodeAt(i - 1) === 32)) return s.slice(0, i);
  }
  return s;
}

/** Index of the closing quote of a quoted scalar starting at `c`, or -1. */
function tryClose(t: string, c: number, q: string): number {
  for (let i = c + 1; i < t.length; i++) {
    if (q === "'" && t[i] === "'") {
      if (t[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
    if (q === '"') {
      if (t[i] === '\\') {
        i++;
        continue;
      }
      if (t[i] === '"') return i;
    }
  }
  return -1;
}

function singleQuoted(t: string, c: number): { value: string; end: number } {
  const close = tryClose(t, c, "'");
  if (close < 0) bail();
  return { value: t.slice(c + 1, close).replace(/''/g, "'"), end: close + 1 };
}

const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' };

function doubleQuoted(t: string, c: number): { value: string; end: number } {
  const close = tryClose(t, c, '"');
  if (close < 0) bail();
  let out = '';
  for (let i = c + 1; i < close; i++) {
    const ch = t[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = t[++i];
    if (e in ESCAPES) out += ESCAPES[e];
    else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = t.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) bail();
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else bail();
  }
  return { value: out, end: close + 1 };
}

function foldLines(lines: string[]): string {
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    if (i === 0) out = lines[0];
    else if (lines[i] === '') out += '\n';
    else out += lines[i - 1] === '' ? lines[i] : ' ' + lines[i];
  }
  return out;
}

function nullAt(pos: Pos): YScalar {
  return { kind: 'scalar', pos, value: null, source: '', quoted: false };
}

/** Reads flow collections character by character across lines. */
class FlowReader {
  constructor(
    private readonly lines: Line[],
    public li: number,
    public col: number,
    private readonly end: number,
  ) {}

  private ch(): string {
    return this.lines[this.li].text[this.col] ?? '\n';
  }

  private pos(): Pos {
    return { line: this.lines[this.li].no, col: this.col + 1 };
  }

  skipSpace(): void {
    for (;;) {
      const t = this.lines[this.li].text;
      while (this.col < t.length && t[this.col] === ' ') this.col++;
      if (this.col < t.length && t[this.col] !== '#') return;
      if (this.li + 1 >= this.end) return;
      this.li++;
      this.col = 0;
    }
  }

  private depth = 0;

  value(): YNode {
    if (++this.depth > MAX_DEPTH) bail();
    const v = this.valueInner();
    this.depth--;
    return v;
  }

  private valueInner(): YNode {
    this.skipSpace();
    const c = this.ch();
    const pos = this.pos();
    if (c === '[') {
      this.col++;
      const items: YNode[] = [];
      for (;;) {
        this.skipSpace();
        if (this.ch() === ']') {
          this.col++;
          return { kind: 'seq', pos, items };
        }
        const v = this.value();
        this.skipSpace();
        if (this.ch() === ':') bail(); // single-pair maps inside lists
        items.push(v);
        this.skipSpace();
        if (this.ch() === ',') this.col++;
        else if (this.ch() !== ']') bail();
      }
    }
    if (c === '{') {
      this.col++;
      const entries: YEntry[] = [];
      const keys = new Set<string>();
      for (;;) {
        this.skipSpace();
        if (this.ch() === '}') {
          this.col++;
          return { kind: 'map', pos, entries };
        }
        const keyPos = this.pos();
        const k = this.value();
        if (k.kind !== 'scalar' || typeof k.value !== 'string' || keys.has(k.value)) bail();
        keys.add((k as YScalar).value as string);
        this.skipSpace();
        if (this.ch() !== ':') bail();
        this.col++;
        this.skipSpace();
        let v: YNode;
        if (this.ch() === ',' || this.ch() === '}') v = nullAt(this.pos());
        else v = this.value();
        entries.push({ key: (k as YScalar).value as string, keyPos, value: v });
        this.skipSpace();
        if (this.ch() === ',') this.col++;
        else if (this.ch() !== '}') bail();
      }
    }
    const t = this.lines[this.li].text;
    if (c === "'" || c === '"') {
      const q = c === "'" ? singleQuoted(t, this.col) : doubleQuoted(t, this.col);
      this.col = q.end;
      return { kind: 'scalar', pos, value: q.value, source: q.value, quoted: true };
    }
    if ('&*!|>%@`#,]}'.includes(c) || c === '\n') bail();
    let e = this.col;
    while (e < t.length) {
      const ch = t[e];
      if (ch === ',' || ch === ']' || ch === '}' || ch === '[' || ch === '{') break;
      if (ch === ':' && (e + 1 >= t.length || ' ,]}'.includes(t[e + 1]))) break;
      if (ch === '#' && t[e - 1] === ' ') break;
      e++;
    }
    const text = t.slice(this.col, e).trimEnd();
    if (text === '' || e >= t.length) bail(); // plain scalars continued on the next line: library
    this.col = e;
    return { kind: 'scalar', pos, value: plainValue(text), source: text, quoted: false };
  }
}
