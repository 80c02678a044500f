import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportGroundTruth, type GroundTruth } from '../../../src/aws-sim/index.ts';
import { entitlementKey, type InventoryItem, type ResourceItem } from '../../../src/core/inventory-items.ts';
import { syncIam } from '../../../src/connectors/aws/sync/iam.ts';
import { actionSpec } from '../../../src/connectors/aws/actions.ts';
import { MEMBER, ref, type AccountInfo } from '../../../src/connectors/aws/resource-types.ts';
import type { SyncEvent } from '../../../src/connectors/connector.ts';
import { allowOptionalActions, drain, recordingContext, sessionFor, simSession, type SimSession } from '../../../harness/sim-session.ts';
import { expectedPolicyGrants, expectedPrivileged } from '../../../harness/ground-truth-grants.ts';

type TruthAccount = GroundTruth['accounts'][number];

let world: SimSession;
beforeAll(async () => {
  world = await simSession({ seed: 41, accounts: 2, users: 6, groups: 2, permissionSets: 3, iamUsersPerAccount: 4 });
});
afterAll(() => world.close());

const truth = () => exportGroundTruth(world.sim.world.state);
const truthOf = (id: string) => truth().accounts.find((a) => a.id === id)!;
const info = (a: TruthAccount): AccountInfo => ({ id: a.id, name: a.name, status: a.status });
const management = () => truthOf(world.sim.world.state.managementAccountId);
const member = () => truth().accounts.find((a) => a.id !== world.sim.world.state.managementAccountId && !a.outsideOrganization)!;

/** Small pages, so that Marker paging of ListUsers, ListGroups, GetGroup and ListRoles is exercised. */
const PAGED = { pageSize: 2 };

const resources = (items: SyncEvent[], type: string) => items.filter((i): i is ResourceItem => i.kind === 'resource' && i.resourceType === type);
const byId = <T extends { externalId: string }>(list: T[]) => new Map(list.map((x) => [x.externalId, x]));

/** What the sync must report for an account's groups: their `member` entitlements and one grant per member. */
function expectedGroupItems(account: TruthAccount): InventoryItem[] {
  const arnOf = new Map(account.iam.users.map((u) => [u.userName, u.arn!]));
  return account.iam.groups.flatMap((g): InventoryItem[] => [
    { kind: 'entitlement', resource: ref('iam_group', g.arn!), slug: MEMBER, displayName: 'member' },
    ...g.members.map((name): InventoryItem => ({ kind: 'grant', entitlementKey: entitlementKey(ref('iam_group', g.arn!), MEMBER), principal: ref('iam_user', arnOf.get(name)!) })),
  ]);
}

/** The policy grants a sync yielded (not expanded to group members: the store does that), in expectedPolicyGrants' words. */
function policyGrants(items: SyncEvent[], account: TruthAccount): string[] {
  const prefix = `account:${account.id}#`;
  return items
    .filter((i) => i.kind === 'grant' && i.entitlementKey.startsWith(prefix))
    .map((i) => (i.kind === 'grant' ? `${i.principal.resourceType}:${i.principal.externalId} ${i.entitlementKey.slice(prefix.length)} on account:${account.id}` : ''))
    .sort();
}

/** authorizationDetails: read with GetAccountAuthorizationDetails, whose roles carry their last use but no description or session length. */
type Detail = { tags: boolean; policyNames: (roleName: string) => boolean; privileged: boolean; authorizationDetails?: boolean };

/** The credential report's facts and warnings are credential-report.test.ts's business. */
const CREDENTIAL_FEATURES = new Set([actionSpec('iam:GetCredentialReport').feature, actionSpec('iam:ListAccessKeys').feature]);
const notCredentials = (w: { feature?: string }) => !CREDENTIAL_FEATURES.has(w.feature ?? '');
function withoutCredentials(item: ResourceItem | undefined) {
  if (!item) return item;
  const { passwordEnabled: _p, mfaActive: _m, accessKeys: _k, ...attributes } = item.attributes ?? {};
  return { ...item, attributes };
}

function expectUsersGroupsAndRoles(items: SyncEvent[], account: TruthAccount, detail: Detail) {
  const parent = ref('account', account.id);
  const privileged = expectedPrivileged(account);
  const verdict = (arn: string) => (detail.privileged ? { privileged: privileged.get(arn), privilegedReasons: expect.any(Array) as unknown } : {});
  const users = byId(resources(items, 'iam_user'));
  expect([...users.keys()].sort()).toEqual(account.iam.users.map((u) => u.arn!).sort());
  for (const u of account.iam.users) {
    const email = u.tags.find((t) => t.Key === 'email')?.Value;
    expect(withoutCredentials(users.get(u.arn!))).toEqual({
      kind: 'resource', resourceType: 'iam_user', externalId: u.arn!, parent, displayName: u.userName,
      attributes: {
        userName: u.userName, userId: u.userId, path: u.path, createDate: u.createDate, passwordLastUsed: u.passwordLastUsed ?? null,
        ...(detail.tags ? { tags: Object.fromEntries(u.tags.map((t) => [t.Key, t.Value])) } : {}),
        ...(detail.tags && email ? { email } : {}),
        ...verdict(u.arn!),
      },
    });
  }

  const groups = byId(resources(items, 'iam_group'));
  expect([...groups.keys()].sort()).toEqual(account.iam.groups.map((g) => g.arn!).sort());
  for (const g of account.iam.groups) {
    expect(groups.get(g.arn!)).toEqual({
      kind: 'resource', resourceType: 'iam_group', externalId: g.arn!, parent, displayName: g.groupName,
      attributes: { groupName: g.groupName, groupId: g.groupId, path: g.path, createDate: g.createDate, ...verdict(g.arn!) },
    });
  }
  // Group memberships; policy entitlements are on the account and trust ones on roles.
  const groupKeys = new Set(account.iam.groups.map((g) => entitlementKey(ref('iam_group', g.arn!), MEMBER)));
  const entitlementsAndGrants = items.filter((i) => (i.kind === 'entitlement' && i.resource.resourceType === 'iam_group') || (i.kind === 'grant' && groupKeys.has(i.entitlementKey)));
  expect(entitlementsAndGrants).toHaveLength(expectedGroupItems(account).length);
  expect(entitlementsAndGrants).toEqual(expect.arrayContaining(expectedGroupItems(account)));

  const roles = byId(resources(items, 'iam_role'));
  expect([...roles.keys()].sort()).toEqual(account.iam.roles.map((r) => r.arn!).sort());
  const permissionSets = new Set(truth().identityCenter!.permissionSets.map((p) => p.name));
  for (const r of account.iam.roles) {
    const permissionSetName = r.path.startsWith('/aws-reserved/sso.amazonaws.com/') ? /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/.exec(r.roleName)![1] : undefined;
    if (permissionSetName) expect(permissionSets).toContain(permissionSetName);
    expect(roles.get(r.arn!)).toEqual({
      kind: 'resource', resourceType: 'iam_role', externalId: r.arn!, parent, displayName: r.roleName,
      attributes: {
        roleName: r.roleName, roleId: r.roleId, path: r.path, createDate: r.createDate,
        ...(detail.authorizationDetails
          ? { ...(r.lastUsed ? { lastUsedDate: r.lastUsed.date, lastUsedRegion: r.lastUsed.region } : {}) }
          : { ...(r.description !== undefined ? { description: r.description } : {}), maxSessionDuration: r.maxSessionDuration }),
        trustPolicy: r.assumeRolePolicyDocument,
        ...(detail.policyNames(r.roleName)
          ? {
              attachedPolicies: [...r.attachedPolicyArns].sort().map((arn) => ({ policyArn: arn, policyName: arn.split('/').pop() })),
              inlinePolicyNames: r.inlinePolicies.map((p) => p.policyName).sort(),
            }
          : {}),
        ...(permissionSetName ? { permissionSetName } : {}),
        ...verdict(r.arn!),
      },
    });
  }
  expect(policyGrants(items, account)).toEqual(expectedPolicyGrants(truth(), true, { viaGroups: false, accountId: account.id }));
}

describe('with the setup guide’s policy', () => {
  test('GetAccountAuthorizationDetails denied: the management account’s users, groups, memberships, roles and Identity Center roles’ policies equal the simulator’s, tags, other policies and the detail skipped with one warning each', async () => {
    const { ctx, warnings } = recordingContext();
    const account = management();
    const { items } = await drain(syncIam({ session: world.session, ctx }, info(account), PAGED));
    expectUsersGroupsAndRoles(items, account, {
      tags: false,
      policyNames: (name) => name.startsWith('AWSReservedSSO_'),
      privileged: false,
    });
    expect(warnings.filter(notCredentials).map((w) => w.feature).sort()).toEqual([actionSpec('iam:GetAccountAuthorizationDetails').feature, 'IAM role policy names', 'IAM user emails from tags']);
    expect(warnings.find((w) => w.message.startsWith('iam:GetAccountAuthorizationDetails'))!.fix).toContain('"iam:GetAccountAuthorizationDetails"');
    expect(warnings.find((w) => w.feature === 'IAM role policy names')!.fix).toContain('"Resource": "*"');

    // A second account in the same sync adds no new warnings.
    await drain(syncIam({ session: world.session, ctx }, info(account), PAGED));
    expect(warnings.filter(notCredentials)).toHaveLength(3);
  });

  test('a member account is read through the cross-account role with GetAccountAuthorizationDetails: users, groups, memberships, roles, their policies and privileged flags equal the simulator’s', async () => {
    const { ctx, warnings } = recordingContext();
    const account = member();
    const { items } = await drain(syncIam({ session: world.session, ctx }, info(account), PAGED));
    expectUsersGroupsAndRoles(items, account, { tags: true, policyNames: () => true, privileged: true, authorizationDetails: true });
    expect(warnings).toEqual([]);
    expect(expectedPolicyGrants(truth(), true, { accountId: account.id }).length).toBeGreaterThan(0);
    expect([...expectedPrivileged(account).values()]).toContain(true);
  });
});

test('with the optional actions allowed, the management account’s tags, emails and every role’s policy names are synced', async () => {
  await allowOptionalActions(world.sim, ['iam:ListUserTags', 'iam:ListAttachedRolePolicies', 'iam:ListRolePolicies']);
  const session = await sessionFor(world.sim);
  try {
    const { ctx, warnings } = recordingContext();
    const account = management();
    const { items } = await drain(syncIam({ session, ctx }, info(account)));
    expectUsersGroupsAndRoles(items, account, { tags: true, policyNames: () => true, privileged: false });
    expect(warnings.filter(notCredentials).map((w) => w.feature)).toEqual([actionSpec('iam:GetAccountAuthorizationDetails').feature]);
    // Full pages: one list call per kind, one GetGroup per group.
    expect(session.apiCalls()).toMatchObject({ 'iam:ListUsers': 1, 'iam:ListGroups': 1, 'iam:ListRoles': 1, 'iam:GetGroup': account.iam.groups.length });
    expect(session.apiCalls()['iam:ListPolicies']).toBeUndefined();
  } finally {
    session.close();
  }
});

test('with GetAccountAuthorizationDetails allowed, the management account is read in a few calls: its policies, their documents and privileged flags equal the simulator’s', async () => {
  await allowOptionalActions(world.sim, ['iam:GetAccountAuthorizationDetails']);
  const session = await sessionFor(world.sim);
  try {
    const { ctx, warnings } = recordingContext();
    const account = management();
    const { items } = await drain(syncIam({ session, ctx }, info(account)));
    expectUsersGroupsAndRoles(items, account, { tags: true, policyNames: () => true, privileged: true, authorizationDetails: true });
    expect(warnings.filter(notCredentials)).toEqual([]);
    const iamCalls = Object.entries(session.apiCalls()).filter(([action]) => action.startsWith('iam:') && !/CredentialReport|AccessKey/.test(action));
    // ListRoles never; ListUsers only where the credential report (passwords' last use) could not be read.
    const reportRead = session.apiCalls()['iam:GetCredentialReport'] !== undefined && !warnings.some((w) => w.feature === actionSpec('iam:GetCredentialReport').feature);
    expect(Object.fromEntries(iamCalls)).toEqual({ 'iam:GetAccountAuthorizationDetails': 1, ...(reportRead ? {} : { 'iam:ListUsers': 1 }) });

    // Each policy entitlement carries what reviewers read: its type, ARN, and the document where it is the account's own.
    const documents = new Map<string, unknown>(account.iam.policies.map((p) => [p.arn ?? '', p.document]));
    for (const holder of [...account.iam.users, ...account.iam.groups, ...account.iam.roles]) {
      for (const p of holder.inlinePolicies) documents.set(`inline:${holder.arn!}:${p.policyName}`, p.document);
    }
    const entitlements = items.filter((i) => i.kind === 'entitlement' && i.resource.resourceType === 'account');
    expect(entitlements.length).toBeGreaterThan(0);
    for (const e of entitlements) {
      if (e.kind !== 'entitlement') continue;
      const type = e.attributes?.policyType;
      expect(e.attributes).toMatchObject({ entitlementType: 'iam_policy', privileged: expect.any(Boolean) as unknown });
      if (type === 'aws_managed') expect(e.attributes).toMatchObject({ policyArn: e.slug });
      else expect(e.attributes?.policyDocument).toEqual(documents.get(e.slug));
      expect(e.displayName).toBe(type === 'inline' ? `${e.slug.split(':').pop()!} (inline)` : e.slug.split('/').pop());
    }
  } finally {
    session.close();
  }
});
