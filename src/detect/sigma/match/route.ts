/**
 * A route: the rules that apply to one class of events (same record shape and logsource), with
 * their fields resolved for that class and their literals indexed. Built once per class the
 * first time an event of it is seen, then reused.
 */
import type { IrNode, IrRule } from '../compile/ir.js';
import type { EventClass } from '../mapping/classify.js';
import { placesKey, resolveField } from '../mapping/field-resolver.js';
import type { SigmaLogsource } from '../model/types.js';
import type { Accessor } from './accessors.js';
import { compileAccessor } from './accessors.js';
import { AhoCorasick } from './aho-corasick.js';
import { AnchoredTrie } from './anchored-trie.js';
import { compileTree } from './compile-tree.js';
import type { EvalContext } from './eval-context.js';
import type { Pred, SlotOf } from './predicates.js';
import type { Need } from './prefilter.js';
import { KEYWORD_SLOT, necessaryGroups, SHORT_LITERAL } from './prefilter.js';

export interface RouteRuleInput {
  index: number;
  ir: IrRule;
  /** Filters that apply to this rule: the detection is kept only when each holds. */
  filters: ReadonlyArray<{ index: number; condition: IrNode }>;
}

export interface BoundRule {
  input: RouteRuleInput;
  pred: Pred;
  filters: Array<{ index: number; pred: Pred }>;
  slotOf: SlotOf;
  /** Parts of the condition compiled for explanations, built on the first match. */
  explainCache: Map<IrNode, Pred>;
}

export interface Route {
  key: string;
  cls: EventClass;
  accessors: Accessor[];
  /** Bound rules, in rule-set order. */
  rules: BoundRule[];
  /** Positions (in `rules`) of rules without a usable literal: evaluated for every event. */
  always: number[];
  /** Literal group → the rule position it belongs to; a rule is a candidate when all its groups hold. */
  groupRule: Int32Array;
  /** Rule position → how many literal groups it has (0 for `always` rules). */
  ruleGroups: Int32Array;
  /** Per field slot, the literals of every group on it; payloads are literal groups. */
  literalIndex: SlotIndex[];
  /** Keyword literals (searched in every value of the event), or undefined when no rule has one. */
  keywordIndex: AhoCorasick | undefined;
  /** Events routed here (for summaries). */
  events: number;
}

export interface SlotIndex {
  slot: number;
  /** Whole values and prefixes. */
  head: AnchoredTrie | undefined;
  /** Suffixes. */
  tail: AnchoredTrie | undefined;
  /** Substrings of SHORT_LITERAL characters or more (a scan that skips text). */
  body: AhoCorasick | undefined;
  /** Shorter substrings (a scan that cannot skip), apart so that they do not slow the other. */
  shortBody: AhoCorasick | undefined;
}

/** Does a rule with this logsource apply to events of this class? */
export function ruleApplies(ls: SigmaLogsource, cls: EventClass): boolean {
  if (!ls.product && !ls.service && !ls.category) return false;
  if (ls.product && ls.product !== cls.product) return false;
  if (ls.service && ls.service !== cls.service) return false;
  if (ls.category && !cls.categories.some((c) => c.category === ls.category)) return false;
  return true;
}

export function buildRoute(cls: EventClass, inputs: readonly RouteRuleInput[]): Route {
  const accessors: Accessor[] = [];
  const slotByKey = new Map<string, number>();
  const slotFor = (fieldmap: Readonly<Record<string, string>> | undefined): SlotOf => {
    const cache = new Map<string, number>();
    return (field) => {
      let s = cache.get(field);
      if (s !== undefined) return s;
      const places = resolveField(field, cls.shape, fieldmap, cls.aliases);
      const key = placesKey(places);
      s = slotByKey.get(key);
      if (s === undefined) {
        s = accessors.length;
        accessors.push(compileAccessor(places));
        slotByKey.set(key, s);
      }
      cache.set(field, s);
      return s;
    };
  };
  const rules: BoundRule[] = [];
  const always: number[] = [];
  // slot → kind → literal → groups
  const bySlot = new Map<number, Map<Need['kind'], Map<string, number[]>>>();
  const groupRule: number[] = [];
  const ruleGroups: number[] = [];
  for (const input of inputs) {
    if (!ruleApplies(input.ir.logsource, cls)) continue;
    const cat = input.ir.logsource.category;
    const fieldmap = cat ? cls.categories.find((c) => c.category === cat)?.fieldmap : undefined;
    const slotOf = slotFor(fieldmap);
    const pos = rules.length;
    rules.push(bindRule(input, slotOf));
    const groups = necessaryGroups(input.ir.condition, slotOf);
    if (groups === null) {
      always.push(pos);
      ruleGroups.push(0);
      continue;
    }
    ruleGroups.push(groups.length);
    for (const g of groups) {
      const gid = groupRule.length;
      groupRule.push(pos);
      for (const n of g) {
        let kinds = bySlot.get(n.slot);
        if (!kinds) bySlot.set(n.slot, (kinds = new Map()));
        let byLit = kinds.get(n.kind);
        if (!byLit) kinds.set(n.kind, (byLit = new Map()));
        const owners = byLit.get(n.lit) ?? [];
        if (owners[owners.length - 1] !== gid) owners.push(gid);
        byLit.set(n.lit, owners);
      }
    }
  }
  const literalIndex: SlotIndex[] = [];
  let keywordIndex: AhoCorasick | undefined;
  for (const [slot, kinds] of bySlot) {
    const body = kinds.get('contains');
    const long = body && new Map([...body].filter(([lit]) => lit.length >= SHORT_LITERAL));
    const short = body && new Map([...body].filter(([lit]) => lit.length < SHORT_LITERAL));
    if (slot === KEYWORD_SLOT) keywordIndex = substrings(body);
    else literalIndex.push({ slot, head: anchored('prefix', kinds.get('equals'), kinds.get('prefix')), tail: anchored('suffix', undefined, kinds.get('suffix')), body: substrings(long), shortBody: substrings(short) });
  }
  return {
    key: cls.key,
    cls,
    accessors,
    rules,
    always,
    groupRule: Int32Array.from(groupRule),
    ruleGroups: Int32Array.from(ruleGroups),
    literalIndex,
    keywordIndex,
    events: 0,
  };
}

function substrings(byLit: Map<string, number[]> | undefined): AhoCorasick | undefined {
  if (!byLit || byLit.size === 0) return undefined;
  const lits = [...byLit.keys()];
  return new AhoCorasick(lits, lits.map((l) => byLit.get(l)!), { foldCase: true });
}

function anchored(anchor: 'prefix' | 'suffix', whole: Map<string, number[]> | undefined, part: Map<string, number[]> | undefined): AnchoredTrie | undefined {
  if (!whole && !part) return undefined;
  const lits: string[] = [];
  const payloads: number[][] = [];
  const isWhole: boolean[] = [];
  for (const [m, w] of [[whole, true], [part, false]] as const) {
    for (const [lit, groups] of m ?? []) {
      lits.push(lit);
      payloads.push(groups);
      isWhole.push(w);
    }
  }
  return new AnchoredTrie(anchor, lits, payloads, isWhole);
}

/**
 * A rule's closures are compiled the first time it is evaluated: with many rules most are
 * never a candidate on a given stream, and a route is ready after its literal index is built.
 * Each closure replaces itself with the compiled one, so later calls go straight to it.
 */
function bindRule(input: RouteRuleInput, slotOf: SlotOf): BoundRule {
  const bound: BoundRule = {
    input,
    pred: (c) => (bound.pred = compileTree(input.ir.condition, slotOf))(c),
    filters: input.filters.map((f) => {
      const filter = { index: f.index, pred: (c: EvalContext): boolean => (filter.pred = compileTree(f.condition, slotOf))(c) };
      return filter;
    }),
    slotOf,
    explainCache: new Map(),
  };
  return bound;
}
