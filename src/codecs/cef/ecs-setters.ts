/**
 * Writes a mapped CEF/LEEF value into a record's fields with a store whose key is a literal.
 * A computed key (`f[name] = v`) makes V8 turn an object with more than a dozen added properties
 * into a hash table ("dictionary mode"), which every later reader of the event (the store's
 * JSON encoding, field lookups) pays for; literal keys keep the object's fast layout.
 */
import type { EcsFields, FieldValue } from '../../core/index.js';

export function setEcsField(f: EcsFields, name: string, v: FieldValue): void {
  switch (name) {
    case 'event.action': f['event.action'] = v; return;
    case 'network.protocol': f['network.protocol'] = v; return;
    case 'network.direction': f['network.direction'] = v; return;
    case 'destination.domain': f['destination.domain'] = v; return;
    case 'destination.mac': f['destination.mac'] = v; return;
    case 'process.pid': f['process.pid'] = v; return;
    case 'process.name': f['process.name'] = v; return;
    case 'destination.port': f['destination.port'] = v; return;
    case 'destination.ip': f['destination.ip'] = v; return;
    case 'destination.nat.ip': f['destination.nat.ip'] = v; return;
    case 'destination.nat.port': f['destination.nat.port'] = v; return;
    case 'destination.user.id': f['destination.user.id'] = v; return;
    case 'destination.user.name': f['destination.user.name'] = v; return;
    case 'observer.ip': f['observer.ip'] = v; return;
    case 'observer.hostname': f['observer.hostname'] = v; return;
    case 'observer.mac': f['observer.mac'] = v; return;
    case 'observer.ingress.interface.name': f['observer.ingress.interface.name'] = v; return;
    case 'observer.egress.interface.name': f['observer.egress.interface.name'] = v; return;
    case 'event.timezone': f['event.timezone'] = v; return;
    case 'event.end': f['event.end'] = v; return;
    case 'event.start': f['event.start'] = v; return;
    case 'event.id': f['event.id'] = v; return;
    case 'file.name': f['file.name'] = v; return;
    case 'file.path': f['file.path'] = v; return;
    case 'file.size': f['file.size'] = v; return;
    case 'source.bytes': f['source.bytes'] = v; return;
    case 'destination.bytes': f['destination.bytes'] = v; return;
    case 'event.outcome': f['event.outcome'] = v; return;
    case 'network.transport': f['network.transport'] = v; return;
    case 'event.reason': f['event.reason'] = v; return;
    case 'url.original': f['url.original'] = v; return;
    case 'user_agent.original': f['user_agent.original'] = v; return;
    case 'http.request.method': f['http.request.method'] = v; return;
    case 'source.domain': f['source.domain'] = v; return;
    case 'source.mac': f['source.mac'] = v; return;
    case 'source.port': f['source.port'] = v; return;
    case 'source.ip': f['source.ip'] = v; return;
    case 'source.nat.ip': f['source.nat.ip'] = v; return;
    case 'source.nat.port': f['source.nat.port'] = v; return;
    case 'source.user.id': f['source.user.id'] = v; return;
    case 'source.user.name': f['source.user.name'] = v; return;
    case 'source.packets': f['source.packets'] = v; return;
    case 'destination.packets': f['destination.packets'] = v; return;
    case 'network.packets': f['network.packets'] = v; return;
    case 'user.name': f['user.name'] = v; return;
    case 'user.domain': f['user.domain'] = v; return;
    case 'rule.name': f['rule.name'] = v; return;
    case 'event.severity': f['event.severity'] = v; return;
    default: f[name] = v;
  }
}
