import { z } from 'zod';
import { requestPolicyDocumentSchema, requestStatusSchema, requestTargetStatusSchema } from '../../requests/index.ts';

/**
 * The answers of the requests API as zod schemas, for the OpenAPI document and the web's generated types.
 * The service's answers are TypeScript types (`requests/service-types.ts`); each handler returns them through
 * these schemas, so the compiler refuses a schema that drifts from the type it publishes.
 */
const personRef = z.object({ personId: z.string(), displayName: z.string(), email: z.string().nullable() });

export const policyViewSchema = z.object({
  id: z.string(),
  connectorId: z.string(),
  connectorName: z.string().nullable(),
  name: z.string(),
  version: z.number().describe('1 when created; each change of the document adds one (requests keep the version they were made under)'),
  document: requestPolicyDocumentSchema.describe('The policy document, with its defaults filled in (the shape `PUT /api/request-policies` and `rrcu policy apply` take)'),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
});

export const appliedPolicySchema = z.object({
  outcome: z.enum(['created', 'updated', 'unchanged']).describe('`unchanged`: the document is the one stored, no new version'),
  policy: policyViewSchema,
});

const account = z.object({ id: z.string(), name: z.string() });

const resolvedRequestableSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('permission_set'),
    permissionSetArn: z.string(),
    permissionSetName: z.string(),
    sessionDuration: z.string().nullable().describe("The permission set's own session duration (ISO 8601, e.g. PT8H): an AWS session started before the end may last until it runs out"),
    accounts: z.array(account.extend({ ouPath: z.string().nullable() })),
  }),
  z.object({ kind: z.literal('sso_group'), groupId: z.string(), groupName: z.string() }),
  z.object({ kind: z.literal('iam_group'), groupArn: z.string(), groupName: z.string(), account }),
]);

export const policyPreviewSchema = z.object({
  connectorId: z.string(),
  eligible: z.object({ count: z.number(), people: z.array(personRef).describe('The first of them, by name') }),
  steps: z.array(z.object({
    step: z.number(),
    approvals: z.number(),
    approvers: z.array(personRef),
    dependsOnRequest: z.array(z.string()).describe('Sources that resolve per request (the resource owner, the requester’s manager)'),
  })),
  requestable: z.array(resolvedRequestableSchema),
  unresolved: z.array(z.string()).describe('Names the policy gives that the last sync does not know'),
});

export const requestableViewSchema = z.object({
  policy: z.object({ id: z.string(), name: z.string(), version: z.number(), description: z.string() }).describe('The policy that applies: the most restrictive of those covering it for which the caller is eligible'),
  connectorId: z.string(),
  connectorName: z.string().nullable(),
  requestable: resolvedRequestableSchema,
  defaultDurationMinutes: z.number(),
  maxDurationMinutes: z.number(),
  justificationRequired: z.boolean(),
  ticket: z.object({ required: z.boolean(), pattern: z.string().nullable() }),
  breakGlass: z.object({ allowed: z.boolean(), maxDurationMinutes: z.number().nullable() }),
  approvalSteps: z.array(z.object({ approvals: z.number(), sources: z.array(z.string()) })),
  autoApproval: z.boolean().describe('Some requests under this policy are approved without a person (its auto-approval rules)'),
});

const taskRef = z.object({
  id: z.string(),
  status: z.string(),
  outcome: z.string().nullable(),
  verified: z.boolean().nullable().describe('The task read the assignment back from AWS'),
  finishedAt: z.string().nullable(),
  observedRunId: z.number().nullable().describe('The sync run that saw the change'),
});

const targetSchema = z.object({
  entitlementKey: z.string(),
  resourceType: z.string(),
  resourceId: z.string(),
  resourceName: z.string().nullable(),
  status: requestTargetStatusSchema,
  grantTask: taskRef.nullable(),
  revokeTask: taskRef.nullable(),
  keptBecause: z.string().nullable().describe('Why the end removed nothing in AWS: something else grants the same access'),
  error: z.string().nullable(),
});

export const requestViewSchema = z.object({
  id: z.number().describe('The request number (#N)'),
  connectorId: z.string().nullable(),
  requester: personRef,
  principal: z.object({ type: z.string(), id: z.string(), name: z.string().nullable() }),
  entitlement: z.record(z.string(), z.unknown()).describe('The requested entitlement as resolved against the inventory'),
  entitlementText: z.string(),
  policy: z.object({ id: z.string().nullable(), name: z.string(), version: z.number() }),
  status: requestStatusSchema,
  justification: z.string().nullable(),
  ticket: z.string().nullable(),
  durationMinutes: z.number(),
  durationClamped: z.boolean().describe('The duration asked for was cut to the policy’s maximum'),
  breakGlass: z.boolean(),
  autoApproved: z.string().nullable().describe('Why no person approved: the auto-approval rule, or break-glass'),
  extensionOf: z.number().nullable(),
  duplicateWarning: z.string().nullable().describe('What already grants the requester this access ("you already hold this through group X")'),
  currentStep: z.number(),
  stepCount: z.number(),
  sessionDuration: z.string().nullable().describe("The permission set's own session duration (ISO 8601): an AWS session started before the end may last until it runs out"),
  createdAt: z.string(),
  pendingUntil: z.string().describe('When an undecided request times out'),
  decidedAt: z.string().nullable(),
  activeAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable().describe('Why it ended, in words: who revoked or denied it is named (the actor id is in the timeline)'),
  ending: z.object({
    as: z.enum(['expire', 'revoke']),
    by: z.string().nullable().describe('Who asked for the end: an actor id (`user:<id>`, `token:<id>`, `system`)'),
    byName: z.string().nullable().describe('Who asked for the end, by name where RRCU knows it (a user, an API token), else null'),
    reason: z.string().nullable(),
  }).nullable()
    .describe('An end asked for while the grants still run, carried out once they finish'),
  postHocReview: z.discriminatedUnion('status', [
    z.object({ status: z.literal('awaited') }),
    z.object({ status: z.literal('recorded'), verdict: z.enum(['appropriate', 'inappropriate']), comment: z.string().nullable(), reviewer: personRef, at: z.string() }),
  ]).nullable().describe('Break-glass only (null otherwise): awaiting the verdict of an approver of step 1 after the fact, or the verdict recorded'),
});

export const requestDetailSchema = requestViewSchema.extend({
  steps: z.array(z.object({ step: z.number(), approvals: z.number(), approvers: z.array(personRef) })),
  approvals: z.array(z.object({ step: z.number(), approver: personRef, decision: z.enum(['approve', 'deny']), comment: z.string().nullable(), at: z.string() })),
  targets: z.array(targetSchema).describe('One per account (one provisioning task each)'),
  timeline: z.array(z.object({ at: z.string(), type: z.string(), actor: z.string(), actorName: z.string().nullable().describe('The actor by name where RRCU knows it (a user), else null'), summary: z.string() })).describe('Asked, approved by, provisioned, active, expired, removed: oldest first'),
  can: z.object({ approve: z.boolean(), cancel: z.boolean(), revoke: z.boolean(), extend: z.boolean(), reviewBreakGlass: z.boolean().describe('Record the post-hoc verdict of this break-glass request') }).describe('What the caller may do now'),
});

export const submittedRequestSchema = z.object({
  request: requestDetailSchema,
  policyWhy: z.string().describe('Which policy applied and why (the most restrictive of those covering it)'),
  duplicateWarning: z.string().nullable(),
});
