/**
 * The AWS provisioner: grants and revokes the three kinds of access RRCU changes in AWS (IAM group
 * members, Identity Center group members, permission set assignments), each idempotent and read back
 * after the change. One session, opened on first use, serves every task of the provisioner.
 */
import type { Provisioner, ProvisioningTarget } from '../../connector.ts';
import type { ProvisioningAction } from '../../../core/provisioning-target.ts';
import { createAwsSession, type AwsSessionOptions } from '../session/clients.ts';
import type { AwsConnectorConfig } from '../config.ts';
import { findIdentityCenterInstance } from '../sync/identity-center.ts';
import { applyAccountAssignment } from './assignment.ts';
import { createAssignmentSharing, type AssignmentSharing } from './assignment-sharing.ts';
import { provisioningKind } from './check.ts';
import { applyIamGroupMember } from './iam-group.ts';
import { createGate } from './gate.ts';
import { DEFAULT_TUNING, type ProvisionScope, type ProvisionTuning } from './scope.ts';
import { applySsoGroupMember } from './sso-group.ts';
import type { IdentityCenterInstance } from '../resource-types.ts';
import type { AwsSession } from '../session/session.ts';

export type { ProvisionTuning } from './scope.ts';

/**
 * How long one SDK call of the provisioner waits out throttling before `retryThrottled` (the
 * provisioner's own loop, which owns throttle waiting here) sees it. A sync's calls get minutes; here
 * one call is a few of a task's steps, and the worst case of a step, about (20 + 1) × 60 s + 20 × 5 s ≈
 * 23 min, keeps a task well inside its job's hour (QUEUE_OPTIONS in jobs/queues.ts), whose expiry aborts the attempt.
 */
export const PROVISION_THROTTLE_BUDGET_MS = 60_000;

/**
 * AWS's fixed quota of outstanding account-assignment operations per Identity Center instance (it
 * cannot be raised; the 16th is throttled). The one definition: the provisioner's gate holds one
 * process's calls to it, and provisioning's queue (provisioning/jobs.ts) holds every worker process's
 * jobs per connector to it.
 */
export const ASSIGNMENT_OPERATIONS_IN_FLIGHT = 15;

const quietContext = { isDone: () => false, warn: () => undefined, progress: () => undefined };

/** The provisioner, and the calls it has made (per operation, as the sync counts them) for benchmarks and tests. */
export type AwsProvisioner = Provisioner & { apiCalls(): Record<string, number> };

export function createAwsProvisioner(config: AwsConnectorConfig, options: AwsSessionOptions = {}, tuning: Partial<ProvisionTuning> = {}): AwsProvisioner {
  let session: Promise<AwsSession> | undefined;
  let opened: AwsSession | undefined;
  let instance: Promise<IdentityCenterInstance> | undefined;
  let sharing: { session: AwsSession; calls: AssignmentSharing } | undefined;
  const denied = new Set<string>();
  const assignmentSlots = createGate(ASSIGNMENT_OPERATIONS_IN_FLIGHT);
  const settings: ProvisionTuning = { ...DEFAULT_TUNING, ...tuning };

  // Shared promises, so tasks started together open one session; a failed opening is not kept.
  const openSession = (): Promise<AwsSession> => {
    if (!session) {
      session = createAwsSession(config, { throttleBudgetMs: PROVISION_THROTTLE_BUDGET_MS, ...options }).then((s) => (opened = s));
      session.catch(() => (session = undefined));
    }
    return session;
  };
  const findInstance = (s: AwsSession): Promise<IdentityCenterInstance> => {
    if (!instance) {
      instance = findIdentityCenterInstance({ session: s, ctx: quietContext });
      instance.catch(() => (instance = undefined));
    }
    return instance;
  };

  return {
    apiCalls: () => opened?.apiCalls() ?? {},
    check(action: ProvisioningAction, target: ProvisioningTarget) {
      provisioningKind(action, target);
    },
    async apply(action, target, { resume, retry, onRequestId, signal } = {}) {
      const kind = provisioningKind(action, target);
      signal?.throwIfAborted();
      const s = await openSession();
      const base = { session: s, tuning: settings, denied, assignmentSlots, instance: () => findInstance(s) };
      // One status listing and one read-back per pair for every task of the session (see assignment-sharing.ts).
      if (sharing?.session !== s) sharing = { session: s, calls: createAssignmentSharing(base) };
      const scope: ProvisionScope = { ...base, assignments: sharing.calls, ...(signal ? { signal } : {}) };
      if (kind === 'iam-group-member') return applyIamGroupMember(scope, action, target);
      if (kind === 'sso-group-member') return applySsoGroupMember(scope, action, target);
      return applyAccountAssignment(scope, action, target, { ...(resume ? { resume } : {}), ...(retry ? { retry } : {}), ...(onRequestId ? { onRequestId } : {}) });
    },
    async close() {
      const closing = session;
      session = undefined;
      instance = undefined;
      sharing = undefined;
      opened = undefined;
      (await closing?.catch(() => undefined))?.close();
    },
  };
}
