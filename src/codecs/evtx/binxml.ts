/**
 * The BinXML token reader: turns a fragment (a record's data, a template definition, or a
 * BinXML substitution value) into elements. It is iterative (no recursion per element), caps
 * nesting depth and token count, and checks every offset, so hostile input ends in an
 * EvtxFormatError naming the chunk offset instead of a crash or a loop.
 */
import { EvtxFormatError, u16, u32, u8, utf16 } from './bytes.js';
import { K_CDATA, K_CHARREF, K_ELEMENT, K_ENTITY, K_PI, K_PLACEHOLDER, element } from './tree.js';
import type { XmlAttr, XmlElement, XmlNode } from './tree.js';
import { decodeInlineValue } from './values.js';
import type { TemplateDefinition } from './template.js';

/** Per-chunk state shared by every record of the chunk: names and templates are chunk-scoped. */
export interface ChunkContext {
  data: Uint8Array;
  names: Map<number, string>;
  templates: Map<number, TemplateDefinition | EvtxFormatError>;
  /**
   * Work left for the current record (tokens read plus nodes built). Nested BinXML values
   * and array expansion can multiply work; the budget turns a crafted blow-up into an error.
   */
  budget: number;
  /** Instantiates the template instance token at `pos` (template.ts); injected to avoid an import cycle. */
  readTemplateInstance(ctx: ChunkContext, pos: number, end: number, depth: number): { element: XmlElement; next: number };
}

export const MODE_RECORD = 0;
export const MODE_TEMPLATE = 1;

/**
 * Nesting limits. Renderers recurse per element, so the product (64 × 8 = 512 levels) must
 * stay well inside the call stack; real events nest about 10 deep and 3 fragments at most.
 */
const MAX_DEPTH = 64;
export const MAX_NESTED_FRAGMENTS = 8;
/** A 64 KiB chunk cannot hold more tokens than bytes; this bounds any single parse. */
const MAX_TOKENS = 65536;
/** Work allowed for one record, far above any real record (a few thousand nodes at most). */
export const RECORD_BUDGET = 200_000;
/** What starting a fragment costs against the budget: re-parsing a nested value is not free. */
const FRAGMENT_COST = 64;

export interface FragmentResult {
  roots: XmlElement[];
  next: number;
}

/** Reads a name structure (next offset, hash, length, UTF-16, NUL) at `off`, through the chunk's name cache. */
function nameAt(ctx: ChunkContext, off: number): string {
  const cached = ctx.names.get(off);
  if (cached !== undefined) return cached;
  const units = u16(ctx.data, off + 6, 'name length');
  const name = utf16(ctx.data, off + 8, units, 'name');
  if (name.length === 0) throw new EvtxFormatError('empty element or attribute name', off);
  ctx.names.set(off, name);
  return name;
}

/** A name reference: either the name follows inline (offset == here) or it lives earlier in the chunk. */
export function readNameRef(ctx: ChunkContext, pos: number): { name: string; next: number } {
  const off = u32(ctx.data, pos, 'name offset');
  const after = pos + 4;
  if (off === after) {
    const name = nameAt(ctx, off);
    return { name, next: after + 8 + 2 * name.length + 2 };
  }
  if (off >= after || off + 8 > ctx.data.length) throw new EvtxFormatError(`name offset 0x${off.toString(16)} points outside the chunk's earlier data`, pos);
  return { name: nameAt(ctx, off), next: after };
}

/**
 * Element start headers carry a 2-byte dependency identifier in template definitions but
 * not (always) elsewhere. The layout is checked for plausibility (element size fits the
 * chunk, name offset is inline or points backwards) and the other layout is tried if not.
 */
function readElementStart(ctx: ChunkContext, pos: number, preferDependencyId: boolean): { name: string; next: number } {
  const data = ctx.data;
  const plausible = (withId: boolean): boolean => {
    const p = pos + 1 + (withId ? 2 : 0);
    if (p + 8 > data.length) return false;
    const size = u32(data, p, 'element size');
    const nameOff = u32(data, p + 4, 'element name offset');
    return size <= data.length && (nameOff === p + 8 || nameOff < p + 4);
  };
  let withId = preferDependencyId;
  if (!plausible(withId)) {
    if (!plausible(!withId)) throw new EvtxFormatError('element start with an implausible size or name offset', pos);
    withId = !withId;
  }
  return readNameRef(ctx, pos + 1 + (withId ? 2 : 0) + 4);
}

/**
 * Parses tokens from `start` until the fragment's end-of-stream token (or `end`).
 * `mode` decides whether substitutions (template definitions) or template instances
 * (records, BinXML values) may appear.
 */
export function parseFragment(ctx: ChunkContext, start: number, end: number, mode: number, depth: number): FragmentResult {
  if (depth > MAX_NESTED_FRAGMENTS) throw new EvtxFormatError('BinXML nested too deeply', start);
  if ((ctx.budget -= FRAGMENT_COST) < 0) throw new EvtxFormatError('record expands to too many elements', start);
  if (end > ctx.data.length) throw new EvtxFormatError('fragment runs past the end of the chunk', start);
  const data = ctx.data;
  const roots: XmlElement[] = [];
  const stack: XmlElement[] = [];
  let pending: XmlElement | null = null;
  let attr: XmlAttr | null = null;
  let pos = start;
  let tokens = 0;

  const attach = (el: XmlElement): void => {
    if (stack.length > 0) stack[stack.length - 1].children.push(el);
    else roots.push(el);
  };
  const closeStart = (): XmlElement => {
    if (pending === null) throw new EvtxFormatError('close of an element start that was never opened', pos);
    const el: XmlElement = pending;
    if (attr !== null && attr.value.length === 0) el.attrs.pop();
    pending = null;
    attr = null;
    attach(el);
    return el;
  };
  const target = (): XmlNode[] => {
    if (attr !== null) return attr.value;
    if (pending !== null) throw new EvtxFormatError('content inside an element start tag outside any attribute', pos);
    if (stack.length === 0) throw new EvtxFormatError('content outside of any element', pos);
    return stack[stack.length - 1].children;
  };

  while (pos < end) {
    if (++tokens > MAX_TOKENS || --ctx.budget < 0) throw new EvtxFormatError('too many BinXML tokens', pos);
    const tok = data[pos];
    switch (tok & 0xbf) {
      case 0x00: // end of fragment
        if (stack.length > 0 || pending !== null) throw new EvtxFormatError('end of fragment inside an open element', pos);
        return { roots, next: pos + 1 };
      case 0x0f: // fragment header: version 1.1, flags
        pos += 4;
        break;
      case 0x01: {
        if (pending !== null) throw new EvtxFormatError('element opened inside another element start tag', pos);
        if (stack.length >= MAX_DEPTH) throw new EvtxFormatError('elements nested too deeply', pos);
        const { name, next } = readElementStart(ctx, pos, mode === MODE_TEMPLATE);
        pending = element(name);
        pos = (tok & 0x40) !== 0 ? next + 4 : next; // skip the attribute list size
        break;
      }
      case 0x02:
        stack.push(closeStart());
        pos += 1;
        break;
      case 0x03:
        closeStart();
        pos += 1;
        break;
      case 0x04:
        if (stack.length === 0) throw new EvtxFormatError('end of an element that is not open', pos);
        stack.pop();
        pos += 1;
        break;
      case 0x05: {
        const [value, next] = decodeInlineValue(data, pos + 2, u8(data, pos + 1, 'value type'), 'value token');
        target().push(value);
        pos = next;
        break;
      }
      case 0x06: {
        if (pending === null) throw new EvtxFormatError('attribute outside an element start tag', pos);
        const el: XmlElement = pending;
        if (attr !== null && attr.value.length === 0) el.attrs.pop();
        const { name, next } = readNameRef(ctx, pos + 1);
        attr = { name, value: [] };
        el.attrs.push(attr);
        pos = next;
        break;
      }
      case 0x07: {
        const units = u16(data, pos + 1, 'CDATA length');
        target().push({ kind: K_CDATA, text: utf16(data, pos + 3, units, 'CDATA') });
        pos += 3 + 2 * units;
        break;
      }
      case 0x08:
        target().push({ kind: K_CHARREF, code: u16(data, pos + 1, 'character reference') });
        pos += 3;
        break;
      case 0x09: {
        const { name, next } = readNameRef(ctx, pos + 1);
        target().push({ kind: K_ENTITY, name });
        pos = next;
        break;
      }
      case 0x0a: {
        const { name, next } = readNameRef(ctx, pos + 1);
        target().push({ kind: K_PI, target: name, data: undefined });
        pos = next;
        break;
      }
      case 0x0b: {
        const units = u16(data, pos + 1, 'PI data length');
        const nodes = target();
        const last = nodes[nodes.length - 1];
        if (last === undefined || last.kind !== K_PI || last.data !== undefined) throw new EvtxFormatError('processing instruction data without a target', pos);
        last.data = utf16(data, pos + 3, units, 'PI data');
        pos += 3 + 2 * units;
        break;
      }
      case 0x0c: {
        if (mode !== MODE_RECORD) throw new EvtxFormatError('template instance inside a template definition', pos);
        if (pending !== null || attr !== null) throw new EvtxFormatError('template instance inside an element start tag', pos);
        const inst = ctx.readTemplateInstance(ctx, pos, end, depth);
        attach(inst.element);
        pos = inst.next;
        break;
      }
      case 0x0d:
      case 0x0e: {
        if (mode !== MODE_TEMPLATE) throw new EvtxFormatError('substitution outside a template definition', pos);
        const index = u16(data, pos + 1, 'substitution index');
        const type = u8(data, pos + 3, 'substitution type');
        target().push({ kind: K_PLACEHOLDER, index, type, optional: (tok & 0xbf) === 0x0e });
        pos += 4;
        break;
      }
      default:
        throw new EvtxFormatError(`unknown BinXML token 0x${tok.toString(16)}`, pos);
    }
  }
  if (stack.length > 0 || pending !== null) throw new EvtxFormatError(`fragment ends with ${stack.length + (pending ? 1 : 0)} element(s) still open`, pos);
  return { roots, next: pos };
}

export function isElement(n: XmlNode): n is XmlElement {
  return n.kind === K_ELEMENT;
}
