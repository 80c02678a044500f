/**
 * Injected faults, per operation (`iam:ListUsers`, `sso:CreateAccountAssignment`, `sso:*`, or `*`):
 * - `throttle`: the next `count` calls get the service's throttling error;
 * - `server-error`: the next `count` calls get a 500 (InternalFailure) or 503 (ServiceUnavailable);
 * - `delay`: the next `count` calls answer `delayMs` later;
 * - `drop`: the next `count` calls have their connection destroyed without an answer;
 * - `assignment-failure`: the next `count` account-assignment operations (`sso:CreateAccountAssignment`,
 *   `sso:DeleteAccountAssignment`, `sso:ProvisionPermissionSet`) are accepted but end FAILED with
 *   `reason`. The front cannot fail them itself, so the SSO Admin handler asks with
 *   `takeAssignmentFailure(ctx.state, 'sso:CreateAccountAssignment')`;
 * - `extensions-refused`: the next `count` Identity Store calls (`identitystore:ListUsers`,
 *   `identitystore:DescribeUser`) that name `Extensions` are refused with a ValidationException, as
 *   Identity Store answers where it does not offer the extension (the handlers ask with `refusesExtensions`).
 *
 * `count` defaults to 1; `Infinity` (or -1 over the admin endpoint) keeps the fault until cleared.
 * `rate` (0–1, default 1) makes the fault hit only that share of matching calls, drawn from a seeded
 * generator so a storm replays the same way: a lasting `throttle` at 0.5 is a 50% throttle storm.
 */
import { createRng } from './random.ts';
import type { SimState } from './state.ts';

export type FaultKind = 'throttle' | 'server-error' | 'delay' | 'drop' | 'assignment-failure' | 'extensions-refused';

export type FaultSpec = {
  operation: string;
  kind: FaultKind;
  count?: number;
  /** For `delay`. */
  delayMs?: number;
  /** For `server-error`: 500 (default) or 503. */
  status?: 500 | 503;
  /** For `assignment-failure`: the `FailureReason` the operation reports. */
  reason?: string;
  /** The share of matching calls the fault hits (default 1); the others pass and do not consume it. */
  rate?: number;
};

type ActiveFault = Required<Pick<FaultSpec, 'operation' | 'kind'>> & FaultSpec & { remaining: number };

const DEFAULT_ASSIGNMENT_FAILURE = 'Request failed due to an internal error. Please retry the operation.';

export class FaultRegistry {
  private faults: ActiveFault[] = [];
  private readonly random = createRng(0x5eed).next;

  inject(spec: FaultSpec): void {
    const count = spec.count === undefined ? 1 : spec.count < 0 ? Infinity : spec.count;
    this.faults.push({ ...spec, remaining: count });
  }

  clear(): void {
    this.faults = [];
  }

  list(): FaultSpec[] {
    return this.faults.map(({ remaining, ...spec }) => ({ ...spec, count: remaining }));
  }

  /** Consumes and returns the first fault of one of `kinds` that applies to `operation` (`iam:ListUsers`). */
  take(operation: string, kinds: FaultKind[]): FaultSpec | undefined {
    const i = this.faults.findIndex((f) => kinds.includes(f.kind) && appliesTo(f.operation, operation) && (f.rate === undefined || this.random() < f.rate));
    if (i < 0) return undefined;
    const fault = this.faults[i]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(i, 1);
    return fault;
  }
}

function appliesTo(pattern: string, operation: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith(':*')) return operation.toLowerCase().startsWith(pattern.slice(0, -1).toLowerCase());
  return pattern.toLowerCase() === operation.toLowerCase();
}

const registries = new WeakMap<SimState, FaultRegistry>();

/** The fault registry of a simulator, found from its state so handlers need no extra plumbing. */
export function faultsOf(state: SimState): FaultRegistry {
  let registry = registries.get(state);
  if (!registry) {
    registry = new FaultRegistry();
    registries.set(state, registry);
  }
  return registry;
}

/**
 * For the SSO Admin handler: if an `assignment-failure` fault is pending for `operation`
 * (`sso:CreateAccountAssignment`, …), consume it and return the failure reason the operation should end
 * with; otherwise undefined.
 */
export function takeAssignmentFailure(state: SimState, operation: string): string | undefined {
  const fault = faultsOf(state).take(operation, ['assignment-failure']);
  return fault ? (fault.reason ?? DEFAULT_ASSIGNMENT_FAILURE) : undefined;
}

/** For the Identity Store handlers: whether an `extensions-refused` fault is pending for `operation`, consuming it. */
export function refusesExtensions(state: SimState, operation: string): boolean {
  return faultsOf(state).take(operation, ['extensions-refused']) !== undefined;
}
