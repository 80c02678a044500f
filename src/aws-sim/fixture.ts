/**
 * Worlds from JSON fixtures: the document `exportFixture` writes (ground truth plus RRCU's and an
 * administrator's keys), validated in shape by zod and in references by hand, so a typo in a
 * hand-written fixture is reported at its path instead of surfacing later as a puzzling AWS answer.
 */
import type { z } from 'zod';
import { awsManagedPolicies } from './aws-managed-policies.ts';
import { effectiveAssignments, exportGroundTruth, ouPathOf } from './ground-truth.ts';
import { fixtureSchema, type SimFixture } from './ground-truth-schema.ts';
import { countAttachments, iamArn } from './seed-iam.ts';
import { assignmentKey, emptyIamAccount, type IdentityCenter, type PolicyDocument, type SimAccount, type SimState, type SimWorld } from './state.ts';
import { SimFixtureError } from './errors.ts';

type Fixture = z.output<typeof fixtureSchema>;
type Issue = { path: (string | number)[]; message: string };

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  return out || '(document)';
}

function invalid(issues: readonly { path: readonly PropertyKey[]; message: string }[]): SimFixtureError {
  const shown = issues.slice(0, 8).map((i) => `  ${formatPath(i.path)}: ${i.message}`);
  const more = issues.length > shown.length ? `\n  … and ${issues.length - shown.length} more` : '';
  return new SimFixtureError(
    `The simulator fixture is not valid:\n${shown.join('\n')}${more}`,
    'Correct the fixture at the path named. A fixture has the shape exportFixture() writes; exporting a seeded world and editing it is the easy way to start one.',
  );
}

/** A fixture of the world as it stands: reload it with `worldFromFixture`. */
export function exportFixture(world: SimWorld): SimFixture {
  return { ...exportGroundTruth(world.state), rrcu: { ...world.rrcu }, admin: { ...world.admin } };
}

const inlineMap = (list: { policyName: string; document: PolicyDocument }[]) => new Map(list.map((p) => [p.policyName, p.document]));

/** The references zod cannot see: members that are users, policies that exist, assignments to things that exist. */
function checkReferences(f: Fixture, managed: ReadonlySet<string>): Issue[] {
  const issues: Issue[] = [];
  const accountIds = new Set<string>();
  f.accounts.forEach((a, i) => {
    if (accountIds.has(a.id)) issues.push({ path: ['accounts', i, 'id'], message: `account ${a.id} appears twice` });
    accountIds.add(a.id);
  });
  if (!accountIds.has(f.managementAccountId)) issues.push({ path: ['managementAccountId'], message: `no account ${f.managementAccountId} in accounts` });
  const parents = new Set(f.organization ? [f.organization.rootId, ...f.organization.ous.map((o) => o.id)] : []);
  f.organization?.ous.forEach((ou, i) => {
    if (!parents.has(ou.parentId) || ou.parentId === ou.id) issues.push({ path: ['organization', 'ous', i, 'parentId'], message: `${ou.parentId} is neither the root nor another OU` });
  });
  f.accounts.forEach((a, i) => {
    const at = (...rest: (string | number)[]) => ['accounts', i, ...rest];
    if (f.organization && !a.outsideOrganization && !parents.has(a.parentId)) issues.push({ path: at('parentId'), message: `${a.parentId} is neither the root nor an OU of the organisation` });
    const users = new Set(a.iam.users.map((u) => u.userName));
    const customer = new Set(a.iam.policies.map((p) => p.arn ?? iamArn(a.id, 'policy', p.path, p.policyName)));
    const checkAttached = (arns: string[], ...path: (string | number)[]) => arns.forEach((arn, k) => {
      if (!managed.has(arn) && !customer.has(arn)) issues.push({ path: at('iam', ...path, 'attachedPolicyArns', k), message: `${arn} is neither an AWS-managed policy the simulator knows nor a customer-managed policy of account ${a.id}` });
    });
    a.iam.users.forEach((u, j) => checkAttached(u.attachedPolicyArns, 'users', j));
    a.iam.roles.forEach((r, j) => checkAttached(r.attachedPolicyArns, 'roles', j));
    a.iam.groups.forEach((g, j) => {
      checkAttached(g.attachedPolicyArns, 'groups', j);
      g.members.forEach((m, k) => {
        if (!users.has(m)) issues.push({ path: at('iam', 'groups', j, 'members', k), message: `no IAM user ${m} in account ${a.id}` });
      });
    });
  });
  const ic = f.identityCenter;
  if (ic) {
    const at = (...rest: (string | number)[]) => ['identityCenter', ...rest];
    if (!accountIds.has(ic.ownerAccountId)) issues.push({ path: at('ownerAccountId'), message: `no account ${ic.ownerAccountId} in accounts` });
    const users = new Set(ic.users.map((u) => u.userId));
    const groups = new Set(ic.groups.map((g) => g.groupId));
    const sets = new Set(ic.permissionSets.map((p) => p.arn));
    ic.users.forEach((u, i) => {
      const manager = u.enterprise?.manager;
      if (manager !== undefined && !users.has(manager)) issues.push({ path: at('users', i, 'enterprise', 'manager'), message: `no Identity Center user ${manager}` });
    });
    ic.memberships.forEach((m, i) => {
      if (!users.has(m.userId)) issues.push({ path: at('memberships', i, 'userId'), message: `no Identity Center user ${m.userId}` });
      if (!groups.has(m.groupId)) issues.push({ path: at('memberships', i, 'groupId'), message: `no Identity Center group ${m.groupId}` });
    });
    ic.permissionSets.forEach((p, i) => p.managedPolicyArns.forEach((arn, k) => {
      if (!managed.has(arn)) issues.push({ path: at('permissionSets', i, 'managedPolicyArns', k), message: `${arn} is not an AWS-managed policy the simulator knows` });
    }));
    ic.assignments.forEach((a, i) => {
      if (!accountIds.has(a.accountId)) issues.push({ path: at('assignments', i, 'accountId'), message: `no account ${a.accountId} in accounts` });
      if (!sets.has(a.permissionSetArn)) issues.push({ path: at('assignments', i, 'permissionSetArn'), message: `no permission set ${a.permissionSetArn}` });
      if (!(a.principalType === 'USER' ? users : groups).has(a.principalId)) issues.push({ path: at('assignments', i, 'principalId'), message: `no Identity Center ${a.principalType.toLowerCase()} ${a.principalId}` });
    });
    ic.provisioned?.forEach((p, i) => {
      if (!accountIds.has(p.accountId)) issues.push({ path: at('provisioned', i, 'accountId'), message: `no account ${p.accountId} in accounts` });
      p.permissionSetArns.forEach((arn, k) => {
        if (!sets.has(arn)) issues.push({ path: at('provisioned', i, 'permissionSetArns', k), message: `no permission set ${arn}` });
      });
    });
  }
  return issues;
}

function buildState(f: Fixture): SimState {
  const state: SimState = {
    partition: 'aws', organization: null, managementAccountId: f.managementAccountId, accounts: new Map(),
    createAccountRequests: new Map(), identityCenter: null, awsManagedPolicies: awsManagedPolicies(), accessKeys: new Map(),
  };
  const management = f.accounts.find((a) => a.id === f.managementAccountId);
  if (f.organization) {
    const o = f.organization;
    const arnBase = `arn:aws:organizations::${f.managementAccountId}`;
    state.organization = {
      id: o.id, arn: o.arn ?? `${arnBase}:organization/${o.id}`, featureSet: o.featureSet, managementAccountId: f.managementAccountId,
      managementAccountEmail: management?.email ?? '', rootId: o.rootId, rootArn: o.rootArn ?? `${arnBase}:root/${o.id}/${o.rootId}`,
      ous: new Map(o.ous.map((ou) => [ou.id, { id: ou.id, arn: ou.arn ?? `${arnBase}:ou/${o.id}/${ou.id}`, name: ou.name, parentId: ou.parentId }])),
    };
  }
  for (const a of f.accounts) {
    const iam = emptyIamAccount();
    iam.aliases = [...a.iam.aliases];
    if (a.iam.root) iam.root = { mfaActive: a.iam.root.mfaActive, ...(a.iam.root.passwordLastUsed ? { passwordLastUsed: new Date(a.iam.root.passwordLastUsed) } : {}) };
    for (const u of a.iam.users) {
      iam.users.set(u.userName, {
        userName: u.userName, userId: u.userId, arn: u.arn ?? iamArn(a.id, 'user', u.path, u.userName), path: u.path,
        createDate: new Date(u.createDate), ...(u.passwordLastUsed ? { passwordLastUsed: new Date(u.passwordLastUsed) } : {}),
        ...(u.password ? { password: { lastChanged: new Date(u.password.lastChanged) } } : {}),
        mfaActive: u.mfaActive,
        accessKeys: u.accessKeys.map((k) => ({
          accessKeyId: k.accessKeyId, status: k.status, createDate: new Date(k.createDate),
          ...(k.lastUsed ? { lastUsed: { ...k.lastUsed, date: new Date(k.lastUsed.date) } } : {}),
        })),
        tags: u.tags, groups: new Set(), attachedPolicyArns: new Set(u.attachedPolicyArns), inlinePolicies: inlineMap(u.inlinePolicies),
      });
    }
    for (const g of a.iam.groups) {
      iam.groups.set(g.groupName, {
        groupName: g.groupName, groupId: g.groupId, arn: g.arn ?? iamArn(a.id, 'group', g.path, g.groupName), path: g.path,
        createDate: new Date(g.createDate), members: new Set(g.members), attachedPolicyArns: new Set(g.attachedPolicyArns), inlinePolicies: inlineMap(g.inlinePolicies),
      });
      for (const m of g.members) iam.users.get(m)?.groups.add(g.groupName);
    }
    for (const r of a.iam.roles) {
      iam.roles.set(r.roleName, {
        roleName: r.roleName, roleId: r.roleId, arn: r.arn ?? iamArn(a.id, 'role', r.path, r.roleName), path: r.path,
        createDate: new Date(r.createDate), description: r.description, maxSessionDuration: r.maxSessionDuration,
        assumeRolePolicyDocument: r.assumeRolePolicyDocument, tags: r.tags, attachedPolicyArns: new Set(r.attachedPolicyArns), inlinePolicies: inlineMap(r.inlinePolicies),
        ...(r.lastUsed ? { lastUsed: { date: new Date(r.lastUsed.date), region: r.lastUsed.region } } : {}),
      });
    }
    for (const p of a.iam.policies) {
      const arn = p.arn ?? iamArn(a.id, 'policy', p.path, p.policyName);
      iam.policies.set(arn, {
        policyName: p.policyName, policyId: p.policyId, arn, path: p.path, description: p.description, document: p.document,
        createDate: new Date(p.createDate), updateDate: new Date(p.updateDate ?? p.createDate), defaultVersionId: p.defaultVersionId, attachmentCount: 0,
      });
    }
    for (const s of a.iam.samlProviders) iam.samlProviders.set(s.arn, { ...s, createDate: new Date(s.createDate) });
    const account: SimAccount = {
      id: a.id, name: a.name, email: a.email, status: a.status, joinedMethod: a.joinedMethod,
      joinedTimestamp: new Date(a.joinedTimestamp), parentId: a.parentId, iam,
      ...(a.outsideOrganization ? { outsideOrganization: true } : {}),
    };
    state.accounts.set(a.id, account);
  }
  const ic = f.identityCenter;
  if (ic) {
    const center: IdentityCenter = {
      instanceArn: ic.instanceArn, identityStoreId: ic.identityStoreId, region: ic.region, ownerAccountId: ic.ownerAccountId,
      ...(ic.name !== undefined ? { name: ic.name } : {}), createdDate: new Date(ic.createdDate),
      users: new Map(ic.users.map((u) => [u.userId, { ...u, createdAt: new Date(u.createdAt) }])),
      groups: new Map(ic.groups.map((g) => [g.groupId, { ...g, createdAt: new Date(g.createdAt) }])),
      memberships: new Map(ic.memberships.map((m) => [m.membershipId, m])),
      permissionSets: new Map(ic.permissionSets.map((p) => [p.arn, {
        ...p, createdDate: new Date(p.createdDate), managedPolicyArns: new Set(p.managedPolicyArns),
      }])),
      assignments: new Map(ic.assignments.map((a) => [assignmentKey(a), a])),
      provisioned: new Map(),
      operations: new Map(),
      scimTokens: new Set(),
      ...(ic.scimTenantId !== undefined ? { scimTenantId: ic.scimTenantId } : {}),
    };
    if (ic.provisioned) for (const p of ic.provisioned) center.provisioned.set(p.accountId, new Set(p.permissionSetArns));
    else for (const a of ic.assignments) {
      const set = center.provisioned.get(a.accountId) ?? new Set<string>();
      center.provisioned.set(a.accountId, set.add(a.permissionSetArn));
    }
    state.identityCenter = center;
  }
  return state;
}

/** The checks that need the built world: ou paths, RRCU's user and role, the derived effective assignments. */
function checkWorld(f: Fixture, state: SimState): Issue[] {
  const issues: Issue[] = [];
  f.accounts.forEach((a, i) => {
    if (a.ouPath === undefined || a.outsideOrganization) return;
    const actual = ouPathOf(state, a.parentId);
    if (a.ouPath !== actual) issues.push({ path: ['accounts', i, 'ouPath'], message: `says ${JSON.stringify(a.ouPath)} but parent ${a.parentId} is at ${JSON.stringify(actual)}` });
  });
  const user = /^arn:aws:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(f.rrcu.arn);
  if (!user || !state.accounts.get(user[1] as string)?.iam.users.has(user[2] as string)) {
    issues.push({ path: ['rrcu', 'arn'], message: `${f.rrcu.arn} is not the ARN of an IAM user in the fixture's accounts` });
  }
  const role = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(f.rrcu.connectorRoleArn);
  if (!role || !state.accounts.get(role[1] as string)?.iam.roles.has(role[2] as string)) {
    issues.push({ path: ['rrcu', 'connectorRoleArn'], message: `${f.rrcu.connectorRoleArn} is not the ARN of an IAM role in the fixture's accounts` });
  }
  if (f.effectiveAssignments) {
    const derived = effectiveAssignments(state.identityCenter);
    const key = (r: { accountId: string; permissionSetArn: string; userId: string; via: string | null }) => `${r.accountId}|${r.permissionSetArn}|${r.userId}|${r.via}`;
    const want = new Set(derived.map(key));
    const given = new Set(f.effectiveAssignments.map(key));
    const extra = f.effectiveAssignments.findIndex((r) => !want.has(key(r)));
    const missing = derived.find((r) => !given.has(key(r)));
    if (extra >= 0) issues.push({ path: ['effectiveAssignments', extra], message: 'no assignment and membership give this row; effectiveAssignments is derived, so leave it out or fix the assignments' });
    else if (missing) issues.push({ path: ['effectiveAssignments'], message: `lacks ${key(missing)}, which the assignments and memberships give; leave it out to have it derived` });
  }
  return issues;
}

/** Builds a world from a fixture; throws SimFixtureError naming the bad paths. */
export function worldFromFixture(fixture: unknown): SimWorld {
  const parsed = fixtureSchema.safeParse(fixture);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const f = parsed.data;
  const managed = new Set(awsManagedPolicies().keys());
  const refIssues = checkReferences(f, managed);
  if (refIssues.length > 0) throw invalid(refIssues);
  const state = buildState(f);
  const worldIssues = checkWorld(f, state);
  if (worldIssues.length > 0) throw invalid(worldIssues);

  const rrcuAccount = /^arn:aws:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(f.rrcu.arn) as RegExpExecArray;
  state.accessKeys.set(f.rrcu.accessKeyId, {
    accessKeyId: f.rrcu.accessKeyId, secretAccessKey: f.rrcu.secretAccessKey, accountId: rrcuAccount[1] as string,
    kind: 'user', principalName: rrcuAccount[2] as string,
  });
  state.accessKeys.set(f.admin.accessKeyId, { ...f.admin, accountId: f.managementAccountId, kind: 'root' });
  if (state.identityCenter && f.rrcu.scimToken !== '') state.identityCenter.scimTokens.add(f.rrcu.scimToken);
  countAttachments(state);
  return { state, rrcu: { ...f.rrcu }, admin: { ...f.admin } };
}
