/**
 * The literal prefilter must never change results: for generated rules and events, the bundle
 * (index + candidates) and a plain evaluation of every applicable rule agree exactly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText, sysmonEvent } from '../testing/helpers.js';
import { AhoCorasick } from './aho-corasick.js';
import { EvalContext } from './eval-context.js';
import { seededFloats } from '../../../demo/prng.js';


const WORDS = ['cmd', 'powershell', 'whoami', 'net', 'user', 'Temp', 'AppData', '-enc', '/c', 'ps1', 'x', 'Σίσυφος', ''];
const FIELDS = ['Image', 'CommandLine', 'ParentImage', 'User'];
const MODS = ['', '|contains', '|startswith', '|endswith', '|contains|all', '|re', '|cased', '|windash|contains'];

test('prefiltered matching equals evaluating every rule', () => {
  const r = seededFloats(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const docs: string[] = [];
  for (let i = 0; i < 150; i++) {
    const sels: string[] = [];
    const nSel = 1 + Math.floor(r() * 3);
    for (let s = 0; s < nSel; s++) {
      const items: string[] = [];
      const keys = new Set<string>();
      for (let k = 0; k < 1 + Math.floor(r() * 2); k++) {
        const mod = pick(MODS);
        const field = pick(FIELDS);
        if (keys.has(field + mod)) continue;
        keys.add(field + mod);
        const vals = [pick(WORDS), pick(WORDS)].map((w) => (mod === '|re' ? w.replace(/[^a-z]/gi, '') || 'a' : w));
        items.push(`    ${field}${mod}: ${JSON.stringify(mod === '' && r() < 0.5 ? `*${vals[0]}*` : vals)}`);
      }
      if (r() < 0.15) items.push(`    TerminalSessionId: ${Math.floor(r() * 3)}`);
      if (r() < 0.1) sels.push(`  s${s}: ${JSON.stringify([pick(WORDS) || 'cmd', pick(WORDS) || 'net'])}`); // keywords
      else sels.push(`  s${s}:\n${items.join('\n')}`);
    }
    const cond = pick(['all of s*', '1 of s*', nSel > 1 ? 's0 and not s1' : 's0', 'not s0']);
    docs.push(`title: r${i}\nlogsource: {product: windows, category: process_creation}\ndetection:\n${sels.join('\n')}\n  condition: ${cond}\n`);
  }
  const { bundle, rejected } = compileText(docs.join('---\n'));
  assert.deepEqual(rejected, []);
  const ctx = new EvalContext();
  let total = 0;
  for (let e = 0; e < 400; e++) {
    const data: Record<string, unknown> = {};
    for (const f of FIELDS) if (r() < 0.8) data[f] = Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(WORDS)).join(pick([' ', '\\', '']));
    if (r() < 0.5) data.TerminalSessionId = Math.floor(r() * 3);
    const native = sysmonEvent(1, data);
    const got = bundle.match({ native }).map((m) => m.rule.index);
    const route = bundle.route(bundle.classify({ native }));
    ctx.reset({ native, fields: {} }, route.accessors);
    const want = route.rules.filter((br) => br.pred(ctx)).map((br) => br.input.index);
    assert.deepEqual(got, want, JSON.stringify(data));
    total += got.length;
  }
  assert.ok(total > 50, `the generated events matched ${total} times (the test must exercise matches)`);
});

// Case-folding corner cases (Kelvin sign, dotted capital I, final sigma, a cased letter outside
// the BMP), short and long literals, wildcards of every shape, numbers and lists in events.
const TRICKY = ['K', '\u212a', 'k', 'İ', 'i', 'ΟΔΟΣ', 'οδος', '𐐀', '𐐨', 'a', 'ab', 'abc', 'abcd', '\\', '.exe', 'C:\\Windows', '42', 'x?y', 'q*r', '-e', ' '];
const TRICKY_MODS = ['', '|contains', '|startswith', '|endswith', '|contains|all', '|cased', '|contains|cased', '|re'];

test('prefiltered matching equals evaluating every rule: folding corner cases, anchors, alternatives of conjunctions', () => {
  const r = seededFloats(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const word = (): string => Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(TRICKY)).join('');
  const docs: string[] = [];
  for (let i = 0; i < 200; i++) {
    const sels: string[] = [];
    const nSel = 1 + Math.floor(r() * 3);
    for (let s = 0; s < nSel; s++) {
      const items = new Map<string, string>();
      for (let k = 0; k < 1 + Math.floor(r() * 3); k++) {
        const mod = pick(TRICKY_MODS);
        const vals = Array.from({ length: 1 + Math.floor(r() * 3) }, word).map((w) => (mod === '|re' ? w.replace(/[^a-z]/gi, '') || 'ab' : w));
        const key = pick(FIELDS) + mod;
        items.set(key, `    ${JSON.stringify(key)}: ${JSON.stringify(vals)}`);
      }
      if (r() < 0.15) items.set('n', `    TerminalSessionId: ${Math.floor(r() * 50)}`);
      sels.push(r() < 0.1 ? `  s${s}: ${JSON.stringify([word(), word()])}` : `  s${s}:\n${[...items.values()].join('\n')}`);
    }
    const cond = pick(['all of s*', '1 of s*', nSel > 1 ? 's0 or (s1 and not s0)' : 's0', nSel > 2 ? '(s0 and s1) or s2' : 'not s0']);
    docs.push(`title: t${i}\nlogsource: {product: windows, category: process_creation}\ndetection:\n${sels.join('\n')}\n  condition: ${cond}\n`);
  }
  const { bundle, rejected } = compileText(docs.join('---\n'));
  assert.deepEqual(rejected, []);
  const ctx = new EvalContext();
  let total = 0;
  for (let e = 0; e < 600; e++) {
    const data: Record<string, unknown> = {};
    for (const f of FIELDS) {
      if (r() < 0.2) continue;
      const text = Array.from({ length: 1 + Math.floor(r() * 4) }, word).join(pick([' ', '\\', '']));
      data[f] = r() < 0.1 ? [text, word()] : r() < 0.05 ? 42 : r() < 0.5 ? text.toUpperCase() : text;
    }
    if (r() < 0.5) data.TerminalSessionId = r() < 0.5 ? Math.floor(r() * 50) : String(Math.floor(r() * 50));
    const native = sysmonEvent(1, data);
    const got = bundle.match({ native }).map((m) => m.rule.index);
    const route = bundle.route(bundle.classify({ native }));
    ctx.reset({ native, fields: {} }, route.accessors);
    const want = route.rules.filter((br) => br.pred(ctx)).map((br) => br.input.index);
    assert.deepEqual(got, want, JSON.stringify(data));
    total += got.length;
  }
  assert.ok(total > 100, `the generated events matched ${total} times (the test must exercise matches)`);
});

test('Aho-Corasick reports every pattern occurrence, overlapping ones included', () => {
  const ac = new AhoCorasick(['he', 'she', 'his', 'hers', 'é', 'x']);
  const seen: number[] = [];
  ac.scan('ushers é', (id) => seen.push(id));
  assert.deepEqual(seen.sort(), [0, 1, 3, 4]);
  const none: number[] = [];
  ac.scan('', (id) => none.push(id));
  assert.deepEqual(none, []);
});
