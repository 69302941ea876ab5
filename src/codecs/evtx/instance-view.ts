/**
 * The common record shape, kept without building a tree: a record (or a BinXML value inside
 * it, like the EventData of nearly every Windows event) that is exactly one template instance
 * becomes an InstanceElement, the definition's root plus the instance's values. The JSON
 * renderer resolves placeholders as it goes; `instantiate` builds the tree when XML is asked.
 *
 * Only shapes whose rendering cannot fail take this form: values that are scalars, arrays of
 * at most one item, or BinXML that is itself such an instance, used once and not in an
 * attribute. Then the rendered size is at most the sum of the templates' sizes.
 * Anything else returns undefined and the record goes through the general path, which reports
 * errors as damage when the record is read.
 */
import { MAX_NESTED_FRAGMENTS } from './binxml.js';
import type { ChunkContext } from './binxml.js';
import { K_ELEMENT } from './tree.js';
import type { ScopedElement } from './tree.js';
import { readInstanceParts } from './template.js';
import type { InstanceElement } from './template.js';
import { VT } from './values.js';
import type { BinValue, BinXmlRegion } from './values.js';


/** Where the template instance token (0x0c) is: first, or after a fragment header (0x0f, 4 bytes). */
function instanceStart(data: Uint8Array, start: number, end: number): number | undefined {
  if (start < end && data[start] === 0x0c) return start;
  if (start + 4 < end && data[start] === 0x0f && data[start + 4] === 0x0c) return start + 4;
  return undefined;
}

/** The instance at `start` (after an optional fragment header) as a view, or undefined when it needs the general path. */
export function readInstanceView(ctx: ChunkContext, start: number, end: number, depth = 0): InstanceElement | undefined {
  const data = ctx.data;
  const at = instanceStart(data, start, end);
  if (depth > MAX_NESTED_FRAGMENTS || at === undefined) return undefined;
  const inst = readInstanceParts(ctx, at, end);
  if (inst.next < end && data[inst.next] !== 0x00) return undefined; // more than one instance in the fragment
  const scope: Array<BinValue | ScopedElement> = inst.values;
  for (let i = 0; i < inst.values.length; i++) {
    const v = inst.values[i];
    if (Array.isArray(v.v) && v.v.length > 1) return undefined;
    if (v.t !== VT.BinXml) continue;
    const region = v.v as BinXmlRegion;
    if (region.end === region.start) continue;
    // A nested instance used in an attribute is an error, used twice it could multiply the
    // work: both belong to the general path, which reports the one and budgets the other.
    if (inst.def.attributeSlots.has(i) || inst.def.repeatedSlots.has(i)) return undefined;
    const nested = readInstanceView(ctx, region.start, region.end, depth + 1);
    if (nested === undefined) return undefined;
    scope[i] = nested;
  }
  const root = inst.def.root;
  return { kind: K_ELEMENT, name: root.name, attrs: root.attrs, children: root.children, scope, def: inst.def };
}
