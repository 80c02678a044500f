/**
 * What the three kinds of provisioning share: the session, the Identity Center instance, the slots for
 * account-assignment operations, and how long to wait between polls and after throttling.
 */
import type { IdentityCenterInstance } from '../resource-types.ts';
import type { AwsSession } from '../session/session.ts';
import type { AssignmentSharing } from './assignment-sharing.ts';
import type { Gate } from './gate.ts';

export type Backoff = { initialMs: number; maxMs: number };

export type ProvisionTuning = {
  /**
   * Looking for the end of an account-assignment operation: first `initialMs` after it started (AWS's
   * typical completion time), by reading the assignment back; then (the status listing, or Describe)
   * waits growing up to `maxMs`.
   */
  poll: Backoff;
  /** The least time between two status listings of one kind, and the first wait before looking again for an operation still in progress. */
  pollGapMs: number;
  /** Waits after AWS refused a write for throttling, beyond the SDK's own retries. */
  throttle: Backoff;
  /** Throttled answers accepted for one call before giving up with THROTTLED. */
  throttleRetries: number;
};

/**
 * Assignments usually finish in a second or two (1.5 s is what AWS typically takes), so the first look
 * is then; one listing follows every operation in flight, so looking again a quarter second later costs
 * little and keeps the operation's slot (one of AWS's 15) idle for little more than AWS needs. Without
 * the listing each operation is described on its own, from 1.5 s up to five.
 * Throttling of assignment writes means 15 operations are in flight already (AWS's fixed quota);
 * one finishes every second or so, so each try (which the SDK retries for up to a minute) and then
 * up to five seconds between tries, for up to about twenty minutes, rides out a burst of hundreds of tasks.
 */
export const DEFAULT_TUNING: ProvisionTuning = {
  poll: { initialMs: 1500, maxMs: 5000 },
  pollGapMs: 250,
  throttle: { initialMs: 1000, maxMs: 5000 },
  // Each try already waits out up to a minute of throttling in the SDK (PROVISION_THROTTLE_BUDGET_MS).
  throttleRetries: 20,
};

export type ProvisionScope = {
  session: AwsSession;
  /** Account-assignment operations this provisioner has in flight, held to AWS's quota. */
  assignmentSlots: Gate;
  /** The status listings and read-backs its account-assignment tasks share. */
  assignments: AssignmentSharing;
  tuning: ProvisionTuning;
  signal?: AbortSignal;
  /** The Identity Center instance, looked up once per provisioner. */
  instance(): Promise<IdentityCenterInstance>;
  /** Optional actions AWS refused during this provisioner's life: their fallbacks are used at once. */
  denied: Set<string>;
};
