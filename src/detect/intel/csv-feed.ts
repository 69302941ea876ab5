/**
 * CSV indicator lists. Header (case-insensitive, any order, extra columns ignored):
 *   type,value[,expiry][,description][,level]
 * type: ip | cidr | ipv4 | ipv6 | domain | hostname | url | md5 | sha1 | sha256 (ip and cidr are
 * interchangeable: a value with a prefix shorter than the address is a network);
 * expiry: ISO 8601 or epoch seconds/milliseconds, empty for none;
 * level: informational | low | medium | high | critical, empty for the feed's level.
 * `#` lines are comments. Errors name the line.
 */
import { parseCsvTable } from '../../enrich/csv-table.js';
import { DETECTION_LEVELS, type DetectionLevel } from '../detection.js';
import { type FeedLimits, checkSize, FeedCollector, type FeedParseResult } from './feed-result.js';
import { ipIndicatorType, type IndicatorType, parseExpiry } from './indicator.js';

const CSV_TYPES: Record<string, IndicatorType | 'ip-any'> = {
  ip: 'ip-any', cidr: 'ip-any', ipv4: 'ip-any', ipv6: 'ip-any', 'ip-src': 'ip-any', 'ip-dst': 'ip-any',
  domain: 'domain', hostname: 'domain', url: 'url', md5: 'md5', sha1: 'sha1', sha256: 'sha256',
};

export function parseIndicatorCsv(text: string, feed: string, limits: FeedLimits): FeedParseResult {
  const c = new FeedCollector(feed, limits);
  if (!checkSize(text, limits, c)) return c.result;
  const table = parseCsvTable(text, ['type', 'value']);
  for (const e of table.errors) c.error(`line ${e.line}`, e.message);
  for (const row of table.rows) {
    const at = `line ${row.line}`;
    const kind = CSV_TYPES[row.values.type.toLowerCase()];
    if (!kind) {
      c.error(at, `unknown type '${row.values.type}' (use ${Object.keys(CSV_TYPES).join(', ')})`);
      continue;
    }
    const level = row.values.level?.toLowerCase();
    if (level && !(DETECTION_LEVELS as readonly string[]).includes(level)) {
      c.error(at, `unknown level '${row.values.level}'`);
      continue;
    }
    const type = kind === 'ip-any' ? ipIndicatorType(row.values.value) : kind;
    c.add(at, type, row.values.value, {
      ref: `${feed}:${row.line}`,
      description: row.values.description || undefined,
      expires_ms: parseExpiry(row.values.expiry),
      level: (level || undefined) as DetectionLevel | undefined,
    });
  }
  // Table-level errors were collected first; report in file order.
  c.result.errors.sort((a, b) => lineOf(a.at) - lineOf(b.at));
  return c.result;
}

function lineOf(at: string): number {
  return Number(at.slice('line '.length)) || 0;
}
