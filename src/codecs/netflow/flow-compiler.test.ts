import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeDataRecords } from './data-records.js';
import { flowToRecord } from './ecs-mapping.js';
import { flowBuilder } from './flow-compiler.js';
import { RecordContext } from './record-context.js';
import type { PacketHeader, Session } from './session-store.js';
import { parseIpfixTemplate, parseNetflow9Template, type Template } from './templates.js';
import { ipfixTemplateSet, netflow9TemplateFlowset, type FieldSpec } from './testdata/packet-builder.js';

/**
 * Elements the mapping reads, plus a few it does not, each with its usual length and lengths
 * that force another decoding (reduced size, hex fallback, values beyond 2^53).
 */
const CANDIDATES: Array<[id: number, lengths: number[]]> = [
  [8, [4, 3]], [12, [4, 5]], [27, [16]], [28, [16]], [7, [2, 1]], [11, [2, 4]], [4, [1, 2]], [1, [4, 8]], [2, [4, 8]],
  [85, [8]], [86, [8]], [231, [4]], [232, [4]], [298, [4]], [299, [4]], [10, [2, 4]], [14, [4]], [58, [2]], [243, [2]],
  [61, [1]], [233, [1]], [32, [2]], [176, [1]], [177, [1]], [56, [6, 4]], [80, [6]], [16, [2, 4]], [17, [4]],
  [225, [4]], [226, [4]], [227, [2]], [228, [2]], [22, [4]], [21, [4]], [150, [4]], [151, [4]], [152, [8]], [153, [8, 3]],
  [154, [8]], [155, [8]], [158, [4]], [159, [4]], [161, [4]], [162, [4]], [5, [1]], [6, [1, 2]], [210, [3]], [371, [8]],
];

function randomTemplate(rand: () => number, id: number): FieldSpec[] {
  const fields: FieldSpec[] = [];
  const used = new Set<number>();
  const count = 4 + Math.floor(rand() * 14);
  while (fields.length < count) {
    const [element, lengths] = CANDIDATES[Math.floor(rand() * CANDIDATES.length)];
    if (used.has(element)) continue;
    used.add(element);
    fields.push({ id: element, length: lengths[Math.floor(rand() * lengths.length)] });
  }
  // Some templates put the protocol first or leave it out, so every branch of the mapping is reached.
  return id % 3 === 0 ? fields.filter((f) => f.id !== 4) : fields;
}

function context(version: 9 | 10, templateId: number, session: Session): RecordContext {
  const header: PacketHeader = { version, exportSeconds: 1_700_000_000, exportNanos: 0, sysUpTimeMs: version === 9 ? 3_600_000 : undefined, sequence: 7, domainId: 1 };
  return new RecordContext({ header, exporter: { address: '192.0.2.1', port: 2055 }, session, receivedAt: 1_700_000_000_123, templateId });
}

test('compiled builders give exactly the records of the general mapping (values and key order)', () => {
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let compared = 0;
  for (let t = 0; t < 300; t++) {
    const version = t % 2 === 0 ? 9 : 10;
    const id = 256 + t;
    const spec = { id, fields: randomTemplate(rand, t) };
    const set = version === 9 ? netflow9TemplateFlowset([spec]) : ipfixTemplateSet([spec]);
    const parsed = version === 9 ? parseNetflow9Template(set, 4, set.length, 0) : parseIpfixTemplate(set, 4, set.length, false, 0);
    assert.ok(parsed.ok && !parsed.withdrawal);
    const template: Template = parsed.template;
    const build = flowBuilder(template, version);
    assert.ok(build, `template ${id} is fixed-length`);
    const records = Buffer.alloc(template.minRecordLength * 8);
    for (let i = 0; i < records.length; i++) records[i] = rand() < 0.3 ? 0 : Math.floor(rand() * 256);
    // Plausible protocols and flow times in some records; random octets elsewhere.
    const session = { options: t % 4 === 1 ? { samplingInterval: 10, systemInitTimeMs: 1_699_999_000_000 } : {} } as unknown as Session;
    const ctx = context(version, id, session);
    const natives = decodeDataRecords(records, 0, records.length, template, version).natives;
    natives.forEach((native, i) => {
      const expected = flowToRecord(native, ctx);
      const actual = build(records, i * template.minRecordLength, ctx);
      assert.equal(JSON.stringify(actual), JSON.stringify(expected), `template ${id} record ${i}`);
      assert.deepEqual(actual, expected);
      compared++;
    });
  }
  assert.equal(compared, 2400);
});

test('templates that refresh with the same layout keep the same compiled builder', () => {
  const spec = { id: 300, fields: [{ id: 8, length: 4 }, { id: 12, length: 4 }, { id: 4, length: 1 }] };
  const set = ipfixTemplateSet([spec]);
  const first = parseIpfixTemplate(set, 4, set.length, false, 0);
  const again = parseIpfixTemplate(set, 4, set.length, false, 60_000);
  const v9 = parseIpfixTemplate(set, 4, set.length, false, 0);
  assert.ok(first.ok && !first.withdrawal && again.ok && !again.withdrawal && v9.ok && !v9.withdrawal);
  assert.equal(flowBuilder(first.template, 10), flowBuilder(again.template, 10));
  // The version is part of the layout: it is in every native record.
  assert.notEqual(flowBuilder(first.template, 10), flowBuilder(v9.template, 9));
});
