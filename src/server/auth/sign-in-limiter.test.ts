import { expect, test } from 'vitest';
import { isRrcuError } from '../../core/errors.ts';
import { createSignInLimiter } from './sign-in-limiter.ts';

const refusal = (fn: () => void): unknown => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e;
  }
};

test('five failures are free; each further one locks the pair out twice as long; success forgets', () => {
  const limiter = createSignInLimiter();
  const t0 = 1_000_000;
  for (let i = 0; i < 4; i++) limiter.fail('admin\n10.0.0.1', t0);
  expect(refusal(() => limiter.check('admin\n10.0.0.1', t0))).toBeUndefined();
  limiter.fail('admin\n10.0.0.1', t0);
  const locked = refusal(() => limiter.check('admin\n10.0.0.1', t0 + 29_000));
  expect(isRrcuError(locked, 'RATE_LIMITED')).toBe(true);
  expect((locked as Error).message).toContain('1 more second');
  expect(refusal(() => limiter.check('admin\n10.0.0.1', t0 + 30_000))).toBeUndefined();
  // The sixth failure doubles the pause.
  limiter.fail('admin\n10.0.0.1', t0 + 30_000);
  expect(refusal(() => limiter.check('admin\n10.0.0.1', t0 + 30_000 + 59_000))).toBeDefined();
  expect(refusal(() => limiter.check('admin\n10.0.0.1', t0 + 30_000 + 60_000))).toBeUndefined();
  // Another address is another pair.
  expect(refusal(() => limiter.check('admin\n10.0.0.2', t0 + 30_000))).toBeUndefined();
  limiter.succeed('admin\n10.0.0.1');
  limiter.fail('admin\n10.0.0.1', t0 + 100_000);
  expect(refusal(() => limiter.check('admin\n10.0.0.1', t0 + 100_000))).toBeUndefined();
});
