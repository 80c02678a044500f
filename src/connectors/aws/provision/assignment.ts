/**
 * Identity Center user or group → account, through a permission set: Create/DeleteAccountAssignment,
 * which AWS answers IN_PROGRESS with a request id, followed until it is no longer in progress and read
 * back. The request id is handed out before waiting, so a task that dies mid-operation follows the
 * same request when it resumes instead of starting another.
 *
 * Identity Center allows 20 calls a second and 15 operations in flight, so the calls per operation set
 * the pace: the create (or delete), a share of one status listing that follows every operation in flight,
 * and a share of one read-back per (account, permission set) pair (`assignment-sharing.ts`). Reading the
 * state first is skipped where the inventory answers it and AWS's call is idempotent.
 */
import {
  CreateAccountAssignmentCommand,
  DeleteAccountAssignmentCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  type AccountAssignmentOperationStatus,
  type PrincipalType,
  type SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { RrcuError } from '../../../core/errors.ts';
import type { ProvisioningResult, ProvisioningTarget } from '../../connector.ts';
import type { ProvisioningAction } from '../../../core/provisioning-target.ts';
import { assignmentDeniedByIam, AWS_ERRORS, isAccessDenied } from '../errors.ts';
import { identityCenterClients } from '../sync/identity-center.ts';
import { awsErrorName, isNotFound, notFoundInAws, sendOptions, verifiedBy } from './answers.ts';
import { holderId, listInProgress, STATUS_LISTING } from './assignment-sharing.ts';
import { backoffMs, retryThrottled, sleep } from './backoff.ts';
import type { ProvisionScope } from './scope.ts';

type Assignment = {
  sso: SSOAdminClient;
  InstanceArn: string;
  TargetId: string;
  TargetType: 'AWS_ACCOUNT';
  PermissionSetArn: string;
  PrincipalType: PrincipalType;
  PrincipalId: string;
  /** For messages: "permission set ReadOnly on account 123456789012 for jane@example.com". */
  label: string;
};

export type AssignmentOptions = { resume?: { requestId: string }; retry?: boolean; onRequestId?: (requestId: string) => Promise<void> };

/**
 * An operation no longer in progress: its status when it was read, or only its id when the status listing
 * no longer showed it; `shown` when its own read-back already showed the change (the end and its evidence).
 */
type Ended = { requestId: string | undefined; status?: AccountAssignmentOperationStatus; shown?: true };

const ALREADY: ProvisioningResult = { outcome: 'already', verified: true };

export async function applyAccountAssignment(scope: ProvisionScope, action: ProvisioningAction, target: ProvisioningTarget, options: AssignmentOptions): Promise<ProvisioningResult> {
  const { sso } = identityCenterClients(scope.session);
  const { entitlement, principal } = target;
  const a: Assignment = {
    sso,
    InstanceArn: (await scope.instance()).instanceArn,
    TargetId: entitlement.resourceExternalId,
    TargetType: 'AWS_ACCOUNT',
    PermissionSetArn: entitlement.slug,
    PrincipalType: principal.resourceType === 'sso_group' ? 'GROUP' : 'USER',
    PrincipalId: principal.externalId,
    label: `permission set ${entitlement.displayName} on account ${entitlement.resourceExternalId} for ${principal.displayName}`,
  };

  // A retry whose earlier attempt died between AWS accepting the operation and the id being saved: the
  // operation is still running, invisible to ListAccountAssignments, and must be followed, not doubled.
  const requestId = options.resume?.requestId ?? (options.retry ? await inProgressOperation(scope, a, action) : undefined);
  if (requestId) {
    if (!options.resume) await options.onRequestId?.(requestId);
    const ended = await inSlot(scope, async () => {
      const status = await describe(scope, a, action, requestId);
      return status && untilEnded(scope, a, action, status);
    });
    // AWS keeps operations for a limited time; one it no longer knows is judged by the state it left.
    if (ended) return finish(scope, a, action, ended);
  }

  if (mustReadFirst(action, target, options) && (await isAssigned(scope, a, action)) === (action === 'grant')) return ALREADY;
  const ended = await inSlot(scope, async () => {
    const started = await start(scope, a, action);
    if (!started) return undefined;
    if (started.RequestId) await options.onRequestId?.(started.RequestId);
    return untilEnded(scope, a, action, started);
  });
  return ended ? finish(scope, a, action, ended) : ALREADY;
}

/**
 * Whether the current state must be read before acting. Not for a revoke: AWS refuses at once to delete
 * an assignment that does not exist, which is the same answer for the same call. Not for a first
 * attempt at a grant the inventory says is missing: creating an assignment that exists changes
 * nothing in AWS (the task then says `applied` where a read would have said `already`). A retried or
 * resumed task, or one whose inventory was not looked up, reads first, as its earlier attempt may have
 * made the change.
 */
function mustReadFirst(action: ProvisioningAction, target: ProvisioningTarget, options: AssignmentOptions): boolean {
  if (action === 'revoke') return false;
  return target.heldAtLastSync !== false || options.resume !== undefined || options.retry === true;
}

/**
 * Runs one operation from its start to its end in one of the provisioner's slots. AWS allows 15
 * operations in flight per instance and throttles the 16th; holding tasks back here keeps the calls
 * for operations that can start, and leaves the throttling retries for operations of other tools.
 */
async function inSlot<T>(scope: ProvisionScope, run: () => Promise<T>): Promise<T> {
  const release = await scope.assignmentSlots.enter(scope.signal);
  try {
    return await run();
  } finally {
    release();
  }
}

const keyOf = (a: Assignment) => ({ InstanceArn: a.InstanceArn, TargetId: a.TargetId, TargetType: a.TargetType, PermissionSetArn: a.PermissionSetArn, PrincipalType: a.PrincipalType, PrincipalId: a.PrincipalId });

/** Starts the operation; undefined when a delete finds nothing to delete (AWS refuses that at once). */
async function start(scope: ProvisionScope, a: Assignment, action: ProvisioningAction): Promise<AccountAssignmentOperationStatus | undefined> {
  const operation = action === 'grant' ? 'sso:CreateAccountAssignment' : 'sso:DeleteAccountAssignment';
  // SSO Admin answers ConflictException while an earlier write on the same permission set propagates; AWS advises retrying.
  const conflict = (error: unknown) => awsErrorName(error) === 'ConflictException';
  try {
    if (action === 'grant') {
      return (await retryThrottled(scope, operation, () => a.sso.send(new CreateAccountAssignmentCommand(keyOf(a)), sendOptions(scope)), conflict)).AccountAssignmentCreationStatus;
    }
    return (await retryThrottled(scope, operation, () => a.sso.send(new DeleteAccountAssignmentCommand(keyOf(a)), sendOptions(scope)), conflict)).AccountAssignmentDeletionStatus;
  } catch (error) {
    if (!isNotFound(error)) throw error;
    if (action === 'revoke') return undefined;
    throw notFoundInAws(`The principal or permission set of ${a.label} (${a.PrincipalType} ${a.PrincipalId}, ${a.PermissionSetArn})`, error);
  }
}

/**
 * The id of an operation in progress on exactly this assignment, if any. The list calls are optional
 * actions: when they are denied, the retry goes on without the check (AWS still ends with one assignment,
 * at the cost of a second operation).
 */
async function inProgressOperation(scope: ProvisionScope, a: Assignment, action: ProvisioningAction): Promise<string | undefined> {
  try {
    // At most 15 are in progress per instance (AWS's quota), so describing each is a bounded cost.
    for (const requestId of await listInProgress(scope, action)) {
      const status = await describe(scope, a, action, requestId);
      if (
        status?.Status === 'IN_PROGRESS' &&
        status.TargetId === a.TargetId &&
        status.PermissionSetArn === a.PermissionSetArn &&
        status.PrincipalType === a.PrincipalType &&
        status.PrincipalId === a.PrincipalId
      ) {
        return requestId;
      }
    }
  } catch (error) {
    if (scope.signal?.aborted || !isAccessDenied(error)) throw error;
  }
  return undefined;
}

/** The operation's status; undefined when AWS does not know the request id (any more). */
async function describe(scope: ProvisionScope, a: Assignment, action: ProvisioningAction, requestId: string): Promise<AccountAssignmentOperationStatus | undefined> {
  try {
    if (action === 'grant') {
      const input = { InstanceArn: a.InstanceArn, AccountAssignmentCreationRequestId: requestId };
      return (await retryThrottled(scope, 'sso:DescribeAccountAssignmentCreationStatus', () => a.sso.send(new DescribeAccountAssignmentCreationStatusCommand(input), sendOptions(scope)))).AccountAssignmentCreationStatus;
    }
    const input = { InstanceArn: a.InstanceArn, AccountAssignmentDeletionRequestId: requestId };
    return (await retryThrottled(scope, 'sso:DescribeAccountAssignmentDeletionStatus', () => a.sso.send(new DescribeAccountAssignmentDeletionStatusCommand(input), sendOptions(scope)))).AccountAssignmentDeletionStatus;
  } catch (error) {
    if (isNotFound(error) || awsErrorName(error instanceof RrcuError ? error.cause : error) === 'ValidationException') return undefined;
    throw error;
  }
}

/**
 * Waits, in the operation's slot, until AWS no longer has it in progress. The first look is the
 * operation's own read-back, at AWS's typical completion time (`tuning.poll.initialMs`): when it shows
 * the change, that is the end and its evidence in one call, where a status listing and a read-back were
 * two. (A time learned from the looks themselves swung: a read-back queued behind Identity Center's rate
 * counts as an early hit, and misses come in bursts.) Otherwise, with the status listing (an optional
 * action) one call follows every operation in flight; without it, each is described on its own.
 */
async function untilEnded(scope: ProvisionScope, a: Assignment, action: ProvisioningAction, status: AccountAssignmentOperationStatus): Promise<Ended> {
  const requestId = status.RequestId;
  if (status.Status !== 'IN_PROGRESS' || !requestId) return { requestId, status };
  await sleep(scope.tuning.poll.initialMs * (1 + Math.random() * 0.05), scope.signal);
  if (await changeShows(scope, a, action)) return { requestId, shown: true };
  const listing = STATUS_LISTING[action];
  if (!scope.denied.has(listing)) {
    try {
      await scope.assignments.watch(action).ended(requestId, scope.signal, { lookedAlready: true });
      return { requestId };
    } catch (error) {
      if (scope.signal?.aborted || !isAccessDenied(error)) throw error;
      scope.denied.add(listing);
    }
  }
  return { requestId, status: await pollUntilDone(scope, a, action, status, { lookedAlready: true }) };
}

/**
 * Describes one operation until it ends: first at the typical completion time (never before it: an early
 * look only costs a call), then from a third of it, growing up to the maximum.
 */
async function pollUntilDone(scope: ProvisionScope, a: Assignment, action: ProvisioningAction, first: AccountAssignmentOperationStatus | undefined, options: { lookedAlready?: boolean } = {}): Promise<AccountAssignmentOperationStatus> {
  const { initialMs, maxMs } = scope.tuning.poll;
  let status = first;
  // After a first look at the typical time (the read-back), the next comes a short wait later.
  for (let attempt = options.lookedAlready ? 1 : 0; status?.Status === 'IN_PROGRESS' && status.RequestId; attempt++) {
    const wait = attempt === 0 ? initialMs * (1 + Math.random() * 0.1) : backoffMs(attempt - 1, { initialMs: Math.max(scope.tuning.pollGapMs, initialMs / 3), maxMs });
    await sleep(wait, scope.signal);
    const requestId: string = status.RequestId;
    status = await describe(scope, a, action, requestId);
    if (!status) throw assignmentLost(a, action, requestId);
  }
  if (!status) throw new RrcuError(AWS_ERRORS.AWS_ERROR, `AWS answered the ${action} of ${a.label} without an operation status.`, { fix: 'Run the task again: it checks the assignments AWS holds before acting.' });
  return status;
}

const assignmentLost = (a: Assignment, action: ProvisioningAction, requestId: string) =>
  new RrcuError(AWS_ERRORS.ASSIGNMENT_LOST, `AWS no longer knows request ${requestId} (${action} of ${a.label}) while it was in progress.`, {
    fix: 'Run the task again: it checks the assignments AWS holds before acting.',
  });

/**
 * The outcome of an operation that ended, read back. When the status listing said only that it ended and
 * the read-back does not show the change, AWS is asked how it ended: a failure is reported with its reason.
 */
async function finish(scope: ProvisionScope, a: Assignment, action: ProvisioningAction, ended: Ended): Promise<ProvisioningResult> {
  const { requestId, status } = ended;
  if (ended.shown) return { outcome: 'applied', ...(requestId ? { requestId } : {}), verified: true };
  if (status?.Status === 'FAILED') {
    const what = `AWS could not ${action === 'grant' ? 'create' : 'remove'} the assignment of ${a.label}`;
    const denied = assignmentDeniedByIam(what, status.FailureReason, requestId);
    if (denied) throw denied;
    throw new RrcuError(
      AWS_ERRORS.ASSIGNMENT_FAILED,
      `${what}: ${status.FailureReason ?? 'no reason given'} (request ${requestId ?? 'unknown'}).`,
      { fix: 'Correct what AWS reports (for example, a customer managed policy or permissions boundary the permission set references must exist in the account), then run the task again.' },
    );
  }
  const verified = await changeShows(scope, a, action);
  if (verified || status || !requestId) return { outcome: 'applied', ...(requestId ? { requestId } : {}), verified };
  const described = await describe(scope, a, action, requestId);
  if (!described) throw assignmentLost(a, action, requestId);
  // The listing may lag AWS's own record of the operation: then it is followed again.
  return finish(scope, a, action, await untilEnded(scope, a, action, described));
}

/** Whether AWS shows the change made: the assignment there after a grant, gone after a revoke (false when the read fails). */
const changeShows = (scope: ProvisionScope, a: Assignment, action: ProvisioningAction) => verifiedBy(scope, async () => (await isAssigned(scope, a, action)) === (action === 'grant'));

/**
 * Whether the principal holds the permission set on the account, read after this call (shared with the
 * other tasks on the same pair that ask at the same moment). A permission set that is gone holds nobody:
 * fine for a revoke, not for a grant.
 */
async function isAssigned(scope: ProvisionScope, a: Assignment, action: ProvisioningAction): Promise<boolean> {
  const holders = await scope.assignments.holders({ accountId: a.TargetId, permissionSetArn: a.PermissionSetArn }, scope.signal);
  if ('principals' in holders) return holders.principals.has(holderId(a.PrincipalType, a.PrincipalId));
  if (action === 'revoke') return false;
  throw notFoundInAws(`Permission set ${a.PermissionSetArn}`, holders.missing);
}
