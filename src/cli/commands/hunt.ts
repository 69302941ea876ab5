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
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { ProgressBar } from '../progress.js';
import type { HuntFormat } from '../hunt/output.js';
import { csvHeader, csvRow, HUNT_FORMATS, jsonlRow, renderTable } from '../hunt/output.js';
import { expandInputs, runHunt } from '../hunt/run-hunt.js';
import { renderHuntSummary } from '../hunt/summary.js';
import { statSync } from 'node:fs';

const USAGE = `vigil hunt PATH... --rules PATH... [--format table|csv|jsonl] [--min-level LEVEL] [--output FILE]
           [--logsource product=P,service=S,category=C] [--placeholders FILE]

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

export const huntCommand: Command = {
  name: 'hunt',
  summary: 'run Sigma rules over evidence files (EVTX, JSON, NDJSON, CSV, XML, Zeek, auditd, EVE, syslog, .gz) without a server',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      rules: { type: 'string', multiple: true },
      format: { type: 'string', default: 'table' },
      'min-level': { type: 'string' },
      output: { type: 'string', short: 'o' },
      logsource: { type: 'string' },
      placeholders: { type: 'string', multiple: true },
    });
    if (values.help) {
      io.stdout.write(USAGE + '\n');
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('give at least one evidence file or folder');
    if (!values.rules?.length) throw new UsageError('give the rules to run with --rules PATH');
    const format = values.format as HuntFormat;
    if (!HUNT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${HUNT_FORMATS.join(', ')}`);
    const minLevel = values['min-level'] as SigmaLevel | undefined;
    if (minLevel !== undefined && !SIGMA_LEVELS.includes(minLevel)) throw new UsageError(`--min-level must be one of ${SIGMA_LEVELS.join(', ')}`);
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
    const out: Writable = values.output ? createWriteStream(resolve(io.cwd, values.output)) : io.stdout;
    if (format === 'table') out.write(detections.length ? renderTable(detections) : '');
    else {
      if (format === 'csv') out.write(csvHeader());
      for (const d of detections) out.write(format === 'csv' ? csvRow(d) : jsonlRow(d));
    }
    if (values.output) await new Promise<void>((done, fail) => out.end((err?: Error | null) => (err ? fail(err) : done())));
    io.stderr.write(renderHuntSummary(summary));
    return summary.failedFiles.length > 0 || summary.compile.rejected.length > 0 ? 1 : 0;
  },
};
