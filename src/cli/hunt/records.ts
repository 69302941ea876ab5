/**
 * Evidence readers for `vigil hunt`, as a small registry by file type: each reader says which
 * files it takes and turns one into records (the native record, plus normalized fields and a
 * declared logsource when the format knows them). Adding a format is one entry in HUNT_READERS.
 */
import type { EcsFields, Logsource } from '../../core/event.js';
import { codecReader } from './read-codec.js';
import { csvReader } from './read-csv.js';
import { evtxReader } from './read-evtx.js';
import { jsonReader } from './read-json.js';
import { xmlReader } from './read-xml.js';

export interface HuntRecord {
  native: Record<string, unknown>;
  fields?: EcsFields;
  logsource?: Logsource;
  /** Event time in epoch ms when the format knows it (EVTX record header). */
  ts?: number;
  /** Where the record is, for messages: `line 12`, `record 4711`. */
  where: string;
}

export interface ReadContext {
  signal?: AbortSignal;
  /** Bytes read from disk so far in this file (for progress). */
  onBytes(n: number): void;
  /** A record or region that could not be read: reported, never fatal. */
  onProblem(where: string, reason: string): void;
}

export interface HuntReader {
  name: string;
  /** Decides from the file name (lower-cased, `.gz` removed) and the first bytes (decompressed). */
  accepts(baseName: string, head: string): boolean;
  read(file: string, ctx: ReadContext): AsyncIterable<HuntRecord>;
}

/** In order of precedence. */
export const HUNT_READERS: readonly HuntReader[] = [evtxReader, xmlReader, csvReader, codecReader, jsonReader];

export function readerFor(file: string, head: string): HuntReader | undefined {
  const base = file.toLowerCase().replace(/\.gz$/, '');
  return HUNT_READERS.find((r) => r.accepts(base, head));
}
