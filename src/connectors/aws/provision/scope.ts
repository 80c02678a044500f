/**
 * What the three kinds of provisioning share: the session, the Identity Center instance, the slots for
 * account-assignment operations, and how long to wait between polls and after throttling.
 */
import type { IdentityCenterInstance } from '../resource-types.ts';
import type { AwsSession } from '../session/session.ts';
import type { Gate } from './gate.ts';

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
