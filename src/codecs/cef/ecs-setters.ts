/**
 * Writes a mapped CEF/LEEF value into a record's fields with a store whose key is a literal.
 * A computed key (`f[name] = v`) makes V8 turn an object with more than a dozen added properties
 * into a hash table ("dictionary mode"), which every later reader of the event (the store's
 * JSON encoding, field lookups) pays for; literal keys keep the object's fast layout.
 *
 * One setter function per field rather than a `switch` over the names: a switch compares the
 * name with each case in turn (`source.ip` was the 37th), while a mapping table resolves its
 * setter once, at load (`ecsSetter`), and a name is looked up once per call otherwise.
 */
import type { EcsFields, FieldValue } from '../../core/index.js';

export type EcsSetter = (f: EcsFields, v: FieldValue) => void;

const SETTERS = new Map<string, EcsSetter>([
  ['event.action', (f, v) => { f['event.action'] = v; }],
  ['network.protocol', (f, v) => { f['network.protocol'] = v; }],
  ['network.direction', (f, v) => { f['network.direction'] = v; }],
  ['destination.domain', (f, v) => { f['destination.domain'] = v; }],
  ['destination.mac', (f, v) => { f['destination.mac'] = v; }],
  ['process.pid', (f, v) => { f['process.pid'] = v; }],
  ['process.name', (f, v) => { f['process.name'] = v; }],
  ['destination.port', (f, v) => { f['destination.port'] = v; }],
  ['destination.ip', (f, v) => { f['destination.ip'] = v; }],
  ['destination.nat.ip', (f, v) => { f['destination.nat.ip'] = v; }],
  ['destination.nat.port', (f, v) => { f['destination.nat.port'] = v; }],
  ['destination.user.id', (f, v) => { f['destination.user.id'] = v; }],
  ['destination.user.name', (f, v) => { f['destination.user.name'] = v; }],
  ['observer.ip', (f, v) => { f['observer.ip'] = v; }],
  ['observer.hostname', (f, v) => { f['observer.hostname'] = v; }],
  ['observer.mac', (f, v) => { f['observer.mac'] = v; }],
  ['observer.ingress.interface.name', (f, v) => { f['observer.ingress.interface.name'] = v; }],
  ['observer.egress.interface.name', (f, v) => { f['observer.egress.interface.name'] = v; }],
  ['event.timezone', (f, v) => { f['event.timezone'] = v; }],
  ['event.end', (f, v) => { f['event.end'] = v; }],
  ['event.start', (f, v) => { f['event.start'] = v; }],
  ['event.id', (f, v) => { f['event.id'] = v; }],
  ['file.name', (f, v) => { f['file.name'] = v; }],
  ['file.path', (f, v) => { f['file.path'] = v; }],
  ['file.size', (f, v) => { f['file.size'] = v; }],
  ['source.bytes', (f, v) => { f['source.bytes'] = v; }],
  ['destination.bytes', (f, v) => { f['destination.bytes'] = v; }],
  ['event.outcome', (f, v) => { f['event.outcome'] = v; }],
  ['network.transport', (f, v) => { f['network.transport'] = v; }],
  ['event.reason', (f, v) => { f['event.reason'] = v; }],
  ['url.original', (f, v) => { f['url.original'] = v; }],
  ['user_agent.original', (f, v) => { f['user_agent.original'] = v; }],
  ['http.request.method', (f, v) => { f['http.request.method'] = v; }],
  ['source.domain', (f, v) => { f['source.domain'] = v; }],
  ['source.mac', (f, v) => { f['source.mac'] = v; }],
  ['source.port', (f, v) => { f['source.port'] = v; }],
  ['source.ip', (f, v) => { f['source.ip'] = v; }],
  ['source.nat.ip', (f, v) => { f['source.nat.ip'] = v; }],
  ['source.nat.port', (f, v) => { f['source.nat.port'] = v; }],
  ['source.user.id', (f, v) => { f['source.user.id'] = v; }],
  ['source.user.name', (f, v) => { f['source.user.name'] = v; }],
  ['source.packets', (f, v) => { f['source.packets'] = v; }],
  ['destination.packets', (f, v) => { f['destination.packets'] = v; }],
  ['network.packets', (f, v) => { f['network.packets'] = v; }],
  ['user.name', (f, v) => { f['user.name'] = v; }],
  ['user.domain', (f, v) => { f['user.domain'] = v; }],
  ['rule.name', (f, v) => { f['rule.name'] = v; }],
  ['event.severity', (f, v) => { f['event.severity'] = v; }],
]);

/** The setter for `name`: one with a literal key for the names above, a computed store otherwise. */
export function ecsSetter(name: string): EcsSetter {
  return SETTERS.get(name) ?? ((f, v) => { f[name] = v; });
}

export function setEcsField(f: EcsFields, name: string, v: FieldValue): void {
  const set = SETTERS.get(name);
  if (set !== undefined) set(f, v);
  else f[name] = v;
}
