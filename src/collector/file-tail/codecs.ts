/**
 * The codecs a tailed file can be read with, by name. Built in: `zeek`, `eve`, `auditd` and
 * `lines`; any other name is looked up in the format registry (`ndjson`, and what the lead
 * registers there, e.g. `syslog`). `registerFileTailCodec` adds or replaces one.
 *
 * A decoder is the format registry's StreamDecoder, optionally checkpointable: `snapshot`
 * and `restore` carry decoder state (a Zeek header, open auditd events) across restarts;
 * `flushIdle` releases what a decoder holds back once the file has been quiet for a while;
 * `primeFromHead` lets a decoder read a file's header when reading starts mid-file.
 */
import { createAuditdStreamDecoder } from '../../codecs/auditd/index.js';
import type { DecodeResult, StreamDecoder } from '../../codecs/format.js';
import { formatNames, getFormat } from '../../codecs/registry.js';
import { createEveStreamDecoder } from '../../codecs/suricata/index.js';
import { createZeekStreamDecoder, zeekPathFromFileName } from '../../codecs/zeek/index.js';
import { createPlainLineDecoder } from './plain-lines.js';

export interface FileLineDecoder extends StreamDecoder {
  snapshot?(): unknown;
  restore?(state: unknown): boolean;
  flushIdle?(): DecodeResult;
  primeFromHead?(lines: readonly string[]): void;
}

export interface FileCodecContext {
  /** The file being read (for codecs that take a hint from the name, like Zeek's log path). */
  filePath: string;
  maxLineBytes: number;
}

export type FileCodecFactory = (ctx: FileCodecContext) => FileLineDecoder;

/** JSON nesting allowed to formats from the registry that ask for it. */
const MAX_JSON_DEPTH = 64;

const BUILT_IN: ReadonlyMap<string, FileCodecFactory> = new Map<string, FileCodecFactory>([
  ['lines', () => createPlainLineDecoder()],
  [
    'zeek',
    (ctx) => {
      const decoder = createZeekStreamDecoder(
        { max_depth: MAX_JSON_DEPTH, max_record_bytes: ctx.maxLineBytes },
        { defaultPath: zeekPathFromFileName(ctx.filePath) },
      );
      return {
        ...decoder,
        // Starting mid-file (start_at: end) still needs the #fields/#types header at the top.
        primeFromHead(lines) {
          const header: string[] = [];
          for (const line of lines) {
            if (!line.startsWith('#')) break;
            header.push(line);
          }
          if (header.length > 0) decoder.push(header.join('\n'), 1);
        },
      };
    },
  ],
  ['eve', (ctx) => createEveStreamDecoder({ max_depth: MAX_JSON_DEPTH, max_record_bytes: ctx.maxLineBytes })],
  [
    'auditd',
    (ctx) => {
      const decoder = createAuditdStreamDecoder({ max_depth: MAX_JSON_DEPTH, max_record_bytes: ctx.maxLineBytes });
      return { ...decoder, flushIdle: () => decoder.end() };
    },
  ],
]);

const registered = new Map<string, FileCodecFactory>();

/** Add or replace a codec for tailed files (e.g. a syslog line codec). */
export function registerFileTailCodec(name: string, factory: FileCodecFactory): void {
  registered.set(name, factory);
}

export function fileTailCodec(name: string): FileCodecFactory | undefined {
  const own = registered.get(name) ?? BUILT_IN.get(name);
  if (own) return own;
  const format = name === 'auto' ? undefined : getFormat(name);
  if (!format) return undefined;
  return (ctx) => format.createDecoder({ max_depth: MAX_JSON_DEPTH, max_record_bytes: ctx.maxLineBytes, now: Date.now });
}

export function hasFileTailCodec(name: string): boolean {
  return fileTailCodec(name) !== undefined;
}

export function fileTailCodecNames(): string[] {
  // `auto` picks a format per input, which a line-by-line tail cannot do.
  const fromRegistry = formatNames().filter((n) => n !== 'auto');
  return [...new Set([...BUILT_IN.keys(), ...registered.keys(), ...fromRegistry])].sort();
}
