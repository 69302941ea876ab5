/** Helpers shared by the cloud codec tests: decode a text or a fixture file with a named format. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DecodeResult } from '../format.js';
import { getFormat } from '../registry.js';
import { projectRoot } from '../../testing/project-root.js';

export const TEST_NOW = Date.UTC(2026, 10, 22, 12);
export const TEST_DECODER = { max_depth: 64, max_record_bytes: 1 << 20, now: () => TEST_NOW };

export function testdataPath(...parts: string[]): string {
  return join(projectRoot(import.meta.url), 'src', 'codecs', 'cloud', 'testdata', ...parts);
}

/** Decodes `text` with the named format as `vigil ingest` does: one push, then end. */
export function decodeWith(formatName: string, text: string, opts = TEST_DECODER): DecodeResult {
  const format = getFormat(formatName);
  if (!format) throw new Error(`format ${formatName} not registered`);
  const d = format.createDecoder(opts);
  const a = d.push(text, 1);
  const b = d.end();
  return { records: [...a.records, ...b.records], rejected: [...a.rejected, ...b.rejected] };
}

export function decodeFixture(formatName: string, ...parts: string[]): DecodeResult {
  return decodeWith(formatName, readFileSync(testdataPath(...parts), 'utf8'));
}
