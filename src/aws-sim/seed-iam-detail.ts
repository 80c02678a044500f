/**
 * The IAM detail of a seeded account beyond users, groups and roles: console passwords, MFA and access
 * keys with their ages and last use; the root user's MFA; admin-level access granted the ways accounts
 * grow it (AdministratorAccess on a user, `*` on `*`, `iam:*`, `iam:PassRole` on `*`); roles trusted by
 * other accounts of the organisation, by a CI role in the management account, and by a vendor outside
 * it; and when each role was last used. Drawn from its own random stream after the rest of the world,
 * so adding it left every earlier entity and id as it was.
 */
import { managedArn } from './aws-managed-policies.ts';
import type { Ids } from './ids.ts';
import type { Rng } from './random.ts';
import { iamArn, newCustomerPolicy, newIamRole } from './seed-iam.ts';
import type { AccountKind } from './seed-organization.ts';
import { dateBetween, SEED_EPOCH } from './seed-people.ts';
import type { IamAccessKey, IamAccount, IamUser, PolicyDocument } from './state.ts';

const REGIONS = ['us-east-1', 'us-east-1', 'eu-west-1', 'us-west-2', 'eu-central-1'] as const;
const KEY_SERVICES = ['s3', 'sts', 'ec2', 'cloudformation', 'ecr', 'lambda', 'logs', 'iam'] as const;
const DAY = 864e5;

/** The CI role in the management account that deploy roles in member accounts trust. */
export const CI_DEPLOYER_ROLE = 'github-deployer';

export type IamDetailPlan = {
  accountId: string;
  kind: AccountKind;
  createdAt: Date;
  managementAccountId: string;
  /** Other member accounts of the organisation a role may trust. */
  organizationAccountIds: readonly string[];
  /** An account outside the organisation (a vendor's), trusted with an External ID by `vendor-monitoring`. */
  externalAccountId: string;
  /** True for the account that surely has the vendor role (so every organisation has one external trust). */
  vendorRole: boolean;
};

const allow = (actions: string | string[], resource: string | string[] = '*'): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }],
});

const isServiceUser = (u: IamUser) => u.tags.some((t) => t.Key === 'purpose' && t.Value === 'automation');

function newKey(rng: Rng, ids: Ids, user: IamUser, active: boolean, usedChance: number): IamAccessKey {
  const createDate = dateBetween(rng, user.createDate.getTime(), SEED_EPOCH);
  const key: IamAccessKey = { accessKeyId: ids.accessKeyId(), status: active ? 'Active' : 'Inactive', createDate };
  if (rng.chance(usedChance)) {
    const recent = active ? Math.max(createDate.getTime(), SEED_EPOCH - 30 * DAY) : createDate.getTime();
    key.lastUsed = { date: dateBetween(rng, recent, SEED_EPOCH), region: rng.pick(REGIONS), serviceName: rng.pick(KEY_SERVICES) };
  }
  return key;
}

/** Passwords, MFA and access keys: machines have keys and no password; people mostly the reverse. */
function seedCredentials(rng: Rng, ids: Ids, iam: IamAccount, kind: AccountKind): void {
  iam.root = { mfaActive: kind === 'management' || rng.chance(0.85) };
  if (rng.chance(0.3)) iam.root.passwordLastUsed = dateBetween(rng, SEED_EPOCH - 180 * DAY, SEED_EPOCH);
  for (const user of iam.users.values()) {
    if (isServiceUser(user)) {
      user.accessKeys = [newKey(rng, ids, user, true, 0.9)];
      if (rng.chance(0.3)) user.accessKeys.push(newKey(rng, ids, user, rng.chance(0.5), 0.5));
      continue;
    }
    const created = user.createDate.getTime();
    if (user.passwordLastUsed) user.password = { lastChanged: dateBetween(rng, created, user.passwordLastUsed.getTime()) };
    else if (rng.chance(0.25)) user.password = { lastChanged: dateBetween(rng, created, SEED_EPOCH) };
    user.mfaActive = user.password !== undefined && rng.chance(0.6);
    if (rng.chance(0.3)) user.accessKeys = [newKey(rng, ids, user, rng.chance(0.8), 0.6)];
  }
}

/** Admin-level access held directly, as audits find it: a person with AdministratorAccess, `*` on `*`, `iam:*`. */
function seedAdminAccess(rng: Rng, ids: Ids, iam: IamAccount, plan: IamDetailPlan): void {
  const people = [...iam.users.values()].filter((u) => !isServiceUser(u));
  const admin = people.length > 0 && (plan.kind === 'management' || rng.chance(0.4)) ? rng.pick(people) : undefined;
  if (admin) admin.attachedPolicyArns.add(managedArn('AdministratorAccess'));
  const breakGlass = people.length > 0 && rng.chance(0.3) ? rng.pick(people) : undefined;
  if (breakGlass) breakGlass.inlinePolicies.set('break-glass', allow('*'));
  const admins = iam.groups.get('Admins');
  if (admins && rng.chance(0.5)) admins.inlinePolicies.set('iam-administration', allow('iam:*'));
  if (rng.chance(0.4)) {
    const policy = newCustomerPolicy(plan.accountId, {
      name: 'IAMAdministration', policyId: ids.iamId('ANPA'), description: 'Manage users, roles and policies',
      document: allow(['iam:*', 'organizations:DescribeOrganization']), createDate: dateBetween(rng, plan.createdAt.getTime(), SEED_EPOCH),
    });
    iam.policies.set(policy.arn, policy);
    const holder = iam.groups.get('Developers') ?? iam.groups.get('Admins');
    holder?.attachedPolicyArns.add(policy.arn);
  }
}

/** Roles other principals may assume: the CI chain, other accounts of the organisation, a vendor. */
function seedTrustedRoles(rng: Rng, ids: Ids, iam: IamAccount, plan: IamDetailPlan): void {
  const when = () => dateBetween(rng, plan.createdAt.getTime(), SEED_EPOCH);
  const add = (roleName: string, trust: PolicyDocument, description: string) => {
    const role = newIamRole(plan.accountId, { roleName, roleId: ids.iamId('AROA'), createDate: when(), trust, description });
    iam.roles.set(roleName, role);
    return role;
  };
  if (plan.kind === 'management') {
    const oidc = `arn:aws:iam::${plan.accountId}:oidc-provider/token.actions.githubusercontent.com`;
    const deployer = add(CI_DEPLOYER_ROLE, {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow', Principal: { Federated: oidc }, Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
      }],
    }, 'Assumed by GitHub Actions; assumes the deploy role of each account');
    deployer.inlinePolicies.set('assume-deploy-roles', allow('sts:AssumeRole', 'arn:aws:iam::*:role/ci-deploy'));
    return;
  }
  const principal = (arn: string): PolicyDocument => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: arn }, Action: 'sts:AssumeRole' }] });
  if (plan.kind !== 'security' && rng.chance(0.5)) {
    const role = add('ci-deploy', principal(iamArn(plan.managementAccountId, 'role', '/', CI_DEPLOYER_ROLE)), 'Deploys stacks from CI');
    role.inlinePolicies.set('deploy', allow(['cloudformation:*', 'iam:PassRole', 's3:*']));
  }
  const others = plan.organizationAccountIds.filter((id) => id !== plan.accountId);
  if (others.length > 0 && rng.chance(0.35)) {
    const role = add('cross-account-readonly', principal(`arn:aws:iam::${rng.pick(others)}:root`), 'Read-only access for a sibling account');
    role.attachedPolicyArns.add(managedArn('ReadOnlyAccess'));
  }
  if (plan.vendorRole || rng.chance(0.15)) {
    const role = add('vendor-monitoring', {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${plan.externalAccountId}:root` }, Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': `vendor-${plan.accountId}` } },
      }],
    }, 'Third-party monitoring integration');
    role.attachedPolicyArns.add(managedArn('SecurityAudit'));
  }
}

export function seedIamDetail(rng: Rng, ids: Ids, iam: IamAccount, plan: IamDetailPlan): void {
  seedCredentials(rng, ids, iam, plan.kind);
  seedAdminAccess(rng, ids, iam, plan);
  seedTrustedRoles(rng, ids, iam, plan);
  for (const role of iam.roles.values()) {
    if (rng.chance(0.6)) role.lastUsed = { date: dateBetween(rng, Math.max(role.createDate.getTime(), SEED_EPOCH - 90 * DAY), SEED_EPOCH), region: rng.pick(REGIONS) };
  }
}
