/**
 * Flow collections (`[a, 'b']`, `{k: v}`) for the fast YAML reader, read character by character
 * across lines with every node's position.
 */
import type { Pos } from '../diagnostics.js';
import type { YEntry, YNode, YScalar } from './located-yaml.js';
import type { Line } from './fast-yaml-scalars.js';
import { bail, doubleQuoted, nullAt, plainValue, singleQuoted } from './fast-yaml-scalars.js';

/** Deeper nesting goes to the library, which reports it against its own limit. */
const MAX_DEPTH = 64;

/** Reads flow collections character by character across lines. */
export class FlowReader {
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
