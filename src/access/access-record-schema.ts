import { z } from 'zod';

/**
 * The stable JSON shape of one grant, declared once: the API's responses (GET /api/access,
 * /api/me/access) are checked against it, `rrcu access --json` and the CSV print it, and the web's
 * type is generated from the OpenAPI document it ends up in. Scripts depend on these names.
 */
export const accessRecordSchema = z.object({
  grantId: z.number().nullable().describe('The grant row, for `rrcu revoke --grant`; null on a grant a task added that no sync has seen yet (see `pending`)'),
  connectorId: z.string().describe('The connector that synced the grant (and can revoke it)'),
  principalType: z.string(),
  principalId: z.string(),
  principalName: z.string().nullable(),
  resourceType: z.string(),
  resourceId: z.string(),
  resourceName: z.string().nullable(),
  entitlement: z.string().nullable(),
  permissionSetArn: z.string().nullable(),
  via: z.string().nullable(),
  viaName: z.string().nullable(),
  seenFrom: z.string(),
  privileged: z.boolean().nullable().describe("Whether the entitlement gives administrator-level access (docs/privileged-access.md); null when the sync could not read its policies, or RRCU does not assess that kind"),
  privilegedReasons: z.array(z.string()).describe('Why it is privileged (or what could not be assessed), as a reviewer reads it'),
  entitlementKey: z.string().describe('The entitlement\'s stable key, as POST /api/privileged-marks takes it'),
  privilegedMark: z.object({
    id: z.string(),
    by: z.string().describe('Who marked it, by name'),
    at: z.string(),
    reason: z.string(),
  }).nullable().describe("An administrator's mark making the entitlement privileged at the instant asked about (POST /api/privileged-marks); null when unmarked"),
  pending: z.object({
    kind: z.enum(['grant', 'revoke']).describe('grant: held since the task verified it; revoke: no longer held since then (the row is shown, not counted in the totals)'),
    taskId: z.string(),
    verifiedAt: z.string().describe('When the task read its change back from AWS'),
  }).nullable().describe('A change a provisioning task verified in AWS that no sync has seen yet; null once a sync committed after it (the sync is then the truth)'),
  request: z.object({
    id: z.number().describe('The request, "#N" (GET /api/requests/:id)'),
    status: z.string().describe("The request's status now (active, or how it ended when asked about a past instant)"),
    expiresAt: z.string().nullable().describe('When the request ends and its grant is removed unless something else grants it'),
  }).nullable().describe('The just-in-time access request holding this direct grant at the instant asked: its grant task made the grant and it had not ended then; null when none does (held through a group, standing access, or the request ended)'),
});

export type AccessRecord = z.infer<typeof accessRecordSchema>;

/** The counts of a whole answer (not of one page), as the explorer shows them: GET /api/access and /api/me/access. */
export const accessTotalsSchema = z.object({
  grants: z.number(),
  principals: z.number().describe('Distinct principals (type and id)'),
  resources: z.number().describe('Distinct accounts and resources the grants are on'),
  entitlements: z.number().describe('Distinct entitlements by resource type and name'),
  direct: z.number(),
  viaGroup: z.number(),
}).describe('Counts over the whole answer, not only this page');
