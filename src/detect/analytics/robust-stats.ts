/** Median and median absolute deviation: a baseline that a few past spikes cannot drag up. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = values.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** MAD scaled by 1.4826 so that it estimates the standard deviation for normal data. */
export function scaledMad(values: readonly number[], med = median(values)): number {
  return 1.4826 * median(values.map((v) => Math.abs(v - med)));
}
