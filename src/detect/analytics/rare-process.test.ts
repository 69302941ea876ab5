import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generalisePath, rareProcess, rareProcessParams } from './rare-process.js';
import { proc } from './test-events.js';

const make = (over: object = {}) => rareProcess.create(rareProcessParams.parse({ learning_period_ms: 3_600_000, ...over }));
const T0 = Date.UTC(2026, 0, 5, 8);
const PS = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

test('generalisePath folds user profiles and case', () => {
  assert.equal(generalisePath('C:\\Users\\Alice\\AppData\\Local\\Temp\\x.exe'), 'c:\\users\\*\\appdata\\local\\temp\\x.exe');
  assert.equal(generalisePath('/home/bob/bin/tool'), '/home/*/bin/tool');
});

test('after learning, a payload in a user Temp folder fires once', () => {
  const a = make();
  a.process(proc(T0, 'ws-1', PS));
  const payload = 'C:\\Users\\alice\\AppData\\Local\\Temp\\msupdate.exe';
  const out = a.process(proc(T0 + 2 * 3_600_000, 'ws-1', payload));
  assert.equal(out.length, 1);
  assert.deepEqual(out[0].entities.process, [payload]);
  assert.deepEqual(a.process(proc(T0 + 2 * 3_600_000 + 1, 'ws-1', payload)), [], 'known now');
});

test('does not fire: during learning, a known path in another case, software known on enough other hosts', () => {
  const a = make();
  assert.deepEqual(a.process(proc(T0, 'ws-1', PS)), []);
  assert.deepEqual(a.process(proc(T0 + 60_000, 'ws-1', 'C:\\Tools\\new.exe')), [], 'learning');
  assert.deepEqual(a.process(proc(T0 + 7_200_000, 'ws-1', PS.toUpperCase())), []);
  for (const h of ['ws-2', 'ws-3', 'ws-4']) a.process(proc(T0 + 7_200_000, h, 'C:\\Users\\x\\AppData\\Local\\Teams\\teams.exe', h));
  assert.deepEqual(a.process(proc(T0 + 7_300_000, 'ws-1', 'C:\\Users\\alice\\AppData\\Local\\Teams\\teams.exe')), [], 'rolled out on three other hosts');
});

test('per-host paths are capped and counted', () => {
  const a = make({ max_processes_per_host: 3, learning_period_ms: 0, fleet_suppress_hosts: 0 });
  for (let i = 0; i < 5; i++) a.process(proc(T0 + i, 'ws-9', `C:\\p${i}.exe`));
  assert.equal(a.stats().evicted, 2);
});
