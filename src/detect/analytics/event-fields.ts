/**
 * Reading ECS fields the analytics need, tolerant of how codecs spell them: `event.category`
 * is a keyword array in ECS but a plain string from some sources; numbers sometimes arrive as
 * numeric strings (CSV, syslog key=value).
 */
import type { VigilEvent } from '../../core/event.js';

export function str(e: VigilEvent, field: string): string | undefined {
  const v = e.fields[field];
  if (typeof v === 'string') return v === '' || v === '-' ? undefined : v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v) && v.length > 0 && typeof v[0] === 'string' && v[0] !== '') return v[0];
  return undefined;
}

export function num(e: VigilEvent, field: string): number | undefined {
  const v = e.fields[field];
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** True when the keyword field (array or scalar) contains `value`. */
export function hasKeyword(e: VigilEvent, field: string, value: string): boolean {
  const v = e.fields[field];
  if (v === value) return true;
  return Array.isArray(v) && v.includes(value);
}

export type AuthOutcome = 'success' | 'failure';

/** The outcome of an authentication event (event.category contains one of `categories`), else undefined. */
export function authOutcome(e: VigilEvent, categories: readonly string[]): AuthOutcome | undefined {
  let isAuth = false;
  for (const c of categories) if (hasKeyword(e, 'event.category', c)) isAuth = true;
  if (!isAuth) return undefined;
  const o = e.fields['event.outcome'];
  return o === 'success' || o === 'failure' ? o : undefined;
}

/** Outbound bytes of a connection record: source.bytes (what the source sent); network.bytes only when no per-direction figure exists. */
export function sentBytes(e: VigilEvent): number | undefined {
  return num(e, 'source.bytes') ?? (e.fields['destination.bytes'] === undefined ? num(e, 'network.bytes') : undefined);
}

/** Keeps a small list of event ids (the Detection carries at most this many). */
export function pushBounded<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max) list.shift();
}
