/**
 * Decoding a whole text (a request body, a small file) with a named format. Shared by the
 * ingest endpoint and `vigil ingest`, so both accept the same formats the same way.
 */
import { decodeJsonAuto } from '../codecs/json/decode.js';
import type { DecodeResult, DecoderOptions } from '../codecs/format.js';
import { detectFormat, formatNames, getFormat } from '../codecs/registry.js';
import { BadInputError } from '../core/errors.js';

export function decodeText(text: string, formatName: string, opts: DecoderOptions, fileName?: string): DecodeResult & { format: string } {
  if (formatName === 'auto' && fileName === undefined) {
    const head = text.slice(0, 4096);
    const sniffed = detectFormat(undefined, head);
    // JSON-looking bodies keep the forgiving array/object/NDJSON decoding.
    if (sniffed.name === 'ndjson' || sniffed.name === 'json') return { ...decodeJsonAuto(text, opts), format: 'json' };
    return decodeWith(sniffed.name, text, opts);
  }
  const format = formatName === 'auto' ? detectFormat(fileName, text.slice(0, 4096)).name : formatName;
  return decodeWith(format, text, opts);
}

function decodeWith(name: string, text: string, opts: DecoderOptions): DecodeResult & { format: string } {
  const format = getFormat(name);
  if (!format) throw new BadInputError(`unknown format "${name}" (known: ${formatNames().join(', ')})`, { parameter: 'format' });
  const decoder = format.createDecoder(opts);
  const a = decoder.push(text, 1);
  const b = decoder.end();
  return { records: [...a.records, ...b.records], rejected: [...a.rejected, ...b.rejected], format: name };
}
