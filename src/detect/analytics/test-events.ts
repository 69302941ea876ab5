/** Builds events for the analytics tests (test support only). */
import type { EcsFields, VigilEvent } from '../../core/event.js';
import { Prng } from '../../demo/prng.js';

let seq = 0;

export function ev(ts: number, fields: EcsFields): VigilEvent {
  seq++;
  return { id: `e${seq}`, ts, fields, native: {}, meta: { source: 'test', ingestTime: ts } };
}

export function login(ts: number, outcome: 'success' | 'failure', user: string, ip: string, extra: EcsFields = {}): VigilEvent {
  return ev(ts, { 'event.category': ['authentication'], 'event.outcome': outcome, 'user.name': user, 'source.ip': ip, 'host.name': 'bastion', ...extra });
}

export function flow(ts: number, src: string, dst: string, port: number, bytes: number, extra: EcsFields = {}): VigilEvent {
  return ev(ts, { 'event.category': ['network'], 'source.ip': src, 'destination.ip': dst, 'destination.port': port, 'source.bytes': bytes, 'network.bytes': bytes, ...extra });
}

export function dns(ts: number, src: string, name: string): VigilEvent {
  return ev(ts, { 'event.category': ['network'], 'source.ip': src, 'destination.ip': '10.0.0.53', 'destination.port': 53, 'dns.question.name': name });
}

export function proc(ts: number, host: string, exe: string, user = 'alice'): VigilEvent {
  return ev(ts, { 'event.category': ['process'], 'host.name': host, 'process.executable': exe, 'user.name': user });
}

/** A deterministic random stream (the demo generator's PRNG) so the tests never depend on Math.random. */
export function rng(seed: number): () => number {
  const prng = new Prng(seed, 'analytics-test');
  return () => prng.float();
}
