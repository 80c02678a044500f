import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { PROVISIONING_ACTIONS, type ProvisioningAction } from '../core/provisioning-target.ts';
import { PROVISIONING_TRIGGERS, queryRows, type Db, type ProvisioningTrigger } from '../store/index.ts';

/** The provisioning task that made a change, as a diff row names it; a change without one was made outside RRCU. */
export const diffCauseSchema = z.object({
  taskId: z.string(),
  action: z.enum(PROVISIONING_ACTIONS),
  actor: z.string().describe('Who asked: `user:<id>`, `token:<id>`, `cli:<os user>`, `system`'),
  actorName: z.string().nullable().describe('The user or API token behind `actor`, when it is one'),
  trigger: z.enum(PROVISIONING_TRIGGERS),
  triggerRef: z.string().nullable().describe('The review decision or access request behind it'),
  reason: z.string().nullable(),
  observedRunId: z.number().int().describe('The sync run that saw the change in AWS'),
});

export type DiffCause = z.infer<typeof diffCauseSchema>;

/** Readable names of actors (`user:<id>`, `token:<id>`); identity's `actorNames`, given by the app. */
export type ActorNamer = (actors: Iterable<string>) => Promise<Map<string, string>>;

/** What a grant row needs to find its cause: its entitlement, principal and the group it comes through. */
export type GrantRef = { entitlementKey: string; principalType: string; principalExternalId: string; via: string | null };

export type CauseFinder = (action: ProvisioningAction, grant: GrantRef) => DiffCause | null;

/**
 * The tasks the syncs after `fromRunId` up to `toRunId` observed, read once and matched in memory, so a
 * diff of 100k grants asks the database one question for its causes. A task that found AWS already as
 * asked (`outcome = 'already'`) changed nothing and causes nothing.
 *
 * A grant held directly is caused by a task on the same entitlement and principal. One held through a
 * group (an Identity Center group's assignment expanded to a member) is caused by the task that put the
 * member in the group, or by the one that gave the group the entitlement.
 */
export async function findCauses(db: Db, connectorId: string, fromRunId: number, toRunId: number, actorNames?: ActorNamer): Promise<CauseFinder> {
  const tasks = await queryRows<Record<string, unknown>>(db, sql`
    select id, action, entitlement_key, principal_type_id, principal_external_id, actor, trigger, trigger_ref, reason,
           observed_run_id::int as observed_run_id, target->'entitlement'->>'slug' as slug,
           target->'entitlement'->>'resourceExternalId' as resource_external_id
    from provisioning_tasks
    where connector_id = ${connectorId} and observed_run_id > ${fromRunId} and observed_run_id <= ${toRunId}
      and status = 'succeeded' and outcome is distinct from 'already'
    order by observed_run_id, finished_at`);
  const names = tasks.length > 0 && actorNames ? await actorNames(tasks.map((t) => String(t.actor))) : new Map<string, string>();
  // Later tasks overwrite earlier ones: the last task observed on an access is the one that left it so.
  const byAccess = new Map<string, DiffCause>();
  for (const t of tasks) {
    const cause: DiffCause = {
      taskId: String(t.id),
      action: t.action as ProvisioningAction,
      actor: String(t.actor),
      actorName: names.get(String(t.actor)) ?? null,
      trigger: t.trigger as ProvisioningTrigger,
      triggerRef: (t.trigger_ref as string | null) ?? null,
      reason: (t.reason as string | null) ?? null,
      observedRunId: Number(t.observed_run_id),
    };
    const principal = `${String(t.principal_type_id)}:${String(t.principal_external_id)}`;
    byAccess.set(accessKey(cause.action, String(t.entitlement_key), principal), cause);
    if (t.slug === 'member') byAccess.set(accessKey(cause.action, `member of ${String(t.resource_external_id)}`, principal), cause);
    byAccess.set(accessKey(cause.action, String(t.entitlement_key), `group ${String(t.principal_external_id)}`), cause);
  }
  return (action, g) => {
    const principal = `${g.principalType}:${g.principalExternalId}`;
    if (g.via === null) return byAccess.get(accessKey(action, g.entitlementKey, principal)) ?? null;
    return byAccess.get(accessKey(action, `member of ${g.via}`, principal)) ?? byAccess.get(accessKey(action, g.entitlementKey, `group ${g.via}`)) ?? null;
  };
}

const accessKey = (action: ProvisioningAction, entitlement: string, principal: string) => `${action}\n${entitlement}\n${principal}`;
