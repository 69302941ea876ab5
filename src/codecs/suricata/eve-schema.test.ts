/**
 * The EVE mapping against Suricata's own schema.json (suricata-eve-spec):
 * - every top-level object of the schema is either an event type with a mapping entry or
 *   a known decoration of other events;
 * - every field path a mapping rule reads exists in the schema;
 * - a schema-conforming record of every event type (generated from the schema, every
 *   property filled) maps without loss: native is the record, and every rule whose field is
 *   present fills its ECS field;
 * - the real record in the corpus and the complete examples of the format documentation map.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath } from '../../testing/corpora.js';
import { decodeEveLines } from './decoder.js';
import { EVE_COMMON_RULES, EVE_COMMON_SECTIONS, EVE_EVENT_TYPES, mapEveRecord } from './eve-map.js';
import { getPath, type EveRecord } from './eve-rules.js';
import { checkSchema, resolveRef, schemaAt, type JsonSchema } from './json-schema-check.js';

function loadSchema(t: TestContext): JsonSchema | undefined {
  const path = corpusPath(t, 'suricata-eve-spec', 'schema.json');
  return path ? (JSON.parse(readFileSync(path, 'utf8')) as JsonSchema) : undefined;
}

function topLevelObjects(schema: JsonSchema): string[] {
  const props = schema.properties as Record<string, JsonSchema>;
  return Object.keys(props).filter((k) => resolveRef(props[k], schema).type === 'object');
}

/** Values for fields whose format the schema does not state but the mapping interprets. */
const FORMATTED: Record<string, unknown> = {
  timestamp: '2024-01-02T03:04:05.123456+0000',
  'flow.start': '2024-01-02T03:04:00.000001+0000',
  'flow.end': '2024-01-02T03:04:05.000001+0000',
  'netflow.start': '2024-01-02T03:04:00.000001+0000',
  'netflow.end': '2024-01-02T03:04:05.000001+0000',
  'tls.version': 'TLS 1.3',
  'http.protocol': 'HTTP/1.1',
  'smb.status': 'STATUS_SUCCESS',
  'nfs.status': 'NFS3_OK',
  'enip.response.status': 'SUCCESS',
  'ftp.completion_code': ['230'],
  src_ip: '10.1.2.3',
  dest_ip: '192.0.2.9',
};

/** A record filling every property the schema declares, with schema-valid values. */
function generate(schema: JsonSchema, root: JsonSchema, path: string, depth: number): unknown {
  if (path in FORMATTED) return FORMATTED[path];
  const s = resolveRef(schema, root);
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (Array.isArray(s.oneOf)) {
    const first = s.oneOf[0] as JsonSchema;
    return generate({ ...s, oneOf: undefined, ...first }, root, path, depth);
  }
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'integer':
      return typeof s.minimum === 'number' ? Math.max(7, s.minimum) : 7;
    case 'number':
      return 7.5;
    case 'boolean':
      return true;
    case 'array': {
      const items = (s.items ?? { type: 'string' }) as JsonSchema;
      return depth > 8 ? [] : [generate(items, root, `${path}.0`, depth + 1)];
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 8) return out;
      for (const [k, sub] of Object.entries((s.properties ?? {}) as Record<string, JsonSchema>)) {
        out[k] = generate(sub, root, path ? `${path}.${k}` : k, depth + 1);
      }
      return out;
    }
    default:
      if (typeof s.pattern === 'string') {
        const re = new RegExp(s.pattern);
        const fits = ['2017-01-04T10:48:43', FORMATTED.timestamp].find((c) => typeof c === 'string' && re.test(c));
        if (fits !== undefined) return fits;
      }
      return `v:${path}`;
  }
}

function instanceFor(eventType: string, schema: JsonSchema): EveRecord {
  const props = schema.properties as Record<string, JsonSchema>;
  const rec: EveRecord = {
    timestamp: FORMATTED.timestamp,
    flow_id: 1234567,
    event_type: eventType,
    src_ip: FORMATTED.src_ip,
    src_port: 50000,
    dest_ip: FORMATTED.dest_ip,
    dest_port: 443,
    proto: 'TCP',
  };
  rec[eventType] = generate(props[eventType], schema, eventType, 0);
  return rec;
}

test('every top-level schema object is an event type with a mapping, or a known decoration', (t) => {
  const schema = loadSchema(t);
  if (!schema) return;
  const objects = topLevelObjects(schema);
  assert.ok(objects.length > 40);
  const unclassified = objects.filter((k) => !(k in EVE_EVENT_TYPES) && !EVE_COMMON_SECTIONS.includes(k));
  assert.deepEqual(unclassified, [], 'schema objects without a mapping entry');
  const both = objects.filter((k) => k in EVE_EVENT_TYPES && EVE_COMMON_SECTIONS.includes(k));
  assert.deepEqual(both, []);
  const stale = [...Object.keys(EVE_EVENT_TYPES), ...EVE_COMMON_SECTIONS].filter((k) => !(k in (schema.properties as object)));
  assert.deepEqual(stale, [], 'mapping entries the schema does not know');
});

test('every field a mapping rule reads exists in the schema', (t) => {
  const schema = loadSchema(t);
  if (!schema) return;
  const missing: string[] = [];
  for (const [path] of EVE_COMMON_RULES) if (!schemaAt(schema, path)) missing.push(path);
  for (const [type, mapping] of Object.entries(EVE_EVENT_TYPES)) {
    for (const [path] of mapping.rules) if (!schemaAt(schema, path)) missing.push(`${type}: ${path}`);
  }
  assert.deepEqual(missing, []);
});

test('a schema-conforming record of every event type maps without loss', (t) => {
  const schema = loadSchema(t);
  if (!schema) return;
  for (const eventType of Object.keys(EVE_EVENT_TYPES)) {
    const rec = instanceFor(eventType, schema);
    assert.deepEqual(checkSchema(rec, schema), [], `generated ${eventType} record conforms`);
    const copy = structuredClone(rec);
    const r = mapEveRecord(rec);
    assert.ok(r.ok, eventType);
    const { fields, native } = r.record;
    assert.deepEqual(native, copy, `${eventType}: native is the record, unchanged`);
    assert.equal(r.record.ts, Date.UTC(2024, 0, 2, 3, 4, 5) + 123.456);
    assert.deepEqual(r.record.logsource, { product: 'suricata', service: eventType });
    assert.equal(fields['suricata.eve.event_type'], eventType);
    assert.ok(Array.isArray(fields['event.category']) && fields['event.category'].length > 0, eventType);
    for (const [path, ecs] of [...EVE_COMMON_RULES, ...EVE_EVENT_TYPES[eventType].rules]) {
      if (getPath(rec, path) === undefined) continue;
      assert.notEqual(fields[ecs], undefined, `${eventType}: ${path} → ${ecs}`);
    }
    if (eventType !== 'arp') assert.equal(fields['source.ip'], '10.1.2.3');
  }
});

test('the real fileinfo record in the corpus conforms to the schema and maps', (t) => {
  const dir = corpusPath(t, 'suricata-eve-spec', 'suricata-verify-output-eve-fileinfo');
  const schema = loadSchema(t);
  if (!dir || !schema) return;
  const lines = readFileSync(join(dir, 'eve.json'), 'utf8').split('\n').filter((l) => l.trim().length > 0);
  assert.equal(lines.length, 1);
  const original = JSON.parse(lines[0]) as EveRecord;
  assert.deepEqual(checkSchema(original, schema), []);
  const [r] = decodeEveLines(lines);
  assert.ok(r.ok);
  const f = r.record.fields;
  assert.equal(r.record.ts, Date.UTC(2016, 5, 8, 20, 1, 52) + 875.791);
  assert.deepEqual(r.record.native, original);
  assert.equal(f['file.name'], 'eicar.com');
  assert.equal(f['file.size'], 68);
  assert.equal(f['event.action'], 'closed');
  assert.equal(f['source.ip'], '188.40.238.250');
  assert.equal(f['destination.port'], 59908);
  assert.equal(f['network.transport'], 'tcp');
  assert.equal(f['network.protocol'], 'http');
  assert.equal(f['url.original'], '/download/eicar.com');
  assert.equal(f['url.full'], 'http://www.eicar.org/download/eicar.com');
  assert.equal(f['user_agent.original'], 'curl/7.43.0');
  assert.equal(f['http.response.status_code'], 200);
  assert.equal(f['http.version'], '1.1');
  assert.deepEqual(f['event.category'], ['file', 'network']);
});

/** Complete EVE records shown in the format documentation (literal blocks after `::`). */
function documentedRecords(text: string): EveRecord[] {
  const out: EveRecord[] = [];
  for (const block of text.split(/::\s*\n/).slice(1)) {
    const lines: string[] = [];
    for (const line of block.split('\n')) {
      if (line.trim() === '' || /^\s/.test(line)) lines.push(line);
      else break;
    }
    const body = lines.join('\n').trim();
    if (!body.startsWith('{')) continue;
    try {
      const rec = JSON.parse(body) as EveRecord;
      if (typeof rec.event_type === 'string' && typeof rec.timestamp === 'string') out.push(rec);
    } catch {
      // fragments and examples with elisions are not records
    }
  }
  return out;
}

test('the complete examples of the EVE format documentation map', (t) => {
  const path = corpusPath(t, 'suricata-eve-spec', 'eve-json-format.rst');
  if (!path) return;
  const records = documentedRecords(readFileSync(path, 'utf8'));
  assert.ok(records.length >= 9);
  for (const rec of records) {
    const copy = structuredClone(rec);
    const r = mapEveRecord(rec);
    assert.ok(r.ok, String(rec.event_type));
    assert.deepEqual(r.record.native, copy);
    assert.equal(r.record.logsource?.service, rec.event_type);
    if (rec.event_type === 'alert') {
      assert.equal(r.record.fields['event.kind'], 'alert');
      assert.equal(typeof r.record.fields['rule.id'], 'string');
    }
  }
  const flow = records.find((r) => r.event_type === 'flow');
  assert.ok(flow);
  const mapped = mapEveRecord(flow);
  assert.ok(mapped.ok && typeof mapped.record.fields['network.bytes'] === 'number');
});
