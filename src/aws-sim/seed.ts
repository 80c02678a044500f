/**
 * Seeds a simulated AWS world from a few numbers: an organisation with realistic accounts, OUs, IAM
 * in every account, IAM Identity Center with users, groups, permission sets and assignments, RRCU's
 * connector role in the management account, and the keys RRCU and an administrator sign with.
 * The same options give the same world, ids included: nothing here reads the clock or Math.random.
 */
import { awsManagedPolicies } from './aws-managed-policies.ts';
import { createIds } from './ids.ts';
import { COMPANIES } from './names.ts';
import { createRng } from './random.ts';
import { connectorInlinePolicy, trustPolicyFor } from './reference-policies.ts';
import { countAttachments, newIamRole, newIamUser, seedAccountIam } from './seed-iam.ts';
import { seedCustomerPolicyDrift } from './seed-customer-policies.ts';
import { seedEnterpriseAttributes } from './seed-enterprise.ts';
import { seedIamDetail } from './seed-iam-detail.ts';
import { seedIdentityCenter } from './seed-identity-center.ts';
import { OU_PATHS, planAccounts, type AccountKind } from './seed-organization.ts';
import { dateBetween, drawPeople, SEED_EPOCH, SEED_START } from './seed-people.ts';
import { emptyIamAccount, type Organization, type SimAccount, type SimState, type SimWorld } from './state.ts';

export { exportGroundTruth, effectiveAssignments } from './ground-truth.ts';
export type { EffectiveAssignment, GroundTruth, SimFixture } from './ground-truth.ts';

export type SeedOptions = {
  /** Default 1; the same options and seed give the identical world, ids included. */
  seed?: number;
  /** Member accounts besides the management account (default 4). */
  accounts?: number;
  /** Default 5. */
  permissionSets?: number;
  /** Identity Center users (default 20). */
  users?: number;
  /** Identity Center groups (default 5). */
  groups?: number;
  /** IAM users in the management account and in each member account (default 3). */
  iamUsersPerAccount?: number;
  /** Default true; false gives a lone account without an organisation (AWSOrganizationsNotInUseException). */
  organizations?: boolean;
  /** Default 'us-east-1'; null gives no Identity Center instance. */
  identityCenterRegion?: string | null;
  /** The External ID in the connector role's trust policy (default derived from the seed). */
  externalId?: string;
  /** The connector role's inline policy: the setup guide's (default) or its Terraform variant, which lacks identitystore:GetGroupMembershipId. */
  connectorPolicy?: 'reference' | 'terraform';
  /** The role in every member account that trusts the management account (default 'OrganizationAccountAccessRole'). */
  crossAccountRoleName?: string;
  /**
   * Default true: the connector role may assume `crossAccountRoleName` in member accounts (one statement
   * appended to the guide's policy), so RRCU can sync IAM across the organisation.
   */
  crossAccountAccess?: boolean;
  /**
   * Default false: the connector role may also call iam:GetAccountAuthorizationDetails and the credential
   * report in the management account (`iamDetailStatement`, which RRCU's own setup policy has and the
   * guide's lacks). Member accounts' cross-account role has AdministratorAccess, so it may anyway.
   */
  iamDetailAccess?: boolean;
};

export const CONNECTOR_ROLE_NAME = 'RRCUIntegration';
export const CONNECTOR_POLICY_NAME = 'RRCUPermissions';
export const RRCU_USER_NAME = 'rrcu';

export function scimPathFor(tenantId: string): string {
  return `/scim/${tenantId}/scim/v2`;
}

export function seedWorld(options: SeedOptions = {}): SimWorld {
  const seed = options.seed ?? 1;
  const memberCount = options.organizations === false ? 0 : Math.max(0, options.accounts ?? 4);
  const region = options.identityCenterRegion === undefined ? 'us-east-1' : options.identityCenterRegion;
  const crossAccountRoleName = options.crossAccountRoleName ?? 'OrganizationAccountAccessRole';

  // One independent stream per part of the world, drawn in a fixed order.
  const root = createRng(seed);
  const rng = {
    company: root.fork('company'), people: root.fork('people'), accounts: root.fork('accounts'),
    organization: root.fork('organization'), iam: root.fork('iam'), identityCenter: root.fork('identity-center'),
    keys: root.fork('keys'), iamDetail: root.fork('iam-detail'), enterprise: root.fork('enterprise'),
    customerPolicies: root.fork('customer-policies'),
  };
  const company = rng.company.pick(COMPANIES);
  const domain = `${company}.example`;
  const taken = new Set<string>();
  const staff = drawPeople(rng.people, Math.max(0, options.users ?? 20), domain, taken);
  const outsiders = drawPeople(rng.people, Math.max(4, Math.ceil(staff.length / 10)), domain, taken);

  const accountIds = createIds(rng.accounts);
  const usedIds = new Set<string>();
  const newAccountId = () => {
    let id = accountIds.accountId();
    while (usedIds.has(id)) id = accountIds.accountId();
    usedIds.add(id);
    return id;
  };
  const managementAccountId = newAccountId();
  const hostAccountId = newAccountId();

  const orgIds = createIds(rng.organization);
  const orgCreated = dateBetween(rng.organization, SEED_START, SEED_START + 30 * 864e5);
  const state: SimState = {
    partition: 'aws', organization: null, managementAccountId, accounts: new Map(), createAccountRequests: new Map(),
    identityCenter: null, awsManagedPolicies: awsManagedPolicies(), accessKeys: new Map(),
  };
  const email = (name: string) => `aws+${name}@${domain}`;
  const managementName = `${company}-management`;
  const management: SimAccount = {
    id: managementAccountId, name: managementName, email: email(managementName), status: 'ACTIVE',
    joinedMethod: 'INVITED', joinedTimestamp: orgCreated, parentId: '', iam: emptyIamAccount(),
  };
  state.accounts.set(managementAccountId, management);

  const plannedAccounts = planAccounts(rng.organization, memberCount, staff);
  const kinds = new Map<string, { kind: AccountKind; ownerIndex?: number }>([[managementAccountId, { kind: 'management' }]]);
  if (options.organizations !== false) {
    const organizationId = orgIds.organizationId();
    const rootId = orgIds.rootId();
    const arnBase = `arn:aws:organizations::${managementAccountId}`;
    const org: Organization = {
      id: organizationId, arn: `${arnBase}:organization/${organizationId}`, featureSet: 'ALL',
      managementAccountId, managementAccountEmail: management.email, rootId, rootArn: `${arnBase}:root/${organizationId}/${rootId}`,
      ous: new Map(),
    };
    const ouByPath = new Map<string, string>();
    for (const path of OU_PATHS) {
      const slash = path.lastIndexOf('/');
      const parentId = slash < 0 ? rootId : (ouByPath.get(path.slice(0, slash)) as string);
      const id = orgIds.ouId(rootId);
      org.ous.set(id, { id, arn: `${arnBase}:ou/${organizationId}/${id}`, name: path.slice(slash + 1), parentId });
      ouByPath.set(path, id);
    }
    state.organization = org;
    management.parentId = rootId;

    // Accounts joined one after another over the two years; the oldest were invited, later ones created.
    const joined = plannedAccounts.map(() => dateBetween(rng.organization, orgCreated.getTime() + 864e5, SEED_EPOCH - 30 * 864e5))
      .sort((a, b) => a.getTime() - b.getTime());
    plannedAccounts.forEach((p, i) => {
      const id = newAccountId();
      const joinedTimestamp = joined[i] as Date;
      state.accounts.set(id, {
        id, name: p.name, email: email(p.name), status: p.suspended ? 'SUSPENDED' : 'ACTIVE',
        joinedMethod: i < plannedAccounts.length / 10 && rng.organization.chance(0.5) ? 'INVITED' : 'CREATED',
        joinedTimestamp, parentId: ouByPath.get(p.ouPath) ?? rootId, iam: emptyIamAccount(),
      });
      kinds.set(id, { kind: p.kind, ownerIndex: p.ownerIndex });
    });
  }

  const iamIds = createIds(rng.iam);
  for (const account of state.accounts.values()) {
    const kind = kinds.get(account.id)?.kind ?? 'management';
    seedAccountIam(rng.iam, iamIds, account.iam, {
      accountId: account.id, accountName: account.name, kind, createdAt: account.joinedTimestamp,
      staff, outsiders, iamUsers: Math.max(0, options.iamUsersPerAccount ?? 3), company,
      crossAccountRole: account.id === managementAccountId || !state.organization ? null : { name: crossAccountRoleName, managementAccountId },
    });
  }

  const keyIds = createIds(rng.keys);
  const externalId = options.externalId ?? keyIds.token(32);
  let scimToken = '';
  let scimPath = '';
  if (region !== null) {
    const icIds = createIds(rng.identityCenter);
    const ic = seedIdentityCenter(rng.identityCenter, icIds, state, {
      region, ownerAccountId: managementAccountId, people: staff,
      createdAt: dateBetween(rng.identityCenter, orgCreated.getTime() + 864e5, orgCreated.getTime() + 30 * 864e5),
      groups: Math.max(0, options.groups ?? 5), permissionSets: Math.max(0, options.permissionSets ?? 5),
      accounts: [...state.accounts.values()].map((a) => ({ id: a.id, ...(kinds.get(a.id) ?? { kind: 'management' as const }) })),
    });
    scimToken = keyIds.token(64);
    ic.scimTokens.add(scimToken);
    scimPath = scimPathFor(ic.scimTenantId as string);
    state.identityCenter = ic;
    seedEnterpriseAttributes(rng.enterprise, ic, company);
  }

  const detailIds = createIds(rng.iamDetail);
  let externalAccountId = detailIds.accountId();
  while (usedIds.has(externalAccountId)) externalAccountId = detailIds.accountId();
  const organizationAccountIds = state.organization ? [...state.accounts.keys()] : [];
  const vendorAccountId = organizationAccountIds.find((id) => id !== managementAccountId);
  for (const account of state.accounts.values()) {
    seedIamDetail(rng.iamDetail, detailIds, account.iam, {
      accountId: account.id, kind: kinds.get(account.id)?.kind ?? 'management', createdAt: account.joinedTimestamp,
      managementAccountId, organizationAccountIds, externalAccountId, vendorRole: account.id === vendorAccountId,
    });
  }

  seedCustomerPolicyDrift(rng.customerPolicies, state);

  // RRCU runs in a vendor's account outside the organisation, as the reference product does.
  const host: SimAccount = {
    id: hostAccountId, name: 'rrcu-host', email: 'aws+rrcu-host@rrcu.example', status: 'ACTIVE', joinedMethod: 'CREATED',
    joinedTimestamp: orgCreated, parentId: '', iam: emptyIamAccount(), outsideOrganization: true,
  };
  const rrcuUser = newIamUser(hostAccountId, RRCU_USER_NAME, keyIds.iamId('AIDA'), dateBetween(rng.keys, SEED_EPOCH - 60 * 864e5, SEED_EPOCH - 30 * 864e5));
  rrcuUser.inlinePolicies.set('AssumeConnectorRoles', {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
  });
  host.iam.users.set(rrcuUser.userName, rrcuUser);
  state.accounts.set(hostAccountId, host);

  const connector = newIamRole(managementAccountId, {
    roleName: CONNECTOR_ROLE_NAME, roleId: keyIds.iamId('AROA'), createDate: dateBetween(rng.keys, SEED_EPOCH - 30 * 864e5, SEED_EPOCH),
    trust: trustPolicyFor(rrcuUser.arn, externalId), description: 'RRCU connector: reads identities and access, provisions grants',
  });
  const crossAccount = options.crossAccountAccess !== false && state.organization !== null;
  connector.inlinePolicies.set(CONNECTOR_POLICY_NAME, connectorInlinePolicy(options.connectorPolicy ?? 'reference', crossAccount ? crossAccountRoleName : null, options.iamDetailAccess === true));
  management.iam.roles.set(connector.roleName, connector);

  const rrcuKey = { accessKeyId: keyIds.accessKeyId(), secretAccessKey: keyIds.secretAccessKey() };
  state.accessKeys.set(rrcuKey.accessKeyId, { ...rrcuKey, accountId: hostAccountId, kind: 'user', principalName: RRCU_USER_NAME });
  const adminKey = { accessKeyId: keyIds.accessKeyId(), secretAccessKey: keyIds.secretAccessKey() };
  state.accessKeys.set(adminKey.accessKeyId, { ...adminKey, accountId: managementAccountId, kind: 'root' });

  countAttachments(state);
  return {
    state,
    rrcu: { ...rrcuKey, arn: rrcuUser.arn, connectorRoleArn: connector.arn, externalId, scimToken, scimPath },
    admin: adminKey,
  };
}
