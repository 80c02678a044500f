import { z } from 'zod';

/**
 * The stable JSON shape of one grant, declared once: the API's responses (GET /api/access,
 * /api/me/access) are checked against it, `rrcu access --json` and the CSV print it, and the web's
 * type is generated from the OpenAPI document it ends up in. Scripts depend on these names.
 */
export const accessRecordSchema = z.object({
  grantId: z.number().describe('The grant row, for `rrcu revoke --grant`'),
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
});

export type AccessRecord = z.infer<typeof accessRecordSchema>;
