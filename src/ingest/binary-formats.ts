/**
 * Binary file formats (EVTX) are read by their own streaming readers rather than as lines.
 * Each yields decoded batches; the registry is explicit like the text one.
 */
import type { DecodeResult, DecoderOptions } from '../codecs/format.js';
import { evtxFileFormat } from './evtx-format.js';

export interface BinaryFileFormat {
  name: string;
  extensions: string[];
  read(path: string, opts: DecoderOptions, onBytes: (n: number) => void): AsyncIterable<DecodeResult>;
}

const BINARY_FORMATS: BinaryFileFormat[] = [evtxFileFormat];

export function getBinaryFormat(name: string): BinaryFileFormat | undefined {
  return BINARY_FORMATS.find((f) => f.name === name);
}

export function detectBinaryFormat(file: string): BinaryFileFormat | undefined {
  const lower = file.toLowerCase();
  return BINARY_FORMATS.find((f) => f.extensions.some((e) => lower.endsWith(e)));
}
