/** Human-friendly sizes and durations in config files: `64MiB`, `10GB`, `30d`, `500ms`. */
import { z } from 'zod';

const SIZE_UNITS: Record<string, number> = {
  b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4,
};

export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return undefined;
  const unit = SIZE_UNITS[(m[2] || 'b').toLowerCase()];
  return unit === undefined ? undefined : Math.floor(Number(m[1]) * unit);
}

/** A byte size: a non-negative integer or a string with a unit. */
export const byteSize = z.unknown().transform((v, ctx): number => {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  const n = typeof v === 'string' ? parseByteSize(v) : undefined;
  if (n === undefined) {
    ctx.addIssue({ code: 'custom', message: `not a byte size: ${JSON.stringify(v)} (use e.g. 512KiB, 64MiB, 10GB or a number of bytes)` });
    return z.NEVER;
  }
  return n;
});

/** host:port, [v6]:port, or a bare port (which means loopback). */
export function parseAddress(text: string): { host: string; port: number } | undefined {
  const bare = /^\d+$/.exec(text);
  if (bare) return { host: '127.0.0.1', port: Number(text) };
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(text);
  if (!m) return undefined;
  const port = Number(m[3]);
  if (port > 65535) return undefined;
  return { host: m[1] ?? m[2], port };
}

export const address = z.string().transform((s, ctx) => {
  const a = parseAddress(s);
  if (!a) {
    ctx.addIssue({ code: 'custom', message: `not an address: "${s}" (use host:port, [v6]:port or a port)` });
    return z.NEVER;
  }
  return a;
});
