/**
 * The attributes every Sigma document shares (title, id, level, tags, ...), and the logsource
 * map. Malformed values are located errors; questionable but usable ones are warnings.
 */
import type { Pos } from '../diagnostics.js';
import type { YMap, YNode } from '../yaml/located-yaml.js';
import { mapGet } from '../yaml/located-yaml.js';
import type { RuleMeta, RuleOrigin, SigmaLevel, SigmaLogsource } from './types.js';
import { SIGMA_LEVELS } from './types.js';
import { WINDOWS_SERVICE_ALIASES } from '../mapping/windows-data.js';
import type { Problems } from './problems.js';
import { describeNode, expectString, expectStringList } from './problems.js';

const STATUSES = new Set(['stable', 'test', 'experimental', 'deprecated', 'unsupported']);
const RELATED_TYPES = new Set(['derived', 'obsolete', 'merged', 'renamed', 'similar']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function parseMeta(doc: YMap, origin: RuleOrigin, p: Problems): RuleMeta {
  const get = (k: string): YNode | undefined => mapGet(doc, k)?.value;
  const titleNode = get('title');
  let title = '';
  if (!titleNode) p.error(doc.pos, 'missing required attribute: title');
  else {
    title = expectString(titleNode, 'title', p) ?? '';
    if (title.length > 256) p.warn(titleNode.pos, 'title is longer than 256 characters');
  }
  const meta: RuleMeta = {
    title,
    tags: [],
    references: [],
    falsepositives: [],
    related: [],
    origin,
    raw: doc,
  };
  const idNode = get('id');
  if (idNode) {
    const id = expectString(idNode, 'id', p);
    if (id !== undefined) {
      meta.id = id;
      p.rule = id;
      if (!UUID.test(id)) p.warn(idNode.pos, `id '${id}' is not a UUID`);
    }
  }
  const nameNode = get('name');
  if (nameNode) meta.name = expectString(nameNode, 'name', p);
  if (!p.rule) p.rule = meta.name ?? (title || undefined);

  const statusNode = get('status');
  if (statusNode) {
    const s = expectString(statusNode, 'status', p);
    if (s !== undefined) {
      if (!STATUSES.has(s)) p.error(statusNode.pos, `status '${s}' is not one of ${[...STATUSES].join(', ')}`);
      meta.status = s;
    }
  }
  const levelNode = get('level');
  if (levelNode && !(levelNode.kind === 'scalar' && levelNode.value === null)) {
    const l = expectString(levelNode, 'level', p);
    if (l !== undefined) {
      if ((SIGMA_LEVELS as readonly string[]).includes(l)) meta.level = l as SigmaLevel;
      else p.error(levelNode.pos, `level '${l}' is not one of ${SIGMA_LEVELS.join(', ')}`);
    }
  }
  for (const [key, prop] of [
    ['description', 'description'],
    ['author', 'author'],
    ['taxonomy', 'taxonomy'],
  ] as const) {
    const n = get(key);
    if (n && !(n.kind === 'scalar' && n.value === null)) meta[prop] = expectString(n, key, p);
  }
  for (const key of ['date', 'modified'] as const) {
    const n = get(key);
    if (!n) continue;
    const v = expectString(n, key, p);
    if (v === undefined) continue;
    meta[key] = v;
    if (!ISO_DATE.test(v)) p.warn(n.pos, `${key} '${v}' is not an ISO 8601 date (YYYY-MM-DD)`);
  }
  const tagsNode = get('tags');
  if (tagsNode) meta.tags = expectStringList(tagsNode, 'tags', p);
  const refNode = get('references');
  if (refNode) meta.references = expectStringList(refNode, 'references', p);
  const fpNode = get('falsepositives');
  if (fpNode) meta.falsepositives = expectStringList(fpNode, 'falsepositives', p);
  const relNode = get('related');
  if (relNode) meta.related = parseRelated(relNode, p);
  if (meta.taxonomy && meta.taxonomy !== 'sigma') {
    p.warn(get('taxonomy')!.pos, `taxonomy '${meta.taxonomy}': field names are resolved as written (only the default 'sigma' taxonomy has mappings)`);
  }
  return meta;
}

function parseRelated(n: YNode, p: Problems): Array<{ id: string; type: string }> {
  if (n.kind !== 'seq') {
    p.error(n.pos, `related must be a list of {id, type}, found ${describeNode(n)}`);
    return [];
  }
  const out: Array<{ id: string; type: string }> = [];
  for (const item of n.items) {
    if (item.kind !== 'map') {
      p.error(item.pos, `each related entry must be a map with id and type, found ${describeNode(item)}`);
      continue;
    }
    const id = mapGet(item, 'id');
    const type = mapGet(item, 'type');
    if (!id || !type) {
      p.error(item.pos, 'a related entry needs both id and type');
      continue;
    }
    const idS = expectString(id.value, 'related id', p);
    const typeS = expectString(type.value, 'related type', p);
    if (typeS !== undefined && !RELATED_TYPES.has(typeS)) {
      p.warn(type.value.pos, `related type '${typeS}' is not one of ${[...RELATED_TYPES].join(', ')}`);
    }
    if (idS !== undefined && typeS !== undefined) out.push({ id: idS, type: typeS });
  }
  return out;
}

/** The logsource map; `definition` and custom keys are kept out of routing. */
export function parseLogsource(n: YNode | undefined, docPos: Pos, p: Problems, required: boolean): { logsource: SigmaLogsource; pos: Pos } {
  if (!n) {
    if (required) p.error(docPos, 'missing required attribute: logsource');
    return { logsource: {}, pos: docPos };
  }
  if (n.kind !== 'map') {
    p.error(n.pos, `logsource must be a map, found ${describeNode(n)}`);
    return { logsource: {}, pos: n.pos };
  }
  const ls: SigmaLogsource = {};
  for (const key of ['product', 'service', 'category'] as const) {
    const e = mapGet(n, key);
    if (!e || (e.value.kind === 'scalar' && e.value.value === null)) continue;
    const v = expectString(e.value, `logsource ${key}`, p);
    if (v === undefined) continue;
    if (v !== v.toLowerCase()) p.warn(e.value.pos, `logsource ${key} '${v}' should be lower case; matched case-insensitively`);
    const lower = v.toLowerCase();
    ls[key] = key === 'service' ? (WINDOWS_SERVICE_ALIASES[lower] ?? lower) : lower;
  }
  if (required && !ls.product && !ls.service && !ls.category) {
    p.error(n.pos, 'logsource names none of product, service, category: the rule would apply to every event');
  }
  return { logsource: ls, pos: n.pos };
}
