import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { intOption, parseCommandArgs } from '../args.js';
import { ProgressBar } from '../progress.js';
import { generateScenarioBatches, scenarioGroundTruth } from '../../demo/index.js';
import type { NormalizedRecord } from '../../core/event.js';
import { LocalStoreSink, ServerSink, type IngestSink } from '../../ingest/sinks.js';
import { createLogger } from '../../runtime/logger.js';
import { parseDuration } from '../duration.js';

const MAX_IN_FLIGHT = 16;

/** Demo records are grouped into sources the way real receivers would name them. */
function sourceOf(r: NormalizedRecord): string {
  const ls = r.logsource;
  return ['demo', ls?.product, ls?.service].filter(Boolean).join('-');
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'fill the store with a generated multi-source scenario with an attack story inside',
  usage: `vigil demo [--data DIR | --server URL --token T] [--events N] [--span DURATION] [--seed S] [--no-attack]

  --events N     records to generate (default 200000)
  --span D       time span ending now, e.g. 24h, 7d (default 24h)
  --seed S       same seed, same data (default 1)
  --no-attack    normal activity only
  --data DIR     data directory (default ./vigil-data, env VIGIL_DATA)
  --server URL   send to a running server instead (with --token or env VIGIL_TOKEN)

The data: SSH and Windows logons (several users and countries), Sysmon process creation,
NetFlow, Zeek DNS, CloudTrail; the story: password spraying on SSH from abroad, a success,
a suspicious process, beaconing to a rare domain, a large upload, a CloudTrail change.
See docs/demo.md.`,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      data: { type: 'string' },
      config: { type: 'string' },
      server: { type: 'string' },
      token: { type: 'string' },
      events: { type: 'string' },
      span: { type: 'string', default: '24h' },
      seed: { type: 'string', default: '1' },
      'no-attack': { type: 'boolean', default: false },
    }, false);
    const spanMs = parseDuration(values.span ?? '24h');
    if (spanMs === undefined) throw new UsageError(`--span: not a duration: "${values.span}" (e.g. 30m, 24h, 7d)`);
    const events = intOption(values.events, 'events', 1) ?? 200_000;
    const token = values.token ?? io.env.VIGIL_TOKEN;
    if (values.server && !token) throw new UsageError('--server needs --token (or env VIGIL_TOKEN)');
    const now = Date.now();
    const options = { seed: values.seed ?? '1', start_ms: now - spanMs, span_ms: spanMs, events, attack: !values['no-attack'] };
    const local = values.server
      ? undefined
      : await LocalStoreSink.open(resolve(io.cwd, values.data ?? io.env.VIGIL_DATA ?? 'vigil-data'), createLogger('warn', io.stderr as NodeJS.WritableStream), {
          ...(values.config ? { configFile: resolve(io.cwd, values.config) } : {}),
          cwd: io.cwd,
        });
    const sink: IngestSink = local ?? new ServerSink(values.server!, token!);
    const bar = new ProgressBar(io.stderr, io.stderrIsTTY, events);
    let stored = 0;
    const inFlight = new Set<Promise<void>>();
    try {
      for (const batch of generateScenarioBatches(options, 1000)) {
        const bySource = new Map<string, NormalizedRecord[]>();
        for (const r of batch) {
          const s = sourceOf(r);
          const list = bySource.get(s);
          if (list) list.push(r);
          else bySource.set(s, [r]);
        }
        // Sends are acknowledged when durable (a batch waits up to the pipeline's flush
        // interval): keep several in flight so generation is not paced by that wait.
        for (const [source, records] of bySource) {
          const sent: Promise<void> = sink
            .send({ source, format: 'demo', records, rejected: [] })
            .then((n) => {
              stored += n;
              bar.update(stored, stored, 'generating');
            })
            .finally(() => inFlight.delete(sent));
          inFlight.add(sent);
        }
        while (inFlight.size > MAX_IN_FLIGHT) await Promise.race(inFlight);
        if (io.signal.aborted) break;
      }
      await Promise.all(inFlight);
    } finally {
      bar.done();
      await sink.close();
    }
    const truth = scenarioGroundTruth(options);
    const stories = truth.stories.length;
    io.stderr.write(`stored ${stored} demo events over the last ${values.span}${stories ? `, with ${stories} attack stor${stories === 1 ? 'y' : 'ies'}` : ''}\n`);
    if (local) {
      const levels = Object.entries(local.detectionsByLevel()).map(([l, n]) => `${n} ${l}`);
      const incidents = local.openIncidents;
      io.stderr.write(`detections: ${levels.length ? levels.join(', ') : 'none'}${incidents !== undefined ? `; ${incidents} incident${incidents === 1 ? '' : 's'} (vigil serve, then the console's Incidents page or GET /api/v1/incidents)` : ''}\n`);
    }
    if (stories) {
      const e = truth.stories[0].entities;
      io.stderr.write(`try: vigil search 'user.name:${e.user} | stats count() by source.ip, event.outcome'\n`);
    }
    return 0;
  },
};
