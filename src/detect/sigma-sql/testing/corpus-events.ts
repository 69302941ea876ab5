/**
 * Real events for the matcher/SQL conformance test, as the pipeline would store them: SigmaHQ
 * regression records and Hayabusa sample events (evtx_dump JSON / Event XML through the EVTX
 * normalizer), records of EVTX sample files read by Vigil's EVTX reader, and cloud audit
 * records (no declared logsource: the recognisers place them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '../../../codecs/evtx/index.js';
import { evtxToNormalized, readEvtxFile } from '../../../codecs/evtx/index.js';
import type { NormalizedRecord } from '../../../core/event.js';
import { eventXmlToJson } from '../../sigma/index.js';
import { parseJsonRecords } from '../../sigma/events/json-records.js';
import { plainRecord } from './agreement.js';

export function regressionRecords(root: string): NormalizedRecord[] {
  const out: NormalizedRecord[] = [];
  const index = JSON.parse(readFileSync(join(root, 'INDEX.json'), 'utf8')) as Array<{ dir: string; files: string[] }>;
  for (const entry of index) {
    const json = entry.files.find((f) => f.endsWith('.json'));
    if (!json) continue;
    for (const r of parseJsonRecords(readFileSync(join(root, entry.dir, json), 'utf8'))) if (r.ok) out.push(evtxToNormalized(r.record as JsonObject));
  }
  return out;
}

/** Hayabusa's embedded sample events (those given as Event XML with a System header). */
export function hayabusaRecords(root: string): NormalizedRecord[] {
  const vectors = (JSON.parse(readFileSync(join(root, 'SAMPLE_VECTORS.json'), 'utf8')) as { vectors: Array<{ sample_kind: string; sample: string }> }).vectors;
  const out: NormalizedRecord[] = [];
  for (const v of vectors) {
    if (v.sample_kind !== 'xml') continue;
    let native: Record<string, unknown>;
    try {
      native = eventXmlToJson(v.sample);
    } catch {
      continue; // fragments without <Event>/<System>: the Sigma conformance test reports them
    }
    out.push(evtxToNormalized(native as JsonObject));
  }
  return out;
}

export async function evtxRecords(dir: string, files: readonly string[]): Promise<NormalizedRecord[]> {
  const out: NormalizedRecord[] = [];
  for (const f of files) {
    for await (const item of readEvtxFile(join(dir, f))) {
      if (item.kind === 'record') out.push(evtxToNormalized(item.record.event as JsonObject));
    }
  }
  return out;
}

/** panther-analysis test logs: the `log` of each line, stored without a declared logsource. */
export function cloudRecords(dir: string, files: readonly string[]): NormalizedRecord[] {
  const out: NormalizedRecord[] = [];
  for (const f of files) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const log = (JSON.parse(line) as { log?: unknown }).log;
      if (log && typeof log === 'object' && !Array.isArray(log)) out.push(plainRecord(log as Record<string, unknown>));
    }
  }
  return out;
}
