import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignInLimiter } from './sign-in-limiter.js';

test('failed sign-ins are limited per user and per address over a sliding window', () => {
  const now = { t: 0 };
  const limiter = new SignInLimiter({ window_ms: 60_000, max_failures_per_user: 3, max_failures_per_ip: 5, max_keys: 100 }, () => now.t);
  for (let i = 0; i < 3; i++) {
    assert.equal(limiter.retryAfterMs('alice', '10.0.0.1'), 0);
    limiter.recordFailure('alice', '10.0.0.1');
    now.t += 1000;
  }
  assert.equal(limiter.retryAfterMs('alice', '10.0.0.9'), 57_000, 'alice is locked from any address until the first failure leaves the window');
  assert.equal(limiter.retryAfterMs('bob', '10.0.0.1'), 0, 'the address is not yet over its own limit');
  limiter.recordFailure('bob', '10.0.0.1');
  limiter.recordFailure('carol', '10.0.0.1');
  assert.ok(limiter.retryAfterMs('dave', '10.0.0.1') > 0, 'five failures from one address lock that address');
  now.t += 57_000;
  assert.equal(limiter.retryAfterMs('alice', '10.0.0.9'), 0, 'the window slid');
  limiter.recordSuccess('alice');
});

test('the number of tracked keys is bounded', () => {
  const limiter = new SignInLimiter({ window_ms: 60_000, max_failures_per_user: 1, max_failures_per_ip: 100, max_keys: 10 }, () => 0);
  for (let i = 0; i < 100; i++) limiter.recordFailure(`user${i}`, `10.0.0.${i}`);
  assert.equal(limiter.retryAfterMs('user0', 'x'), 0, 'the oldest keys were dropped');
  assert.ok(limiter.retryAfterMs('user99', 'x') > 0);
});
