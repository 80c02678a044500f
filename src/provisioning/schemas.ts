import { z } from 'zod';
import { PROVISIONING_TASK_STATUSES, PROVISIONING_TRIGGERS } from '../store/index.ts';

/** The inputs of grant and revoke requests; the CLI and the API validate with the same schemas. */

const text = (what: string, max = 2048) => z.string().trim().min(1, `${what} is empty`).max(max, `${what} is longer than ${max} characters`);

export const provisioningTriggerSchema = z.enum(PROVISIONING_TRIGGERS);
export const taskStatusSchema = z.enum(PROVISIONING_TASK_STATUSES);

const common = {
  /** Connector name or id. */
  connector: text('connector', 200),
  reason: text('reason', 1000).optional(),
  trigger: provisioningTriggerSchema.default('manual'),
  /** The review decision or access request behind the change. */
  triggerRef: text('trigger reference', 200).optional(),
  actor: text('actor', 300),
};

const named = {
  ...common,
  /** Entitlement key, `<name> on <resource>`, a group (membership), or a name with `resource`. */
  entitlement: text('entitlement'),
  resource: text('resource').optional(),
  /** External id, display name, user name or email. */
  principal: text('principal'),
};

export const grantRequestSchema = z.object({
  ...named,
  /**
   * Read AWS before acting even where the last sync says the access is missing, so that the outcome tells
   * whether this task made the grant (`applied`) or found it there (`already`): an access request's end
   * removes only what it made. Without it a grant the inventory says is missing is created without a look
   * (AWS's create is idempotent) and reports `applied` either way.
   */
  readFirst: z.boolean().optional(),
});

export const revokeRequestSchema = z.union([
  z.object({ ...common, grantId: z.coerce.number().int().positive() }),
  z.object(named),
]);

export type GrantRequest = z.input<typeof grantRequestSchema>;
export type RevokeRequest = z.input<typeof revokeRequestSchema>;
