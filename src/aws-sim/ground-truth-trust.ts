/**
 * Who may assume which role, read from the ground truth's trust policies: one row per role and Allow
 * statement principal, so a test can compare the "may assume" grants a sync derived against it. An AWS
 * principal is external when its account is not a member of the organisation (RRCU's own host account
 * included); Identity Center's `AWSReservedSSO_*` roles name the permission set they carry.
 */
import type { GroundTruth } from './ground-truth-schema.ts';
import { ssoReservedRoleName } from './ids.ts';
import { statementsOf } from './policy.ts';

export type TrustRelationship = {
  accountId: string;
  roleArn: string;
  roleName: string;
  principalType: 'AWS' | 'Service' | 'Federated' | '*';
  /** An ARN (`arn:aws:iam::123456789012:root`, a role's, a SAML or OIDC provider's), a service, or `*`. */
  principal: string;
  /** For an AWS principal: the account it is in. */
  principalAccountId?: string;
  /** True for an AWS principal outside the organisation, and for `*`. */
  external: boolean;
  actions: string[];
  /** For an `AWSReservedSSO_*` role: the permission set Identity Center provisioned it for. */
  permissionSetArn?: string;
};

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function trustRelationships(truth: GroundTruth): TrustRelationship[] {
  const members = new Set(truth.accounts.filter((a) => !a.outsideOrganization).map((a) => a.id));
  const permissionSets = truth.identityCenter?.permissionSets ?? [];
  const rows: TrustRelationship[] = [];
  for (const account of truth.accounts) {
    const ssoRoles = new Map(permissionSets.map((ps) => [ssoReservedRoleName(ps, account.id), ps.arn]));
    for (const role of account.iam.roles) {
      const roleArn = role.arn ?? `arn:aws:iam::${account.id}:role${role.path}${role.roleName}`;
      const permissionSetArn = role.roleName.startsWith('AWSReservedSSO_') ? ssoRoles.get(role.roleName) : undefined;
      for (const s of statementsOf(role.assumeRolePolicyDocument)) {
        if (s.Effect !== 'Allow' || s.Principal === undefined) continue;
        const base = { accountId: account.id, roleArn, roleName: role.roleName, actions: list(s.Action), ...(permissionSetArn ? { permissionSetArn } : {}) };
        if (s.Principal === '*') {
          rows.push({ ...base, principalType: '*', principal: '*', external: true });
          continue;
        }
        for (const principal of list(s.Principal.AWS)) {
          const principalAccountId = /^\d{12}$/.test(principal) ? principal : /^arn:aws:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
          rows.push({ ...base, principalType: 'AWS', principal, ...(principalAccountId ? { principalAccountId } : {}), external: principalAccountId === undefined || !members.has(principalAccountId) });
        }
        for (const principal of list(s.Principal.Service)) rows.push({ ...base, principalType: 'Service', principal, external: false });
        for (const principal of list(s.Principal.Federated)) rows.push({ ...base, principalType: 'Federated', principal, external: false });
      }
    }
  }
  return rows.sort((a, b) => (a.roleArn < b.roleArn ? -1 : a.roleArn > b.roleArn ? 1 : a.principal < b.principal ? -1 : a.principal > b.principal ? 1 : 0));
}
