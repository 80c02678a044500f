import { describe, expect, test } from 'vitest';
import { ssoReservedRoleName, ssoReservedRolePath, ssoSamlProviderName } from './ids.ts';
import { CONNECTOR_POLICY_NAME, CONNECTOR_ROLE_NAME, exportGroundTruth, seedWorld } from './seed.ts';
import type { SimState } from './state.ts';

const LARGE = { accounts: 300, permissionSets: 40, users: 3000, groups: 200, iamUsersPerAccount: 5 };

function members(state: SimState, groupId: string): string[] {
  return [...(state.identityCenter?.memberships.values() ?? [])].filter((m) => m.groupId === groupId).map((m) => m.userId);
}

describe('seedWorld', () => {
  test('the same options give the identical world, ids included', () => {
    expect(exportGroundTruth(seedWorld({ seed: 7 }).state)).toEqual(exportGroundTruth(seedWorld({ seed: 7 }).state));
    expect(seedWorld({ seed: 7 }).rrcu).toEqual(seedWorld({ seed: 7 }).rrcu);
  });

  test('another seed gives a different world', () => {
    const a = exportGroundTruth(seedWorld({ seed: 1 }).state);
    const b = exportGroundTruth(seedWorld({ seed: 2 }).state);
    expect(b.managementAccountId).not.toBe(a.managementAccountId);
    expect(b.identityCenter?.users.map((u) => u.userName)).not.toEqual(a.identityCenter?.users.map((u) => u.userName));
  });

  test('defaults give a small organisation: 4 member accounts, 5 permission sets, 20 users, 5 groups', () => {
    const { state } = seedWorld();
    const members = [...state.accounts.values()].filter((a) => !a.outsideOrganization && a.id !== state.managementAccountId);
    expect(members).toHaveLength(4);
    expect(state.identityCenter?.permissionSets.size).toBe(5);
    expect(state.identityCenter?.users.size).toBe(20);
    expect(state.identityCenter?.groups.size).toBe(5);
    for (const a of state.accounts.values()) if (!a.outsideOrganization) expect(a.iam.users.size).toBe(3);
  });

  test('people have realistic, unique user names and emails at the company domain', () => {
    const { state } = seedWorld({ seed: 3, users: 600 });
    const users = [...(state.identityCenter?.users.values() ?? [])];
    const domain = (users[0]?.emails[0]?.value ?? '').split('@')[1] as string;
    expect(domain).toMatch(/^[a-z]+\.example$/);
    for (const u of users) {
      expect(u.userName).toMatch(/^[a-z-]+\.[a-z-]+\d*$/);
      expect(u.userName).not.toMatch(/^user\d*$/);
      expect(u.emails[0]?.value).toBe(`${u.userName}@${domain}`);
      expect(u.displayName).toBe(`${u.name.givenName} ${u.name.familyName}`);
    }
    expect(new Set(users.map((u) => u.userName)).size).toBe(users.length);
    expect(new Set(users.map((u) => u.emails[0]?.value)).size).toBe(users.length);
    expect(users.some((u) => u.status === 'DISABLED')).toBe(true);
    for (const a of state.accounts.values()) {
      expect(a.name).not.toMatch(/^account\d*$/);
      if (!a.outsideOrganization) expect(a.email).toBe(`aws+${a.name}@${domain}`);
    }
  });

  test('every group assignment expands to each member of the group, and a user assignment to the user', () => {
    const { state } = seedWorld({ seed: 4, accounts: 12, users: 80, groups: 12, permissionSets: 10 });
    const truth = exportGroundTruth(state);
    const ic = state.identityCenter;
    if (!ic) throw new Error('no Identity Center');
    let expected = 0;
    for (const a of ic.assignments.values()) {
      const rows = truth.effectiveAssignments.filter((r) => r.accountId === a.accountId && r.permissionSetArn === a.permissionSetArn
        && (a.principalType === 'USER' ? r.via === null && r.userId === a.principalId : r.via === a.principalId));
      const want = a.principalType === 'USER' ? [a.principalId] : members(state, a.principalId);
      expect(rows.map((r) => r.userId).sort()).toEqual(want.sort());
      expect(rows.every((r) => r.permissionSetName === ic.permissionSets.get(a.permissionSetArn)?.name)).toBe(true);
      expected += want.length;
    }
    expect(truth.effectiveAssignments).toHaveLength(expected);
  });

  test('every account gets a few assignments, mostly to groups', () => {
    const { state } = seedWorld({ seed: 5, accounts: 40, users: 300, groups: 30, permissionSets: 12 });
    const ic = state.identityCenter;
    if (!ic) throw new Error('no Identity Center');
    const perAccount = new Map<string, number>();
    for (const a of ic.assignments.values()) perAccount.set(a.accountId, (perAccount.get(a.accountId) ?? 0) + 1);
    for (const a of state.accounts.values()) if (!a.outsideOrganization) expect(perAccount.get(a.id) ?? 0).toBeGreaterThanOrEqual(2);
    const toGroups = [...ic.assignments.values()].filter((a) => a.principalType === 'GROUP').length;
    expect(toGroups / ic.assignments.size).toBeGreaterThan(0.6);
  });

  test('each provisioned permission set has its AWSReservedSSO role, trusting the account\'s AWSSSO SAML provider', () => {
    for (const region of ['us-east-1', 'eu-west-1']) {
      const { state } = seedWorld({ seed: 6, identityCenterRegion: region });
      const ic = state.identityCenter;
      if (!ic) throw new Error('no Identity Center');
      expect(ic.provisioned.size).toBeGreaterThan(0);
      for (const [accountId, arns] of ic.provisioned) {
        const iam = state.accounts.get(accountId)?.iam;
        const provider = `arn:aws:iam::${accountId}:saml-provider/${ssoSamlProviderName(ic.instanceArn, accountId)}`;
        expect(iam?.samlProviders.has(provider)).toBe(true);
        for (const arn of arns) {
          const ps = ic.permissionSets.get(arn);
          if (!ps) throw new Error(`no permission set ${arn}`);
          const role = iam?.roles.get(ssoReservedRoleName(ps, accountId));
          expect(role?.roleName).toMatch(/^AWSReservedSSO_[\w+=,.@-]+_[0-9a-f]{16}$/);
          expect(role?.path).toBe(ssoReservedRolePath(region));
          expect(role?.assumeRolePolicyDocument.Statement).toEqual([expect.objectContaining({ Principal: { Federated: provider } })]);
          expect([...(role?.attachedPolicyArns ?? [])]).toEqual(expect.arrayContaining([...ps.managedPolicyArns]));
        }
      }
      expect(ssoReservedRolePath(region)).toBe(region === 'us-east-1' ? '/aws-reserved/sso.amazonaws.com/' : `/aws-reserved/sso.amazonaws.com/${region}/`);
    }
  });

  test('member accounts carry the cross-account role, trusting the management account with AdministratorAccess', () => {
    const { state } = seedWorld({ crossAccountRoleName: 'OrgAdmin' });
    for (const a of state.accounts.values()) {
      const role = a.iam.roles.get('OrgAdmin');
      if (a.id === state.managementAccountId || a.outsideOrganization) {
        expect(role).toBeUndefined();
        continue;
      }
      expect(role?.assumeRolePolicyDocument.Statement).toEqual([
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${state.managementAccountId}:root` }, Action: 'sts:AssumeRole' },
      ]);
      expect(role?.attachedPolicyArns.has('arn:aws:iam::aws:policy/AdministratorAccess')).toBe(true);
    }
  });

  test('RRCU runs as an IAM user outside the organisation, trusted by the connector role with the External ID', () => {
    const world = seedWorld({ externalId: 'ext-123' });
    const { state, rrcu, admin } = world;
    const key = state.accessKeys.get(rrcu.accessKeyId);
    expect(key).toMatchObject({ kind: 'user', principalName: 'rrcu', secretAccessKey: rrcu.secretAccessKey });
    const host = state.accounts.get(key?.accountId ?? '');
    expect(host?.outsideOrganization).toBe(true);
    expect(host?.iam.users.get('rrcu')?.arn).toBe(rrcu.arn);
    expect(rrcu.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(rrcu.secretAccessKey).toHaveLength(40);
    const role = state.accounts.get(state.managementAccountId)?.iam.roles.get(CONNECTOR_ROLE_NAME);
    expect(role?.arn).toBe(rrcu.connectorRoleArn);
    expect(role?.path).toBe('/');
    expect(role?.assumeRolePolicyDocument.Statement).toEqual([{
      Effect: 'Allow', Principal: { AWS: rrcu.arn }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'ext-123' } },
    }]);
    expect(role?.inlinePolicies.has(CONNECTOR_POLICY_NAME)).toBe(true);
    expect(state.accessKeys.get(admin.accessKeyId)).toMatchObject({ kind: 'root', accountId: state.managementAccountId });
    expect(state.identityCenter?.scimTokens.has(rrcu.scimToken)).toBe(true);
    expect(rrcu.scimPath).toBe(`/scim/${state.identityCenter?.scimTenantId}/scim/v2`);
  });

  test('some IAM users are the same people as Identity Center users, matched by email tag or user name', () => {
    const { state } = seedWorld({ seed: 8, accounts: 10, iamUsersPerAccount: 4 });
    const emails = new Set([...(state.identityCenter?.users.values() ?? [])].map((u) => u.emails[0]?.value));
    const iamUsers = [...state.accounts.values()].flatMap((a) => [...a.iam.users.values()]);
    const tagged = iamUsers.filter((u) => u.tags.some((t) => t.Key === 'email' && emails.has(t.Value)));
    expect(tagged.length).toBeGreaterThan(0);
    expect(iamUsers.some((u) => u.userName === 'ci-deployer' || u.userName === 'terraform' || u.userName === 'github-actions' || u.userName === 'jenkins')).toBe(true);
    expect(iamUsers.some((u) => u.passwordLastUsed !== undefined)).toBe(true);
  });

  test('organizations: false gives a lone account, and identityCenterRegion: null no instance', () => {
    const lone = seedWorld({ organizations: false }).state;
    expect(lone.organization).toBeNull();
    expect([...lone.accounts.values()].filter((a) => !a.outsideOrganization)).toHaveLength(1);
    const none = seedWorld({ identityCenterRegion: null });
    expect(none.state.identityCenter).toBeNull();
    expect(none.rrcu.scimToken).toBe('');
    expect(exportGroundTruth(none.state).effectiveAssignments).toEqual([]);
  });

  test('a large organisation (300 accounts, 40 permission sets, 3,000 users, 200 groups) has the requested counts', () => {
    const { state } = seedWorld(LARGE);
    const ic = state.identityCenter;
    if (!ic || !state.organization) throw new Error('no organisation or Identity Center');
    const members = [...state.accounts.values()].filter((a) => !a.outsideOrganization && a.id !== state.managementAccountId);
    expect(members).toHaveLength(300);
    expect(new Set(members.map((a) => a.name)).size).toBe(300);
    expect(members.some((a) => a.status === 'SUSPENDED')).toBe(true);
    expect(ic.permissionSets.size).toBe(40);
    expect(ic.users.size).toBe(3000);
    expect(ic.groups.size).toBe(200);
    expect(new Set([...ic.groups.values()].map((g) => g.displayName)).size).toBe(200);
    expect(new Set([...ic.users.values()].map((u) => u.userName)).size).toBe(3000);
    expect(ic.assignments.size).toBeGreaterThan(300 * 5);
    expect(ic.assignments.size).toBeLessThan(301 * 16);
    for (const a of members) expect(a.iam.users.size).toBeLessThanOrEqual(5);
  });
});
