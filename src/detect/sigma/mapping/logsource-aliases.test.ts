import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyEvent } from './classify.js';
import { resolveField } from './field-resolver.js';
import { LOGSOURCE_FIELD_ALIASES } from './generic-data.js';
import { compileSigmaBundle, loadSigmaText } from '../index.js';

test('per-logsource aliases: tried after the name as written, before the ECS fallbacks', () => {
  const aliases = LOGSOURCE_FIELD_ALIASES['azure/signinlogs'];
  assert.deepEqual(resolveField('AuthenticationRequirement', 'generic', undefined, aliases), [
    { in: 'native-key', key: 'AuthenticationRequirement' },
    { in: 'native-key', key: 'properties.authenticationRequirement' },
    { in: 'native', path: ['properties', 'authenticationRequirement'] },
    { in: 'ecs', name: 'properties.authenticationRequirement' },
    { in: 'ecs', name: 'AuthenticationRequirement' },
  ]);
  assert.deepEqual(resolveField('eventName', 'generic', undefined, aliases), [{ in: 'native-key', key: 'eventName' }, { in: 'ecs', name: 'eventName' }]);
  assert.equal(classifyEvent({ native: {}, logsource: { product: 'azure', service: 'signinlogs' } }).aliases, aliases);
  assert.equal(classifyEvent({ native: {}, logsource: { product: 'aws', service: 'cloudtrail' } }).aliases, undefined);
});

test('a rule written with Log Analytics names matches both the diagnostic-settings export and a Log Analytics row', () => {
  const rules = loadSigmaText([{ name: 'lockout.yml', text: `title: Account Lockout
logsource:
    product: azure
    service: signinlogs
detection:
    selection:
        ResultType: 50053
    condition: selection
` }]);
  const { bundle } = compileSigmaBundle(rules);
  const meta = { logsource: { product: 'azure', service: 'signinlogs' } };
  assert.equal(bundle.match({ native: { resultType: '50053', properties: {} }, meta }).length, 1);
  assert.equal(bundle.match({ native: { ResultType: 50053 }, meta }).length, 1);
  assert.equal(bundle.match({ native: { resultType: '0' }, meta }).length, 0);
  // The alias belongs to the logsource: the same record under another logsource does not match.
  assert.equal(bundle.match({ native: { resultType: '50053' }, meta: { logsource: { product: 'azure', service: 'auditlogs' } } }).length, 0);
});
