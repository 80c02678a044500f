/**
 * Identity Center for a seeded world: users (a few disabled), team groups with memberships,
 * permission sets, account assignments (mostly to groups, fewer admin grants in production),
 * what is provisioned where, and the IAM roles AWS creates for each provisioned permission set.
 */
import type { Ids } from './ids.ts';
import { GROUP_SUFFIXES, TEAMS } from './names.ts';
import type { Rng } from './random.ts';
import { newCustomerPolicy } from './seed-iam.ts';
import type { AccountKind } from './seed-organization.ts';
import { choosePermissionSets, REFERENCED_POLICY_DOCUMENTS, type PermissionSetTier } from './seed-permission-sets.ts';
import { dateBetween, SEED_EPOCH, type Person } from './seed-people.ts';
import { ensureSsoReservedRole } from './sso-reserved-roles.ts';
import { assignmentKey, type AccountAssignment, type IdentityCenter, type PermissionSet, type SimState } from './state.ts';

export type IdentityCenterPlan = {
  region: string;
  ownerAccountId: string;
  createdAt: Date;
  people: readonly Person[];
  groups: number;
  permissionSets: number;
  /** Accounts to assign to, with their kind and, for sandboxes, the owner's index in `people`. */
  accounts: readonly { id: string; kind: AccountKind; ownerIndex?: number }[];
};

/** How likely each tier of permission set is to be assigned in each kind of account. */
const TIER_WEIGHTS: Record<AccountKind, Record<PermissionSetTier, number>> = {
  management: { admin: 1, billing: 3, read: 2, power: 0.2, specialist: 0.3 },
  production: { admin: 0.15, billing: 0.2, read: 3, power: 1, specialist: 1.5 },
  staging: { admin: 0.6, billing: 0.1, read: 2, power: 2, specialist: 1.5 },
  development: { admin: 1, billing: 0.1, read: 1.5, power: 3, specialist: 1 },
  security: { admin: 0.4, billing: 0, read: 3, power: 0.3, specialist: 2 },
  infrastructure: { admin: 0.6, billing: 0.1, read: 2, power: 1.5, specialist: 1.5 },
  sandbox: { admin: 0.5, billing: 0, read: 1, power: 1, specialist: 0.5 },
};

function groupName(i: number, teams: readonly string[]): string {
  const team = teams[i % teams.length] as string;
  const round = Math.floor(i / teams.length);
  const suffix = GROUP_SUFFIXES[round % GROUP_SUFFIXES.length] as string;
  const repeat = Math.floor(round / GROUP_SUFFIXES.length);
  return `${team}${suffix}${repeat > 0 ? ` ${repeat + 1}` : ''}`;
}

export function seedIdentityCenter(rng: Rng, ids: Ids, state: SimState, plan: IdentityCenterPlan): IdentityCenter {
  const instanceArn = ids.instanceArn();
  const identityStoreId = ids.identityStoreId();
  const since = plan.createdAt.getTime();
  const ic: IdentityCenter = {
    instanceArn, identityStoreId, region: plan.region, ownerAccountId: plan.ownerAccountId, createdDate: plan.createdAt,
    users: new Map(), groups: new Map(), memberships: new Map(), permissionSets: new Map(),
    assignments: new Map(), provisioned: new Map(), operations: new Map(), scimTokens: new Set(),
    scimTenantId: ids.uuid(),
  };

  const userIds: string[] = [];
  for (const person of plan.people) {
    const userId = ids.uuid();
    const formatted = `${person.givenName} ${person.familyName}`;
    ic.users.set(userId, {
      userId, userName: person.userName, displayName: formatted,
      name: { givenName: person.givenName, familyName: person.familyName, formatted },
      emails: [{ value: person.email, type: 'work', primary: true }],
      status: rng.chance(0.05) ? 'DISABLED' : 'ENABLED',
      createdAt: dateBetween(rng, since, SEED_EPOCH),
    });
    userIds.push(userId);
  }

  const teams = rng.shuffle(TEAMS);
  const groupIds: string[] = [];
  for (let i = 0; i < plan.groups; i++) {
    const groupId = ids.uuid();
    const displayName = groupName(i, teams);
    ic.groups.set(groupId, { groupId, displayName, description: `Members of ${displayName}`, createdAt: dateBetween(rng, since, SEED_EPOCH) });
    groupIds.push(groupId);
  }

  // Group sizes are uneven in real directories: earlier (bigger) teams draw more members.
  const skewedGroup = () => groupIds[Math.floor(groupIds.length * rng.next() ** 1.6)] as string;
  for (const userId of userIds) {
    if (groupIds.length === 0 || rng.chance(0.03)) continue;
    const want = Math.min(groupIds.length, rng.int(1, 3));
    const chosen = new Set<string>();
    for (let attempts = 0; chosen.size < want && attempts < 20; attempts++) chosen.add(skewedGroup());
    for (const groupId of chosen) {
      const membershipId = ids.uuid();
      ic.memberships.set(membershipId, { membershipId, groupId, userId });
    }
  }

  const defs = choosePermissionSets(plan.permissionSets);
  const sets: (PermissionSet & { tier: PermissionSetTier })[] = [];
  for (const def of defs) {
    const ps: PermissionSet = {
      arn: ids.permissionSetArn(instanceArn), name: def.name, description: def.description,
      sessionDuration: def.sessionDuration, relayState: def.relayState, createdDate: dateBetween(rng, since, since + 30 * 864e5),
      managedPolicyArns: new Set(def.managedArns), customerManagedPolicyReferences: def.customer ? def.customer.map((c) => ({ ...c })) : [],
      inlinePolicy: def.inline ? structuredClone(def.inline) : undefined,
    };
    ic.permissionSets.set(ps.arn, ps);
    sets.push({ ...ps, tier: def.tier });
  }

  const large = plan.groups >= 20;
  const skewedUser = () => userIds[Math.floor(userIds.length * rng.next() ** 1.3)] as string;
  const assign = (a: AccountAssignment) => ic.assignments.set(assignmentKey(a), a);
  for (const account of plan.accounts) {
    if (sets.length === 0 || (groupIds.length === 0 && userIds.length === 0)) break;
    const admin = sets.find((s) => s.name === 'SandboxAdmin') ?? sets.find((s) => s.tier === 'admin');
    if (account.kind === 'sandbox' && account.ownerIndex !== undefined && admin && userIds[account.ownerIndex]) {
      assign({ accountId: account.id, permissionSetArn: admin.arn, principalType: 'USER', principalId: userIds[account.ownerIndex] as string });
    }
    // Earlier permission sets in the catalogue are the staples (AdministratorAccess, ReadOnlyAccess), so more common.
    const weights = sets.map((s, i) => TIER_WEIGHTS[account.kind][s.tier] / (1 + i * 0.1));
    const want = account.kind === 'management' ? rng.int(2, large ? 5 : 3) : large ? rng.int(5, 15) : rng.int(2, 5);
    let made = 0;
    for (let attempts = 0; made < want && attempts < want * 5; attempts++) {
      const ps = rng.weighted(sets, weights);
      const toGroup = groupIds.length > 0 && (userIds.length === 0 || rng.chance(0.85));
      const a: AccountAssignment = {
        accountId: account.id, permissionSetArn: ps.arn,
        principalType: toGroup ? 'GROUP' : 'USER', principalId: toGroup ? skewedGroup() : skewedUser(),
      };
      if (ic.assignments.has(assignmentKey(a))) continue;
      assign(a);
      made++;
    }
  }

  for (const a of ic.assignments.values()) {
    let set = ic.provisioned.get(a.accountId);
    if (!set) ic.provisioned.set(a.accountId, (set = new Set()));
    set.add(a.permissionSetArn);
  }
  for (const [accountId, arns] of ic.provisioned) {
    const account = state.accounts.get(accountId);
    if (!account) continue;
    const at = dateBetween(rng, Math.max(since, account.joinedTimestamp.getTime()), SEED_EPOCH);
    for (const arn of arns) {
      const ps = ic.permissionSets.get(arn) as PermissionSet;
      // AWS refuses to provision a permission set whose customer-managed policies are missing, so they exist.
      for (const ref of ps.customerManagedPolicyReferences) {
        const policyArn = `arn:aws:iam::${accountId}:policy${ref.path}${ref.name}`;
        if (account.iam.policies.has(policyArn)) continue;
        const document = REFERENCED_POLICY_DOCUMENTS[ref.name] ?? { Version: '2012-10-17', Statement: [] };
        account.iam.policies.set(policyArn, newCustomerPolicy(accountId, { name: ref.name, path: ref.path, policyId: ids.iamId('ANPA'), document, createDate: at }));
      }
      ensureSsoReservedRole(account.iam, accountId, ic, ps, at);
    }
  }
  return ic;
}
