/**
 * One YAML document → a detection rule, a correlation rule or a filter, decided by which of
 * `detection`, `correlation`, `filter` it carries.
 */
import type { YMap } from '../yaml/located-yaml.js';
import { mapGet } from '../yaml/located-yaml.js';
import { parseCorrelation, parseRuleRefs } from './parse-correlation.js';
import { parseDetection } from './parse-detection.js';
import { parseLogsource, parseMeta } from './parse-meta.js';
import type { Problems } from './problems.js';
import { describeNode, expectStringList } from './problems.js';
import type { RuleMeta, RuleOrigin, SigmaDocument, SigmaFilter, SigmaRule } from './types.js';

export function parseSigmaDocument(doc: YMap, origin: RuleOrigin, p: Problems): SigmaDocument | undefined {
  const has = (k: string): boolean => mapGet(doc, k) !== undefined;
  const kinds = ['detection', 'correlation', 'filter'].filter(has);
  if (kinds.length === 0) {
    p.error(doc.pos, 'document has none of detection, correlation or filter: not a Sigma rule');
    return undefined;
  }
  if (kinds.length > 1) {
    p.error(doc.pos, `document has both ${kinds.join(' and ')}; a Sigma document is exactly one of rule, correlation or filter`);
    return undefined;
  }
  const errorsBefore = p.errorCount;
  const meta = parseMeta(doc, origin, p);
  if (kinds[0] === 'correlation') {
    const c = parseCorrelation(meta, mapGet(doc, 'correlation')!.value, p);
    return p.errorCount > errorsBefore ? undefined : c;
  }
  if (kinds[0] === 'filter') {
    const f = parseFilter(doc, meta, p);
    return p.errorCount > errorsBefore ? undefined : f;
  }
  const ls = parseLogsource(mapGet(doc, 'logsource')?.value, doc.pos, p, true);
  const detection = parseDetection(mapGet(doc, 'detection')?.value, doc.pos, p);
  const fieldsNode = mapGet(doc, 'fields')?.value;
  const rule: SigmaRule = {
    ...meta,
    kind: 'rule',
    logsource: ls.logsource,
    logsourcePos: ls.pos,
    detection,
    fields: fieldsNode ? expectStringList(fieldsNode, 'fields', p) : [],
  };
  return p.errorCount > errorsBefore ? undefined : rule;
}

function parseFilter(doc: YMap, meta: RuleMeta, p: Problems): SigmaFilter | undefined {
  const ls = parseLogsource(mapGet(doc, 'logsource')?.value, doc.pos, p, true);
  const fNode = mapGet(doc, 'filter')!.value;
  if (fNode.kind !== 'map') {
    p.error(fNode.pos, `filter must be a map with rules, selections and a condition, found ${describeNode(fNode)}`);
    return undefined;
  }
  const rulesNode = mapGet(fNode, 'rules')?.value;
  let rules: SigmaFilter['rules'];
  if (rulesNode && rulesNode.kind === 'scalar' && typeof rulesNode.value === 'string' && ['any', 'all'].includes(rulesNode.value.toLowerCase())) {
    rules = 'any';
  } else if (rulesNode && rulesNode.kind === 'seq' && rulesNode.items.length === 0) {
    rules = 'any';
  } else {
    rules = parseRuleRefs(rulesNode, fNode.pos, p);
  }
  const detection = parseDetection(fNode, fNode.pos, p, 'filter', ['rules']);
  if (detection.conditions.length > 1) p.error(detection.conditions[1].pos, 'a filter has exactly one condition');
  for (const k of ['fields'] as const) {
    const n = mapGet(doc, k)?.value;
    if (n) expectStringList(n, k, p);
  }
  return { ...meta, kind: 'filter', logsource: ls.logsource, logsourcePos: ls.pos, rules, detection };
}
