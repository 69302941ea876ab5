/**
 * Syslog PRI (RFC 5424 §6.2.1, RFC 3164 §4.1.1): facility * 8 + severity, 0..191.
 * Names follow the conventional syslog keywords (what rsyslog and ECS `log.syslog.*.name` use).
 */
export const FACILITY_NAMES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news',
  'uucp', 'cron', 'authpriv', 'ftp', 'ntp', 'security', 'console', 'solaris-cron',
  'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
] as const;

export const SEVERITY_NAMES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;

export interface Priority {
  priority: number;
  facility: number;
  severity: number;
}

export function decodePriority(value: number): Priority | undefined {
  if (!Number.isInteger(value) || value < 0 || value > 191) return undefined;
  return { priority: value, facility: value >> 3, severity: value & 7 };
}

export function facilityName(code: number): string | undefined {
  return FACILITY_NAMES[code];
}

export function severityName(code: number): string | undefined {
  return SEVERITY_NAMES[code];
}

/** Keyword → code, accepting the common aliases some daemons print (`warn`, `error`, `panic`). */
const SEVERITY_ALIASES: Record<string, number> = { warn: 4, error: 3, panic: 0 };
const FACILITY_ALIASES: Record<string, number> = { 'security': 4, 'cron2': 15 };

export function severityCode(name: string): number | undefined {
  const i = (SEVERITY_NAMES as readonly string[]).indexOf(name);
  // Own keys only: the name comes from the message (`<constructor.info>` must not find Object's members).
  return i >= 0 ? i : Object.hasOwn(SEVERITY_ALIASES, name) ? SEVERITY_ALIASES[name] : undefined;
}

export function facilityCode(name: string): number | undefined {
  const i = (FACILITY_NAMES as readonly string[]).indexOf(name);
  return i >= 0 ? i : Object.hasOwn(FACILITY_ALIASES, name) ? FACILITY_ALIASES[name] : undefined;
}

/**
 * Index after a well-formed `<PRI>` at the start of `line` (1–3 digits, value ≤ 191), or 0.
 * The parser's hot path: no objects, the caller reads the digits it needs.
 */
export function priEnd(line: string): number {
  if (line.charCodeAt(0) !== 60 /* < */) return 0;
  let value = 0;
  let i = 1;
  for (; i < line.length && i <= 4; i++) {
    const c = line.charCodeAt(i);
    if (c === 62 /* > */) break;
    if (c < 48 || c > 57) return 0;
    value = value * 10 + (c - 48);
  }
  if (i === 1 || i > 4 || line.charCodeAt(i) !== 62 || value > 191) return 0;
  return i + 1;
}

/**
 * Reads `<PRI>` at the start of `line`. Returns the priority and the index after `>`,
 * or undefined when the line has no well-formed PRI (1–3 digits, value ≤ 191).
 */
export function readPri(line: string): { pri: Priority; end: number } | undefined {
  const end = priEnd(line);
  if (end === 0) return undefined;
  const pri = decodePriority(Number(line.slice(1, end - 1)));
  return pri ? { pri, end } : undefined;
}
