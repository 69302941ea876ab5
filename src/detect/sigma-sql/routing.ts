/**
 * A rule's logsource as SQL on the classified relation (relation.ts), as the matcher's
 * `ruleApplies` decides it: every attribute the rule names must equal the event's.
 *
 * Windows categories come from the mapping data (src/detect/sigma/mapping/windows-data.ts): a
 * category is a service plus EventIDs (plus EventType for Sysmon 12), so `process_creation` is
 * Sysmon 1 or Security 4688. Some entries rename fields (4688's `NewProcessName` is `Image`),
 * so a category yields variants: the condition on which the entry applies, and its field map.
 * A declared category (`logsource.category` column) also places an event in the category,
 * without renames, unless the mapping already did.
 */
import type { SigmaLogsource } from '../sigma/index.js';
import type { WindowsCategory } from '../sigma/mapping/windows-data.js';
import { WINDOWS_CATEGORIES } from '../sigma/mapping/windows-data.js';
import { LOGSOURCE_FIELD_ALIASES } from '../sigma/mapping/generic-data.js';
import type { Frag } from './sql-kit.js';
import { and, ident, oneOf, or, param, sql, str, TRUE } from './sql-kit.js';

export interface CategoryVariant {
  /** When the event is in the category this way. */
  when: Frag;
  fieldmap: Readonly<Record<string, string>> | undefined;
}

const eq = (column: string, value: string): Frag => sql`${ident(column)} = ${str(value)}`;

/** Product and service as the rule names them (for every record shape). */
export function productServiceRoute(ls: SigmaLogsource): Frag {
  return and(ls.product ? eq('_sigma_product', ls.product) : TRUE, ls.service ? eq('_sigma_service', ls.service) : TRUE);
}

function entryCondition(c: WindowsCategory): Frag {
  const parts = [eq('_sigma_service', c.service), oneOf(ident('_sigma_eid'), c.eventIds.map((n) => param(n, 'float')))];
  if (c.eventType) parts.push(oneOf(ident('_sigma_etype'), c.eventType.map(str)));
  return and(...parts);
}

/**
 * The ways a Windows record is in `category`, renaming entries first: the matcher takes the
 * field map of the first entry of the event's categories, and mapped entries come before the
 * declared category.
 */
export function windowsCategoryVariants(category: string): CategoryVariant[] {
  const entries = WINDOWS_CATEGORIES.filter((c) => c.category === category);
  const renaming = entries.filter((c) => c.fieldmap);
  const plain = entries.filter((c) => !c.fieldmap);
  return [
    ...renaming.map((c) => ({ when: entryCondition(c), fieldmap: c.fieldmap })),
    { when: or(...plain.map(entryCondition), eq('_sigma_category', category)), fieldmap: undefined },
  ];
}

/**
 * The ways a generic record resolves the rule's fields: under each product/service that has
 * field aliases (generic-data.ts) and that the rule may reach, with those aliases, as the
 * matcher resolves them from the event's class; otherwise without (the last variant).
 */
export function genericAliasVariants(ls: SigmaLogsource): Array<{ when: Frag; fieldmap: undefined; aliases?: Readonly<Record<string, string>> }> {
  const out: Array<{ when: Frag; fieldmap: undefined; aliases?: Readonly<Record<string, string>> }> = [];
  for (const [key, aliases] of Object.entries(LOGSOURCE_FIELD_ALIASES)) {
    const [product, service] = key.split('/');
    if ((ls.product && ls.product !== product) || (ls.service && ls.service !== service)) continue;
    out.push({ when: and(eq('_sigma_product', product), eq('_sigma_service', service)), fieldmap: undefined, aliases });
  }
  out.push({ when: TRUE, fieldmap: undefined });
  return out;
}

/** Category of a record that is not a Windows record: declared, or from a recogniser. */
export function genericCategoryRoute(ls: SigmaLogsource): Frag {
  return ls.category ? eq('_sigma_category', ls.category) : TRUE;
}

/** Can a Windows record (evtx, winlog, flat shapes) have this product? Those are `windows`, or `linux` for Sysmon for Linux. */
export function windowsShapesPossible(ls: SigmaLogsource): boolean {
  return !ls.product || ls.product === 'windows' || ls.product === 'linux';
}
