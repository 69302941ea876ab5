/**
 * Classification is cached per channel and EventID; the cached answers must be the ones the full
 * path gives, whatever order events arrive in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { winEvent } from '../testing/helpers.js';
import { classifyEvent } from './classify.js';

const key = (native: Record<string, unknown>): string => classifyEvent({ native }).key;

test('a channel the table does not know (WEF ForwardedEvents): the provider decides, event by event', () => {
  const sysmon = winEvent('ForwardedEvents', 'Microsoft-Windows-Sysmon', 1, { Image: 'a' });
  const other = winEvent('ForwardedEvents', 'Some-Other-Provider', 1, { Image: 'a' });
  const security = winEvent('ForwardedEvents', 'Microsoft-Windows-Security-Auditing', 4688, {});
  for (let round = 0; round < 2; round++) {
    assert.equal(key(sysmon), 'evtx|windows|sysmon|process_creation');
    assert.equal(key(other), 'evtx|windows||');
    assert.equal(key(security), 'evtx|windows|security|process_creation');
  }
});

test('cached classes agree with the full path: EventID with attributes, EventType, declared logsources', () => {
  const wrapped = winEvent('System', 'Service Control Manager', 7045, {});
  (wrapped.Event as { System: Record<string, unknown> }).System.EventID = { '#attributes': { Qualifiers: 16384 }, '#text': 7045 };
  const plain = winEvent('System', 'Service Control Manager', 7045, {});
  assert.equal(key(wrapped), key(plain));
  assert.equal(key(plain), 'evtx|windows|system|');
  const add = winEvent('Microsoft-Windows-Sysmon/Operational', 'Microsoft-Windows-Sysmon', 12, { EventType: 'CreateKey' });
  const del = winEvent('Microsoft-Windows-Sysmon/Operational', 'Microsoft-Windows-Sysmon', 12, { EventType: 'DeleteKey' });
  for (let round = 0; round < 2; round++) assert.notEqual(key(add), key(del), 'Sysmon 12 depends on EventType');
  const declared = classifyEvent({ native: plain, logsource: { product: 'windows', service: 'system', category: 'service_install' } });
  assert.ok(declared.categories.some((c) => c.category === 'service_install'), 'a declared category is added, never taken from the cache');
  assert.equal(key(winEvent('constructor', 'x', 1, {})), 'evtx|windows||', 'channel names are table keys, not object properties');
});
