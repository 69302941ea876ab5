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
import type { YamlDocument, YEntry, YNode } from './located-yaml.js';
import { FlowReader } from './fast-yaml-flow.js';
import type { Line } from './fast-yaml-scalars.js';
import { bail, doubleQuoted, foldLines, isSeqItem, keyEnd, nullAt, plainValue, singleQuoted, stripComment, tryClose, Unsupported } from './fast-yaml-scalars.js';

export { plainValue } from './fast-yaml-scalars.js';

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

