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

/** True when every pattern occurs in the first line of `head` (sniffing one record, not the file). */
export function firstLineHas(head: string, ...patterns: RegExp[]): boolean {
  const nl = head.indexOf('\n');
  const first = nl < 0 ? head : head.slice(0, nl);
  return patterns.every((p) => p.test(first));
}
