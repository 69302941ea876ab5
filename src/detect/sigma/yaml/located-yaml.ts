/**
 * YAML → a small tree of nodes that remember where they came from (1-based line:col), so that
 * every rule error can name file:line:col. Built on the `yaml` package's CST-backed documents
 * and its LineCounter.
 *
 * Untrusted input is bounded: file size, nesting depth and alias expansion are capped, so a
 * hostile rule file (deep nesting, "billion laughs" aliases) is an error, not a hang.
 */
import { Alias, isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { Pos, SigmaDiagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import { fastParseDocuments } from './fast-yaml.js';

export interface YMap {
  kind: 'map';
  pos: Pos;
  entries: YEntry[];
}
export interface YEntry {
  key: string;
  keyPos: Pos;
  value: YNode;
}
export interface YSeq {
  kind: 'seq';
  pos: Pos;
  items: YNode[];
}
export interface YScalar {
  kind: 'scalar';
  pos: Pos;
  value: string | number | boolean | null;
  /** The text as written (for numbers: `0x10`, `1e3`), so a value can be matched as the rule author wrote it. */
  source: string;
  quoted: boolean;
}
export type YNode = YMap | YSeq | YScalar;

export interface YamlDocument {
  /** Null for an empty document. */
  node: YNode | null;
  pos: Pos;
}

export interface YamlLimits {
  max_file_bytes: number;
  max_depth: number;
  max_nodes: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = { max_file_bytes: 4 * 1024 * 1024, max_depth: 64, max_nodes: 200_000 };

class LimitExceeded extends Error {}

export function parseYamlDocuments(
  text: string,
  file: string,
  limits: YamlLimits = DEFAULT_YAML_LIMITS,
): { docs: YamlDocument[]; errors: SigmaDiagnostic[] } {
  if (text.length <= limits.max_file_bytes) {
    // The Sigma subset of YAML has a fast reader; anything else (and every error) goes to the library.
    const fast = fastParseDocuments(text);
    if (fast && countNodes(fast) <= limits.max_nodes) return { docs: fast, errors: [] };
  }
  return parseYamlDocumentsImpl(text, file, limits);
}

function parseYamlDocumentsImpl(text: string, file: string, limits: YamlLimits): { docs: YamlDocument[]; errors: SigmaDiagnostic[] } {
  const errors: SigmaDiagnostic[] = [];
  if (text.length > limits.max_file_bytes) {
    errors.push(diagnostic('error', file, { line: 1, col: 1 }, `file is larger than ${limits.max_file_bytes} bytes; refusing to parse`));
    return { docs: [], errors };
  }
  const lineCounter = new LineCounter();
  const posOf = (offset: number | undefined): Pos => {
    const p = lineCounter.linePos(offset ?? 0);
    return { line: p.line, col: p.col };
  };
  let parsed: Document.Parsed[];
  try {
    parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false }) as Document.Parsed[];
  } catch (err) {
    errors.push(diagnostic('error', file, { line: 1, col: 1 }, `YAML: ${(err as Error).message}`));
    return { docs: [], errors };
  }
  if (!Array.isArray(parsed)) parsed = [parsed as unknown as Document.Parsed];
  const docs: YamlDocument[] = [];
  for (const doc of parsed) {
    const docPos = posOf(doc.range?.[0]);
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        errors.push(diagnostic('error', file, e.linePos ? { line: e.linePos[0].line, col: e.linePos[0].col } : docPos, `YAML: ${firstLine(e.message)}`));
      }
      continue;
    }
    let budget = limits.max_nodes;
    const convert = (n: unknown, depth: number): YNode => {
      if (--budget < 0) throw new LimitExceeded(`document has more than ${limits.max_nodes} nodes (alias expansion?)`);
      if (depth > limits.max_depth) throw new LimitExceeded(`nesting deeper than ${limits.max_depth} levels`);
      if (isAlias(n)) {
        const target = (n as Alias).resolve(doc);
        if (!target) throw new LimitExceeded(`unresolved alias *${(n as Alias).source}`);
        return convert(target, depth + 1);
      }
      const node = n as YamlNode;
      const pos = posOf(node?.range?.[0]);
      if (isMap(n)) {
        const entries: YEntry[] = [];
        for (const pair of n.items) {
          const k = pair.key;
          const keyNode = isScalar(k) ? k : undefined;
          const keyPos = posOf((k as YamlNode | null)?.range?.[0] ?? node.range?.[0]);
          if (k !== null && !keyNode) throw new LocatedError(keyPos, 'map keys must be plain scalars');
          const key = keyNode ? String(keyNode.value ?? '') : '';
          const value: YNode =
            pair.value === null || pair.value === undefined
              ? { kind: 'scalar', pos: keyPos, value: null, source: '', quoted: false }
              : convert(pair.value, depth + 1);
          entries.push({ key, keyPos, value });
        }
        return { kind: 'map', pos, entries };
      }
      if (isSeq(n)) {
        return { kind: 'seq', pos, items: n.items.map((i) => (i === null ? nullScalar(pos) : convert(i, depth + 1))) };
      }
      if (isScalar(n)) {
        const s = n as Scalar;
        const v = s.value;
        const quoted = s.type === Scalar.QUOTE_DOUBLE || s.type === Scalar.QUOTE_SINGLE;
        const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);
        const source = quoted || typeof s.source !== 'string' ? String(v ?? '') : s.source;
        return { kind: 'scalar', pos, value, source, quoted };
      }
      throw new LocatedError(pos, 'unsupported YAML node');
    };
    try {
      docs.push({ node: doc.contents === null ? null : convert(doc.contents, 0), pos: docPos });
    } catch (err) {
      if (err instanceof LocatedError) errors.push(diagnostic('error', file, err.pos, `YAML: ${err.message}`));
      else if (err instanceof LimitExceeded) errors.push(diagnostic('error', file, docPos, `YAML: ${err.message}`));
      else throw err;
    }
  }
  return { docs, errors };
}

class LocatedError extends Error {
  constructor(
    readonly pos: Pos,
    message: string,
  ) {
    super(message);
  }
}

function nullScalar(pos: Pos): YScalar {
  return { kind: 'scalar', pos, value: null, source: '', quoted: false };
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i).replace(/ at line \d+, column \d+:?$/, '');
}

/** Plain JS value of a node (for embedded test events, custom attributes). */
export function toPlain(n: YNode): unknown {
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(toPlain);
  const o: Record<string, unknown> = {};
  for (const e of n.entries) o[e.key] = toPlain(e.value);
  return o;
}

export function mapGet(m: YMap, key: string): YEntry | undefined {
  for (const e of m.entries) if (e.key === key) return e;
  return undefined;
}

/**
 * Deep merge used by Sigma rule collections (`action: global` / `repeat`): maps merge key by
 * key, anything else is replaced by the later document's node.
 */
export function deepMerge(base: YNode, over: YNode): YNode {
  if (base.kind !== 'map' || over.kind !== 'map') return over;
  const entries: YEntry[] = base.entries.map((e) => ({ ...e }));
  for (const e of over.entries) {
    const i = entries.findIndex((b) => b.key === e.key);
    if (i < 0) entries.push(e);
    else entries[i] = { key: e.key, keyPos: e.keyPos, value: deepMerge(entries[i].value, e.value) };
  }
  return { kind: 'map', pos: over.pos, entries };
}

function countNodes(docs: YamlDocument[]): number {
  let n = 0;
  const walk = (x: YNode): void => {
    n++;
    if (x.kind === 'map') for (const e of x.entries) walk(e.value);
    else if (x.kind === 'seq') for (const i of x.items) walk(i);
  };
  for (const d of docs) if (d.node) walk(d.node);
  return n;
}

/** The `yaml` package path alone (tests compare the fast reader against it). */
export function parseYamlDocumentsWithLibrary(text: string, file: string, limits: YamlLimits = DEFAULT_YAML_LIMITS): { docs: YamlDocument[]; errors: SigmaDiagnostic[] } {
  return parseYamlDocumentsImpl(text, file, limits);
}
