/**
 * Building flat ECS fields from a provider record without a wall of `if`s: setters ignore
 * absent and empty values, and `related.*` lists are collected without duplicates.
 */
import { isIP } from 'node:net';
import type { EcsFields, FieldValue, Scalar } from '../../../core/event.js';

/** Re-exported under the short names the cloud mappings use. */
export { asObject as obj, atPath as at } from '../../../core/object-path.js';

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.length > 0 ? v : undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return undefined;
}


/** An IP address without the port or brackets some providers add (`[2001:db8::1]:443`, `1.2.3.4:80`). */
export function cleanIp(v: unknown): string | undefined {
  const s = str(v)?.trim();
  if (!s) return undefined;
  if (isIP(s)) return s;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed && isIP(bracketed[1])) return bracketed[1];
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(s);
  if (v4port && isIP(v4port[1])) return v4port[1];
  return undefined;
}

/**
 * Top-level key lookup that also finds the key in another case: exporters (SIEM pipelines,
 * Panther) lower-case provider keys (`eventtype`, `clientip`), while the schemas are camel or
 * Pascal case. The exact key wins.
 */
export function keyReader(rec: Record<string, unknown>): (key: string) => unknown {
  let lower: Map<string, unknown> | undefined;
  return (key) => {
    if (key in rec) return rec[key];
    if (!lower) {
      lower = new Map();
      for (const [k, v] of Object.entries(rec)) lower.set(k.toLowerCase(), v);
    }
    return lower.get(key.toLowerCase());
  };
}

type RelatedKind = 'ip' | 'user' | 'hosts' | 'hash';

export class EcsBuilder {
  readonly fields: EcsFields = {};
  private readonly related = new Map<RelatedKind, Set<string>>();

  /** Sets `key` when `value` is present (not undefined, null or an empty string/list). */
  set(key: string, value: FieldValue | undefined): this {
    if (value === undefined || value === null || value === '') return this;
    if (Array.isArray(value) && value.length === 0) return this;
    this.fields[key] = value;
    return this;
  }

  /** Sets a string field from any scalar the provider gave. */
  str(key: string, value: unknown): this {
    return this.set(key, str(value));
  }

  /** Sets an IP field only when the value is an IP address (providers also write host names there). */
  ip(key: string, value: unknown): this {
    const ip = cleanIp(value);
    if (ip) {
      this.set(key, ip);
      this.rel('ip', ip);
    }
    return this;
  }

  rel(kind: RelatedKind, value: unknown): this {
    const s = str(value);
    if (!s) return this;
    let set = this.related.get(kind);
    if (!set) this.related.set(kind, (set = new Set()));
    set.add(s);
    return this;
  }

  build(): EcsFields {
    for (const [kind, values] of this.related) this.fields[`related.${kind}`] = [...values] as Scalar[];
    return this.fields;
  }
}

/** `success` / `failure` / `unknown`, the ECS event.outcome values. */
export type Outcome = 'success' | 'failure' | 'unknown';
