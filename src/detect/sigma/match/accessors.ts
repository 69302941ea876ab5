/**
 * Field places (mapping/field-resolver.ts) → functions that read the value from an event.
 * evtx_dump's `{"#attributes": ..., "#text": v}` wrappers are unwrapped, so `EventID` reads 7045
 * whether or not the element carried attributes.
 */
import { asObject as obj } from '../../../core/object-path.js';
import type { FieldPlace } from '../mapping/field-resolver.js';
import { unwrapText } from '../mapping/classify.js';

export interface MatchEvent {
  native: Record<string, unknown>;
  fields: Record<string, unknown>;
}

export type Accessor = (ev: MatchEvent) => unknown;


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
  const first = places[0];
  if (first?.in === 'native' && first.path.length === 3) {
    // evtx_dump's Event.EventData.<name> (or Event.System.<name>): read inline, as it holds the
    // value almost every time; the other places only when it does not.
    const [a, b, c] = first.path;
    const rest = fns.slice(1);
    return (ev) => {
      const x = ev.native[a];
      if (x !== null && typeof x === 'object' && !Array.isArray(x)) {
        const y = (x as Record<string, unknown>)[b];
        if (y !== null && typeof y === 'object' && !Array.isArray(y)) {
          const v = (y as Record<string, unknown>)[c];
          if (v !== undefined) return unwrapText(v);
        }
      }
      for (let i = 0; i < rest.length; i++) {
        const v = rest[i](ev);
        if (v !== undefined) return unwrapText(v);
      }
      return undefined;
    };
  }
  if (fns.length === 1) {
    const f = fns[0];
    return (ev) => unwrapText(f(ev));
  }
  return (ev) => {
    for (let i = 0; i < fns.length; i++) {
      const v = fns[i](ev);
      if (v !== undefined) return unwrapText(v);
    }
    return undefined;
  };
}

const MAX_LEAVES = 10_000;
const MAX_DEPTH = 32;

/** Receives the values of an event one by one (see `forEachValue`). */
export interface ValueSink {
  /** Values received so far; the walk stops at MAX_LEAVES. */
  leaves: number;
  /** False when the sink has no use for numbers and booleans (they still count as values). */
  readonly scalars: boolean;
  text(s: string): void;
}

/**
 * Every scalar value of the event as text, for keyword search (bounded for hostile records).
 * For a Windows record this is its data (EventData / UserData): the event's message, not the
 * System header's channel, provider and keyword bits.
 */
export function allValues(ev: MatchEvent): string[] {
  const sink = new ArraySink();
  forEachValue(ev, sink);
  return sink.values;
}

/** The values `allValues` lists, in its order, handed to a sink instead of stored. */
export function forEachValue(ev: MatchEvent, sink: ValueSink): void {
  sink.leaves = 0;
  const win = ev.native.Event;
  if (win !== null && typeof win === 'object' && !Array.isArray(win) && 'System' in win) {
    // The root {d: EventData, u: UserData} without building it: its values sit at depth 1.
    walk((win as Record<string, unknown>).EventData, 1, sink);
    walk((win as Record<string, unknown>).UserData, 1, sink);
  } else walk(ev.native, 0, sink);
  const fields = ev.fields;
  for (const k in fields) walk(fields[k], 1, sink);
}

function walk(v: unknown, depth: number, sink: ValueSink): void {
  if (sink.leaves >= MAX_LEAVES || depth > MAX_DEPTH || v === null || v === undefined) return;
  if (typeof v === 'string') {
    sink.leaves++;
    sink.text(v);
  } else if (typeof v === 'number' || typeof v === 'boolean') {
    sink.leaves++;
    if (sink.scalars) sink.text(String(v));
  } else if (Array.isArray(v)) for (let i = 0; i < v.length; i++) walk(v[i], depth + 1, sink);
  else if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k in o) {
      if (depth <= 1 && k === '#attributes') continue; // the xmlns of <Event>, not event content
      walk(o[k], depth + 1, sink);
    }
  }
}

class ArraySink implements ValueSink {
  leaves = 0;
  readonly scalars = true;
  readonly values: string[] = [];
  text(s: string): void {
    this.values.push(s);
  }
}
