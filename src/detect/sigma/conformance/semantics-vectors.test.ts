/**
 * pysigma-fixtures/SEMANTICS_VECTORS.json: pySigma's expected string parsing, modifier
 * expansions and condition parse trees. Every vector must hold.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath } from '../../../testing/corpora.js';
import { RuleError } from '../diagnostics.js';
import { conditionToList, parseCondition } from '../compile/condition.js';
import type { Value } from '../compile/modifiers.js';
import { applyModifiers } from '../compile/modifiers.js';
import type { SigmaString } from '../compile/sigma-string.js';
import { expandClasses, insertPlaceholders, parseSigmaString, plainString, renderSigmaString, sigmaStringToRegex } from '../compile/sigma-string.js';
import type { YScalar } from '../yaml/located-yaml.js';
import { compileSigmaBundle, loadSigmaText } from '../index.js';

interface Vectors {
  string_parsing: Array<Record<string, unknown>>;
  modifiers: Array<Record<string, unknown>>;
  conditions: { identifiers: Record<string, string>; cases: Array<Record<string, unknown>> };
}

function loadVectors(t: import('node:test').TestContext): Vectors | undefined {
  const dir = corpusPath(t, 'pysigma-fixtures');
  return dir ? (JSON.parse(readFileSync(join(dir, 'SEMANTICS_VECTORS.json'), 'utf8')) as Vectors) : undefined;
}

const P = { line: 1, col: 1 };
function scalar(v: string | number | boolean | null): YScalar {
  return { kind: 'scalar', pos: P, value: v, source: v === null ? '' : String(v), quoted: typeof v === 'string' };
}

/** pySigma's part notation: literal text, WILDCARD_MULTI, WILDCARD_SINGLE, {placeholder}. */
function partsOf(s: SigmaString): unknown[] {
  return s.parts.map((p) => (p.k === 'lit' ? p.s : p.k === 'star' ? 'WILDCARD_MULTI' : p.k === 'one' ? 'WILDCARD_SINGLE' : p.k === 'ph' ? { placeholder: p.name } : p));
}

/** Render a string value with wildcards as `*`/`?` and bytes as characters (pySigma's str()). */
function flat(v: Value): string {
  assert.equal(v.t, 'str');
  return (v as Extract<Value, { t: 'str' }>).s.parts.map((p) => (p.k === 'lit' ? p.s : p.k === 'star' ? '*' : p.k === 'one' ? '?' : '')).join('');
}

function apply(mods: string, input: unknown, field: string | null = 'f'): ReturnType<typeof applyModifiers> {
  const values = (Array.isArray(input) ? input : [input]).map((x) => scalar(x as string));
  return applyModifiers(field, mods.split('|').map((name) => ({ name, pos: P })), values);
}

test('string parsing vectors', (t) => {
  const v = loadVectors(t);
  if (!v) return;
  for (const vec of v.string_parsing) {
    if ('parts' in vec) assert.deepEqual(partsOf(parseSigmaString(vec.rule_value as string)), vec.parts, String(vec.upstream));
    else if ('plain_to_rule_value' in vec) {
      const { plain, rule_value } = vec.plain_to_rule_value as { plain: string; rule_value: string };
      assert.equal(renderSigmaString(plainString(plain)), rule_value, String(vec.upstream));
    } else if ('with_placeholders' in vec) {
      assert.deepEqual(partsOf(insertPlaceholders(parseSigmaString(vec.rule_value as string))), vec.with_placeholders, String(vec.upstream));
    } else if ('to_regex_escaping_slash' in vec) {
      assert.equal(sigmaStringToRegex(parseSigmaString(vec.rule_value as string), '/'), vec.to_regex_escaping_slash, String(vec.upstream));
    } else assert.fail(`unhandled string vector ${JSON.stringify(vec)}`);
  }
});

/** Full-match semantics of pySigma's expected regex vs. our search semantics, on sample inputs. */
function sameRegexBehaviour(ours: { source: string }, expectedFull: string, samples: string[]): void {
  const full = new RegExp(`^(?:${expectedFull})$`, 's');
  const search = new RegExp(ours.source, 's');
  for (const s of samples) assert.equal(search.test(s), full.test(s), `regex ${ours.source} vs ${expectedFull} on '${s}'`);
}

test('modifier vectors', (t) => {
  const v = loadVectors(t);
  if (!v) return;
  const regexSamples = ['foobar', 'fobar', 'xxfoobarxx', 'foobarxx', 'xxfoobar', 'fooba', '', 'foo\nbar', 'fooXbar'];
  let checked = 0;
  for (const vec of v.modifiers) {
    const mod = vec.modifier as string;
    const name = `${mod} ${String(vec.upstream)}`;
    if ('error' in vec) {
      if (mod === 're + base64') assert.throws(() => apply('base64|re', 'foo'), RuleError, name);
      else if (mod === 'cidr + base64') assert.throws(() => apply('base64|cidr', '10.0.0.0/8'), RuleError, name);
      else assert.throws(() => apply(mod, vec.input), RuleError, name);
      checked++;
      continue;
    }
    switch (mod) {
      case 'base64':
      case 'wide':
      case 'utf16be':
        assert.deepEqual(apply(mod, vec.input).values.map(flat), vec.output, name);
        break;
      case 'utf16': {
        // pySigma shows the byte order mark as U+FEFF; we hold the bytes FF FE.
        const expected = (vec.output as string[]).map((s) => s.replace('\ufeff', '\xff\xfe'));
        assert.deepEqual(apply(mod, vec.input).values.map(flat), expected, name);
        break;
      }
      case 'base64offset': {
        const [exp] = apply(mod, vec.input).values;
        assert.equal(exp.t, 'exp');
        assert.deepEqual(new Set((exp as Extract<Value, { t: 'exp' }>).items.map(flat)), new Set(vec.output_any_of as string[]), name);
        break;
      }
      case 'windash': {
        const [val] = apply(mod, vec.input).values;
        const all = expandClasses((val as Extract<Value, { t: 'str' }>).s)!.map((s) => s.parts.map((p) => (p.k === 'lit' ? p.s : '')).join(''));
        assert.deepEqual(new Set(all), new Set(vec.output_any_of as string[]), name);
        assert.equal(all.length, (vec.output_any_of as string[]).length, name);
        break;
      }
      case 're':
      case 're|i':
      case 're|m':
      case 're|s':
      case 're|contains':
      case 're|startswith':
      case 're|endswith': {
        const [val] = apply(mod, vec.input).values;
        assert.equal(val.t, 're', name);
        const re = val as Extract<Value, { t: 're' }>;
        if (mod === 're' || mod.startsWith('re|') && mod.length === 4) assert.equal(re.source, vec.output_regex, name);
        for (const f of (vec.flags as string[] | undefined) ?? []) {
          assert.ok(re.flags[{ IGNORECASE: 'i', MULTILINE: 'm', DOTALL: 's' }[f] as 'i' | 'm' | 's'], `${name} flag ${f}`);
        }
        if (mod.includes('with') || mod.includes('contains')) sameRegexBehaviour(re, vec.output_regex as string, [...regexSamples, 'foo?bar', 'xfoo?bar']);
        break;
      }
      case 'cased': {
        const [val] = apply(mod, vec.input).values;
        assert.ok(val.t === 'str' && val.cased && flat(val) === 'FooBar', name);
        break;
      }
      case 'all': {
        const sem = apply('contains|all', ['foobar', 'baz']);
        assert.equal(sem.linkAll, true, name);
        assert.equal(sem.values.length, 2, name);
        break;
      }
      case 'lt|lte|gt|gte|neq': {
        for (const op of ['lt', 'lte', 'gt', 'gte'] as const) {
          const [val] = apply(op, 123).values;
          assert.deepEqual(val, { t: 'cmp', op, n: 123 }, name);
        }
        assert.throws(() => apply('gte', '123'), RuleError, `${name}: string for gte`);
        assert.equal(apply('neq', 123).negate, true, name);
        break;
      }
      case 'fieldref': {
        assert.deepEqual(apply(mod, 'field').values[0], { t: 'fieldref', ref: 'field', start: false, end: false, cased: false }, name);
        assert.throws(() => apply(mod, 'fie*ld'), RuleError, name);
        assert.deepEqual(apply('fieldref|contains', 'field').values[0], { t: 'fieldref', ref: 'field', start: true, end: true, cased: false }, name);
        break;
      }
      case 'exists': {
        assert.deepEqual(apply(mod, true).values[0], { t: 'exists', b: true }, name);
        assert.throws(() => apply(mod, true, null), RuleError, `${name}: keyword`);
        assert.throws(() => apply('contains|exists', 'x'), RuleError, `${name}: modified`);
        break;
      }
      case 'expand': {
        const [val] = apply(mod, vec.input).values;
        assert.deepEqual(partsOf((val as Extract<Value, { t: 'str' }>).s), vec.parts, name);
        break;
      }
      case 'cidr':
        assert.deepEqual(apply(mod, vec.input).values[0], { t: 'cidr', text: '192.168.1.0/24' }, name);
        break;
      default:
        assert.fail(`unhandled modifier vector ${name}`);
    }
    checked++;
  }
  assert.equal(checked, v.modifiers.length);
});

function evalExpected(tree: unknown, present: Set<string>): boolean {
  if (typeof tree === 'string') return present.has(tree);
  const [op, ...args] = tree as [string, ...unknown[]];
  if (op === 'not') return !evalExpected(args[0], present);
  if (op === 'and') return args.every((a) => evalExpected(a, present));
  return args.some((a) => evalExpected(a, present));
}

test('condition vectors: parse trees, errors, and evaluation on events', (t) => {
  const v = loadVectors(t);
  if (!v) return;
  for (const c of v.conditions.cases) {
    const ids: Record<string, string> = (c.identifiers_override as Record<string, string> | undefined) ?? v.conditions.identifiers;
    const names: string[] = Object.keys(ids);
    const cond = c.condition as string;
    if (c.error) {
      if (cond === 'null-keyword') {
        const set = loadSigmaText([{ name: 'null.yml', text: `title: t\nlogsource: {product: p}\ndetection:\n  null-keyword:\n  condition: null-keyword\n` }]);
        assert.ok(set.diagnostics.some((d) => d.severity === 'error'), cond);
      } else assert.throws(() => parseCondition(cond, names), cond);
      continue;
    }
    const ast = parseCondition(cond, names);
    if (c.expect === 'selection only') assert.deepEqual(conditionToList(ast), 'selection', cond);
    else assert.deepEqual(conditionToList(ast), c.expect, cond);
    // End to end: each identifier is a keyword search for its value; try every subset.
    const yaml = ['title: t', 'logsource: {product: p}', 'detection:', ...names.map((n) => `  ${n}: ['${ids[n]}']`), `  condition: ${cond}`].join('\n');
    const { bundle, diagnostics } = compileSigmaBundle(loadSigmaText([{ name: 'c.yml', text: yaml }]));
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), [], cond);
    for (let mask = 0; mask < 1 << names.length; mask++) {
      const present: Set<string> = new Set(names.filter((_: string, i: number) => (mask & (1 << i)) !== 0));
      const native = { msg: [...present].map((n) => ids[n]).join(' ') };
      const got = bundle.match({ native, meta: { logsource: { product: 'p' } } }).length > 0;
      const want: boolean = c.expect === 'selection only' ? present.has('selection') : evalExpected(c.expect, present);
      assert.equal(got, want, `${cond} with ${[...present].join(',') || 'nothing'}`);
    }
  }
});
