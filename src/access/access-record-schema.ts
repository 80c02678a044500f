import { z } from 'zod';
import type { AccessRecord } from './access-query.ts';

/** AccessRecord as a schema, for the API's responses (GET /api/access, /api/me/access). */
export const accessRecordSchema = z.object({
  grantId: z.number(),
  connectorId: z.string(),
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
}) satisfies z.ZodType<AccessRecord>;
