import { z } from 'zod';
import { PROVISIONING_ACTIONS } from '../core/provisioning-target.ts';
import { storedErrorSchema } from '../core/stored-error.ts';
import { describeEntitlement } from './resolve-target.ts';
import { provisioningTriggerSchema, taskStatusSchema } from './schemas.ts';
import type { ProvisioningTask } from './tasks.ts';

/** A provisioning task as the API returns it and the web UI reads it. */
export const taskViewSchema = z.object({
  id: z.string(),
  connectorId: z.string(),
  action: z.enum(PROVISIONING_ACTIONS),
  status: taskStatusSchema,
  entitlement: z.object({
    key: z.string(),
    name: z.string().describe('Its own name, without what it is on: a permission set\'s name, for one'),
    /** Readable on its own: `AdministratorAccess on payments-prod`, `member of Billing`. */
    displayName: z.string(),
    resourceType: z.string(),
    resourceExternalId: z.string(),
    resourceDisplayName: z.string().nullable(),
  }),
  principal: z.object({ type: z.string(), externalId: z.string(), displayName: z.string() }),
  /** For a revoke asked for by grant: the grant row (`grantId` of GET /api/access). */
  grantId: z.number().nullable(),
  actor: z.string(),
  reason: z.string().nullable(),
  trigger: provisioningTriggerSchema,
  triggerRef: z.string().nullable().describe('The review decision or access request behind the change'),
  attempts: z.number(),
  requestId: z.string().nullable(),
  outcome: z.enum(['applied', 'already']).nullable(),
  verified: z.boolean().nullable(),
  error: storedErrorSchema.nullable(),
  observedRunId: z.number().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export type TaskView = z.infer<typeof taskViewSchema>;

export function toTaskView(t: ProvisioningTask): TaskView {
  const e = t.target.entitlement;
  return {
    id: t.id,
    connectorId: t.connectorId,
    action: t.action,
    status: t.status,
    entitlement: {
      key: t.entitlementKey,
      name: e.displayName,
      displayName: describeEntitlement({ ...e, resourceDisplayName: t.target.resourceDisplayName }),
      resourceType: e.resourceType,
      resourceExternalId: e.resourceExternalId,
      resourceDisplayName: t.target.resourceDisplayName,
    },
    principal: { type: t.principalTypeId, externalId: t.principalExternalId, displayName: t.target.principal.displayName },
    grantId: t.target.grantId ?? null,
    actor: t.actor,
    reason: t.reason,
    trigger: t.trigger,
    triggerRef: t.triggerRef,
    attempts: t.attempts,
    requestId: t.awsRequestId,
    outcome: t.outcome,
    verified: t.verified,
    error: t.error ? { code: t.error.code, message: t.error.message, ...(t.error.fix ? { fix: t.error.fix } : {}) } : null,
    observedRunId: t.observedRunId,
    createdAt: t.createdAt.toISOString(),
    startedAt: t.startedAt?.toISOString() ?? null,
    finishedAt: t.finishedAt?.toISOString() ?? null,
  };
}
