/**
 * An empty `fields` object with room for FIELDS_IN_OBJECT properties inside the object itself.
 *
 * A record's fields are added one by one (header, then the CEF/LEEF/auth mapping): an sshd
 * record has 30 keys, a CEF one 30 and more. An object literal holds only its own keys inside
 * the object; V8 stores every later key in a separate array that it re-allocates 3 slots at a
 * time, so an sshd record's fields cost 5 such arrays and about 720 bytes instead of one object
 * of 344 (measured: 80 → 35 ns to build 30 keys). A constructor's objects instead get the room
 * its body announces: V8 sizes them by the `this.x = …` stores the parser counts in the body
 * (the 40 below, never run), and the prototype is Object.prototype, so the object is a plain
 * `{}` to every reader (JSON text, key order, `deepStrictEqual`, `Object.getPrototypeOf`).
 *
 * V8 shrinks such objects to the most properties its first few objects held ("slack
 * tracking"); the objects built at load below hold FIELDS_IN_OBJECT keys (of their own, on a
 * branch no record takes), so later records keep the whole room whatever they come in first.
 * A record with more keys still works: the rest go to the separate array, as before.
 */
import type { EcsFields } from '../../core/index.js';

export const FIELDS_IN_OBJECT = 40;

function PresizedFields(this: any, never: boolean): void {
  if (never) {
    this.p0 = 0; this.p1 = 0; this.p2 = 0; this.p3 = 0; this.p4 = 0; this.p5 = 0; this.p6 = 0; this.p7 = 0;
    this.p8 = 0; this.p9 = 0; this.p10 = 0; this.p11 = 0; this.p12 = 0; this.p13 = 0; this.p14 = 0; this.p15 = 0;
    this.p16 = 0; this.p17 = 0; this.p18 = 0; this.p19 = 0; this.p20 = 0; this.p21 = 0; this.p22 = 0; this.p23 = 0;
    this.p24 = 0; this.p25 = 0; this.p26 = 0; this.p27 = 0; this.p28 = 0; this.p29 = 0; this.p30 = 0; this.p31 = 0;
    this.p32 = 0; this.p33 = 0; this.p34 = 0; this.p35 = 0; this.p36 = 0; this.p37 = 0; this.p38 = 0; this.p39 = 0;
  }
}
PresizedFields.prototype = Object.prototype;

/** The same for `native.syslog`: format, priority, facility, severity, version, timestamp, hostname, app_name, procid, msgid. */
export const HEADER_IN_OBJECT = 10;

function PresizedHeader(this: any, never: boolean): void {
  if (never) {
    this.p0 = 0; this.p1 = 0; this.p2 = 0; this.p3 = 0; this.p4 = 0; this.p5 = 0; this.p6 = 0; this.p7 = 0;
    this.p8 = 0; this.p9 = 0;
  }
}
PresizedHeader.prototype = Object.prototype;

type Ctor<T> = new (never: boolean) => T;
const Presized = PresizedFields as unknown as Ctor<EcsFields>;
const Header = PresizedHeader as unknown as Ctor<Record<string, unknown>>;

// Slack tracking ends after the first 7 objects; these hold the full room, so it is kept.
for (const [C, room] of [[Presized, FIELDS_IN_OBJECT], [Header, HEADER_IN_OBJECT]] as const) {
  for (let n = 0; n < 8; n++) {
    const o = new C(false);
    for (let i = 0; i < room; i++) o[`\u0000presize${i}`] = 0;
  }
}

/** A new empty plain object for a record's fields, with room for FIELDS_IN_OBJECT keys. */
export function presizedFields(): EcsFields {
  return new Presized(false);
}

/** A new empty plain object for a record's `native.syslog`, with room for HEADER_IN_OBJECT keys. */
export function presizedHeader(): Record<string, unknown> {
  return new Header(false);
}
