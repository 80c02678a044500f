/**
 * SSO Admin account assignments and provisioning: the asynchronous writes (answered IN_PROGRESS, see
 * `assignment-operations.ts`), their status calls, and the read models of who is assigned where.
 */
import {
  assignmentStatusShape,
  operationMetadataShape,
  provisioningStatusShape,
  startOperation,
} from '../../assignment-operations.ts';
import type { CallContext, OperationHandler } from '../../service.ts';
import { assignmentKey, type AccountAssignment, type AssignmentOperation, type IdentityCenter } from '../../state.ts';
import { matchingString, oneOf, optionalObject, optionalString, validationError, type Input } from '../json-input.ts';
import { paginate } from '../pagination.ts';
import {
  accountIdInput,
  getPermissionSet,
  openInstance,
  PAGE_ERRORS,
  PAGE_LIMITS,
  permissionSetArnInput,
  resourceNotFound,
  visibleInstance,
} from './instance.ts';
import { isLatestProvisioned } from './provisioning.ts';

const PRINCIPAL_ID = /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;
const REQUEST_ID = /^\b[0-9a-f]{8}\b-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-\b[0-9a-f]{12}\b$/;
const STATUSES = ['IN_PROGRESS', 'FAILED', 'SUCCEEDED'] as const;
const PROVISIONING_STATUSES = ['LATEST_PERMISSION_SET_PROVISIONED', 'LATEST_PERMISSION_SET_NOT_PROVISIONED'] as const;

function listInstances(ctx: CallContext, input: Input) {
  ctx.authorize('sso:ListInstances', '*');
  // Identity Center is regional and belongs to one account: elsewhere the list is simply empty.
  const ic = visibleInstance(ctx);
  const instances = ic
    ? [
        {
          InstanceArn: ic.instanceArn,
          IdentityStoreId: ic.identityStoreId,
          OwnerAccountId: ic.ownerAccountId,
          Name: ic.name,
          CreatedDate: ic.createdDate,
          Status: 'ACTIVE',
        },
      ]
    : [];
  const page = paginate(instances, input, 'ListInstances', PAGE_LIMITS, PAGE_ERRORS);
  return { Instances: page.items, NextToken: page.nextToken };
}

/** The assignment a Create/DeleteAccountAssignment request names. */
function assignmentInput(input: Input): AccountAssignment {
  oneOf(input, 'TargetType', ['AWS_ACCOUNT'] as const);
  return {
    accountId: accountIdInput(input, 'TargetId'),
    permissionSetArn: permissionSetArnInput(input),
    principalType: oneOf(input, 'PrincipalType', ['USER', 'GROUP'] as const),
    principalId: matchingString(input, 'PrincipalId', PRINCIPAL_ID),
  };
}

function createAccountAssignment(ctx: CallContext, input: Input) {
  const assignment = assignmentInput(input);
  const ic = openInstance(ctx, input, 'CreateAccountAssignment', assignment.permissionSetArn);
  getPermissionSet(ic, assignment.permissionSetArn);
  const principalExists = assignment.principalType === 'USER' ? ic.users.has(assignment.principalId) : ic.groups.has(assignment.principalId);
  if (!principalExists) {
    throw resourceNotFound(`${assignment.principalType === 'USER' ? 'User' : 'Group'} ${assignment.principalId} does not exist in identity store ${ic.identityStoreId}.`);
  }
  const op = startOperation(ctx, ic, 'CREATE', assignment);
  return { AccountAssignmentCreationStatus: assignmentStatusShape(op) };
}

function deleteAccountAssignment(ctx: CallContext, input: Input) {
  const assignment = assignmentInput(input);
  const ic = openInstance(ctx, input, 'DeleteAccountAssignment', assignment.permissionSetArn);
  getPermissionSet(ic, assignment.permissionSetArn);
  // AWS refuses at once to delete an assignment that does not exist (Terraform's provider relies on
  // this ResourceNotFoundException to treat the assignment as already gone).
  if (!ic.assignments.has(assignmentKey(assignment))) {
    throw resourceNotFound(`Could not find the account assignment of ${assignment.principalType} ${assignment.principalId} to account ${assignment.accountId} with permission set ${assignment.permissionSetArn}.`);
  }
  const op = startOperation(ctx, ic, 'DELETE', assignment);
  return { AccountAssignmentDeletionStatus: assignmentStatusShape(op) };
}

function operationById(ic: IdentityCenter, kind: AssignmentOperation['kind'], requestId: string, label: string): AssignmentOperation {
  const op = ic.operations.get(requestId);
  if (!op || op.kind !== kind) throw resourceNotFound(`Could not find ${label} with request id ${requestId}.`);
  return op;
}

function describeAccountAssignmentCreationStatus(ctx: CallContext, input: Input) {
  const ic = openInstance(ctx, input, 'DescribeAccountAssignmentCreationStatus');
  const requestId = matchingString(input, 'AccountAssignmentCreationRequestId', REQUEST_ID);
  const op = operationById(ic, 'CREATE', requestId, 'AccountAssignmentCreationStatus');
  return { AccountAssignmentCreationStatus: assignmentStatusShape(op) };
}

function describeAccountAssignmentDeletionStatus(ctx: CallContext, input: Input) {
  const ic = openInstance(ctx, input, 'DescribeAccountAssignmentDeletionStatus');
  const requestId = matchingString(input, 'AccountAssignmentDeletionRequestId', REQUEST_ID);
  const op = operationById(ic, 'DELETE', requestId, 'AccountAssignmentDeletionStatus');
  return { AccountAssignmentDeletionStatus: assignmentStatusShape(op) };
}

/** The operations of one kind, optionally filtered by `Filter.Status`, oldest first. */
function operationsOfKind(ic: IdentityCenter, kind: AssignmentOperation['kind'], input: Input): AssignmentOperation[] {
  const filter = optionalObject(input, 'Filter');
  const status = filter && filter.Status !== undefined ? oneOf(filter, 'Status', STATUSES) : undefined;
  return [...ic.operations.values()].filter((op) => op.kind === kind && (status === undefined || op.status === status));
}

function listAccountAssignmentCreationStatus(ctx: CallContext, input: Input) {
  const ic = openInstance(ctx, input, 'ListAccountAssignmentCreationStatus');
  const ops = operationsOfKind(ic, 'CREATE', input);
  const page = paginate(ops, input, `ListAccountAssignmentCreationStatus:${JSON.stringify(input.Filter ?? null)}`, PAGE_LIMITS, PAGE_ERRORS);
  return { AccountAssignmentsCreationStatus: page.items.map(operationMetadataShape), NextToken: page.nextToken };
}

function listAccountAssignmentDeletionStatus(ctx: CallContext, input: Input) {
  const ic = openInstance(ctx, input, 'ListAccountAssignmentDeletionStatus');
  const ops = operationsOfKind(ic, 'DELETE', input);
  const page = paginate(ops, input, `ListAccountAssignmentDeletionStatus:${JSON.stringify(input.Filter ?? null)}`, PAGE_LIMITS, PAGE_ERRORS);
  return { AccountAssignmentsDeletionStatus: page.items.map(operationMetadataShape), NextToken: page.nextToken };
}

function listAccountAssignments(ctx: CallContext, input: Input) {
  const accountId = accountIdInput(input, 'AccountId');
  const permissionSetArn = permissionSetArnInput(input);
  const ic = openInstance(ctx, input, 'ListAccountAssignments', permissionSetArn);
  getPermissionSet(ic, permissionSetArn);
  const assignments = [...ic.assignments.values()].filter((a) => a.accountId === accountId && a.permissionSetArn === permissionSetArn);
  const page = paginate(assignments, input, `ListAccountAssignments:${accountId}:${permissionSetArn}`, PAGE_LIMITS, PAGE_ERRORS);
  return {
    AccountAssignments: page.items.map((a) => ({
      AccountId: a.accountId,
      PermissionSetArn: a.permissionSetArn,
      PrincipalType: a.principalType,
      PrincipalId: a.principalId,
    })),
    NextToken: page.nextToken,
  };
}

function listAccountAssignmentsForPrincipal(ctx: CallContext, input: Input) {
  const ic = openInstance(ctx, input, 'ListAccountAssignmentsForPrincipal');
  const principalId = matchingString(input, 'PrincipalId', PRINCIPAL_ID);
  const principalType = oneOf(input, 'PrincipalType', ['USER', 'GROUP'] as const);
  const filter = optionalObject(input, 'Filter');
  const accountId = filter && filter.AccountId !== undefined ? accountIdInput(filter, 'AccountId') : undefined;
  const assignments = [...ic.assignments.values()].filter(
    (a) => a.principalId === principalId && a.principalType === principalType && (accountId === undefined || a.accountId === accountId),
  );
  const scope = `ListAccountAssignmentsForPrincipal:${principalType}:${principalId}:${accountId ?? ''}`;
  const page = paginate(assignments, input, scope, PAGE_LIMITS, PAGE_ERRORS);
  return {
    AccountAssignments: page.items.map((a) => ({
      AccountId: a.accountId,
      PermissionSetArn: a.permissionSetArn,
      PrincipalId: a.principalId,
      PrincipalType: a.principalType,
    })),
    NextToken: page.nextToken,
  };
}

function provisioningStatusFilter(input: Input): ((latest: boolean) => boolean) {
  if (input.ProvisioningStatus === undefined) return () => true;
  const wanted = oneOf(input, 'ProvisioningStatus', PROVISIONING_STATUSES);
  return (latest) => latest === (wanted === 'LATEST_PERMISSION_SET_PROVISIONED');
}

function listPermissionSetsProvisionedToAccount(ctx: CallContext, input: Input) {
  const ic = openInstance(ctx, input, 'ListPermissionSetsProvisionedToAccount');
  const accountId = accountIdInput(input, 'AccountId');
  const keep = provisioningStatusFilter(input);
  const arns = [...(ic.provisioned.get(accountId) ?? [])].filter((arn) => {
    const ps = ic.permissionSets.get(arn);
    return ps !== undefined && keep(isLatestProvisioned(ps, accountId));
  });
  const scope = `ListPermissionSetsProvisionedToAccount:${accountId}:${String(input.ProvisioningStatus ?? '')}`;
  const page = paginate(arns, input, scope, PAGE_LIMITS, PAGE_ERRORS);
  return { PermissionSets: page.items, NextToken: page.nextToken };
}

function listAccountsForProvisionedPermissionSet(ctx: CallContext, input: Input) {
  const permissionSetArn = permissionSetArnInput(input);
  const ic = openInstance(ctx, input, 'ListAccountsForProvisionedPermissionSet', permissionSetArn);
  const ps = getPermissionSet(ic, permissionSetArn);
  const keep = provisioningStatusFilter(input);
  const accountIds = [...ic.provisioned]
    .filter(([accountId, arns]) => arns.has(ps.arn) && keep(isLatestProvisioned(ps, accountId)))
    .map(([accountId]) => accountId);
  const scope = `ListAccountsForProvisionedPermissionSet:${ps.arn}:${String(input.ProvisioningStatus ?? '')}`;
  const page = paginate(accountIds, input, scope, PAGE_LIMITS, PAGE_ERRORS);
  return { AccountIds: page.items, NextToken: page.nextToken };
}

function provisionPermissionSet(ctx: CallContext, input: Input) {
  const permissionSetArn = permissionSetArnInput(input);
  const targetType = oneOf(input, 'TargetType', ['AWS_ACCOUNT', 'ALL_PROVISIONED_ACCOUNTS'] as const);
  const targetId = optionalString(input, 'TargetId');
  if (targetType === 'AWS_ACCOUNT' && targetId === undefined) {
    throw validationError('TargetId is required when TargetType is AWS_ACCOUNT.');
  }
  const accountId = targetType === 'AWS_ACCOUNT' ? accountIdInput(input, 'TargetId') : '';
  const ic = openInstance(ctx, input, 'ProvisionPermissionSet', permissionSetArn);
  getPermissionSet(ic, permissionSetArn);
  // PROVISION operations carry the target account in an assignment with no principal.
  const op = startOperation(ctx, ic, 'PROVISION', { accountId, permissionSetArn, principalType: 'USER', principalId: '' });
  return { PermissionSetProvisioningStatus: provisioningStatusShape(op) };
}

function describePermissionSetProvisioningStatus(ctx: CallContext, input: Input) {
  const ic = openInstance(ctx, input, 'DescribePermissionSetProvisioningStatus');
  const requestId = matchingString(input, 'ProvisionPermissionSetRequestId', REQUEST_ID);
  const op = operationById(ic, 'PROVISION', requestId, 'PermissionSetProvisioningStatus');
  return { PermissionSetProvisioningStatus: provisioningStatusShape(op) };
}

function listPermissionSetProvisioningStatus(ctx: CallContext, input: Input) {
  const ic = openInstance(ctx, input, 'ListPermissionSetProvisioningStatus');
  const ops = operationsOfKind(ic, 'PROVISION', input);
  const page = paginate(ops, input, `ListPermissionSetProvisioningStatus:${JSON.stringify(input.Filter ?? null)}`, PAGE_LIMITS, PAGE_ERRORS);
  return { PermissionSetsProvisioningStatus: page.items.map(operationMetadataShape), NextToken: page.nextToken };
}

export const accountAssignmentOperations: Record<string, OperationHandler> = {
  ListInstances: listInstances,
  CreateAccountAssignment: createAccountAssignment,
  DeleteAccountAssignment: deleteAccountAssignment,
  DescribeAccountAssignmentCreationStatus: describeAccountAssignmentCreationStatus,
  DescribeAccountAssignmentDeletionStatus: describeAccountAssignmentDeletionStatus,
  ListAccountAssignmentCreationStatus: listAccountAssignmentCreationStatus,
  ListAccountAssignmentDeletionStatus: listAccountAssignmentDeletionStatus,
  ListAccountAssignments: listAccountAssignments,
  ListAccountAssignmentsForPrincipal: listAccountAssignmentsForPrincipal,
  ListPermissionSetsProvisionedToAccount: listPermissionSetsProvisionedToAccount,
  ListAccountsForProvisionedPermissionSet: listAccountsForProvisionedPermissionSet,
  ProvisionPermissionSet: provisionPermissionSet,
  DescribePermissionSetProvisioningStatus: describePermissionSetProvisioningStatus,
  ListPermissionSetProvisioningStatus: listPermissionSetProvisioningStatus,
};
