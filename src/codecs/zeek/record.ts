/**
 * The canonical typed form of one Zeek log entry, produced identically by the TSV and the
 * JSON reader so that the same traffic yields the same record whichever format Zeek wrote:
 *
 * - field names are Zeek's flat column names (`id.orig_h`, `certificate.serial`);
 * - unset fields (`-` in TSV, absent or `null` in JSON) are absent;
 * - `time` is epoch seconds, `interval` seconds, both numbers rounded to microseconds
 *   (the precision Zeek's TSV writer keeps);
 * - `double` is rounded to microseconds as well, for the same reason; non-finite doubles
 *   are absent, as Zeek's JSON writer writes them as `null`;
 * - `count`, `int` and `port` are numbers; `bool` is a boolean;
 * - `addr`, `subnet`, `enum`, `string` are strings in canonical text form (see text.ts);
 * - `set[...]` and `vector[...]` are arrays (empty set `(empty)` → `[]`); unset vector
 *   elements are `null`.
 */

export type ZeekScalar = string | number | boolean;
export type ZeekValue = ZeekScalar | Array<ZeekScalar | null>;

export interface ZeekRecord {
  /** The log stream (`conn`, `dns`, ...), from `#path`, `_path`, or the file name. */
  path: string;
  fields: Record<string, ZeekValue>;
}

/** Round to microseconds, the precision of Zeek's TSV writer; -0 becomes 0. */
export function canonicalNumber(x: number): number {
  if (Number.isInteger(x)) return x === 0 ? 0 : x;
  // toFixed rounds the exact binary value; beyond 1e21 it returns exponent form, which is x itself.
  const r = Number(x.toFixed(6));
  return r === 0 ? 0 : r;
}

const ISO_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Parse Zeek's ISO 8601 time rendering (`2018-03-24T17:15:20.865716Z`) into epoch seconds
 * without going through milliseconds, which would lose the microseconds.
 */
export function isoToEpochSeconds(text: string): number | undefined {
  const m = ISO_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  let offsetSeconds = 0;
  if (zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetSeconds = sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60);
  }
  const whole = Date.UTC(Number(y), month - 1, day, hour, minute, second) / 1000 - offsetSeconds;
  const fraction = frac ? Number('0.' + frac) : 0;
  return canonicalNumber(whole + fraction);
}

/**
 * Fields Zeek logs with type `time` in its standard logs. The JSON reader needs the names
 * because JSON carries no types: with `LogAscii::json_timestamps` set to ISO 8601 a time is
 * a string, and it must become the same epoch number the TSV reader produces.
 */
export const ZEEK_TIME_FIELDS: ReadonlySet<string> = new Set([
  'ts',
  'certificate.not_valid_before',
  'certificate.not_valid_after',
  'times.modified',
  'times.accessed',
  'times.created',
  'times.changed',
  'from',
  'till',
  'compile_ts',
  'thisUpdate',
  'nextUpdate',
  'revoketime',
  'first_seen',
  'last_seen',
  'start_time',
  'ref_time',
  'org_time',
  'rec_time',
  'xmt_time',
]);

/** Time fields by name: the table above, plus the `*_ts` / `*.ts` convention of package logs. */
export function isTimeFieldName(name: string): boolean {
  return ZEEK_TIME_FIELDS.has(name) || name.endsWith('_ts') || name.endsWith('.ts');
}

/** `conn.log`, `conn.2024-04-12-19-29-12.log`, `dns.json.gz` → `conn`, `conn`, `dns`. */
export function zeekPathFromFileName(fileName: string): string | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const stem = base.split('.')[0];
  return /^[A-Za-z0-9_-]+$/.test(stem) ? stem : undefined;
}
