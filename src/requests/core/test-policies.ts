import type { RequestedEntitlement } from './entitlement.ts';
import type { Requester, StoredPolicy } from './evaluate.ts';
import { requestPolicyDocumentSchema, type RequestPolicyDocument, type RequestPolicyInput } from './policy.ts';

/** Fixtures the core's tests share: a policy as an administrator writes it (defaults filled in), entitlements and people. */
export const PS_READONLY = 'arn:aws:sso:::permissionSet/ssoins-1111/ps-readonly';
export const PS_ADMIN = 'arn:aws:sso:::permissionSet/ssoins-1111/ps-admin';

export function policy(over: Partial<RequestPolicyInput> = {}): RequestPolicyDocument {
  return requestPolicyDocumentSchema.parse({
    name: 'Production admin',
    connector: 'aws-main',
    requestable: [{ kind: 'permission_set', permissionSet: 'AdministratorAccess' }],
    eligibility: { everyone: true },
    approvalSteps: [{ approvers: [{ kind: 'rrcu_role', role: 'connector_admin' }] }],
    maxDurationMinutes: 240,
    defaultDurationMinutes: 60,
    ...over,
  });
}

export const stored = (document: RequestPolicyDocument, id = document.name.toLowerCase().replace(/\W+/g, '-')): StoredPolicy => ({ id, version: 1, document });

export function onAccount(
  permissionSetName: 'AdministratorAccess' | 'ReadOnlyAccess',
  account: Partial<Extract<RequestedEntitlement, { kind: 'permission_set' }>['account']> = {},
): RequestedEntitlement {
  return {
    kind: 'permission_set',
    permissionSetArn: permissionSetName === 'AdministratorAccess' ? PS_ADMIN : PS_READONLY,
    permissionSetName,
    account: { id: '111122223333', name: 'payments-prod', ouPath: 'Root/Workloads/Prod', tags: { Environment: 'production' }, ...account },
  };
}

export const requester = (over: Partial<Requester> = {}): Requester => ({
  personId: 'p-ana',
  email: 'ana@example.com',
  attributes: { department: 'Engineering', title: 'Software Engineer' },
  ssoGroups: [{ id: 'g-eng', name: 'Engineers' }],
  ...over,
});
