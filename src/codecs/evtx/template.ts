/**
 * Templates: a record is usually a template instance (a reference to a template definition
 * plus an array of typed values). Definitions are parsed once per chunk and cached by
 * offset; instantiation copies the definition, replacing placeholders with the values and
 * repeating an element once per item of an array value (MS-EVEN6 "array types").
 */
import { EvtxFormatError, u32, u8 } from './bytes.js';
import { MODE_RECORD, MODE_TEMPLATE, RECORD_BUDGET, parseFragment } from './binxml.js';
import type { ChunkContext } from './binxml.js';
import { K_ELEMENT, K_PLACEHOLDER, K_VALUE, element } from './tree.js';
import type { XmlElement, XmlNode, PlaceholderNode, ScopedElement } from './tree.js';
import { BinValue, VT, decodeSizedValue, isEmptyValue } from './values.js';
import type { BinXmlRegion } from './values.js';

export interface TemplateDefinition {
  offset: number;
  root: XmlElement;
  /** Elements of the definition with no placeholder anywhere below them: shared by every instance. */
  fixed: Set<XmlElement>;
  /** Substitution indexes used inside attribute values. */
  attributeSlots: Set<number>;
  /** Substitution indexes the definition uses more than once. */
  repeatedSlots: Set<number>;
}

/** An instance kept as definition + values (instance-view.ts); materialized on demand. */
export interface InstanceElement extends ScopedElement {
  def: TemplateDefinition;
}

type SlotValue = BinValue | ScopedElement;

function collectSlots(el: XmlElement, inAttributes: Set<number>, seen: Set<number>, repeated: Set<number>): void {
  const use = (index: number) => (seen.has(index) ? repeated.add(index) : seen.add(index));
  for (const a of el.attrs) {
    for (const n of a.value) {
      if (n.kind !== K_PLACEHOLDER) continue;
      inAttributes.add(n.index);
      use(n.index);
    }
  }
  for (const n of el.children) {
    if (n.kind === K_ELEMENT) collectSlots(n, inAttributes, seen, repeated);
    else if (n.kind === K_PLACEHOLDER) use(n.index);
  }
}

function collectFixed(el: XmlElement, fixed: Set<XmlElement>): boolean {
  let isFixed = true;
  for (const a of el.attrs) for (const n of a.value) if (n.kind === K_PLACEHOLDER) isFixed = false;
  for (const n of el.children) {
    if (n.kind === K_PLACEHOLDER) isFixed = false;
    else if (n.kind === K_ELEMENT && !collectFixed(n, fixed)) isFixed = false;
  }
  if (isFixed) fixed.add(el);
  return isFixed;
}

/** Template definition header: next-template offset, GUID (16), data size; then the BinXML. */
const DEFINITION_HEADER_SIZE = 24;

export function createChunkContext(data: Uint8Array): ChunkContext {
  return { data, names: new Map(), templates: new Map(), budget: RECORD_BUDGET, readTemplateInstance };
}

export function templateAt(ctx: ChunkContext, offset: number): TemplateDefinition {
  const cached = ctx.templates.get(offset);
  if (cached instanceof EvtxFormatError) throw cached;
  if (cached !== undefined) return cached;
  try {
    const size = u32(ctx.data, offset + 20, 'template definition size');
    const start = offset + DEFINITION_HEADER_SIZE;
    if (start + size > ctx.data.length) throw new EvtxFormatError(`template definition of ${size} bytes runs past the end of the chunk`, offset);
    const { roots } = parseFragment(ctx, start, start + size, MODE_TEMPLATE, 0);
    if (roots.length !== 1) throw new EvtxFormatError(`template definition has ${roots.length} root elements`, offset);
    const fixed = new Set<XmlElement>();
    collectFixed(roots[0], fixed);
    const attributeSlots = new Set<number>();
    const repeatedSlots = new Set<number>();
    collectSlots(roots[0], attributeSlots, new Set(), repeatedSlots);
    const def = { offset, root: roots[0], fixed, attributeSlots, repeatedSlots };
    ctx.templates.set(offset, def);
    return def;
  } catch (err) {
    const failure = err instanceof EvtxFormatError ? err : new EvtxFormatError(String(err), offset);
    ctx.templates.set(offset, failure);
    throw failure;
  }
}

/**
 * Template instance token (0x0c): u8 unknown, u32 template id, u32 definition offset, the
 * definition itself when it is defined right here, then u32 value count, count × (u16 size,
 * u8 type, u8 pad) descriptors and the values back to back.
 */
export interface TemplateInstance {
  def: TemplateDefinition;
  values: BinValue[];
  next: number;
}

export function readInstanceParts(ctx: ChunkContext, pos: number, end: number): TemplateInstance {
  const data = ctx.data;
  const defOffset = u32(data, pos + 6, 'template definition offset');
  let p = pos + 10;
  if (defOffset === p) p += DEFINITION_HEADER_SIZE + u32(data, p + 20, 'template definition size');
  const def = templateAt(ctx, defOffset);
  const count = u32(data, p, 'substitution count');
  p += 4;
  if (p + 4 * count > end) throw new EvtxFormatError(`template instance declares ${count} values, more than the record holds`, p - 4);
  const values: BinValue[] = new Array(count);
  let vp = p + 4 * count;
  for (let i = 0; i < count; i++) {
    const d = p + 4 * i;
    const size = data[d] | (data[d + 1] << 8);
    const type = u8(data, d + 2, 'substitution type');
    if (vp + size > end) throw new EvtxFormatError(`substitution value ${i} (${size} bytes) runs past the end of the record`, vp);
    values[i] = decodeSizedValue(data, vp, size, type, `substitution ${i}`);
    vp += size;
  }
  return { def, values, next: vp };
}

function readTemplateInstance(ctx: ChunkContext, pos: number, end: number, depth: number): { element: XmlElement; next: number } {
  const { def, values, next } = readInstanceParts(ctx, pos, end);
  return { element: instantiate(ctx, def, values, depth), next };
}

/** The instance as a document tree. The root is never repeated for an array value (an instance is one element). */
export function instantiate(ctx: ChunkContext, def: TemplateDefinition, values: SlotValue[], depth: number): XmlElement {
  const out: XmlNode[] = [];
  resolveInto(ctx, def, def.root, values, depth, out, false);
  return out[0] as XmlElement;
}

/**
 * Copies a definition element with its placeholders replaced. Subtrees without placeholders
 * are shared, not copied: document trees are never modified after they are built.
 */
function resolveInto(ctx: ChunkContext, def: TemplateDefinition, el: XmlElement, values: SlotValue[], depth: number, into: XmlNode[], expand: boolean): void {
  if (def.fixed.has(el)) {
    into.push(el);
    return;
  }
  if (--ctx.budget < 0) throw new EvtxFormatError('record expands to too many elements', 0);
  const out = element(el.name);
  let arrays = false;
  for (const a of el.attrs) {
    const nodes: XmlNode[] = [];
    for (const n of a.value) {
      if (n.kind === K_PLACEHOLDER) arrays = resolvePlaceholder(ctx, n, values, depth, nodes, true) || arrays;
      else nodes.push(n);
    }
    if (nodes.length > 0) out.attrs.push({ name: a.name, value: nodes });
  }
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const n = children[i];
    if (n.kind === K_ELEMENT) resolveInto(ctx, def, n, values, depth, out.children, true);
    else if (n.kind === K_PLACEHOLDER) arrays = resolvePlaceholder(ctx, n, values, depth, out.children, false) || arrays;
    else out.children.push(n);
  }
  if (arrays && expand) expandArrays(ctx, out, into);
  else into.push(out);
}

/** Appends the placeholder's value (or nothing); returns true when it was an array of several items. */
function resolvePlaceholder(ctx: ChunkContext, ph: PlaceholderNode, values: SlotValue[], depth: number, out: XmlNode[], inAttribute: boolean): boolean {
  if (ph.index >= values.length) return false;
  const slot = values[ph.index];
  if (slot.kind === K_ELEMENT) {
    // A nested instance kept as a view: build it here (the view was only made where no attribute uses it).
    if (ph.optional && ph.type === VT.Null) return false;
    if (inAttribute) throw new EvtxFormatError('BinXML value inside an attribute', 0);
    const nested = slot as InstanceElement;
    out.push(instantiate(ctx, nested.def, nested.scope, depth + 1));
    return false;
  }
  const value = slot;
  if (ph.optional && (ph.type === VT.Null || isEmptyValue(value))) return false;
  if (value.t === VT.BinXml) {
    const region = value.v as BinXmlRegion;
    if (region.end === region.start) return false;
    if (inAttribute) throw new EvtxFormatError('BinXML value inside an attribute', region.start);
    const { roots } = parseFragment(ctx, region.start, region.end, MODE_RECORD, depth + 1);
    for (const r of roots) out.push(r);
    return false;
  }
  if (value.t === VT.EvtXml || value.t === VT.EvtHandle) {
    throw new EvtxFormatError(`unsupported substitution value type 0x${value.t.toString(16)}`, 0);
  }
  out.push(value);
  return Array.isArray(value.v) && value.v.length > 1;
}

/** The first array value with more than one item among an element's children, then its attributes. */
function findArray(el: XmlElement): { nodes: XmlNode[]; index: number; items: BinValue[] } | undefined {
  const scan = (nodes: XmlNode[]) => {
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      if (n.kind === K_VALUE && Array.isArray(n.v) && n.v.length > 1) return { nodes, index: i, items: n.v };
    }
    return undefined;
  };
  const hit = scan(el.children);
  if (hit) return hit;
  for (const a of el.attrs) {
    const h = scan(a.value);
    if (h) return h;
  }
  return undefined;
}

/** Repeats `el` once per array item (cross product when several arrays appear), appending to `out`. */
function expandArrays(ctx: ChunkContext, el: XmlElement, out: XmlNode[]): void {
  const hit = findArray(el);
  if (!hit) {
    out.push(el);
    return;
  }
  for (const item of hit.items) {
    if (--ctx.budget < 0) throw new EvtxFormatError('array values expand to too many elements', 0);
    const replaced: XmlNode[] = hit.nodes.slice();
    const omit = typeof item.v === 'string' && item.v.length === 0;
    if (omit) replaced.splice(hit.index, 1);
    else replaced[hit.index] = item;
    const copy: XmlElement = {
      kind: K_ELEMENT,
      name: el.name,
      attrs: el.attrs.map((a) => (a.value === hit.nodes ? { name: a.name, value: replaced } : a)).filter((a) => a.value.length > 0),
      children: el.children === hit.nodes ? replaced : el.children,
    };
    expandArrays(ctx, copy, out);
  }
}
