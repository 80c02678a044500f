/**
 * The JSON form of a simulated world: what `exportGroundTruth` writes and, with the `rrcu` and
 * `admin` parts added, what `worldFromFixture` reads. Dates are ISO-8601 strings, sets and maps are
 * arrays in the world's order (handlers page in that order). ARNs that follow from names may be
 * left out of a hand-written fixture; the export always writes them.
 */
import { z } from 'zod';

const text = z.string().min(1);
const date = z.iso.datetime();
const stringOrList = z.union([z.string(), z.array(z.string())]);

const statement = z.strictObject({
  Sid: z.string().optional(),
  Effect: z.enum(['Allow', 'Deny']),
  Action: stringOrList.optional(),
  NotAction: stringOrList.optional(),
  Resource: stringOrList.optional(),
  NotResource: stringOrList.optional(),
  Principal: z.union([
    z.literal('*'),
    z.strictObject({ AWS: stringOrList.optional(), Service: stringOrList.optional(), Federated: stringOrList.optional() }),
  ]).optional(),
  Condition: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean()]))).optional(),
});

export const policyDocumentSchema = z.strictObject({
  Version: z.string().optional(),
  Statement: z.union([statement, z.array(statement)]),
});

const tags = z.array(z.strictObject({ Key: text, Value: z.string() })).default([]);
const inlinePolicies = z.array(z.strictObject({ policyName: text, document: policyDocumentSchema })).default([]);
const attached = z.array(text).default([]);

/** An access key as ListAccessKeys and the credential report give it; `lastUsed` absent when never used. */
const accessKey = z.strictObject({
  accessKeyId: z.string().regex(/^AKIA[A-Z2-7]{16}$/, 'an access key id is AKIA and 16 upper-case letters or digits 2-7'),
  status: z.enum(['Active', 'Inactive']).default('Active'), createDate: date,
  lastUsed: z.strictObject({ date, region: text, serviceName: text }).optional(),
});

const iamUser = z.strictObject({
  userName: text, userId: text, arn: text.optional(), path: text.default('/'), createDate: date,
  passwordLastUsed: date.optional(),
  /** The console password, when the user has one (the credential report's password_enabled). */
  password: z.strictObject({ lastChanged: date }).optional(),
  mfaActive: z.boolean().default(false),
  accessKeys: z.array(accessKey).default([]),
  tags, attachedPolicyArns: attached, inlinePolicies,
});

const iamGroup = z.strictObject({
  groupName: text, groupId: text, arn: text.optional(), path: text.default('/'), createDate: date,
  /** User names of the members. */
  members: z.array(text).default([]), attachedPolicyArns: attached, inlinePolicies,
});

const iamRole = z.strictObject({
  roleName: text, roleId: text, arn: text.optional(), path: text.default('/'), createDate: date,
  description: z.string().optional(), maxSessionDuration: z.number().int().min(3600).max(43200).default(3600),
  assumeRolePolicyDocument: policyDocumentSchema, tags, attachedPolicyArns: attached, inlinePolicies,
  /** GetRole's and GetAccountAuthorizationDetails' RoleLastUsed. */
  lastUsed: z.strictObject({ date, region: text }).optional(),
});

const customerPolicy = z.strictObject({
  policyName: text, policyId: text, arn: text.optional(), path: text.default('/'), description: z.string().optional(),
  document: policyDocumentSchema, createDate: date, updateDate: date.optional(), defaultVersionId: text.default('v1'),
  /** Recounted on import from the principals that attach the policy. */
  attachmentCount: z.number().int().min(0).optional(),
});

const samlProvider = z.strictObject({ arn: text, name: text, metadataDocument: z.string(), createDate: date });

const account = z.strictObject({
  id: z.string().regex(/^\d{12}$/, 'an account id is 12 digits'),
  name: text,
  email: text,
  status: z.enum(['ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE']).default('ACTIVE'),
  joinedMethod: z.enum(['INVITED', 'CREATED']).default('CREATED'),
  joinedTimestamp: date,
  /** The root or OU id holding the account; empty outside an organisation. */
  parentId: z.string(),
  /** The OU path below the root (`Workloads/Production`), '' at the root, null outside the organisation. Written by the export; checked against parentId on import. */
  ouPath: z.string().nullable().optional(),
  outsideOrganization: z.boolean().optional(),
  iam: z.strictObject({
    aliases: z.array(text).default([]),
    /** The credential report's `<root_account>` row; MFA on when left out. */
    root: z.strictObject({ mfaActive: z.boolean(), passwordLastUsed: date.optional() }).optional(),
    users: z.array(iamUser).default([]),
    groups: z.array(iamGroup).default([]),
    roles: z.array(iamRole).default([]),
    policies: z.array(customerPolicy).default([]),
    samlProviders: z.array(samlProvider).default([]),
  }),
});

const organization = z.strictObject({
  id: z.string().regex(/^o-[a-z0-9]{10,32}$/, 'an organization id looks like o-abcdefghij'),
  arn: text.optional(),
  featureSet: z.enum(['ALL', 'CONSOLIDATED_BILLING']).default('ALL'),
  rootId: z.string().regex(/^r-[0-9a-z]{4,32}$/, 'a root id looks like r-ab12'),
  rootArn: text.optional(),
  ous: z.array(z.strictObject({ id: text, arn: text.optional(), name: text, parentId: text, path: z.string().optional() })).default([]),
});

const ssoUser = z.strictObject({
  userId: text, userName: text, displayName: text,
  name: z.strictObject({ givenName: z.string(), familyName: z.string(), formatted: z.string().optional() }),
  emails: z.array(z.strictObject({ value: text, type: z.string().optional(), primary: z.boolean().optional() })).default([]),
  status: z.enum(['ENABLED', 'DISABLED']).default('ENABLED'),
  externalIds: z.array(z.strictObject({ issuer: text, id: text })).optional(),
  title: z.string().optional(),
  /** The `aws:identitystore:enterprise` extension; `manager` is the manager's Identity Center user id. */
  enterprise: z.strictObject({
    employeeNumber: z.string().optional(), costCenter: z.string().optional(), organization: z.string().optional(),
    division: z.string().optional(), department: z.string().optional(), manager: text.optional(),
  }).optional(),
  createdAt: date,
});

const permissionSet = z.strictObject({
  arn: z.string().regex(/^arn:aws:sso:::permissionSet\/ssoins-[0-9a-f]{16}\/ps-[0-9a-f]{16}$/, 'a permission set ARN looks like arn:aws:sso:::permissionSet/ssoins-<16 hex>/ps-<16 hex>'),
  name: text, description: z.string().optional(), sessionDuration: z.string().regex(/^PT(\d+H)?(\d+M)?$/, 'an ISO-8601 duration such as PT8H').default('PT1H'),
  relayState: z.string().optional(), createdDate: date,
  managedPolicyArns: z.array(text).default([]),
  customerManagedPolicyReferences: z.array(z.strictObject({ name: text, path: text.default('/') })).default([]),
  inlinePolicy: policyDocumentSchema.optional(),
});

const assignment = z.strictObject({
  accountId: text, permissionSetArn: text, principalType: z.enum(['USER', 'GROUP']), principalId: text,
});

/**
 * One user's access to one account through one permission set. A direct user assignment gives one row
 * with `via: null`; a group assignment gives one row per member of the group with `via` = the group's
 * id. A user who holds the same access directly and through groups has one row for each path. Rows are
 * sorted by account id, permission set ARN, user id, then `via` (null first); disabled users are
 * included (their assignments exist; only sign-in is refused).
 */
export const effectiveAssignmentSchema = z.strictObject({
  accountId: text, permissionSetArn: text, permissionSetName: text, userId: text, via: text.nullable(),
});

const identityCenter = z.strictObject({
  instanceArn: z.string().regex(/^arn:aws:sso:::instance\/ssoins-[0-9a-f]{16}$/, 'an instance ARN looks like arn:aws:sso:::instance/ssoins-<16 hex>'),
  identityStoreId: z.string().regex(/^d-[0-9a-f]{10}$/, 'an identity store id looks like d-<10 hex>'),
  region: text, ownerAccountId: text, name: z.string().optional(), createdDate: date,
  scimTenantId: z.string().optional(),
  users: z.array(ssoUser).default([]),
  groups: z.array(z.strictObject({ groupId: text, displayName: text, description: z.string().optional(), createdAt: date })).default([]),
  memberships: z.array(z.strictObject({ membershipId: text, groupId: text, userId: text })).default([]),
  permissionSets: z.array(permissionSet).default([]),
  assignments: z.array(assignment).default([]),
  /** Permission sets provisioned to each account; derived from the assignments when left out. */
  provisioned: z.array(z.strictObject({ accountId: text, permissionSetArns: z.array(text) })).optional(),
});

export const groundTruthSchema = z.strictObject({
  managementAccountId: z.string().regex(/^\d{12}$/, 'an account id is 12 digits'),
  organization: organization.nullable(),
  accounts: z.array(account).min(1),
  identityCenter: identityCenter.nullable(),
  /** Derived from assignments and memberships; a fixture may leave it out, and if present it must agree. */
  effectiveAssignments: z.array(effectiveAssignmentSchema).optional(),
});

export const fixtureSchema = groundTruthSchema.extend({
  rrcu: z.strictObject({
    accessKeyId: z.string().regex(/^AKIA[A-Z2-7]{16}$/, 'an access key id is AKIA and 16 upper-case letters or digits 2-7'),
    secretAccessKey: z.string().length(40),
    arn: text, connectorRoleArn: text, externalId: text,
    scimToken: z.string(), scimPath: z.string(),
  }),
  admin: z.strictObject({
    accessKeyId: z.string().regex(/^AKIA[A-Z2-7]{16}$/, 'an access key id is AKIA and 16 upper-case letters or digits 2-7'),
    secretAccessKey: z.string().length(40),
  }),
});

/**
 * The simulated world as plain JSON: accounts (with their OU path and IAM), the organisation, and
 * Identity Center (users, groups, memberships, permission sets, assignments, provisioning), plus
 * `effectiveAssignments`, the access a correct sync must reproduce exactly (see EffectiveAssignment).
 */
export type GroundTruth = z.output<typeof groundTruthSchema> & { effectiveAssignments: EffectiveAssignment[] };
export type EffectiveAssignment = z.output<typeof effectiveAssignmentSchema>;
/** A fixture as written by hand or by `exportFixture`: ground truth plus RRCU's and an administrator's keys. */
export type SimFixture = z.input<typeof fixtureSchema>;
