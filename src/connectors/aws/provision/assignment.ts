/**
 * Identity Center user or group → account, through a permission set: Create/DeleteAccountAssignment,
 * which AWS answers IN_PROGRESS with a request id, followed by polling its status until SUCCEEDED or
 * FAILED. The request id is handed out before polling, so a task that dies mid-operation follows the
 * same request when it resumes instead of starting another.
 */
import {
  CreateAccountAssignmentCommand,
  DeleteAccountAssignmentCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  ListAccountAssignmentCreationStatusCommand,
  ListAccountAssignmentDeletionStatusCommand,
  ListAccountAssignmentsCommand,
  type AccountAssignmentOperationStatus,
  type PrincipalType,
  type SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { RrcuError } from '../../../core/errors.ts';
import type { ProvisioningResult, ProvisioningTarget } from '../../connector.ts';
import type { ProvisioningAction } from '../../../core/provisioning-target.ts';
import { assignmentDeniedByIam, AWS_ERRORS, isAccessDenied } from '../errors.ts';
import { identityCenterClients, IDENTITY_CENTER_PAGE_SIZE } from '../sync/identity-center.ts';
import { awsErrorName, isNotFound, notFoundInAws, sendOptions, verifiedBy } from './answers.ts';
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
    const status = await inSlot(scope, () => describe(scope, a, action, requestId).then((s) => s && pollUntilDone(scope, a, action, s)));
    // AWS keeps operations for a limited time; one it no longer knows is judged by the state it left.
    if (status) return finish(scope, a, action, status);
  }

  if ((await isAssigned(scope, a, action)) === (action === 'grant')) return { outcome: 'already', verified: true };
  const done = await inSlot(scope, async () => {
    const started = await start(scope, a, action);
    if (!started) return undefined;
    if (started.RequestId) await options.onRequestId?.(started.RequestId);
    return pollUntilDone(scope, a, action, started);
  });
  return done ? finish(scope, a, action, done) : { outcome: 'already', verified: true };
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
  const list = action === 'grant' ? 'sso:ListAccountAssignmentCreationStatus' : 'sso:ListAccountAssignmentDeletionStatus';
  try {
    let NextToken: string | undefined;
    do {
      const input = { InstanceArn: a.InstanceArn, Filter: { Status: 'IN_PROGRESS' as const }, ...(NextToken ? { NextToken } : {}) };
      const page =
        action === 'grant'
          ? await retryThrottled(scope, list, () => a.sso.send(new ListAccountAssignmentCreationStatusCommand(input), sendOptions(scope))).then((p) => ({ ops: p.AccountAssignmentsCreationStatus, next: p.NextToken }))
          : await retryThrottled(scope, list, () => a.sso.send(new ListAccountAssignmentDeletionStatusCommand(input), sendOptions(scope))).then((p) => ({ ops: p.AccountAssignmentsDeletionStatus, next: p.NextToken }));
      // At most 15 are in progress per instance (AWS's quota), so describing each is a bounded cost.
      for (const op of page.ops ?? []) {
        if (!op.RequestId) continue;
        const status = await describe(scope, a, action, op.RequestId);
        if (
          status?.Status === 'IN_PROGRESS' &&
          status.TargetId === a.TargetId &&
          status.PermissionSetArn === a.PermissionSetArn &&
          status.PrincipalType === a.PrincipalType &&
          status.PrincipalId === a.PrincipalId
        ) {
          return op.RequestId;
        }
      }
      NextToken = page.next;
    } while (NextToken);
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

async function pollUntilDone(scope: ProvisionScope, a: Assignment, action: ProvisioningAction, first: AccountAssignmentOperationStatus | undefined): Promise<AccountAssignmentOperationStatus> {
  let status = first;
  for (let attempt = 0; status?.Status === 'IN_PROGRESS' && status.RequestId; attempt++) {
    await sleep(backoffMs(attempt, scope.tuning.poll), scope.signal);
    const requestId: string = status.RequestId;
    status = await describe(scope, a, action, requestId);
    if (!status) {
      throw new RrcuError(AWS_ERRORS.ASSIGNMENT_LOST, `AWS no longer knows request ${requestId} (${action} of ${a.label}) while it was in progress.`, {
        fix: 'Run the task again: it checks the assignments AWS holds before acting.',
      });
    }
  }
  if (!status) throw new RrcuError(AWS_ERRORS.AWS_ERROR, `AWS answered the ${action} of ${a.label} without an operation status.`, { fix: 'Run the task again: it checks the assignments AWS holds before acting.' });
  return status;
}

async function finish(scope: ProvisionScope, a: Assignment, action: ProvisioningAction, status: AccountAssignmentOperationStatus): Promise<ProvisioningResult> {
  const requestId = status.RequestId;
  if (status.Status === 'FAILED') {
    const what = `AWS could not ${action === 'grant' ? 'create' : 'remove'} the assignment of ${a.label}`;
    const denied = assignmentDeniedByIam(what, status.FailureReason, requestId);
    if (denied) throw denied;
    throw new RrcuError(
      AWS_ERRORS.ASSIGNMENT_FAILED,
      `${what}: ${status.FailureReason ?? 'no reason given'} (request ${requestId ?? 'unknown'}).`,
      { fix: 'Correct what AWS reports (for example, a customer managed policy or permissions boundary the permission set references must exist in the account), then run the task again.' },
    );
  }
  const shows = async () => (await isAssigned(scope, a, action)) === (action === 'grant');
  return { outcome: 'applied', ...(requestId ? { requestId } : {}), verified: await verifiedBy(scope, shows) };
}

/** Whether the principal holds the permission set on the account. A permission set that is gone holds nobody: fine for a revoke, not for a grant. */
async function isAssigned(scope: ProvisionScope, a: Assignment, action: ProvisioningAction): Promise<boolean> {
  let NextToken: string | undefined;
  do {
    const input = { InstanceArn: a.InstanceArn, AccountId: a.TargetId, PermissionSetArn: a.PermissionSetArn, MaxResults: IDENTITY_CENTER_PAGE_SIZE, NextToken };
    let page;
    try {
      page = await retryThrottled(scope, 'sso:ListAccountAssignments', () => a.sso.send(new ListAccountAssignmentsCommand(input), sendOptions(scope)));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      if (action === 'revoke') return false;
      throw notFoundInAws(`Permission set ${a.PermissionSetArn}`, error);
    }
    if ((page.AccountAssignments ?? []).some((x) => x.PrincipalType === a.PrincipalType && x.PrincipalId === a.PrincipalId)) return true;
    NextToken = page.NextToken;
  } while (NextToken);
  return false;
}
