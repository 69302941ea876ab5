/**
 * Timestamp renderings the native records need (ISO with milliseconds, CloudTrail's whole
 * seconds, evtx_dump's microseconds, Sysmon's UtcTime).
 *
 * `Date#toISOString` costs more than everything else the generator does for a record, and a
 * flow needs two timestamps a few seconds apart, so only the calendar date is computed with
 * Date (cached per UTC day) and the time of day is assembled from precomputed digit strings.
 * One formatter per generator: no shared mutable state.
 */

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

export class TimeFormatter {
  private cachedDay = Number.NaN;
  /** 'YYYY-MM-DD' of the cached day. */
  private date = '';
  /** Time of day of the last call, split into parts. */
  private msOfDay = 0;

  private load(ts: number): void {
    const t = Math.floor(ts);
    const day = Math.floor(t / DAY_MS);
    if (day !== this.cachedDay) {
      this.cachedDay = day;
      const d = new Date(day * DAY_MS);
      this.date = d.toISOString().slice(0, 10);
    }
    this.msOfDay = t - day * DAY_MS;
  }

  /** 'HH:MM:SS' of the last loaded time. */
  private clock(): string {
    const secs = Math.floor(this.msOfDay / 1000);
    return `${TWO_DIGITS[Math.floor(secs / 3600)]}:${TWO_DIGITS[Math.floor(secs / 60) % 60]}:${TWO_DIGITS[secs % 60]}`;
  }

  private millis(): string {
    return THREE_DIGITS[this.msOfDay % 1000];
  }

  /** '2024-03-04T10:11:12.345Z' */
  iso(ts: number): string {
    this.load(ts);
    return `${this.date}T${this.clock()}.${this.millis()}Z`;
  }

  /** '2024-03-04T10:11:12Z' (CloudTrail eventTime has whole seconds). */
  isoSeconds(ts: number): string {
    this.load(ts);
    return `${this.date}T${this.clock()}Z`;
  }

  /** '2024-03-04T10:11:12.345000Z' (evtx_dump renders FILETIME with microseconds). */
  isoMicros(ts: number): string {
    this.load(ts);
    return `${this.date}T${this.clock()}.${this.millis()}000Z`;
  }

  /** '2024-03-04 10:11:12.345' (Sysmon's UtcTime). */
  sysmonUtc(ts: number): string {
    this.load(ts);
    return `${this.date} ${this.clock()}.${this.millis()}`;
  }
}
