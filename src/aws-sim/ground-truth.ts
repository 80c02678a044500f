/**
 * The whole simulated world as plain JSON, and the access RRCU's sync must reproduce from it: every
 * account assignment expanded to the users it reaches (`effectiveAssignments`).
 */
import type { EffectiveAssignment, GroundTruth } from './ground-truth-schema.ts';
import { accessKeysOf } from './services/iam/access-keys.ts';
import type { IamAccessKey, IdentityCenter, PolicyDocument, SimState } from './state.ts';

export type { EffectiveAssignment, GroundTruth, SimFixture } from './ground-truth-schema.ts';

const iso = (d: Date) => d.toISOString();
const accessKey = (k: IamAccessKey) => ({
  accessKeyId: k.accessKeyId, status: k.status, createDate: iso(k.createDate),
  ...(k.lastUsed ? { lastUsed: { date: iso(k.lastUsed.date), region: k.lastUsed.region, serviceName: k.lastUsed.serviceName } } : {}),
});
const inline = (m: Map<string, PolicyDocument>) => [...m].map(([policyName, document]) => ({ policyName, document: structuredClone(document) }));

/** `Workloads/Production` for an OU id; '' for the root; null for a parent the organisation does not know. */
export function ouPathOf(state: SimState, parentId: string): string | null {
  const org = state.organization;
  if (!org) return null;
  const names: string[] = [];
  for (let id = parentId; id !== org.rootId; ) {
    const ou = org.ous.get(id);
    if (!ou || names.length > 10) return null;
    names.unshift(ou.name);
    id = ou.parentId;
  }
  return names.join('/');
}

/** Expands the instance's assignments to users: one row per (account, permission set, user, path). */
export function effectiveAssignments(ic: IdentityCenter | null): EffectiveAssignment[] {
  if (!ic) return [];
  const membersOf = new Map<string, Set<string>>();
  for (const m of ic.memberships.values()) {
    let set = membersOf.get(m.groupId);
    if (!set) membersOf.set(m.groupId, (set = new Set()));
    set.add(m.userId);
  }
  const rows: EffectiveAssignment[] = [];
  for (const a of ic.assignments.values()) {
    const permissionSetName = ic.permissionSets.get(a.permissionSetArn)?.name ?? a.permissionSetArn;
    const base = { accountId: a.accountId, permissionSetArn: a.permissionSetArn, permissionSetName };
    if (a.principalType === 'USER') rows.push({ ...base, userId: a.principalId, via: null });
    else for (const userId of membersOf.get(a.principalId) ?? []) rows.push({ ...base, userId, via: a.principalId });
  }
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return rows.sort((x, y) =>
    cmp(x.accountId, y.accountId) || cmp(x.permissionSetArn, y.permissionSetArn) || cmp(x.userId, y.userId) ||
    (x.via === y.via ? 0 : x.via === null ? -1 : y.via === null ? 1 : cmp(x.via, y.via)));
}

export function exportGroundTruth(state: SimState): GroundTruth {
  const org = state.organization;
  const ic = state.identityCenter;
  return {
    managementAccountId: state.managementAccountId,
    organization: org && {
      id: org.id, arn: org.arn, featureSet: org.featureSet, rootId: org.rootId, rootArn: org.rootArn,
      ous: [...org.ous.values()].map((ou) => ({ id: ou.id, arn: ou.arn, name: ou.name, parentId: ou.parentId, path: ouPathOf(state, ou.id) ?? ou.name })),
    },
    accounts: [...state.accounts.values()].map((a) => ({
      id: a.id, name: a.name, email: a.email, status: a.status, joinedMethod: a.joinedMethod,
      joinedTimestamp: iso(a.joinedTimestamp), parentId: a.parentId,
      ouPath: a.outsideOrganization ? null : ouPathOf(state, a.parentId),
      ...(a.outsideOrganization ? { outsideOrganization: true } : {}),
      iam: {
        aliases: [...a.iam.aliases],
        ...(a.iam.root ? { root: { mfaActive: a.iam.root.mfaActive, ...(a.iam.root.passwordLastUsed ? { passwordLastUsed: iso(a.iam.root.passwordLastUsed) } : {}) } } : {}),
        users: [...a.iam.users.values()].map((u) => ({
          userName: u.userName, userId: u.userId, arn: u.arn, path: u.path, createDate: iso(u.createDate),
          ...(u.passwordLastUsed ? { passwordLastUsed: iso(u.passwordLastUsed) } : {}),
          ...(u.password ? { password: { lastChanged: iso(u.password.lastChanged) } } : {}),
          mfaActive: u.mfaActive === true, accessKeys: accessKeysOf(state, a.id, u).map(accessKey),
          tags: u.tags.map((t) => ({ ...t })), attachedPolicyArns: [...u.attachedPolicyArns], inlinePolicies: inline(u.inlinePolicies),
        })),
        groups: [...a.iam.groups.values()].map((g) => ({
          groupName: g.groupName, groupId: g.groupId, arn: g.arn, path: g.path, createDate: iso(g.createDate),
          members: [...g.members], attachedPolicyArns: [...g.attachedPolicyArns], inlinePolicies: inline(g.inlinePolicies),
        })),
        roles: [...a.iam.roles.values()].map((r) => ({
          roleName: r.roleName, roleId: r.roleId, arn: r.arn, path: r.path, createDate: iso(r.createDate),
          ...(r.description !== undefined ? { description: r.description } : {}),
          maxSessionDuration: r.maxSessionDuration, assumeRolePolicyDocument: structuredClone(r.assumeRolePolicyDocument),
          tags: r.tags.map((t) => ({ ...t })), attachedPolicyArns: [...r.attachedPolicyArns], inlinePolicies: inline(r.inlinePolicies),
          ...(r.lastUsed ? { lastUsed: { date: iso(r.lastUsed.date), region: r.lastUsed.region } } : {}),
        })),
        policies: [...a.iam.policies.values()].map((p) => ({
          policyName: p.policyName, policyId: p.policyId, arn: p.arn, path: p.path,
          ...(p.description !== undefined ? { description: p.description } : {}),
          document: structuredClone(p.document), createDate: iso(p.createDate), updateDate: iso(p.updateDate),
          defaultVersionId: p.defaultVersionId, attachmentCount: p.attachmentCount,
        })),
        samlProviders: [...a.iam.samlProviders.values()].map((s) => ({ arn: s.arn, name: s.name, metadataDocument: s.metadataDocument, createDate: iso(s.createDate) })),
      },
    })),
    identityCenter: ic && {
      instanceArn: ic.instanceArn, identityStoreId: ic.identityStoreId, region: ic.region, ownerAccountId: ic.ownerAccountId,
      ...(ic.name !== undefined ? { name: ic.name } : {}),
      createdDate: iso(ic.createdDate),
      ...(ic.scimTenantId !== undefined ? { scimTenantId: ic.scimTenantId } : {}),
      users: [...ic.users.values()].map((u) => ({
        userId: u.userId, userName: u.userName, displayName: u.displayName, name: { ...u.name },
        emails: u.emails.map((e) => ({ ...e })), status: u.status,
        ...(u.externalIds ? { externalIds: u.externalIds.map((e) => ({ ...e })) } : {}),
        ...(u.title !== undefined ? { title: u.title } : {}),
        ...(u.enterprise ? { enterprise: { ...u.enterprise } } : {}),
        createdAt: iso(u.createdAt),
      })),
      groups: [...ic.groups.values()].map((g) => ({
        groupId: g.groupId, displayName: g.displayName, ...(g.description !== undefined ? { description: g.description } : {}), createdAt: iso(g.createdAt),
      })),
      memberships: [...ic.memberships.values()].map((m) => ({ ...m })),
      permissionSets: [...ic.permissionSets.values()].map((p) => ({
        arn: p.arn, name: p.name, ...(p.description !== undefined ? { description: p.description } : {}),
        sessionDuration: p.sessionDuration, ...(p.relayState !== undefined ? { relayState: p.relayState } : {}),
        createdDate: iso(p.createdDate), managedPolicyArns: [...p.managedPolicyArns],
        customerManagedPolicyReferences: p.customerManagedPolicyReferences.map((r) => ({ ...r })),
        ...(p.inlinePolicy ? { inlinePolicy: structuredClone(p.inlinePolicy) } : {}),
      })),
      assignments: [...ic.assignments.values()].map((a) => ({ ...a })),
      provisioned: [...ic.provisioned].map(([accountId, arns]) => ({ accountId, permissionSetArns: [...arns] })),
    },
    effectiveAssignments: effectiveAssignments(ic),
  };
}
