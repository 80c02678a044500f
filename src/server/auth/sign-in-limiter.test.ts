import { expect, test } from 'vitest';
import { isRrcuError, type RrcuError } from '../../core/errors.ts';
import { ADDRESS_FAILURES_PER_WINDOW, CONCURRENT_CHECKS, createSignInLimiter, FREE_FAILURES, WAITING_CHECKS } from './sign-in-limiter.ts';

const refusal = (fn: () => void): RrcuError | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (!isRrcuError(e, 'RATE_LIMITED')) throw e;
    return e;
  }
};

test('five attempts are free; each further one pauses the pair twice as long; success forgets', () => {
  const limiter = createSignInLimiter();
  const t0 = 1_000_000;
  for (let i = 0; i < FREE_FAILURES; i++) expect(refusal(() => limiter.attempt('admin', '10.0.0.1', t0))).toBeUndefined();
  const locked = refusal(() => limiter.attempt('admin', '10.0.0.1', t0 + 29_000));
  expect(locked?.message).toContain('1 more second');
  expect(locked?.retryAfterSeconds).toBe(1);
  expect(refusal(() => limiter.attempt('admin', '10.0.0.1', t0 + 30_000))).toBeUndefined();
  // The sixth attempt doubles the pause.
  expect(refusal(() => limiter.attempt('admin', '10.0.0.1', t0 + 30_000 + 59_000))?.retryAfterSeconds).toBe(1);
  expect(refusal(() => limiter.attempt('admin', '10.0.0.1', t0 + 30_000 + 60_000))).toBeUndefined();
  // Another address is another pair.
  expect(refusal(() => limiter.attempt('admin', '10.0.0.2', t0 + 100_000))).toBeUndefined();
  limiter.succeed('admin', '10.0.0.1');
  expect(refusal(() => limiter.attempt('admin', '10.0.0.1', t0 + 100_000))).toBeUndefined();
});

test('attempts are counted as they arrive: the sixth is refused while the first five are still being checked', () => {
  // Regression: the count went up when a check failed, so 20 guesses sent at once were all checked.
  const limiter = createSignInLimiter();
  const refused = Array.from({ length: 20 }, () => refusal(() => limiter.attempt('admin', '10.0.0.3', 5_000))).filter(Boolean);
  expect(refused).toHaveLength(20 - FREE_FAILURES);
});

test('one address spraying many usernames is paused after 20 failures, for every username; other addresses are not', () => {
  const limiter = createSignInLimiter();
  const t0 = 2_000_000;
  for (let i = 0; i < ADDRESS_FAILURES_PER_WINDOW; i++) expect(refusal(() => limiter.attempt(`user${i}`, '10.0.0.4', t0))).toBeUndefined();
  const sprayed = refusal(() => limiter.attempt('admin', '10.0.0.4', t0 + 1000));
  expect(sprayed?.message).toContain('from your address, for any user');
  expect(sprayed?.retryAfterSeconds).toBe(15 * 60 - 1);
  expect(refusal(() => limiter.attempt('admin', '10.0.0.5', t0 + 1000))).toBeUndefined();
  // The window ends: the address may try again.
  expect(refusal(() => limiter.attempt('admin', '10.0.0.4', t0 + 15 * 60_000))).toBeUndefined();
});

test('a right password gives the address back the attempt it was charged', () => {
  const limiter = createSignInLimiter();
  for (let i = 0; i < ADDRESS_FAILURES_PER_WINDOW - 1; i++) limiter.attempt(`user${i}`, '10.0.0.6', 3_000);
  for (let i = 0; i < 3; i++) {
    limiter.attempt('ada', '10.0.0.6', 3_000);
    limiter.succeed('ada', '10.0.0.6');
  }
  expect(refusal(() => limiter.attempt('bob', '10.0.0.6', 3_000))).toBeUndefined();
  expect(refusal(() => limiter.attempt('bob', '10.0.0.6', 3_000))).toBeDefined();
});

test('password checks run two at a time, the others wait their turn in order, and beyond the waiting room are refused', async () => {
  const limiter = createSignInLimiter();
  const started: number[] = [];
  const finish = new Map<number, () => void>();
  const check = (i: number) =>
    limiter.checkPassword(async () => {
      started.push(i);
      await new Promise<void>((resolve) => finish.set(i, resolve));
      return i;
    });
  const total = CONCURRENT_CHECKS + WAITING_CHECKS;
  const running = Array.from({ length: total }, (_, i) => check(i));
  const refused = await check(total).catch((e: unknown) => e);
  expect(isRrcuError(refused, 'RATE_LIMITED') && refused.retryAfterSeconds).toBe(1);
  await Promise.resolve();
  expect(started).toEqual([0, 1]);
  finish.get(1)!();
  expect(await running[1]).toBe(1);
  await new Promise((resolve) => setImmediate(resolve));
  expect(started).toEqual([0, 1, 2]);
  for (let i = 0; i < total; i++) {
    while (!finish.has(i)) await new Promise((resolve) => setImmediate(resolve));
    finish.get(i)!();
  }
  expect(await Promise.all(running)).toEqual(Array.from({ length: total }, (_, i) => i));
  expect(started).toHaveLength(total);
});
