/**
 * How RRCU's AWS clients retry. The SDK's own strategies count throttling and errors against one
 * attempt limit and share a retry quota per client, so under sustained throttling (other tools in the
 * account, a 50% throttle rate) a call fails after a few seconds although AWS never refused it. Here
 * throttling is waited out, at the adaptive rate the SDK computes, for as long as a time budget allows;
 * errors (5xx, dropped connections, timeouts) keep a small attempt limit, because they say something is
 * broken rather than busy.
 */
import { DefaultRateLimiter } from '@smithy/core/retry';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';

export type RetryBudget = {
  /** Attempts per call when it fails with errors (5xx, network, timeouts); throttled attempts are not counted. */
  errorAttempts: number;
  /** How long one call keeps retrying throttled answers, from its first attempt. */
  throttleBudgetMs: number;
};

/**
 * Five minutes of throttling per call: AWS's documented rates recover within seconds once other
 * callers slow down, so a call still throttled after minutes means the account is saturated for long
 * and the sync (which resumes from its staged items) is better run again later.
 */
export const THROTTLE_BUDGET_MS = 5 * 60_000;
/** Eight attempts for errors, about 10 s of backoff: enough for a blip, short enough to report an outage. */
export const ERROR_ATTEMPTS = 8;

/**
 * The slowest the adaptive rate goes, per client (the SDK's floor is 0.5/s). Two calls a second stays
 * far below every AWS rate RRCU meets (Identity Center's 20/s shared by its two clients, IAM's per
 * account), while a floor of 0.5/s would stretch a sync under steady light throttling fourfold.
 */
const MIN_RATE_PER_SECOND = 2;

/**
 * Backoff with full jitter. Errors from 50 ms, capped at 20 s, as the SDK does. Throttling from 500 ms,
 * capped at 5 s: the adaptive rate already spaces the client's calls out, so long sleeps on top would
 * only idle (the SDK's 1 s base and 20 s cap made a sync under a 50% throttle rate three times slower).
 */
const THROTTLE_DELAY_BASE_MS = 500;
const THROTTLE_MAX_DELAY_MS = 5_000;
const ERROR_DELAY_BASE_MS = 50;
const ERROR_MAX_DELAY_MS = 20_000;

type CallToken = RetryToken & { startedAt: number; errors: number };

const tokenOf = (count: number, startedAt: number, errors: number): CallToken => ({
  startedAt,
  errors,
  getRetryCount: () => count,
  // The wait happens inside refreshRetryTokenForRetry (as the SDK's own strategies do), before the rate limiter's turn.
  getRetryDelay: () => 0,
});

/** A retry strategy for one client: one adaptive rate limiter for its calls, the budgets above per call. */
export function createRetryStrategy(budget: RetryBudget, now: () => number = Date.now, random: () => number = Math.random): RetryStrategyV2 {
  const rateLimiter = new DefaultRateLimiter({ minFillRate: MIN_RATE_PER_SECOND });
  return {
    async acquireInitialRetryToken() {
      await rateLimiter.getSendToken();
      return tokenOf(0, now(), 0);
    },
    async refreshRetryTokenForRetry(previous, info: RetryErrorInfo) {
      const token = previous as CallToken;
      rateLimiter.updateClientSendingRate(info);
      const throttled = info.errorType === 'THROTTLING';
      // The SDK's classification: TRANSIENT covers 500/502/503/504, timeouts and dropped connections.
      if (!throttled && info.errorType !== 'TRANSIENT') throw new Error('Not retryable');
      const errors = token.errors + (throttled ? 0 : 1);
      if (throttled ? now() - token.startedAt >= budget.throttleBudgetMs : errors >= budget.errorAttempts) throw new Error('Retry budget spent');
      const retries = token.getRetryCount();
      const [base, max] = throttled ? [THROTTLE_DELAY_BASE_MS, THROTTLE_MAX_DELAY_MS] : [ERROR_DELAY_BASE_MS, ERROR_MAX_DELAY_MS];
      let delay = Math.floor(random() * Math.min(base * 2 ** retries, max));
      if (info.retryAfterHint instanceof Date) delay = Math.max(delay, Math.min(info.retryAfterHint.getTime() - now(), max));
      await new Promise((resolve) => setTimeout(resolve, delay));
      await rateLimiter.getSendToken();
      return tokenOf(retries + 1, token.startedAt, errors);
    },
    recordSuccess() {
      rateLimiter.updateClientSendingRate({});
    },
  };
}
