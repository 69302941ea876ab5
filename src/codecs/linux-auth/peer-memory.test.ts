import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PeerMemory } from './peer-memory.js';

test('peer memory: recalls per (host, program, pid), updates in place', () => {
  const m = new PeerMemory();
  m.remember('web01', 'sshd', '42', '198.51.100.7', 50_000);
  m.remember('web02', 'sshd', '42', '203.0.113.9', undefined);
  assert.equal(m.recall('web01', 'sshd', '42')?.address, '198.51.100.7');
  assert.equal(m.recall('web01', 'sshd', '42')?.port, 50_000);
  assert.equal(m.recall('web02', 'sshd', '42')?.address, '203.0.113.9');
  assert.equal(m.recall('web01', 'sshd', '43'), undefined);
  assert.equal(m.recall('web01', 'sudo', '42'), undefined);
  assert.equal(m.recall(undefined, 'sshd', '42'), undefined);
  m.remember('web01', 'sshd', '42', '192.0.2.1', 22);
  assert.equal(m.size, 2);
  assert.equal(m.recall('web01', 'sshd', '42')?.address, '192.0.2.1');
  assert.equal(m.recall('web01', 'sshd', '42')?.port, 22);
  m.remember(undefined, 'sshd', '7', '192.0.2.2', undefined);
  assert.equal(m.recall(undefined, 'sshd', '7')?.address, '192.0.2.2');
});

test('peer memory: forgets the least recently remembered beyond its bound, and the hosts it emptied', () => {
  const m = new PeerMemory(3);
  m.remember('a', 'sshd', '1', '10.0.0.1', undefined);
  m.remember('b', 'sshd', '2', '10.0.0.2', undefined);
  m.remember('c', 'sshd', '3', '10.0.0.3', undefined);
  m.remember('a', 'sshd', '1', '10.0.0.11', undefined); // refreshed: b is now the oldest
  m.remember('d', 'sshd', '4', '10.0.0.4', undefined);
  assert.equal(m.size, 3);
  assert.equal(m.recall('b', 'sshd', '2'), undefined);
  assert.equal(m.recall('a', 'sshd', '1')?.address, '10.0.0.11');
  // A flood of invented host names keeps the maps bounded too.
  for (let i = 0; i < 1000; i++) m.remember(`spoofed${i}`, 'sshd', '1', '10.9.9.9', undefined);
  assert.equal(m.size, 3);
  const hosts = (m as unknown as { programs: Map<string, Map<string, unknown>> }).programs.get('sshd')!;
  assert.equal(hosts.size, 3);
  assert.equal(m.recall('spoofed999', 'sshd', '1')?.address, '10.9.9.9');
});
