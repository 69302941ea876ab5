/**
 * A parsed rule (or filter) → the IR: each search identifier becomes a boolean tree of
 * predicates, the condition is parsed against the identifiers and the two are combined.
 * Every problem is reported at its position; all identifiers and conditions are checked even
 * after the first error so a rule's author sees everything at once.
 */
import type { Pos, SigmaDiagnostic } from '../diagnostics.js';
import { diagnostic, RuleError } from '../diagnostics.js';
import type { ConditionText, DetectionNode, SigmaDetection, SigmaRule } from '../model/types.js';
import { ruleKey } from '../model/types.js';
import type { CondAst } from './condition.js';
import { ConditionError, parseCondition } from './condition.js';
import type { IrNode, IrRule, IrTest, MatchPart } from './ir.js';
import { and, forEachPredicate, not, or } from './ir.js';
import type { Value } from './modifiers.js';
import { applyModifiers } from './modifiers.js';
import type { PlaceholderValues } from './placeholders.js';
import { compileRegex } from './regex.js';
import type { SigmaString, StrPart } from './sigma-string.js';
import { parseSigmaString, renderSigmaString, withParts } from './sigma-string.js';

export interface CompileOptions {
  placeholders?: PlaceholderValues;
  /** Most alternatives one value may expand to (placeholders × values). */
  max_expansions?: number;
}

interface Ctx {
  file: string;
  rule: string;
  opts: CompileOptions;
  out: SigmaDiagnostic[];
}

export function ruleToIr(rule: SigmaRule, opts: CompileOptions, out: SigmaDiagnostic[]): IrRule | undefined {
  const ctx: Ctx = { file: rule.origin.file, rule: ruleKey(rule), opts, out };
  const condition = detectionToIr(rule.detection, ctx);
  if (!condition) return undefined;
  const fields = new Set<string>();
  forEachPredicate(condition, (p) => {
    if (p.field !== null) fields.add(p.field);
    if (p.test.op === 'fieldref') fields.add(p.test.ref);
  });
  const ir: IrRule = { title: rule.title, tags: rule.tags, logsource: rule.logsource, condition, fields: [...fields], origin: rule.origin };
  if (rule.id) ir.id = rule.id;
  if (rule.name) ir.name = rule.name;
  if (rule.level) ir.level = rule.level;
  if (rule.status) ir.status = rule.status;
  return ir;
}

/** The detection (of a rule or a filter) as one IR tree, or undefined after reporting errors. */
export function detectionToIr(detection: SigmaDetection, ctx: Ctx): IrNode | undefined {
  const before = ctx.out.filter((d) => d.severity === 'error').length;
  const compiled = new Map<string, IrNode>();
  for (const [name, sid] of detection.identifiers) {
    try {
      compiled.set(name, nodeToIr(sid.node, name, ctx));
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      ctx.out.push(diagnostic('error', ctx.file, err.pos, err.message, ctx.rule));
    }
  }
  const names = [...detection.identifiers.keys()];
  const conds: IrNode[] = [];
  for (const c of detection.conditions) {
    try {
      conds.push(condToIr(parseCondition(c.text, names), compiled));
    } catch (err) {
      if (!(err instanceof ConditionError)) throw err;
      ctx.out.push(diagnostic('error', ctx.file, conditionPos(c, err.offset), `condition: ${err.message}`, ctx.rule));
    }
  }
  const after = ctx.out.filter((d) => d.severity === 'error').length;
  if (after > before || conds.length === 0) return undefined;
  return or(conds);
}

export function makeCtx(file: string, rule: string, opts: CompileOptions, out: SigmaDiagnostic[]): Ctx {
  return { file, rule, opts, out };
}

function conditionPos(c: ConditionText, offset: number): Pos {
  if (c.text.includes('\n')) return c.pos; // folded scalars: columns no longer line up
  return { line: c.pos.line, col: c.pos.col + offset + (c.quoted ? 1 : 0) };
}

function condToIr(ast: CondAst, compiled: Map<string, IrNode>): IrNode {
  switch (ast.t) {
    case 'id': {
      const n = compiled.get(ast.name);
      // An identifier that failed to compile was already reported; keep parsing the rest.
      return n ?? { t: 'const', value: false };
    }
    case 'not':
      return not(condToIr(ast.child, compiled));
    case 'and':
      return and(ast.children.map((c) => condToIr(c, compiled)));
    case 'or':
      return or(ast.children.map((c) => condToIr(c, compiled)));
  }
}

function nodeToIr(n: DetectionNode, selection: string, ctx: Ctx): IrNode {
  if (n.kind === 'all') return and(n.children.map((c) => nodeToIr(c, selection, ctx)));
  if (n.kind === 'any') return or(n.children.map((c) => nodeToIr(c, selection, ctx)));
  const origin = (value: string): { selection: string; pos: Pos; value: string } => ({ selection, pos: n.pos, value });
  if (n.values.length === 0) {
    if (n.field === null) throw new RuleError(`search identifier '${selection}' has no values`, n.pos);
    return { t: 'pred', field: n.field, test: { op: 'null' }, origin: origin('null') };
  }
  if (n.values.length > 1 && n.values.some((v) => v.value === null)) {
    ctx.out.push(diagnostic('warning', ctx.file, n.pos, `null in a list of values: the specification says null must be its own selection`, ctx.rule));
  }
  const sem = applyModifiers(n.field, n.modifiers, n.values);
  if (sem.linkAll && n.values.length === 1 && !n.listed) {
    ctx.out.push(diagnostic('warning', ctx.file, n.pos, "modifier 'all' on a single value has no effect", ctx.rule));
  }
  const perValue = sem.values.map((v, i) => valueToIr(v, n.field, origin(n.values[i].source || String(n.values[i].value)), n.values[i].pos, ctx));
  const combined = sem.linkAll ? and(perValue) : or(perValue);
  return sem.negate ? not(combined) : combined;
}

function valueToIr(v: Value, field: string | null, origin: { selection: string; pos: Pos; value: string }, pos: Pos, ctx: Ctx): IrNode {
  const pred = (test: IrTest): IrNode => ({ t: 'pred', field, test, origin });
  switch (v.t) {
    case 'exp':
      return or(v.items.map((x) => valueToIr(x, field, origin, pos, ctx)));
    case 'str': {
      let s: SigmaString = v.s;
      if (field === null) s = keywordContains(s);
      return or(expandPlaceholders(s, pos, ctx).map((parts) => pred({ op: 'string', parts, cased: v.cased })));
    }
    case 'num':
      return field === null ? pred({ op: 'string', parts: keywordContains(parseSigmaString(v.text)).parts as MatchPart[], cased: false }) : pred({ op: 'number', value: v.n, text: v.text });
    case 'bool':
      return field === null ? pred({ op: 'string', parts: keywordContains(parseSigmaString(String(v.b))).parts as MatchPart[], cased: false }) : pred({ op: 'bool', value: v.b });
    case 'null':
      if (field === null) throw new RuleError('a keyword cannot be null', pos);
      return pred({ op: 'null' });
    case 're': {
      compileRegex(v.source, v.flags, pos); // validates: rejects what RE2 cannot run, with the reason
      return pred({ op: 'regex', source: v.source, flags: v.flags });
    }
    case 'cidr':
      return pred({ op: 'cidr', cidr: v.text });
    case 'cmp':
      return pred({ op: 'compare', cmp: v.op, value: v.n });
    case 'fieldref': {
      const mode = v.start && v.end ? 'contains' : v.start ? 'startswith' : v.end ? 'endswith' : 'equals';
      return pred({ op: 'fieldref', ref: v.ref, mode, cased: v.cased });
    }
    case 'exists':
      return pred({ op: 'exists', value: v.b });
    case 'time':
      return pred({ op: 'timepart', part: v.part, value: v.n });
  }
}

/** Keywords search the whole event: a keyword matches when some value contains it. */
function keywordContains(s: SigmaString): SigmaString {
  const parts: StrPart[] = [...s.parts];
  if (parts[0]?.k !== 'star') parts.unshift({ k: 'star' });
  if (parts[parts.length - 1]?.k !== 'star') parts.push({ k: 'star' });
  return withParts(parts);
}

function expandPlaceholders(s: SigmaString, pos: Pos, ctx: Ctx): MatchPart[][] {
  if (!s.parts.some((p) => p.k === 'ph')) return [s.parts as MatchPart[]];
  const limit = ctx.opts.max_expansions ?? 10_000;
  let alternatives: StrPart[][] = [[]];
  for (const p of s.parts) {
    if (p.k !== 'ph') {
      for (const a of alternatives) a.push(p);
      continue;
    }
    const values = ctx.opts.placeholders?.get(p.name);
    if (!values || values.length === 0) {
      throw new RuleError(`placeholder %${p.name}% has no values; provide them in a placeholder file (--placeholders) or the rule cannot be used`, pos);
    }
    if (alternatives.length * values.length > limit) throw new RuleError(`placeholder %${p.name}% expands to more than ${limit} alternatives`, pos);
    const parsed = values.map((v) => parseSigmaString(v).parts);
    alternatives = alternatives.flatMap((a) => parsed.map((vp) => [...a, ...vp]));
  }
  return alternatives.map((a) => withParts(a).parts as MatchPart[]);
}

export { renderSigmaString };
