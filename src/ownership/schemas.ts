import { z } from 'zod';

/** What can have an owner: what a review asks about (accounts, permission sets, groups). */
export const OWNABLE_RESOURCE_TYPES = ['account', 'permission_set', 'sso_group', 'iam_group'] as const;
export const ownableResourceTypeSchema = z.enum(OWNABLE_RESOURCE_TYPES);
export type OwnableResourceType = z.infer<typeof ownableResourceTypeSchema>;

const resourceId = z.string().trim().min(1).max(2048).describe('Account id, permission set ARN, Identity Center group id or IAM group ARN');

/** One resource, as the doors and the review engine name it. */
export const resourceRefSchema = z.object({
  connectorId: z.uuid(),
  resourceType: ownableResourceTypeSchema,
  resourceId,
});
export type ResourceRef = z.infer<typeof resourceRefSchema>;

/** Set an owner: the person by id, or by email. */
export const setOwnerInputSchema = resourceRefSchema
  .extend({
    personId: z.uuid().optional().describe('The person of the inventory'),
    email: z.email().max(320).optional().describe("The person's email, when no id is at hand"),
  })
  .superRefine((body, ctx) => {
    if ((body.personId === undefined) === (body.email === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['personId'], message: 'give personId or email (one of them)' });
    }
  });
export type SetOwnerInput = z.infer<typeof setOwnerInputSchema>;

export const ownerListFilterSchema = z.object({
  connectorId: z.uuid(),
  resourceType: ownableResourceTypeSchema.optional(),
  resourceId: resourceId.optional(),
  includeRemoved: z.boolean().default(false),
});
export type OwnerListFilter = z.input<typeof ownerListFilterSchema>;

export const ownerViewSchema = z.object({
  id: z.string().nullable().describe('The owner record; null for an owner read from a tag'),
  connectorId: z.string(),
  resourceType: z.string(),
  resourceId: z.string(),
  resourceName: z.string(),
  person: z.object({ id: z.string(), displayName: z.string(), email: z.string().nullable() }),
  source: z.enum(['rrcu', 'tag']).describe('`rrcu`: set in RRCU; `tag`: the resource carries the owner tag the connector names'),
  tag: z.string().nullable().describe('For a tag owner: the tag'),
  setBy: z.string().nullable().describe('`user:<id>`, `token:<id>`, `cli:<os user>`; null for a tag owner'),
  setByName: z.string().nullable(),
  setAt: z.string().nullable(),
  removedBy: z.string().nullable(),
  removedAt: z.string().nullable().describe('Null while the owner is current'),
});
export type OwnerView = z.infer<typeof ownerViewSchema>;
