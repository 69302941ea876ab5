/**
 * Turns decoded flows (native records with IANA element names) into ECS records. The
 * mapping rules live in ecs-codegen.ts, compiled once per template for the decoder's hot
 * path (flow-compiler.ts); `flowToRecord` applies the same rules to a native record of any
 * shape. `@timestamp` (the record's `ts`) is the export time of the packet; the flow's own
 * span is `event.start`/`event.end`.
 */
import type { EcsFields, NormalizedRecord } from '../../core/index.js';
import { CONNECTION, INFO, NETFLOW_LOGSOURCE, NETWORK } from './ecs-values.js';
import { mapAnyFlow } from './flow-compiler.js';
import { RecordContext, type FlowContext } from './record-context.js';

export { NETFLOW_LOGSOURCE, NETWORK, CONNECTION };
export type { FlowContext };

export function flowToRecord(native: Record<string, unknown>, ctx: FlowContext | RecordContext): NormalizedRecord {
  return mapAnyFlow(native, ctx instanceof RecordContext ? ctx : new RecordContext(ctx));
}

/** Options data records describe the exporter (sampling, uptime, counters), not traffic. */
export function optionsToRecord(native: Record<string, unknown>, ctx: FlowContext | RecordContext): NormalizedRecord {
  const c = ctx instanceof RecordContext ? ctx : new RecordContext(ctx);
  const h = c.header;
  const f: EcsFields = {
    'event.kind': 'event',
    'event.category': NETWORK,
    'event.type': INFO,
    'event.module': 'netflow',
    'event.dataset': 'netflow.options',
    'event.created': c.created,
    'observer.ip': c.exporter.address,
    'netflow.exporter.address': c.exporterText,
    'netflow.exporter.version': h.version,
    'netflow.exporter.source_id': h.domainId,
    'netflow.exporter.sequence': h.sequence,
  };
  if (h.sysUpTimeMs !== undefined) f['netflow.exporter.uptime_millis'] = h.sysUpTimeMs;
  if (c.templateId !== undefined) f['netflow.template_id'] = c.templateId;
  return { ts: c.ts, fields: f, native, logsource: NETFLOW_LOGSOURCE };
}
