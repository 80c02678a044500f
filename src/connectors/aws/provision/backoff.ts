/** Waiting between polls and after throttling, abandoned as soon as the task is. */
import { isThrottlingError } from '../errors.ts';
import { classify } from './answers.ts';
import type { Backoff, ProvisionScope } from './scope.ts';

/** Waits `ms`, or rejects with the signal's reason as soon as the task is abandoned. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The `attempt`-th wait (from 0): growing by half each time up to the maximum, with jitter so parallel tasks spread out. */
export function backoffMs(attempt: number, backoff: Backoff, random: () => number = Math.random): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * 1.5 ** attempt);
  return Math.round(base * (0.75 + random() * 0.25));
}

/**
 * Runs `send`, waiting and trying again while AWS answers with throttling. The SDK already retried
 * each answer a few times; for assignment writes throttling means "15 operations in flight", which
 * lasts as long as those take, so it is waited out instead of failing the task.
 */
export async function retryThrottled<T>(scope: Pick<ProvisionScope, 'session' | 'signal' | 'tuning'>, action: string, send: () => Promise<T>, alsoRetry: (error: unknown) => boolean = () => false): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const retry = isThrottlingError(error) || alsoRetry(error);
      if (!retry || attempt >= scope.tuning.throttleRetries) throw classify(scope, action, error);
      await sleep(backoffMs(attempt, scope.tuning.throttle), scope.signal);
    }
  }
}
