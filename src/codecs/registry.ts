/**
 * The explicit registry of text formats that `vigil ingest` and `POST /api/v1/ingest` accept.
 * `auto` picks by file extension, then by sniffing the first bytes.
 */
import type { TextFormat } from './format.js';
import { jsonFormat, ndjsonFormat } from './json/formats.js';
import { normalizedFormat } from './json/normalized-format.js';
import { zeekFormat } from './zeek/format.js';
import { eveFormat } from './suricata/format.js';
import { auditdFormat } from './auditd/format.js';
import { syslogFormat } from './syslog-format.js';
import { CLOUD_FORMATS, cloudFormatForFileName, sniffCloudFormat } from './cloud/index.js';

// Order matters for sniffing: specific formats first, generic JSON last.
const FORMATS: TextFormat[] = [zeekFormat, auditdFormat, eveFormat, ...CLOUD_FORMATS, syslogFormat, ndjsonFormat, jsonFormat, normalizedFormat];

export function registerFormat(format: TextFormat): void {
  if (FORMATS.some((f) => f.name === format.name)) throw new Error(`format ${format.name} registered twice`);
  FORMATS.push(format);
}

export function formatNames(): string[] {
  return ['auto', ...FORMATS.map((f) => f.name)];
}

export function getFormat(name: string): TextFormat | undefined {
  return FORMATS.find((f) => f.name === name);
}

/** Chooses a format for `auto`: by extension (ignoring .gz), then by the first bytes, then NDJSON. */
export function detectFormat(fileName: string | undefined, head: string): TextFormat {
  if (fileName) {
    // AWS S3 delivery names (`..._CloudTrail_<region>_...json.gz`) say more than the extension.
    const byName = cloudFormatForFileName(fileName);
    if (byName) return byName;
    const base = fileName.toLowerCase().replace(/\.gz$/, '');
    const byExt = FORMATS.find((f) => f.extensions.some((e) => base.endsWith(e)));
    // Cloud exports are `.json` files (Azure PT1H.json, GCS sinks) and Kubernetes writes
    // `audit.log` (auditd's name): content recognised as a cloud format wins over an extension
    // whose own format does not recognise it.
    const cloud = byExt && (byExt === jsonFormat || byExt === ndjsonFormat || !byExt.sniff(head)) ? sniffCloudFormat(head) : undefined;
    if (cloud) return cloud;
    if (byExt) return byExt;
  }
  return FORMATS.find((f) => f.sniff(head)) ?? ndjsonFormat;
}
