import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parseCommandArgs } from '../args.js';
import { ProgressBar } from '../progress.js';
import { expandPaths, ingestFiles, type IngestSummary } from '../../ingest/ingest-files.js';
import { LocalStoreSink, ServerSink, type IngestSink } from '../../ingest/sinks.js';
import { formatNames } from '../../codecs/registry.js';
import { createLogger } from '../../runtime/logger.js';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'import files or folders (also .gz) into the store, directly or through a server',
  usage: `vigil ingest PATH... [--format FORMAT] [--source NAME] [--data DIR | --server URL --token T] [--summary json]

  --format F     ${formatNames().join(' | ')} | evtx (default auto: by extension, then content)
  --source NAME  source name recorded on every event (default "file")
  --data DIR     store directly into this data directory (default ./vigil-data, env VIGIL_DATA)
  --server URL   send to a running server instead (with --token, or env VIGIL_TOKEN)
  --summary json print the summary as JSON on stdout instead of text on stderr

Prints a summary: files, records read, stored, rejected with reasons and the first positions.
Exit code 1 when any record was rejected or a file could not be read.`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      format: { type: 'string', default: 'auto' },
      source: { type: 'string' },
      data: { type: 'string' },
      config: { type: 'string' },
      server: { type: 'string' },
      token: { type: 'string' },
      summary: { type: 'string' },
    });
    if (positionals.length === 0) throw new UsageError('give at least one file or folder');
    if (values.data && values.server) throw new UsageError('use either --data or --server, not both');
    const token = values.token ?? io.env.VIGIL_TOKEN;
    if (values.server && !token) throw new UsageError('--server needs --token (or env VIGIL_TOKEN)');
    let files: string[];
    try {
      files = expandPaths(positionals.map((p) => resolve(io.cwd, p)));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const totalBytes = files.reduce((s, f) => s + statSync(f).size, 0);
    const logger = createLogger('warn', io.stderr as NodeJS.WritableStream);
    const sink: IngestSink = values.server
      ? new ServerSink(values.server, token!)
      : await LocalStoreSink.open(resolve(io.cwd, values.data ?? io.env.VIGIL_DATA ?? 'vigil-data'), logger, { ...(values.config ? { configFile: resolve(io.cwd, values.config) } : {}), cwd: io.cwd });
    const bar = new ProgressBar(io.stderr, io.stderrIsTTY, totalBytes);
    let summary: IngestSummary;
    try {
      summary = await ingestFiles(files, sink, {
        format: values.format ?? 'auto',
        source: values.source,
        decoder: { max_depth: 64, max_record_bytes: 1024 * 1024, now: Date.now },
        block_bytes: 1024 * 1024,
        onProgress: (bytes, stored, file) => bar.update(bytes, stored, file),
        signal: io.signal,
      });
    } finally {
      bar.done();
      await sink.close();
    }
    if (values.summary === 'json') io.stdout.write(`${JSON.stringify(summary)}\n`);
    else io.stderr.write(renderSummary(summary));
    return summary.rejected > 0 || summary.failed_files.length > 0 ? 1 : 0;
  },
};

function renderSummary(s: IngestSummary): string {
  const lines = [`${s.files} file(s): ${s.read} records read, ${s.stored} stored, ${s.rejected} rejected${s.interrupted ? ' (interrupted)' : ''}`];
  for (const [reason, n] of Object.entries(s.reasons).sort((a, b) => b[1] - a[1])) lines.push(`  rejected ${n}× ${reason}`);
  for (const e of s.examples) lines.push(`  ${e.file}:${e.position}: ${e.reason}`);
  for (const f of s.failed_files) lines.push(`  cannot read ${f.file}: ${f.error}`);
  return `${lines.join('\n')}\n`;
}
