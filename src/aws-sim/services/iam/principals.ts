/**
 * The three kinds of IAM principal that hold policies (user, group, role), so attach/detach/list and
 * the inline-policy operations are written once for all three, as IAM's API mirrors them.
 */
import type { CallContext } from '../../service.ts';
import type { PolicyAttachments } from '../../state.ts';
import type { Input } from './common.ts';
import { authorizedGroup } from './groups.ts';
import { authorizedRole } from './roles.ts';
import { authorizedUser } from './users.ts';

export type PrincipalKind = {
  /** `User`, `Group`, `Role`: the word in operation names and in the `<Kind>Name` input member. */
  kind: 'User' | 'Group' | 'Role';
  /** IAM's quota of managed policies attached to one principal of this kind. */
  managedPolicyQuota: number;
  find(ctx: CallContext, action: string, input: Input): PolicyAttachments & { arn: string };
  nameOf(holder: PolicyAttachments): string;
};

export const PRINCIPAL_KINDS: PrincipalKind[] = [
  { kind: 'User', managedPolicyQuota: 10, find: authorizedUser, nameOf: (h) => (h as ReturnType<typeof authorizedUser>).userName },
  { kind: 'Group', managedPolicyQuota: 10, find: authorizedGroup, nameOf: (h) => (h as ReturnType<typeof authorizedGroup>).groupName },
  { kind: 'Role', managedPolicyQuota: 10, find: authorizedRole, nameOf: (h) => (h as ReturnType<typeof authorizedRole>).roleName },
];
