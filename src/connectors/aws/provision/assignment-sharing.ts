/**
 * The Identity Center calls a provisioner's account-assignment tasks share: one status listing follows
 * every operation in flight (`operation-watch.ts`), and one ListAccountAssignments of an (account,
 * permission set) pair answers every task on that pair that asks at the same moment (`shared-read.ts`).
 * They are made for no task in particular, so no task's signal stops them; a task that gives up stops
 * waiting for them.
 */
import {
  ListAccountAssignmentCreationStatusCommand,
  ListAccountAssignmentDeletionStatusCommand,
  ListAccountAssignmentsCommand,
} from '@aws-sdk/client-sso-admin';
import type { ProvisioningAction } from '../../../core/provisioning-target.ts';
import { identityCenterClients, IDENTITY_CENTER_PAGE_SIZE } from '../sync/identity-center.ts';
import { isNotFound, sendOptions } from './answers.ts';
import { retryThrottled } from './backoff.ts';
import { createOperationWatch, type OperationWatch } from './operation-watch.ts';
import type { ProvisionScope } from './scope.ts';
import { createSharedRead, type SharedRead } from './shared-read.ts';

/** Who holds a permission set on an account (`USER:<id>`, `GROUP:<id>`), or AWS's answer that the permission set (or instance) does not exist. */
export type Holders = { principals: ReadonlySet<string> } | { missing: unknown };

export type Pair = { accountId: string; permissionSetArn: string };

export type AssignmentSharing = {
  /** The watch of creations (grant) or deletions (revoke). */
  watch(action: ProvisioningAction): OperationWatch;
  holders: SharedRead<Pair, Holders>;
};

/** The status listing of each kind of operation: an optional action (the watch falls back to describing each operation without it). */
export const STATUS_LISTING: Record<ProvisioningAction, string> = {
  grant: 'sso:ListAccountAssignmentCreationStatus',
  revoke: 'sso:ListAccountAssignmentDeletionStatus',
};

export const holderId = (type: string, id: string) => `${type}:${id}`;

/** The request ids of the operations of one kind AWS lists IN_PROGRESS now: every page (at most 15 in progress per instance, so one as a rule). */
export async function listInProgress(scope: Pick<ProvisionScope, 'session' | 'signal' | 'tuning' | 'instance'>, action: ProvisioningAction): Promise<ReadonlySet<string>> {
  const { sso } = identityCenterClients(scope.session);
  const InstanceArn = (await scope.instance()).instanceArn;
  const ids = new Set<string>();
  let NextToken: string | undefined;
  do {
    const input = { InstanceArn, Filter: { Status: 'IN_PROGRESS' as const }, MaxResults: IDENTITY_CENTER_PAGE_SIZE, ...(NextToken ? { NextToken } : {}) };
    const page =
      action === 'grant'
        ? await retryThrottled(scope, STATUS_LISTING.grant, () => sso.send(new ListAccountAssignmentCreationStatusCommand(input), sendOptions(scope))).then((p) => ({ ops: p.AccountAssignmentsCreationStatus, next: p.NextToken }))
        : await retryThrottled(scope, STATUS_LISTING.revoke, () => sso.send(new ListAccountAssignmentDeletionStatusCommand(input), sendOptions(scope))).then((p) => ({ ops: p.AccountAssignmentsDeletionStatus, next: p.NextToken }));
    for (const op of page.ops ?? []) if (op.RequestId && op.Status === 'IN_PROGRESS') ids.add(op.RequestId);
    NextToken = page.next;
  } while (NextToken);
  return ids;
}

export function createAssignmentSharing(scope: Omit<ProvisionScope, 'signal' | 'assignments'>): AssignmentSharing {
  const { sso } = identityCenterClients(scope.session);
  const tuning = { firstPollMs: scope.tuning.poll.initialMs, gapMs: scope.tuning.pollGapMs, maxMs: scope.tuning.poll.maxMs };

  const watches: Record<ProvisioningAction, OperationWatch> = {
    grant: createOperationWatch(() => listInProgress(scope, 'grant'), tuning),
    revoke: createOperationWatch(() => listInProgress(scope, 'revoke'), tuning),
  };

  const holders = createSharedRead<Pair, Holders>(
    async ({ accountId, permissionSetArn }) => {
      const InstanceArn = (await scope.instance()).instanceArn;
      const principals = new Set<string>();
      let NextToken: string | undefined;
      do {
        const input = { InstanceArn, AccountId: accountId, PermissionSetArn: permissionSetArn, MaxResults: IDENTITY_CENTER_PAGE_SIZE, NextToken };
        let page;
        try {
          page = await retryThrottled(scope, 'sso:ListAccountAssignments', () => sso.send(new ListAccountAssignmentsCommand(input)));
        } catch (error) {
          if (isNotFound(error)) return { missing: error };
          throw error;
        }
        for (const x of page.AccountAssignments ?? []) if (x.PrincipalType && x.PrincipalId) principals.add(holderId(x.PrincipalType, x.PrincipalId));
        NextToken = page.NextToken;
      } while (NextToken);
      return { principals };
    },
    ({ accountId, permissionSetArn }) => `${accountId}|${permissionSetArn}`,
  );

  return { watch: (action) => watches[action], holders };
}
