/** A cloud JSON format as a TextFormat: the shared record reader plus the provider's mapper. */
import type { TextFormat } from '../../format.js';
import type { JsonRecordSpec } from './json-records.js';
import { createJsonRecordDecoder } from './json-records.js';

export interface CloudJsonFormatSpec extends JsonRecordSpec {
  name: string;
  description: string;
  extensions?: string[];
  sniff(head: string): boolean;
}

export function cloudJsonFormat(spec: CloudJsonFormatSpec): TextFormat {
  return {
    name: spec.name,
    description: spec.description,
    extensions: spec.extensions ?? [],
    sniff: spec.sniff,
    createDecoder: (opts) => createJsonRecordDecoder(opts, spec),
  };
}

/**
 * True when every pattern occurs in the first record of `head`: its first line for NDJSON and
 * one-line arrays, so that keys of different records do not add up; the whole head when the
 * document is pretty-printed (first line just `[` or `{`).
 */
export function firstLineHas(head: string, ...patterns: RegExp[]): boolean {
  const start = head.search(/\S/);
  if (start < 0) return false;
  const nl = head.indexOf('\n', start);
  const first = nl < 0 ? head.slice(start) : head.slice(start, nl);
  const text = /^[[{]\s*$/.test(first) ? head : first;
  return patterns.every((p) => p.test(text));
}
