/**
 * The demo must look like data Vigil ingested for real: each generated record's native part
 * goes through the project's own receiver/normalizer for its source, and every field that
 * normalizer produces must be in the generated record with the same value (the generator adds
 * enrichments on top: GeoIP country, asset host names, flow direction). The logsource and
 * the event time must agree too.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EcsFields, NormalizedRecord } from '../core/event.js';
import { evtxToNormalized, type JsonObject } from '../codecs/evtx/index.js';
import { flowToRecord, type FlowContext } from '../codecs/netflow/ecs-mapping.js';
import type { Session } from '../codecs/netflow/index.js';
import { decodeSyslogLine } from '../codecs/syslog/index.js';
import { mapZeekRecord, type ZeekValue } from '../codecs/zeek/index.js';
import { generateScenario } from './scenario.js';

const records = [...generateScenario({ seed: 'agreement', start_ms: Date.UTC(2024, 2, 4), events: 12_000 })];
const ofProduct = (product: string) => records.filter((r) => r.logsource?.product === product);

/** Every field `expected` has, `actual` has with an equal value (minus keys the demo cannot know). */
function assertFieldsAgree(actual: EcsFields, expected: EcsFields, context: string, ignore: readonly string[] = []): void {
  for (const [key, value] of Object.entries(expected)) {
    if (ignore.includes(key)) continue;
    assert.deepEqual(actual[key], value, `${context}: ${key}`);
  }
}

function assertLogsourceAgrees(generated: NormalizedRecord, decoded: NormalizedRecord): void {
  assert.equal(generated.logsource?.product, decoded.logsource?.product);
  assert.equal(generated.logsource?.service, decoded.logsource?.service);
}

describe('agreement with Vigil normalizers', () => {
  it('Linux auth lines decode, through the syslog receiver, to the generated record', () => {
    const linux = ofProduct('linux');
    assert.ok(linux.length > 100);
    for (const r of linux) {
      const h = r.native.syslog as Record<string, string | number>;
      const line = `<${h.priority}>1 ${h.timestamp} ${h.hostname} ${h.app_name} ${h.procid} - - ${r.native.message}`;
      const decoded = decodeSyslogLine(line, { receivedAt: r.ts as number });
      assert.equal(decoded.warnings, undefined, line);
      assert.equal(decoded.ts, r.ts, line);
      assert.deepEqual(decoded.native, r.native, line);
      assertLogsourceAgrees(r, decoded);
      assertFieldsAgree(r.fields, decoded.fields, line);
    }
  });

  it('Windows records normalize, through the EVTX normalizer, to the generated record', () => {
    const windows = ofProduct('windows');
    assert.ok(windows.length > 100);
    for (const r of windows) {
      const decoded = evtxToNormalized(r.native as JsonObject);
      const context = `${r.fields['event.code']} on ${r.fields['host.name']}`;
      assert.equal(decoded.warnings, undefined, context);
      assert.equal(decoded.ts, r.ts, context);
      assertLogsourceAgrees(r, decoded);
      assertFieldsAgree(r.fields, decoded.fields, context);
    }
  });

  it('Zeek dns.log records map, through the Zeek normalizer, to the generated record', () => {
    const dns = ofProduct('zeek');
    assert.ok(dns.length > 100);
    for (const r of dns) {
      const decoded = mapZeekRecord({ path: 'dns', fields: r.native as Record<string, ZeekValue> });
      assert.ok(Math.abs((decoded.ts as number) - (r.ts as number)) < 0.01);
      assertLogsourceAgrees(r, decoded);
      assertFieldsAgree(r.fields, decoded.fields, String(r.native.query));
    }
  });

  it('flow records map, through the NetFlow/IPFIX normalizer, to the generated record', () => {
    const flows = ofProduct('netflow');
    assert.ok(flows.length > 100);
    for (const r of flows) {
      const ts = r.ts as number;
      // The packet the record would have arrived in: exported when the flow ended.
      const ctx: FlowContext = {
        header: { version: 10, exportSeconds: Math.floor(ts / 1000), exportNanos: (ts % 1000) * 1_000_000, sysUpTimeMs: undefined, sequence: 1, domainId: 1 },
        exporter: { address: String(r.fields['observer.ip']), port: 2055 },
        session: { options: {} } as unknown as Session,
        receivedAt: ts,
        templateId: 256,
      };
      const decoded = flowToRecord(r.native, ctx);
      assert.equal(decoded.ts, ts);
      assertLogsourceAgrees(r, decoded);
      // Packet-level exporter details and the Community ID are not generated (see docs/demo.md).
      const ignore = ['event.created', 'netflow.exporter.address', 'netflow.exporter.version', 'netflow.exporter.source_id', 'netflow.exporter.sequence', 'netflow.template_id', 'network.community_id'];
      assertFieldsAgree(r.fields, decoded.fields, `${r.fields['source.ip']} → ${r.fields['destination.ip']}`, ignore);
    }
  });
});
