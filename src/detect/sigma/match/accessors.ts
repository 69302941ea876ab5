/**
 * Field places (mapping/field-resolver.ts) → functions that read the value from an event.
 * evtx_dump's `{"#attributes": ..., "#text": v}` wrappers are unwrapped, so `EventID` reads 7045
 * whether or not the element carried attributes.
 */
import type { FieldPlace } from '../mapping/field-resolver.js';
import { unwrapText } from '../mapping/classify.js';

export interface MatchEvent {
  native: Record<string, unknown>;
  fields: Record<string, unknown>;
}

export type Accessor = (ev: MatchEvent) => unknown;

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function placeAccessor(p: FieldPlace): Accessor {
  switch (p.in) {
    case 'native': {
      const path = p.path;
      if (path.length === 3) {
        const [a, b, c] = path;
        return (ev) => obj(obj(ev.native[a])?.[b])?.[c];
      }
      return (ev) => {
        let cur: unknown = ev.native;
        for (const k of path) {
          const o = obj(cur);
          if (!o) return undefined;
          cur = o[k];
        }
        return cur;
      };
    }
    case 'native-key': {
      const key = p.key;
      return (ev) => ev.native[key];
    }
    case 'userdata': {
      const name = p.name;
      return (ev) => {
        const ud = obj(obj(ev.native.Event)?.UserData);
        if (!ud) return undefined;
        for (const [wrapperName, wrapper] of Object.entries(ud)) {
          const w = obj(wrapper);
          if (!w) continue;
          if (name in w) return w[name];
          if (name.startsWith(wrapperName) && name.slice(wrapperName.length) in w) return w[name.slice(wrapperName.length)];
          if (name.startsWith('UserData') && name.slice(8) in w) return w[name.slice(8)];
        }
        return undefined;
      };
    }
    case 'ecs': {
      const name = p.name;
      return (ev) => ev.fields[name];
    }
  }
}

/** First place that holds a value (not undefined) wins. */
export function compileAccessor(places: readonly FieldPlace[]): Accessor {
  const fns = places.map(placeAccessor);
  if (fns.length === 1) {
    const f = fns[0];
    return (ev) => unwrapText(f(ev));
  }
  return (ev) => {
    for (const f of fns) {
      const v = f(ev);
      if (v !== undefined) return unwrapText(v);
    }
    return undefined;
  };
}

const MAX_LEAVES = 10_000;
const MAX_DEPTH = 32;

/**
 * Every scalar value of the event as text, for keyword search (bounded for hostile records).
 * For a Windows record this is its data (EventData / UserData): the event's message, not the
 * System header's channel, provider and keyword bits.
 */
export function allValues(ev: MatchEvent): string[] {
  const out: string[] = [];
  const win = ev.native.Event;
  const root: unknown = win !== null && typeof win === 'object' && !Array.isArray(win) && 'System' in win
    ? { d: (win as Record<string, unknown>).EventData, u: (win as Record<string, unknown>).UserData }
    : ev.native;
  const walk = (v: unknown, depth: number): void => {
    if (out.length >= MAX_LEAVES || depth > MAX_DEPTH || v === null || v === undefined) return;
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
    else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k in o) {
        if (depth <= 1 && k === '#attributes') continue; // the xmlns of <Event>, not event content
        walk(o[k], depth + 1);
      }
    }
  };
  walk(root, 0);
  for (const k in ev.fields) walk(ev.fields[k], 1);
  return out;
}
