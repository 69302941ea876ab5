/**
 * `vigil hunt PATH... --rules PATH...`: offline hunting with Sigma rules (detection rules,
 * correlations and filters) over evidence files, without a server.
 */
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { Logsource } from '../../core/event.js';
import type { SigmaLevel } from '../../detect/sigma/index.js';
import { SIGMA_LEVELS } from '../../detect/sigma/index.js';
import { parseCommandArgs } from '../args.js';
import type { CliIo, Command } from '../command.js';
import { UsageError } from '../command.js';
import { ProgressBar } from '../progress.js';
import type { HuntDetection, HuntFormat } from '../hunt/output.js';
import { csvHeader, csvRow, HUNT_FORMATS, jsonlRow, renderTable } from '../hunt/output.js';
import { expandInputs, runHunt } from '../hunt/run-hunt.js';
import { renderHuntSummary } from '../hunt/summary.js';
import { renderStoredHuntSummary, runStoredHunt } from '../hunt/stored-hunt.js';
import { parseTime } from '../../query/index.js';
import { statSync } from 'node:fs';

const USAGE = `vigil hunt PATH... --rules PATH... [--format table|csv|jsonl] [--min-level LEVEL] [--output FILE]
           [--logsource product=P,service=S,category=C] [--placeholders FILE]
vigil hunt --data DIR --rules PATH... [--from T] [--to T] [--format …] [--min-level L] [--output F]

  PATH               evidence files or folders: EVTX, JSON / NDJSON / JSONL (also evtx_dump output),
                     CSV, Windows Event XML, Zeek TSV logs, auditd, Suricata EVE, syslog files;
                     any of them also .gz
  --rules PATH       Sigma rule files or folders (repeatable): rules, correlation rules, filters
  --format F         table (default), csv, or jsonl: one line per detection,
                     {"rule":{"id","title","level","tags"},"timestamp","event":{…}}
                     (a correlation detection has "events":[…])
  --min-level L      only detections of level L or above (${SIGMA_LEVELS.join(', ')})
  --output FILE      write the detections to FILE instead of stdout
  --logsource LS     the logsource of records that are neither Windows records nor recognised
                     (CloudTrail, Okta, Azure, GCP, M365, GitHub, Zeek, auditd are recognised)
  --placeholders F   values for |expand placeholders (YAML/JSON map, or a folder of NAME.txt)
  --data DIR         retro-hunt: run the rules as SQL over the events stored in DIR (a vigil data
                     directory) instead of reading files; --from / --to bound the event time
                     (ISO-8601, -24h, now; from inclusive, to exclusive). Rules SQL cannot express
                     exactly are refused and listed with the reason (docs/sigma-sql.md)

Windows records take their logsource from Channel and EventID (Sysmon 1 and Security 4688 are
process_creation, ...). A record with no known logsource is matched by no rule; the summary on
stderr counts such records and lists the rules that could not match because no event had their
logsource. Exit status: 0 when the hunt ran, 1 when a file could not be read or a rule was
rejected (the hunt still ran with the rest), 2 on a usage error.`;

function parseLogsource(text: string): Logsource {
  const ls: Logsource = {};
  for (const part of text.split(',')) {
    const [k, v] = part.split('=').map((x) => x.trim());
    if (!v || !['product', 'service', 'category'].includes(k)) throw new UsageError(`--logsource: expected product=…,service=…,category=…, got "${part}"`);
    ls[k as keyof Logsource] = v.toLowerCase();
  }
  return ls;
}

async function writeDetections(detections: HuntDetection[], format: HuntFormat, output: string | undefined, io: CliIo): Promise<void> {
  const out: Writable = output ? createWriteStream(resolve(io.cwd, output)) : io.stdout;
  if (format === 'table') out.write(detections.length ? renderTable(detections) : '');
  else {
    if (format === 'csv') out.write(csvHeader());
    for (const d of detections) out.write(format === 'csv' ? csvRow(d) : jsonlRow(d));
  }
  if (output) await new Promise<void>((done, fail) => out.end((err?: Error | null) => (err ? fail(err) : done())));
}

export const huntCommand: Command = {
  name: 'hunt',
  summary: 'run Sigma rules over evidence files (EVTX, JSON, NDJSON, CSV, XML, Zeek, auditd, EVE, syslog, .gz) or, with --data, over stored events',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      rules: { type: 'string', multiple: true },
      format: { type: 'string', default: 'table' },
      'min-level': { type: 'string' },
      output: { type: 'string', short: 'o' },
      logsource: { type: 'string' },
      placeholders: { type: 'string', multiple: true },
      data: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    });
    if (values.help) {
      io.stdout.write(USAGE + '\n');
      return 0;
    }
    if (values.data !== undefined && positionals.length > 0) throw new UsageError('give evidence files or --data DIR, not both');
    if (values.data === undefined && positionals.length === 0) throw new UsageError('give at least one evidence file or folder (or --data DIR for stored events)');
    if (values.data === undefined && (values.from !== undefined || values.to !== undefined)) throw new UsageError('--from and --to apply to stored events (--data DIR)');
    if (!values.rules?.length) throw new UsageError('give the rules to run with --rules PATH');
    const format = values.format as HuntFormat;
    if (!HUNT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${HUNT_FORMATS.join(', ')}`);
    const minLevel = values['min-level'] as SigmaLevel | undefined;
    if (minLevel !== undefined && !SIGMA_LEVELS.includes(minLevel)) throw new UsageError(`--min-level must be one of ${SIGMA_LEVELS.join(', ')}`);
    if (values.data !== undefined) {
      const time = (text: string | undefined, name: string): number | undefined => {
        if (text === undefined) return undefined;
        try {
          return parseTime(text, Date.now());
        } catch (err) {
          throw new UsageError(`--${name}: ${(err as Error).message}`);
        }
      };
      const from = time(values.from, 'from');
      const to = time(values.to, 'to');
      const { detections, summary } = await runStoredHunt({
        dataDir: resolve(io.cwd, values.data),
        rules: values.rules.map((p) => resolve(io.cwd, p)),
        ...(values.placeholders ? { placeholders: values.placeholders.map((p) => resolve(io.cwd, p)) } : {}),
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
        ...(minLevel ? { minLevel } : {}),
      });
      await writeDetections(detections, format, values.output, io);
      io.stderr.write(renderStoredHuntSummary(summary));
      return summary.compile.rejected.length > 0 || summary.hunt.failed.length > 0 ? 1 : 0;
    }
    const inputs = positionals.map((p) => resolve(io.cwd, p));
    let totalBytes = 0;
    try {
      for (const f of expandInputs(inputs)) totalBytes += statSync(f.file).size;
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const bar = new ProgressBar(io.stderr, io.stderrIsTTY, totalBytes);
    const { detections, summary } = await runHunt({
      rules: values.rules.map((p) => resolve(io.cwd, p)),
      inputs,
      ...(values.placeholders ? { placeholders: values.placeholders.map((p) => resolve(io.cwd, p)) } : {}),
      ...(values.logsource ? { logsource: parseLogsource(values.logsource) } : {}),
      ...(minLevel ? { minLevel } : {}),
      signal: io.signal,
      onProgress: (bytes, events, file) => bar.update(bytes, events, file),
    });
    bar.done();
    await writeDetections(detections, format, values.output, io);
    io.stderr.write(renderHuntSummary(summary));
    return summary.failedFiles.length > 0 || summary.compile.rejected.length > 0 ? 1 : 0;
  },
};
