import { describe, expect, test } from 'vitest';
import { trustRelationships } from './ground-truth-trust.ts';
import { statementsOf } from './policy.ts';
import { CI_DEPLOYER_ROLE } from './seed-iam-detail.ts';
import { exportGroundTruth, seedWorld } from './seed.ts';
import type { PolicyDocument } from './state.ts';

const world = seedWorld({ seed: 21, accounts: 20, users: 60, iamUsersPerAccount: 5 });
const truth = exportGroundTruth(world.state);
const organisation = truth.accounts.filter((a) => !a.outsideOrganization);
const orgIds = new Set(organisation.map((a) => a.id));
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const allows = (doc: PolicyDocument, action: string, resource = '*') =>
  statementsOf(doc).some((s) => s.Effect === 'Allow' && list(s.Action).includes(action) && list(s.Resource).includes(resource));

describe('seeded Identity Center enterprise attributes', () => {
  const users = truth.identityCenter!.users;

  test('form one manager tree: a single top, everyone else reports to an existing user, no cycles', () => {
    const byId = new Map(users.map((u) => [u.userId, u]));
    expect(users.filter((u) => u.enterprise?.manager === undefined)).toHaveLength(1);
    for (const u of users) {
      let steps = 0;
      for (let at = u; at.enterprise?.manager !== undefined; at = byId.get(at.enterprise.manager)!) {
        expect(byId.has(at.enterprise.manager)).toBe(true);
        expect(++steps).toBeLessThan(users.length);
      }
    }
  });

  test('carry a department, division, cost centre, employee number and title; reports mostly share their manager\'s department', () => {
    for (const u of users) {
      expect(u.enterprise).toMatchObject({ department: expect.any(String), division: expect.any(String), costCenter: expect.stringMatching(/^CC-\d{4}$/), employeeNumber: expect.stringMatching(/^\d+$/), organization: expect.any(String) });
      expect(u.title).toEqual(expect.any(String));
    }
    expect(new Set(users.map((u) => u.enterprise!.employeeNumber)).size).toBe(users.length);
    expect(new Set(users.map((u) => u.enterprise!.department)).size).toBeGreaterThan(3);
  });

  test('are the same for the same seed', () => {
    expect(exportGroundTruth(seedWorld({ seed: 21, accounts: 20, users: 60, iamUsersPerAccount: 5 }).state).identityCenter!.users).toEqual(users);
  });
});

describe('seeded IAM detail', () => {
  const iams = organisation.map((a) => a.iam);
  const holders = iams.flatMap((iam) => [...iam.users, ...iam.groups, ...iam.roles]);

  test('admin-level access is held the usual ways: AdministratorAccess on a user, * on *, iam:*, iam:PassRole on *', () => {
    expect(iams.some((iam) => iam.users.some((u) => u.attachedPolicyArns.includes('arn:aws:iam::aws:policy/AdministratorAccess')))).toBe(true);
    const inline = holders.flatMap((h) => h.inlinePolicies.map((p) => p.document));
    const customer = iams.flatMap((iam) => iam.policies.map((p) => p.document));
    expect(inline.some((d) => allows(d, '*'))).toBe(true);
    expect([...inline, ...customer].some((d) => allows(d, 'iam:*'))).toBe(true);
    expect([...inline, ...customer].some((d) => allows(d, 'iam:PassRole'))).toBe(true);
  });

  test("a permission set's customer managed policy is widened to * on * in some accounts it is provisioned to and narrow in others, as AWS lets each account's copy drift", () => {
    const ic = truth.identityCenter!;
    const copies = (ic.provisioned ?? []).flatMap(({ accountId, permissionSetArns }) => {
      const policies = organisation.find((a) => a.id === accountId)!.iam.policies;
      const refs = permissionSetArns.flatMap((arn) => ic.permissionSets.find((p) => p.arn === arn)!.customerManagedPolicyReferences);
      // AWS provisions a set only where each policy it references exists.
      return refs.map((r) => policies.find((p) => p.path === r.path && p.policyName === r.name)!);
    });
    expect(copies.length).toBeGreaterThan(1);
    const widened = copies.filter((p) => allows(p.document, '*'));
    expect(widened.length).toBeGreaterThan(0);
    expect(widened.every((p) => p.defaultVersionId === 'v2' && statementsOf(p.document).some((s) => s.Sid === 'IncidentBreakGlass'))).toBe(true);
    expect(copies.some((narrow) => !allows(narrow.document, '*') && widened.some((w) => w.policyName === narrow.policyName))).toBe(true);
  });

  test('roles are trusted by the CI role and sibling accounts of the organisation, and one by an account outside it with an External ID', () => {
    const roles = iams.flatMap((iam) => iam.roles);
    const awsPrincipals = roles.flatMap((r) => statementsOf(r.assumeRolePolicyDocument).flatMap((s) => (typeof s.Principal === 'object' ? list(s.Principal.AWS) : [])));
    const accountOf = (arn: string) => /^arn:aws:iam::(\d{12}):/.exec(arn)?.[1];
    const deployer = `arn:aws:iam::${truth.managementAccountId}:role/${CI_DEPLOYER_ROLE}`;
    expect(awsPrincipals).toContain(deployer);
    expect(roles.some((r) => r.arn === deployer)).toBe(true);
    expect(awsPrincipals.some((p) => p.endsWith(':root') && orgIds.has(accountOf(p)!) && accountOf(p) !== truth.managementAccountId)).toBe(true);
    const vendor = roles.filter((r) => r.roleName === 'vendor-monitoring');
    expect(vendor.length).toBeGreaterThan(0);
    for (const r of vendor) {
      const [s] = statementsOf(r.assumeRolePolicyDocument);
      const outside = accountOf(list(typeof s?.Principal === 'object' ? s.Principal.AWS : undefined)[0]!)!;
      expect(truth.accounts.some((a) => a.id === outside)).toBe(false);
      expect(s?.Condition?.StringEquals?.['sts:ExternalId']).toEqual(expect.any(String));
    }
    expect(roles.some((r) => r.roleName.startsWith('AWSReservedSSO_') && r.lastUsed)).toBe(true);
  });

  test('trustRelationships marks principals outside the organisation external and ties Identity Center roles to their permission set', () => {
    const rows = trustRelationships(truth);
    const vendor = rows.filter((r) => r.roleName === 'vendor-monitoring');
    expect(vendor.length).toBeGreaterThan(0);
    expect(vendor.every((r) => r.external && r.principalType === 'AWS' && !orgIds.has(r.principalAccountId!))).toBe(true);
    expect(rows.filter((r) => r.roleName === 'ci-deploy').every((r) => !r.external && r.principalAccountId === truth.managementAccountId)).toBe(true);
    expect(rows.find((r) => r.roleArn === world.rrcu.connectorRoleArn)).toMatchObject({ principal: world.rrcu.arn, external: true });
    const sso = rows.filter((r) => r.roleName.startsWith('AWSReservedSSO_'));
    expect(sso.length).toBeGreaterThan(0);
    const setNames = new Map(truth.identityCenter!.permissionSets.map((p) => [p.arn, p.name]));
    for (const r of sso) {
      expect(r).toMatchObject({ principalType: 'Federated', external: false, principal: expect.stringMatching(/:saml-provider\/AWSSSO_[0-9a-f]{16}_DO_NOT_DELETE$/) });
      expect(r.roleName.startsWith(`AWSReservedSSO_${setNames.get(r.permissionSetArn!)}_`)).toBe(true);
    }
  });

  test('machines have access keys, people passwords and MFA, with last use no later than the seed\'s epoch', () => {
    const users = iams.flatMap((iam) => iam.users);
    const machines = users.filter((u) => u.tags.some((t) => t.Key === 'purpose'));
    expect(machines.length).toBeGreaterThan(0);
    for (const m of machines) expect(m.accessKeys.length).toBeGreaterThan(0);
    const keys = users.flatMap((u) => u.accessKeys);
    expect(keys.some((k) => k.lastUsed) && keys.some((k) => !k.lastUsed) && keys.some((k) => k.status === 'Inactive')).toBe(true);
    for (const u of users) {
      if (u.passwordLastUsed) expect(u.password && u.password.lastChanged <= u.passwordLastUsed).toBe(true);
      if (u.mfaActive) expect(u.password).toBeDefined();
      for (const k of u.accessKeys) expect(k.createDate >= u.createDate && (k.lastUsed?.date ?? k.createDate) >= k.createDate).toBe(true);
    }
    expect(users.some((u) => u.mfaActive)).toBe(true);
    expect(iams.every((iam) => iam.root !== undefined)).toBe(true);
  });
});
