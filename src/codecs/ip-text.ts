/** Address checks shared by the codecs' hot paths. */

/**
 * True for exactly the dotted quads `net.isIPv4` accepts (four 0–255 parts, no leading zeros),
 * by scanning character codes: nearly every address is one, and `isIP` tests two regexes.
 */
export function isIPv4Text(s: string): boolean {
  const n = s.length;
  if (n < 7 || n > 15) return false;
  let i = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (s.charCodeAt(i) !== 46) return false;
      i++;
    }
    const start = i;
    let v = 0;
    while (i < n && i - start < 3) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
      i++;
    }
    const len = i - start;
    if (len === 0 || v > 255 || (len > 1 && s.charCodeAt(start) === 48)) return false;
  }
  return i === n;
}
