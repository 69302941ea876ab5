/**
 * `vigil evtx dump FILE`: prints an EVTX file's records. Damaged chunks and records are
 * reported on stderr with their file offsets and the rest is still printed. Exit 0 when
 * the file could be read (even with damage), 1 when it cannot be read at all (missing,
 * not EVTX, unreadable), 2 on usage errors.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { CliIo, Command } from '../command.js';
import { UsageError } from '../command.js';
import { EvtxFileError, formatDamage, readEvtxFile, readEvtxFileParallel } from '../../codecs/evtx/index.js';
import type { EvtxItem } from '../../codecs/evtx/index.js';

const FORMATS = ['xml', 'json', 'jsonl'] as const;
type DumpFormat = (typeof FORMATS)[number];

const USAGE = `vigil evtx dump FILE [--format xml|json|jsonl] [--workers N] [--separate-json-attributes]

  FILE                        a Windows event log (.evtx)
  --format xml                (default) each record as "Record N" and its XML, as evtx_dump prints it
  --format json               a JSON array of records in the evtx_dump convention
                              (Event.System, Event.EventData, #attributes, numbers as numbers)
  --format jsonl              one JSON record per line
  --workers N                 parse chunks on N worker threads (0 = in this thread, the default);
                              output is identical and in file order
  --separate-json-attributes  put attributes in "<Name>_attributes" objects instead of "#attributes"

Damaged chunks and records are reported on stderr ("error: offset 0x… …") and skipped;
every readable record is still printed. Exit status: 0 when the file could be read (even
with damage), 1 when it cannot be read at all, 2 on a usage error.`;

/** Buffers output and honours backpressure, so a slow pipe never makes us hold the whole file. */
class OutputBuffer {
  private parts: string[] = [];
  private size = 0;
  closed = false;

  constructor(private readonly out: Writable) {
    out.on('error', () => {
      this.closed = true; // e.g. EPIPE when piped into `head`: stop quietly
    });
  }

  async write(s: string): Promise<void> {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 1 << 16) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0 || this.closed) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.out.write(text)) await new Promise<void>((done) => {
      const finish = () => {
        this.out.off('drain', finish);
        this.out.off('error', finish);
        this.out.off('close', finish);
        done();
      };
      this.out.on('drain', finish).on('error', finish).on('close', finish);
    });
  }
}

function render(item: Extract<EvtxItem, { kind: 'record' }>, format: DumpFormat, first: boolean): string {
  const r = item.record;
  if (format === 'xml') return `Record ${r.recordId}\n${r.xml()}`;
  if (format === 'jsonl') return `${JSON.stringify(r.event)}\n`;
  const pretty = JSON.stringify(r.event, null, 2).replace(/\n/g, '\n  ');
  return `${first ? '' : ',\n'}  ${pretty}`;
}

function parseOptions(argv: string[]): { file: string; format: DumpFormat; workers: number; separate: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        format: { type: 'string', default: 'xml' },
        workers: { type: 'string', default: '0' },
        'separate-json-attributes': { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the EVTX file to dump' : 'give exactly one EVTX file');
  const format = values.format as DumpFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${values.format}"`);
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw new UsageError(`--workers must be an integer from 0 to 64, got "${values.workers}"`);
  return { file: positionals[0], format, workers, separate: values['separate-json-attributes'] === true };
}

async function dump(io: CliIo, opts: ReturnType<typeof parseOptions>): Promise<number> {
  const path = resolve(io.cwd, opts.file);
  const readOptions = { signal: io.signal, separateJsonAttributes: opts.separate, workers: opts.workers };
  const items = opts.workers > 0 ? readEvtxFileParallel(path, readOptions) : readEvtxFile(path, readOptions);
  const out = new OutputBuffer(io.stdout);
  let records = 0;
  let errors = 0;
  let warnings = 0;
  if (opts.format === 'json') await out.write('[\n');
  for await (const item of items) {
    if (item.kind === 'damage') {
      if (item.damage.severity === 'error') errors++;
      else warnings++;
      io.stderr.write(`vigil evtx dump: ${opts.file}: ${formatDamage(item.damage)}\n`);
      continue;
    }
    await out.write(render(item, opts.format, records === 0));
    records++;
    if (out.closed) break;
  }
  if (opts.format === 'json') await out.write(records === 0 ? ']\n' : '\n]\n');
  await out.flush();
  if (errors + warnings > 0) io.stderr.write(`vigil evtx dump: ${opts.file}: ${records} records printed, ${errors} damaged parts skipped, ${warnings} warnings\n`);
  return 0;
}

export const evtxDumpCommand: Command = {
  name: 'evtx dump',
  summary: 'print the records of an EVTX file as XML, JSON or JSON lines',
  usage: USAGE,
  async run(argv, io) {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const opts = parseOptions(argv);
    try {
      return await dump(io, opts);
    } catch (err) {
      if (io.signal.aborted) {
        io.stderr.write(`vigil evtx dump: interrupted\n`);
        return 1;
      }
      const code = (err as NodeJS.ErrnoException).code;
      if (err instanceof EvtxFileError || code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES' || code === 'EIO') {
        io.stderr.write(`vigil evtx dump: ${opts.file}: ${err instanceof Error ? err.message : String(err)}\n`);
        return 1;
      }
      throw err;
    }
  },
};
