import type { RetryErrorInfo } from '@smithy/types';
import { describe, expect, test } from 'vitest';
import { createRetryStrategy } from './retry-strategy.ts';

const throttling: RetryErrorInfo = { errorType: 'THROTTLING' };
const transient: RetryErrorInfo = { errorType: 'TRANSIENT' };
const clientError: RetryErrorInfo = { errorType: 'CLIENT_ERROR' };

/** A strategy on a clock the test moves, without backoff waits (jitter drawn as 0). */
function strategyAt(budget: { errorAttempts: number; throttleBudgetMs: number }) {
  let now = 0;
  const strategy = createRetryStrategy(budget, () => now, () => 0);
  return { strategy, advance: (ms: number) => void (now += ms) };
}

/** How many retries the strategy grants for a call failing with `errors` in turn. */
async function retriesGranted(strategy: ReturnType<typeof createRetryStrategy>, errors: RetryErrorInfo[], between: () => void = () => {}): Promise<number> {
  let token = await strategy.acquireInitialRetryToken('');
  for (const error of errors) {
    between();
    try {
      token = await strategy.refreshRetryTokenForRetry(token, error);
    } catch {
      return token.getRetryCount();
    }
  }
  return token.getRetryCount();
}

describe('RRCU retry strategy', () => {
  test('throttling is retried past the error attempt limit, for as long as the time budget lasts', async () => {
    const { strategy, advance } = strategyAt({ errorAttempts: 3, throttleBudgetMs: 60_000 });
    // Twelve throttled answers ten seconds apart, from the call's start: retried at 10 s to 50 s, refused at 60 s.
    expect(await retriesGranted(strategy, Array(12).fill(throttling), () => advance(10_000))).toBe(5);
  });

  test('errors are retried up to the attempt limit, throttled answers in between not counted', async () => {
    const { strategy } = strategyAt({ errorAttempts: 3, throttleBudgetMs: 60_000 });
    expect(await retriesGranted(strategy, [transient, throttling, throttling, transient, transient, transient])).toBe(4);
  });

  test('a client error is not retried', async () => {
    const { strategy } = strategyAt({ errorAttempts: 3, throttleBudgetMs: 60_000 });
    expect(await retriesGranted(strategy, [clientError])).toBe(0);
  });
});
