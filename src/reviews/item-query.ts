import { z } from 'zod';
import { itemFilterSchema, type ItemFilter } from './service-types.ts';

/**
 * Item filters as text arrives from a query string or command-line flags (numbers and booleans as text):
 * the API's item lists and `rrcu review items` read them alike.
 */
export const itemQuerySchema = z.object({
  kind: itemFilterSchema.shape.kind,
  stage: z.coerce.number().int().min(1).max(5).optional(),
  decision: itemFilterSchema.shape.decision,
  outcome: itemFilterSchema.shape.outcome,
  reviewerPersonId: itemFilterSchema.shape.reviewerPersonId,
  principalId: itemFilterSchema.shape.principalId,
  resourceId: itemFilterSchema.shape.resourceId,
  search: itemFilterSchema.shape.search.describe('Text in the principal, resource or entitlement name (case-insensitive)'),
  privileged: z.enum(['true', 'false']).optional(),
  remediating: z.enum(['true', 'false']).optional().describe('true: only items whose Revoke is being carried out; false: only the others (what a bulk decision takes)'),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export function toItemFilter(query: z.infer<typeof itemQuerySchema>): { filter: ItemFilter; paging: { limit: number; offset: number } } {
  const { limit, offset, privileged, remediating, ...rest } = query;
  const filter = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as ItemFilter;
  if (privileged !== undefined) filter.privileged = privileged === 'true';
  if (remediating !== undefined) filter.remediating = remediating === 'true';
  return { filter, paging: { limit, offset } };
}
