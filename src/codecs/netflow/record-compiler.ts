/**
 * Compiles a fixed-length template into a function that reads one record as a single
 * object literal. V8 creates such objects with one hidden class and no per-field property
 * transitions, which matters at hundreds of thousands of records per second. Property names
 * come from the element registry or are built from numbers (`ipfix.e5951.133`) and are
 * emitted through JSON.stringify, so no exporter-controlled text reaches the generated code.
 */
import type { Template } from './templates.js';
import { decodeValue } from './value-decoder.js';

export type RecordReader = (buf: Buffer, offset: number) => Record<string, unknown>;

/** Undefined for templates the generic decoder handles (variable-length or repeated fields). */
export function compileRecordReader(template: Template, version: number): RecordReader | undefined {
  if (template.fields.some((f) => f.length === 65535 || f.repeated)) return undefined;
  const types: string[] = [];
  const props: string[] = [`"version": ${Number(version)}`, `"templateId": ${Number(template.id)}`];
  let offset = 0;
  for (const f of template.fields) {
    if (!f.skip) {
      types.push(f.type);
      props.push(`${JSON.stringify(f.name)}: decode(buf, p + ${offset}, ${f.length}, types[${types.length - 1}])`);
    }
    offset += f.length;
  }
  const body = `return function readRecord(buf, p) { return { ${props.join(', ')} }; };`;
  return new Function('decode', 'types', body)(decodeValue, types) as RecordReader;
}
