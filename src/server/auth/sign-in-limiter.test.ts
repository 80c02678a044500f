import { expect, test } from 'vitest';
import { isRrcuError, type RrcuError } from '../../core/errors.ts';
import { ADDRESS_FAILURES_PER_WINDOW, CONCURRENT_CHECKS, createSignInLimiter, FREE_FAILURES, limitedAddress, MAX_ENTRIES, WAITING_CHECKS } from './sign-in-limiter.ts';

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
    limiter.checkPassword(`user${i}`, '10.0.1.1', async () => {
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

test('IPv6 clients are limited by their /64 network, IPv4-mapped ones by their IPv4 address', () => {
  expect(limitedAddress('10.0.0.1')).toBe('10.0.0.1');
  expect(limitedAddress('::ffff:10.0.0.1')).toBe('10.0.0.1');
  expect(limitedAddress('::FFFF:a00:1')).toBe('10.0.0.1');
  expect(limitedAddress('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
  expect(limitedAddress('2001:0DB8:0001:0002::')).toBe('2001:db8:1:2::/64');
  expect(limitedAddress('2001:db8:1:2::ffff')).toBe('2001:db8:1:2::/64');
  // `::` may stand for groups inside the /64 or after it.
  expect(limitedAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
  expect(limitedAddress('2001:db8:1::2:3:4:5')).toBe('2001:db8:1:0::/64');
  expect(limitedAddress('2001::3:4:5:6:7')).toBe('2001:0:0:3::/64');
  expect(limitedAddress('::1')).toBe('0:0:0:0::/64');
  expect(limitedAddress('::')).toBe('0:0:0:0::/64');
  expect(limitedAddress('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  expect(limitedAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  expect(limitedAddress('unknown')).toBe('unknown');

  const limiter = createSignInLimiter();
  const t0 = 4_000_000;
  for (let i = 1; i <= FREE_FAILURES; i++) expect(refusal(() => limiter.attempt('admin', `2001:db8:1:2::${i}`, t0))).toBeUndefined();
  expect(refusal(() => limiter.attempt('admin', '2001:db8:1:2:ffff:ffff:ffff:ffff', t0))?.message).toContain('for this user from your address');
  expect(refusal(() => limiter.attempt('admin', '2001:db8:1:3::1', t0))).toBeUndefined();
  for (let i = 0; i < ADDRESS_FAILURES_PER_WINDOW - FREE_FAILURES; i++) limiter.attempt(`user${i}`, `2001:db8:1:2::${i + 100}`, t0);
  expect(refusal(() => limiter.attempt('bob', '2001:db8:1:2::abcd', t0))?.message).toContain('from your address, for any user');
  limiter.attempt('bob', '::ffff:10.0.2.1', t0);
  limiter.succeed('bob', '10.0.2.1');
});

const ipv4 = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

test('a spray of new usernames and addresses never clears a running pause', () => {
  // Regression: a full map dropped its oldest entries, locked ones included, so 10,000 guesses unlocked `admin`.
  const limiter = createSignInLimiter();
  const t0 = 5_000_000;
  for (let i = 0; i < FREE_FAILURES; i++) limiter.attempt('admin', '192.0.2.1', t0);
  for (let i = 0; i < ADDRESS_FAILURES_PER_WINDOW; i++) limiter.attempt(`user${i}`, '192.0.2.2', t0);
  // Failures that only count, from as many new addresses as the maps hold, make room for themselves…
  for (let i = 0; i < MAX_ENTRIES; i++) expect(refusal(() => limiter.attempt(`sprayed${i}`, ipv4(i), t0 + 1))).toBeUndefined();
  // …but the pauses stay.
  expect(refusal(() => limiter.attempt('admin', '192.0.2.1', t0 + 2))?.message).toContain('for this user from your address');
  expect(refusal(() => limiter.attempt('ada', '192.0.2.2', t0 + 2))?.message).toContain('from your address, for any user');
});

test('when every remembered pair is paused, newcomers are refused until the first pause ends', () => {
  const limiter = createSignInLimiter();
  const t0 = 6_000_000;
  for (let i = 0; i < MAX_ENTRIES; i++) for (let j = 0; j < FREE_FAILURES; j++) limiter.attempt('admin', ipv4(i), t0);
  const newcomer = refusal(() => limiter.attempt('ada', '192.0.2.3', t0 + 1000));
  expect(newcomer?.message).toContain('sign-in from a new address or for a new username is paused');
  expect(newcomer?.retryAfterSeconds).toBe(29);
  expect(refusal(() => limiter.attempt('admin', ipv4(0), t0 + 1000))?.message).toContain('for this user from your address');
  // The pauses end: the oldest is forgotten first, in favour of the newcomer.
  expect(refusal(() => limiter.attempt('ada', '192.0.2.3', t0 + 30_000))).toBeUndefined();
});

test('a password check refused because too many wait gives the attempt back, so a burst cannot lock the user out', async () => {
  // Regression: the refused attempt stayed counted, so 34 requests in flight made the administrator's own
  // attempts lock the pair (after 5) and their address (after 20) without a password ever being checked.
  const limiter = createSignInLimiter();
  const finishers: (() => void)[] = [];
  const burst = Array.from({ length: CONCURRENT_CHECKS + WAITING_CHECKS }, (_, i) => {
    limiter.attempt(`mallory${i}`, ipv4(i), 7_000);
    return limiter.checkPassword(`mallory${i}`, ipv4(i), () => new Promise<void>((resolve) => finishers.push(resolve)));
  });
  for (let i = 0; i < ADDRESS_FAILURES_PER_WINDOW + 1; i++) {
    expect(refusal(() => limiter.attempt('admin', '192.0.2.4', 7_000))).toBeUndefined();
    const refused = await limiter.checkPassword('admin', '192.0.2.4', () => Promise.resolve()).catch((e: unknown) => e);
    expect(isRrcuError(refused, 'RATE_LIMITED') && refused.message).toContain('not checked, nor counted');
  }
  for (let finished = 0; finished < burst.length; await new Promise((resolve) => setImmediate(resolve))) if (finishers[finished]) finishers[finished++]!();
  await Promise.all(burst);
});
