/**
 * What the three kinds of provisioning share: the session, the Identity Center instance, how long to
 * wait between polls and after throttling, and how AWS's answers become RRCU's errors.
 */
import { isRrcuError, RrcuError } from '../../core/errors.ts';
import { AWS_ERRORS, type Caller, classifyAwsError, isAccessDenied, isThrottlingError } from './errors.ts';
import type { AwsConnectorConfig } from './config.ts';
import type { IdentityCenterInstance } from './resource-types.ts';
import type { AwsSession } from './session.ts';

export type Backoff = { initialMs: number; maxMs: number };

export type ProvisionTuning = {
  /** Waits between status polls of an account-assignment operation. */
  poll: Backoff;
  /** Waits after AWS refused a write for throttling, beyond the SDK's own retries. */
  throttle: Backoff;
  /** Throttled answers accepted for one call before giving up with THROTTLED. */
  throttleRetries: number;
};

/**
 * Assignments usually finish in a few seconds, so polling starts at one second and settles at five.
 * Throttling of assignment writes means 15 operations are in flight already (AWS's fixed quota);
 * one finishes every second or so, so each try (which the SDK retries for up to a minute) and then
 * up to five seconds between tries, for up to about twenty minutes, rides out a burst of hundreds of tasks.
 */
export const DEFAULT_TUNING: ProvisionTuning = {
  poll: { initialMs: 1000, maxMs: 5000 },
  throttle: { initialMs: 1000, maxMs: 5000 },
  // Each try already waits out up to a minute of throttling in the SDK (PROVISION_THROTTLE_BUDGET_MS).
  throttleRetries: 20,
};

export type ProvisionScope = {
  session: AwsSession;
  /** Account-assignment operations this provisioner has in flight, held to AWS's quota. */
  assignmentSlots: Gate;
  tuning: ProvisionTuning;
  signal?: AbortSignal;
  /** The Identity Center instance, looked up once per provisioner. */
  instance(): Promise<IdentityCenterInstance>;
  /** Optional actions AWS refused during this provisioner's life: their fallbacks are used at once. */
  denied: Set<string>;
};

type NamedError = Error & { $metadata?: { requestId?: string } };

export const awsErrorName = (error: unknown): string | undefined => (error instanceof Error ? error.name : undefined);

const NOT_FOUND = ['ResourceNotFoundException', 'NoSuchEntity', 'NoSuchEntityException'];

/** AWS answered that the group, user, permission set or membership asked about does not exist (raw, or as an RrcuError's cause). */
export function isNotFound(error: unknown): boolean {
  const raw = isRrcuError(error) ? error.cause : error;
  return NOT_FOUND.includes(awsErrorName(raw) ?? '');
}

export { isAccessDenied, isThrottlingError };

/** The `x-amzn-RequestId` of an SDK answer. */
export const requestIdOf = (output: { $metadata?: { requestId?: string } }): string | undefined => output.$metadata?.requestId;

export function notFoundInAws(what: string, cause?: unknown): RrcuError {
  const said = cause instanceof Error ? ` (AWS: ${(cause as NamedError).message})` : '';
  return new RrcuError(AWS_ERRORS.NOT_FOUND_IN_AWS, `${what} does not exist in AWS${said}.`, {
    fix: 'It was deleted or renamed in AWS since the last sync: sync the connector again and pick the current one.',
    cause,
  });
}

/** Runs one AWS call; any failure is thrown as RRCU's error naming `action` (and, when denied, its policy line). */
export async function call<T>(scope: ProvisionScope, action: string, send: () => Promise<T>, as?: { config: AwsConnectorConfig; caller: Caller }): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw classify(scope, action, error, as);
  }
}

export function classify(scope: ProvisionScope, action: string, error: unknown, as?: { config: AwsConnectorConfig; caller: Caller }): RrcuError {
  if (scope.signal?.aborted) throw scope.signal.reason;
  return classifyAwsError(error, { action, config: as?.config ?? scope.session.config, caller: as?.caller ?? scope.session.caller });
}

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
export async function retryThrottled<T>(scope: ProvisionScope, action: string, send: () => Promise<T>, alsoRetry: (error: unknown) => boolean = () => false): Promise<T> {
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

/**
 * Reads a change back after making it. A denied (or otherwise failed) read-back leaves the change
 * unverified rather than failing a task whose change AWS accepted; the next sync still observes it.
 */
export async function verifiedBy(scope: ProvisionScope, shows: () => Promise<boolean>): Promise<boolean> {
  try {
    return await shows();
  } catch (error) {
    if (scope.signal?.aborted) throw error;
    return false;
  }
}

/** Options for `client.send`, so an abandoned task stops its HTTP call too. */
export const sendOptions = (scope: ProvisionScope) => (scope.signal ? { abortSignal: scope.signal } : {});

export type Gate = { enter(signal?: AbortSignal): Promise<() => void> };

/** At most `limit` holders at once; the others wait, first come first served. `enter` resolves to the release. */
export function createGate(limit: number): Gate {
  let held = 0;
  const waiting: (() => void)[] = [];
  const releaser = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = waiting.shift();
      if (next) next();
      else held--;
    };
  };
  return {
    async enter(signal) {
      signal?.throwIfAborted();
      if (held < limit) {
        held++;
        return releaser();
      }
      // A released slot passes straight to the next waiter, so `held` stays counted.
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          waiting.splice(waiting.indexOf(wake), 1);
          reject(signal?.reason);
        };
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        waiting.push(wake);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      return releaser();
    },
  };
}
