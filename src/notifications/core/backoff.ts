/**
 * When a failed delivery is tried again. Exponential from 30 s (30 s, 1 min, 2 min, … capped at 1 h),
 * each delay drawn between half and all of it so that deliveries failed together do not return together,
 * and never sooner than the receiver's Retry-After. After MAX_ATTEMPTS sends the delivery is failed.
 */
export const MAX_ATTEMPTS = 8;
const BASE_MS = 30_000;
const CAP_MS = 3_600_000;
/** A Retry-After further than this is not believed: the delivery is failed rather than held for days. */
const RETRY_AFTER_CAP_MS = 24 * 3_600_000;

/** The delay after the `attempts`-th failed send (1-based). `random` in [0, 1). */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const full = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(full / 2 + (full / 2) * random());
}

export type RetryDecision = { retry: true; at: Date } | { retry: false; reason: string };

export function nextAttempt(options: { attempts: number; retryAfterMs?: number | undefined; now: Date; random?: () => number }): RetryDecision {
  const { attempts, retryAfterMs, now } = options;
  if (attempts >= MAX_ATTEMPTS) return { retry: false, reason: `gave up after ${attempts} attempts` };
  if (retryAfterMs !== undefined && retryAfterMs > RETRY_AFTER_CAP_MS) return { retry: false, reason: `the receiver asked to wait ${Math.round(retryAfterMs / 3_600_000)} h` };
  const delay = Math.max(retryDelayMs(attempts, options.random), retryAfterMs ?? 0);
  return { retry: true, at: new Date(now.getTime() + delay) };
}

/**
 * An HTTP Retry-After header in ms from `now`: delay-seconds (`120`) or an HTTP date. Undefined when absent
 * or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(header: string | null | undefined, now: Date): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at) || !/[a-z]/i.test(value)) return undefined;
  return Math.max(0, at - now.getTime());
}
