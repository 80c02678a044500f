/**
 * The simulator's in-memory world: one AWS organisation (or a lone account), its IAM per account,
 * and one IAM Identity Center instance. Every service handler reads and writes this, and the seeder
 * builds it; it holds data only, no protocol concerns.
 *
 * Ids follow AWS's formats (account ids of 12 digits, `AIDA…` user ids, `d-…` identity store ids,
 * UUIDs for Identity Store users and groups) so clients that validate them accept them.
 */

export type PolicyDocument = {
  Version?: string;
  Statement: PolicyStatement | PolicyStatement[];
};

export type PolicyStatement = {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: '*' | { AWS?: string | string[]; Service?: string | string[]; Federated?: string | string[] };
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
};

export type Tag = { Key: string; Value: string };

/** A customer-managed policy in one account, or an AWS-managed one in `SimState.awsManagedPolicies`. */
export type ManagedPolicy = {
  policyName: string;
  policyId: string;
  arn: string;
  path: string;
  description?: string;
  document: PolicyDocument;
  createDate: Date;
  updateDate: Date;
  defaultVersionId: string;
  /** Kept up to date by attach/detach so ListPolicies can report it. */
  attachmentCount: number;
};

/** Policies attached to an IAM principal: managed by ARN, inline by name. */
export type PolicyAttachments = {
  attachedPolicyArns: Set<string>;
  inlinePolicies: Map<string, PolicyDocument>;
};

/** An IAM user's access key as ListAccessKeys and the credential report see it (its secret is not kept). */
export type IamAccessKey = {
  accessKeyId: string;
  status: 'Active' | 'Inactive';
  createDate: Date;
  lastUsed?: { date: Date; region: string; serviceName: string };
};

export type IamUser = PolicyAttachments & {
  userName: string;
  userId: string;
  arn: string;
  path: string;
  createDate: Date;
  passwordLastUsed?: Date;
  /** The console password (login profile), when the user has one: when it was last set. */
  password?: { lastChanged: Date };
  mfaActive?: boolean;
  /** Keys listed by ListAccessKeys beside any signing key of `SimState.accessKeys` for this user. */
  accessKeys?: IamAccessKey[];
  tags: Tag[];
  /** Names of the groups the user is in; mirrored by `IamGroup.members`. */
  groups: Set<string>;
};

export type IamGroup = PolicyAttachments & {
  groupName: string;
  groupId: string;
  arn: string;
  path: string;
  createDate: Date;
  /** User names; mirrored by `IamUser.groups`. */
  members: Set<string>;
};

export type IamRole = PolicyAttachments & {
  roleName: string;
  roleId: string;
  arn: string;
  path: string;
  createDate: Date;
  description?: string;
  maxSessionDuration: number;
  /** The trust policy, as a parsed document; IAM returns it URL-encoded JSON. */
  assumeRolePolicyDocument: PolicyDocument;
  tags: Tag[];
  /** RoleLastUsed: when and in which region a session of the role last made a call. */
  lastUsed?: { date: Date; region: string };
};

export type SamlProvider = { arn: string; name: string; metadataDocument: string; createDate: Date };

export type IamAccount = {
  aliases: string[];
  users: Map<string, IamUser>;
  groups: Map<string, IamGroup>;
  roles: Map<string, IamRole>;
  /** Customer-managed policies by ARN. */
  policies: Map<string, ManagedPolicy>;
  samlProviders: Map<string, SamlProvider>;
  /** The root user's row of the credential report; MFA is on when left out. */
  root?: { mfaActive: boolean; passwordLastUsed?: Date };
  /** The last GenerateCredentialReport: STARTED until the next call completes it, kept four hours. */
  credentialReport?: { generatedTime: Date; complete: boolean; csv: string };
};

export type AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';

export type SimAccount = {
  id: string;
  name: string;
  email: string;
  status: AccountStatus;
  joinedMethod: 'INVITED' | 'CREATED';
  joinedTimestamp: Date;
  /** The root (`r-…`) or OU (`ou-…`) id that holds the account. */
  parentId: string;
  iam: IamAccount;
  /**
   * True for an account that exists but is no member of the organisation, such as the vendor's
   * account RRCU itself runs in: it can sign requests, but Organizations never lists it.
   */
  outsideOrganization?: boolean;
};

export type OrganizationalUnit = { id: string; arn: string; name: string; parentId: string };

export type Organization = {
  id: string;
  arn: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  managementAccountId: string;
  managementAccountEmail: string;
  rootId: string;
  rootArn: string;
  ous: Map<string, OrganizationalUnit>;
};

/** An asynchronous CreateAccount request of Organizations. */
export type CreateAccountRequest = {
  id: string;
  accountName: string;
  state: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  requestedTimestamp: Date;
  completedTimestamp?: Date;
  accountId?: string;
  failureReason?: string;
};

export type SsoUserStatus = 'ENABLED' | 'DISABLED';

export type SsoUser = {
  userId: string;
  userName: string;
  displayName: string;
  name: { givenName: string; familyName: string; formatted?: string };
  emails: { value: string; type?: string; primary?: boolean }[];
  /** Identity Store's `UserStatus`; SCIM reports it as `active`. */
  status: SsoUserStatus;
  externalIds?: { issuer: string; id: string }[];
  /** Identity Store's `Title`. */
  title?: string;
  /** The `aws:identitystore:enterprise` extension, returned only when a caller asks for it. */
  enterprise?: EnterpriseAttributes;
  createdAt: Date;
};

/** The enterprise extension's attributes (SCIM's enterprise user); `manager` is the manager's user id. */
export type EnterpriseAttributes = {
  employeeNumber?: string;
  costCenter?: string;
  organization?: string;
  division?: string;
  department?: string;
  manager?: string;
};

export type SsoGroup = {
  groupId: string;
  displayName: string;
  description?: string;
  createdAt: Date;
};

export type GroupMembership = { membershipId: string; groupId: string; userId: string };

export type PermissionSet = {
  arn: string;
  name: string;
  description?: string;
  /** ISO-8601 duration, e.g. `PT1H`. */
  sessionDuration: string;
  relayState?: string;
  createdDate: Date;
  managedPolicyArns: Set<string>;
  customerManagedPolicyReferences: { name: string; path: string }[];
  inlinePolicy?: PolicyDocument;
};

export type PrincipalType = 'USER' | 'GROUP';

export type AccountAssignment = {
  accountId: string;
  permissionSetArn: string;
  principalType: PrincipalType;
  principalId: string;
};

/** One CreateAccountAssignment / DeleteAccountAssignment / ProvisionPermissionSet request and its progress. */
export type AssignmentOperation = {
  requestId: string;
  kind: 'CREATE' | 'DELETE' | 'PROVISION';
  status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  failureReason?: string;
  assignment: AccountAssignment;
  createdDate: Date;
  /** When the operation completes (simulated clock, ms since epoch); set from the configured delay. */
  completesAt: number;
  /** Who started it: in the management account, its IAM calls are made with this caller's permissions. */
  requestedBy?: { key: AccessKey; arn: string };
};

export type IdentityCenter = {
  instanceArn: string;
  identityStoreId: string;
  /** The region the instance lives in; calls to sso-admin/identitystore in other regions see no instance. */
  region: string;
  ownerAccountId: string;
  name?: string;
  createdDate: Date;
  users: Map<string, SsoUser>;
  groups: Map<string, SsoGroup>;
  memberships: Map<string, GroupMembership>;
  permissionSets: Map<string, PermissionSet>;
  /** Keyed by `assignmentKey()`. */
  assignments: Map<string, AccountAssignment>;
  /** account id → permission set ARNs provisioned to that account. */
  provisioned: Map<string, Set<string>>;
  operations: Map<string, AssignmentOperation>;
  /** SCIM bearer tokens accepted by `/scim/v2`. */
  scimTokens: Set<string>;
  /** The tenant segment of the instance's SCIM endpoint, served at `/scim/<tenant>/scim/v2` as AWS does. */
  scimTenantId?: string;
};

/** An access key the simulator accepts: a configured IAM user key or an assumed-role session. */
export type AccessKey = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  accountId: string;
  kind: 'root' | 'user' | 'assumed-role';
  /** For `user`: the user name. For `assumed-role`: the role name. */
  principalName?: string;
  /** For `assumed-role`: the session name given to AssumeRole. */
  sessionName?: string;
  expiration?: Date;
};

export type SimState = {
  partition: 'aws';
  /** Null when the management account has not created an organisation (AWSOrganizationsNotInUseException). */
  organization: Organization | null;
  /** The account that owns the organisation, or the lone account. */
  managementAccountId: string;
  accounts: Map<string, SimAccount>;
  createAccountRequests: Map<string, CreateAccountRequest>;
  identityCenter: IdentityCenter | null;
  awsManagedPolicies: Map<string, ManagedPolicy>;
  accessKeys: Map<string, AccessKey>;
};

/** A simulated AWS: its state, and the keys RRCU and an administrator sign with (seeded, or read from a fixture). */
export type SimWorld = {
  state: SimState;
  rrcu: {
    /** The identity RRCU itself runs as: an IAM user in a separate "RRCU host" account outside the organisation. */
    accessKeyId: string;
    secretAccessKey: string;
    arn: string;
    /** The connector role in the management account (path '/', name 'RRCUIntegration'), trusting `arn` with sts:ExternalId = externalId. */
    connectorRoleArn: string;
    externalId: string;
    /**
     * A bearer token accepted by the SCIM API, and the path prefix of that API on the simulator
     * ('/scim/<tenant>/scim/v2'); both empty when the world has no Identity Center instance.
     */
    scimToken: string;
    scimPath: string;
  };
  /** A root key of the management account (all actions allowed), for administrators building an org in tests. */
  admin: { accessKeyId: string; secretAccessKey: string };
};

export function assignmentKey(a: AccountAssignment): string {
  return `${a.accountId}|${a.permissionSetArn}|${a.principalType}|${a.principalId}`;
}

export function emptyIamAccount(): IamAccount {
  return { aliases: [], users: new Map(), groups: new Map(), roles: new Map(), policies: new Map(), samlProviders: new Map() };
}
