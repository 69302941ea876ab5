import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, needsRehash, passwordProblem, SCRYPT_PARAMS, verifyPassword } from './password-hash.js';

test('scrypt hashes verify the right password only, carry their parameters, and are salted', async () => {
  const a = await hashPassword('correct horse battery staple');
  const b = await hashPassword('correct horse battery staple');
  assert.match(a, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  assert.notEqual(a, b, 'a fresh salt every time');
  assert.equal(await verifyPassword('correct horse battery staple', a), true);
  assert.equal(await verifyPassword('correct horse battery stapl', a), false);
  assert.equal(await verifyPassword('', a), false);
  assert.equal(needsRehash(a), false);
});

test('weaker stored parameters ask for a rehash; malformed hashes never verify', async () => {
  const weak = await hashPassword('another password', { N: 2 ** 10, r: 8, p: 1 });
  assert.equal(await verifyPassword('another password', weak), true, 'old parameters still verify');
  assert.equal(needsRehash(weak, SCRYPT_PARAMS), true);
  for (const bad of ['', 'plain', 'scrypt$0$8$1$AA$AA', 'bcrypt$1$2$3$4$5', `scrypt$${2 ** 30}$8$1$AA$AA`]) {
    assert.equal(await verifyPassword('x', bad), false, bad);
  }
});

test('password rules: at least 10 characters, at most 1024', () => {
  assert.match(passwordProblem('short') ?? '', /at least 10/);
  assert.match(passwordProblem('x'.repeat(1025)) ?? '', /at most 1024/);
  assert.equal(passwordProblem('long enough pw'), undefined);
});
