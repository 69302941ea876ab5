/**
 * The `detection` section: search identifiers (maps are AND, lists are OR, plain lists are
 * keywords) and the condition text. Sigma 1.x leftovers (`timeframe`, aggregation pipes) are
 * named in the errors so the user knows to rewrite them as correlation rules.
 */
import type { Pos } from '../diagnostics.js';
import type { YMap, YNode, YScalar } from '../yaml/located-yaml.js';
import type { ConditionText, DetectionItem, DetectionNode, SearchIdentifier, SigmaDetection } from './types.js';
import type { Problems } from './problems.js';
import { describeNode } from './problems.js';

/** Keys of a detection / filter section that are not search identifiers. */
const RESERVED = new Set(['condition', 'timeframe']);

export function parseDetection(n: YNode | undefined, docPos: Pos, p: Problems, what = 'detection', extraReserved: string[] = []): SigmaDetection {
  const detection: SigmaDetection = { identifiers: new Map(), conditions: [], pos: n?.pos ?? docPos };
  if (!n) {
    p.error(docPos, `missing required attribute: ${what}`);
    return detection;
  }
  if (n.kind !== 'map') {
    p.error(n.pos, `${what} must be a map of search identifiers and a condition, found ${describeNode(n)}`);
    return detection;
  }
  const reserved = new Set([...RESERVED, ...extraReserved]);
  for (const entry of n.entries) {
    if (reserved.has(entry.key)) continue;
    const node = parseSearchIdentifier(entry.key, entry.value, p);
    if (node) detection.identifiers.set(entry.key, { name: entry.key, pos: entry.keyPos, node } satisfies SearchIdentifier);
  }
  const cond = n.entries.find((e) => e.key === 'condition');
  if (!cond) p.error(n.pos, `${what} has no condition`);
  else detection.conditions = parseConditionList(cond.value, p);
  const timeframe = n.entries.find((e) => e.key === 'timeframe');
  if (timeframe) {
    p.error(timeframe.keyPos, 'timeframe is Sigma 1.x aggregation syntax and is not supported; express the time window as a correlation rule (timespan)');
  }
  return detection;
}

function parseConditionList(n: YNode, p: Problems): ConditionText[] {
  const one = (s: YNode): ConditionText | undefined => {
    if (s.kind === 'scalar' && typeof s.value === 'string' && s.value.trim() !== '') {
      return { text: s.value, pos: s.pos, quoted: s.quoted };
    }
    p.error(s.pos, `condition must be a non-empty string, found ${describeNode(s)}`);
    return undefined;
  };
  if (n.kind === 'seq') {
    if (n.items.length === 0) p.error(n.pos, 'condition list is empty');
    return n.items.map(one).filter((c): c is ConditionText => c !== undefined);
  }
  const c = one(n);
  return c ? [c] : [];
}

export function parseSearchIdentifier(name: string, v: YNode, p: Problems): DetectionNode | undefined {
  if (v.kind === 'map') return parseMapSelection(v, p, name);
  if (v.kind === 'seq') {
    if (v.items.length === 0) {
      p.error(v.pos, `search identifier '${name}' is an empty list`);
      return undefined;
    }
    const keywords: YScalar[] = [];
    const children: DetectionNode[] = [];
    for (const item of v.items) {
      if (item.kind === 'scalar') {
        if (item.value === null) p.error(item.pos, `search identifier '${name}' has a null keyword; null is only meaningful as a field value`);
        else keywords.push(item);
      } else if (item.kind === 'map') {
        const m = parseMapSelection(item, p, name);
        if (m) children.push(m);
      } else {
        p.error(item.pos, `search identifier '${name}' contains a nested list; use a map or plain values`);
      }
    }
    if (keywords.length > 0) {
      children.unshift({ kind: 'item', field: null, modifiers: [], values: keywords, pos: keywords[0].pos, listed: true });
    }
    if (children.length === 0) return undefined;
    return children.length === 1 ? children[0] : { kind: 'any', pos: v.pos, children };
  }
  if (v.value === null) {
    p.error(v.pos, `search identifier '${name}' has no values`);
    return undefined;
  }
  return { kind: 'item', field: null, modifiers: [], values: [v], pos: v.pos, listed: false };
}

function parseMapSelection(m: YMap, p: Problems, name: string): DetectionNode | undefined {
  if (m.entries.length === 0) {
    p.error(m.pos, `search identifier '${name}' is an empty map`);
    return undefined;
  }
  const children: DetectionNode[] = [];
  for (const e of m.entries) {
    const item = parseItem(e.key, e.keyPos, e.value, p);
    if (item) children.push(item);
  }
  if (children.length === 0) return undefined;
  return children.length === 1 ? children[0] : { kind: 'all', pos: m.pos, children };
}

function parseItem(key: string, keyPos: Pos, v: YNode, p: Problems): DetectionItem | undefined {
  const parts = key.split('|');
  const field = parts[0].trim();
  const modifiers: DetectionItem['modifiers'] = [];
  let offset = parts[0].length + 1;
  for (const raw of parts.slice(1)) {
    const pos = { line: keyPos.line, col: keyPos.col + offset };
    offset += raw.length + 1;
    const name = raw.trim();
    if (name === '') {
      p.error(pos, `empty modifier in '${key}'`);
      return undefined;
    }
    modifiers.push({ name, pos });
  }
  let values: YScalar[];
  let listed = false;
  if (v.kind === 'scalar') values = [v];
  else if (v.kind === 'seq') {
    listed = true;
    values = [];
    for (const item of v.items) {
      if (item.kind !== 'scalar') {
        p.error(item.pos, `values of '${key}' must be plain values, found ${describeNode(item)}`);
        return undefined;
      }
      values.push(item);
    }
  } else {
    p.error(v.pos, `value of '${key}' must be a value or a list of values, found a map`);
    return undefined;
  }
  return { kind: 'item', field: field === '' ? null : field, modifiers, values, pos: keyPos, listed };
}
