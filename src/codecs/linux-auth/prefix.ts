/**
 * Text some systems put between the syslog header and the daemon's own message, which the
 * rules should not have to know about: Solaris/OpenIndiana message ids (`[ID 800047 auth.info]`),
 * journal kernel stamps (`kernel: [ 970.69]`), dropbear's own `[pid] Mmm dd hh:mm:ss`, and the
 * `error:`/`fatal:` level words OpenSSH prepends.
 */
const PREFIXES: RegExp[] = [
  /^\[ID \d+ [a-z0-9]+\.[a-z]+\] /,
  /^kernel: ?\[ *\d+\.\d+\]:? /,
  /^\[\d+\] [A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2} /,
  /^(?:error|fatal|warning): /,
];

/** True when `message` starts with a character any prefix can start with (`[`, `k`, `e`, `f`, `w`). */
function mayHavePrefix(message: string): boolean {
  const c = message.charCodeAt(0);
  return c === 91 || c === 107 || c === 101 || c === 102 || c === 119;
}

/** The message without its noise prefixes: `stripNoisePrefixes(m).text`, with no result object for the usual message that has none. */
export function stripNoise(message: string): string {
  return mayHavePrefix(message) ? stripNoisePrefixes(message).text : message;
}

export function stripNoisePrefixes(message: string): { text: string; level?: string } {
  if (!mayHavePrefix(message)) return { text: message };
  let text = message;
  let level: string | undefined;
  for (let round = 0; round < 4; round++) {
    let changed = false;
    for (const re of PREFIXES) {
      const m = re.exec(text);
      if (!m) continue;
      if (/^(error|fatal|warning):/.test(m[0])) level = m[0].slice(0, -2);
      text = text.slice(m[0].length);
      changed = true;
    }
    if (!changed) break;
  }
  return { text, level };
}
