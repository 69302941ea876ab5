/**
 * Compiled flow builders. A fixed-length flow template becomes one generated function that
 * reads each field once into a local, builds the native record as one object literal from
 * those locals, and derives the ECS fields from the same locals (ecs-codegen.ts) — no
 * second decoding, no per-field property lookups, no closures in the per-record loop.
 *
 * Builders are memoised by template layout (version, id, element ids, enterprise numbers,
 * lengths), so that an exporter refreshing its templates every few seconds keeps the same,
 * already optimised function. The memo is bounded; it never changes what a builder returns.
 *
 * Generated source contains numbers and names from the element registry (or built from
 * numbers, `ipfix.e5951.133`), emitted through JSON.stringify: no exporter-controlled text.
 */
import type { NormalizedRecord } from '../../core/index.js';
import { hexString, ipv4Text, ipv6ToString, macToString } from './addresses.js';
import { ecsCode, type EcsCodeOptions, type ValueRef } from './ecs-codegen.js';
import { BUILDER_RUNTIME } from './ecs-values.js';
import { fieldRead } from './field-reads.js';
import type { RecordContext } from './record-context.js';
import { VARIABLE_LENGTH, type Template } from './templates.js';
import { isoFromMs } from './timestamps.js';
import { decodeValue, readUnsigned } from './value-decoder.js';

/** Reads the record at `p` and returns it with its ECS fields. */
export type FlowBuilder = (buf: Buffer, p: number, c: RecordContext) => NormalizedRecord;
/** Maps an already decoded native record (`buf`/`p`: where it was read, when known). */
export type NativeMapper = (n: Record<string, unknown>, c: RecordContext, buf?: Buffer, p?: number) => NormalizedRecord;

const RUNTIME: Record<string, unknown> = { ...BUILDER_RUNTIME, decode: decodeValue, readUnsigned, hexString, ipv4Text, ipv6ToString, macToString, isoFromMs };
const RUNTIME_NAMES = Object.keys(RUNTIME);

function compile<T>(params: string, body: string, extra: Record<string, unknown> = {}): T {
  const names = [...RUNTIME_NAMES, ...Object.keys(extra)];
  const values = [...RUNTIME_NAMES.map((n) => RUNTIME[n]), ...Object.values(extra)];
  return new Function(...names, `return function (${params}) {\nconst h = c.header;\n${body}\n};`)(...values) as T;
}

const MAX_MEMO = 256;
const memo = new Map<string, FlowBuilder>();

/** The template's builder, or undefined when its records vary in length (variable-length or repeated elements). */
export function flowBuilder(template: Template, version: 5 | 9 | 10): FlowBuilder | undefined {
  if (template.builder !== undefined) return template.builder ?? undefined;
  if (template.options || template.fields.some((f) => f.length === VARIABLE_LENGTH || f.repeated)) {
    template.builder = null;
    return undefined;
  }
  const key = `${version}|${template.id}|${template.fields.map((f) => `${f.id}.${f.pen}.${f.length}`).join(',')}`;
  let builder = memo.get(key);
  if (builder) memo.delete(key); // re-inserted below: the Map's order is the recency order
  else builder = compileFlowBuilder(template, version);
  memo.set(key, builder);
  if (memo.size > MAX_MEMO) memo.delete(memo.keys().next().value!);
  template.builder = builder;
  return builder;
}

function compileFlowBuilder(template: Template, version: 5 | 9 | 10): FlowBuilder {
  const reads: string[] = [];
  const values = new Map<string, ValueRef>();
  const props = [`"version": ${Number(version)}`, `"templateId": ${Number(template.id)}`];
  const types: string[] = [];
  const typeSlot = (type: string) => `types[${types.push(type) - 1}]`;
  let at = 0;
  template.fields.forEach((f, i) => {
    if (!f.skip) {
      const read = fieldRead(f, at, `v${i}`, typeSlot);
      reads.push(read.code);
      values.set(f.name, read.ref);
      props.push(`${JSON.stringify(f.name)}: v${i}`);
    }
    at += f.length;
  });
  const ecs = ecsCode({ value: (name) => values.get(name), version, templateId: 'always' });
  const body = [...reads, `const native = { ${props.join(', ')} };`, ecs, 'return { ts: c.ts, fields: f, native, logsource: LOGSOURCE };'].join('\n');
  return compile<FlowBuilder>('buf, p, c', body, { types });
}

function compileMapper(options: EcsCodeOptions): NativeMapper {
  const body = `${ecsCode(options)}\nreturn { ts: c.ts, fields: f, native: n, logsource: LOGSOURCE };`;
  return compile<NativeMapper>('n, c, buf, p', body);
}

/** Any native record: every element may be present and of any type (the mapping's general case). */
export const mapAnyFlow: NativeMapper = compileMapper({
  value: (name) => ({ expr: `n[${JSON.stringify(name)}]`, kind: 'any' }),
  version: undefined,
  templateId: 'runtime',
});

/** NetFlow v5's fixed record (decode-v5.ts): its elements, types, and where its addresses are. */
const V5_VALUES = new Map<string, ValueRef['kind']>(Object.entries({
  sourceIPv4Address: 'text',
  destinationIPv4Address: 'text',
  ipNextHopIPv4Address: 'text',
  ingressInterface: 'number',
  egressInterface: 'number',
  packetDeltaCount: 'number',
  octetDeltaCount: 'number',
  flowStartSysUpTime: 'number',
  flowEndSysUpTime: 'number',
  sourceTransportPort: 'number',
  destinationTransportPort: 'number',
  tcpControlBits: 'number',
  protocolIdentifier: 'number',
  ipClassOfService: 'number',
  bgpSourceAsNumber: 'number',
  bgpDestinationAsNumber: 'number',
}) as Array<[string, ValueRef['kind']]>);
const V5_ADDRESS_AT = new Map([['sourceIPv4Address', 'p'], ['destinationIPv4Address', 'p + 4']]);

export const mapV5Flow: NativeMapper = compileMapper({
  value: (name) => {
    const kind = V5_VALUES.get(name);
    if (!kind) return undefined;
    const at = V5_ADDRESS_AT.get(name);
    return { expr: `n[${JSON.stringify(name)}]`, kind, at: at ? { offset: at, length: 4 } : undefined };
  },
  version: 5,
  templateId: 'never',
});
