/**
 * Wall-clock → epoch conversion in an IANA time zone, for syslog timestamps that carry no
 * offset (RFC 3164 `Mmm dd hh:mm:ss`, offset-less ISO). Uses Intl (full ICU ships with Node),
 * with the zone offset cached per zone and hour because Intl formatting is slow per message.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();
const OFFSET_CACHE_MAX = 4096;

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True when `tz` is a zone name Intl accepts. */
export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `tz` from UTC at instant `epochMs`, in ms (positive east of Greenwich). */
export function zoneOffsetMs(epochMs: number, tz: string): number {
  if (tz === 'UTC' || tz === 'Etc/UTC') return 0;
  const hour = Math.floor(epochMs / 3_600_000);
  const key = `${tz}\u0000${hour}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const parts = formatter(tz).formatToParts(new Date(hour * 3_600_000));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offset = asUtc - hour * 3_600_000;
  if (offsetCache.size >= OFFSET_CACHE_MAX) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** Epoch ms of a wall-clock time in `tz`. In a DST gap or overlap, the first matching offset wins. */
export function wallClockToEpoch(
  year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, tz: string,
): number {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second) + ms;
  if (tz === 'UTC' || tz === 'Etc/UTC') return naive;
  const first = naive - zoneOffsetMs(naive, tz);
  const second2 = naive - zoneOffsetMs(first, tz);
  return second2;
}
