/**
 * Where a rule's tests come from and what they say (docs/sigma.md, "Rule tests"):
 *  - a `tests:` list in the rule document;
 *  - a `<rule file>.tests.yml` beside the rule file (`tests:` list, or the list itself), whose
 *    entries name their rule with `rule:` when the file holds several;
 *  - Hayabusa's `sample-evtx` (Event XML that must match).
 * An entry: `name`, `match` (true: every event must match / the correlation must fire;
 * false: must not), events as `event` (one record), `events` (records in time order),
 * `event_xml` (Event Viewer XML) or `file` (JSON/NDJSON/XML, relative to the YAML file),
 * and optionally `logsource` declared for records that do not show theirs.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Pos, SigmaDiagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import { eventXmlToJson } from '../events/event-xml.js';
import { parseJsonRecords } from '../events/json-records.js';
import type { SigmaLogsource } from '../model/types.js';
import type { YNode } from '../yaml/located-yaml.js';
import { mapGet, parseYamlDocuments, toPlain } from '../yaml/located-yaml.js';

export interface TestSpec {
  file: string;
  pos: Pos;
  /** Rule reference (id, name or title); undefined = the rule the spec is attached to. */
  rule?: string;
  name: string;
  match: boolean;
  events: Array<Record<string, unknown>>;
  logsource?: SigmaLogsource;
}

const MAX_EVENT_FILE_BYTES = 64 * 1024 * 1024;

/** Parse one list of test entries; problems become located diagnostics. */
export function parseTestList(list: YNode, file: string, out: SigmaDiagnostic[]): TestSpec[] {
  if (list.kind !== 'seq') {
    out.push(diagnostic('error', file, list.pos, 'tests must be a list of test entries'));
    return [];
  }
  const specs: TestSpec[] = [];
  list.items.forEach((item, i) => {
    if (item.kind !== 'map') {
      out.push(diagnostic('error', file, item.pos, 'a test entry must be a map (name, match, event/events/event_xml/file)'));
      return;
    }
    const get = (k: string): YNode | undefined => mapGet(item, k)?.value;
    const name = String(toPlain(get('name') ?? { kind: 'scalar', pos: item.pos, value: `test ${i + 1}`, source: '', quoted: false }));
    const matchNode = get('match');
    const match = matchNode === undefined ? true : toPlain(matchNode);
    if (typeof match !== 'boolean') {
      out.push(diagnostic('error', file, matchNode!.pos, `test '${name}': match must be true or false`));
      return;
    }
    const events: Array<Record<string, unknown>> = [];
    const addRecord = (v: unknown, pos: Pos): void => {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) events.push(v as Record<string, unknown>);
      else out.push(diagnostic('error', file, pos, `test '${name}': an event must be a map`));
    };
    const ev = get('event');
    if (ev) addRecord(toPlain(ev), ev.pos);
    const evs = get('events');
    if (evs) {
      if (evs.kind === 'seq') for (const e of evs.items) addRecord(toPlain(e), e.pos);
      else out.push(diagnostic('error', file, evs.pos, `test '${name}': events must be a list`));
    }
    const xml = get('event_xml');
    if (xml) {
      try {
        events.push(eventXmlToJson(String(toPlain(xml))));
      } catch (err) {
        out.push(diagnostic('error', file, xml.pos, `test '${name}': event_xml: ${(err as Error).message}`));
      }
    }
    const f = get('file');
    if (f) events.push(...readEventFile(join(dirname(file), String(toPlain(f))), file, f.pos, name, out));
    if (events.length === 0) {
      out.push(diagnostic('error', file, item.pos, `test '${name}' has no events (event, events, event_xml or file)`));
      return;
    }
    const spec: TestSpec = { file, pos: item.pos, name, match, events };
    const rule = get('rule');
    if (rule) spec.rule = String(toPlain(rule));
    const ls = get('logsource');
    if (ls) spec.logsource = toPlain(ls) as SigmaLogsource;
    specs.push(spec);
  });
  return specs;
}

function readEventFile(path: string, file: string, pos: Pos, name: string, out: SigmaDiagnostic[]): Array<Record<string, unknown>> {
  try {
    if (statSync(path).size > MAX_EVENT_FILE_BYTES) throw new Error(`larger than ${MAX_EVENT_FILE_BYTES} bytes`);
    const text = readFileSync(path, 'utf8');
    if (/\.xml$/i.test(path)) {
      return text
        .split(/(?<=<\/Event>)/)
        .filter((chunk) => chunk.includes('<Event'))
        .map((chunk) => eventXmlToJson(chunk.slice(chunk.indexOf('<Event'))));
    }
    const records: Array<Record<string, unknown>> = [];
    for (const r of parseJsonRecords(text)) {
      if (r.ok) records.push(r.record);
      else out.push(diagnostic('error', path, { line: r.line, col: 1 }, `test '${name}': ${r.reason}`));
    }
    return records;
  } catch (err) {
    out.push(diagnostic('error', file, pos, `test '${name}': cannot read events from ${path}: ${(err as Error).message}`));
    return [];
  }
}

/** Tests in `<rule file>.tests.yml` beside a rule file, if there is one. */
export function besideTests(ruleFile: string, out: SigmaDiagnostic[]): TestSpec[] {
  const base = ruleFile.replace(/\.ya?ml$/i, '');
  for (const candidate of [`${base}.tests.yml`, `${base}.tests.yaml`]) {
    if (!existsSync(candidate)) continue;
    const { docs, errors } = parseYamlDocuments(readFileSync(candidate, 'utf8'), candidate);
    out.push(...errors);
    const specs: TestSpec[] = [];
    for (const d of docs) {
      if (!d.node) continue;
      const list = d.node.kind === 'map' ? mapGet(d.node, 'tests')?.value : d.node;
      if (list) specs.push(...parseTestList(list, candidate, out));
    }
    return specs;
  }
  return [];
}
