import { recordAuditEvent } from '../audit/index.ts';
import type { ConnectorService } from '../connectors/index.ts';
import type { ProvisioningAction } from '../core/provisioning-target.ts';
import { RrcuError } from '../core/errors.ts';
import { parseInput as parse } from '../core/parse-input.ts';
import type { JobEngine } from '../jobs/index.ts';
import { isUniqueViolation, type Db, type ProvisioningTrigger, type StoredProvisioningTarget } from '../store/index.ts';
import type { ProvisionerPool } from './provisioner-pool.ts';
import {
  currentDirectGrant,
  describeEntitlement,
  entitlementByKey,
  principalByRef,
  resolveEntitlement,
  resolveGrant,
  resolvePrincipal,
  type NotAnEntitlement,
} from './resolve-target.ts';
import { grantRequestSchema, revokeRequestSchema, type GrantRequest, type RevokeRequest } from './schemas.ts';
import { insertTask, openTaskFor, type ProvisioningTask } from './tasks.ts';
import { enqueueProvisioning } from './jobs.ts';
import { PROVISIONING_ERRORS } from './errors.ts';

export type ProvisioningServiceDeps = {
  db: Db;
  jobs: Pick<JobEngine, 'sendInTransaction'>;
  /** For `check`: what the connector cannot change is refused when asked, not when run. */
  provisioners: Pick<ProvisionerPool, 'get'>;
  /** Which connector a request names, refused when archived. */
  connectors: Pick<ConnectorService, 'live'>;
};

/** A requested task, or the unfinished one already asking for the same change. */
export type RequestedTask = { task: ProvisioningTask; existing: boolean };

/**
 * Grant and revoke requests: resolves what was named against the current inventory, checks that the
 * connector can make the change, and writes the task, its audit event and its job in one transaction.
 */
export function createProvisioningService(deps: ProvisioningServiceDeps) {
  const { db } = deps;

  async function request(action: ProvisioningAction, fields: CommonFields, connectorId: string, target: StoredProvisioningTarget): Promise<RequestedTask> {
    (await deps.provisioners.get(connectorId)).check(action, target);
    const key = { connectorId, entitlementKey: target.entitlement.key, principalTypeId: target.principal.resourceType, principalExternalId: target.principal.externalId };
    try {
      return await db.transaction(async (tx) => {
        const open = await openTaskFor(tx, key);
        if (open) return sameOrConflict(open, action);
        const task = await insertTask(tx, {
          ...key,
          action,
          target,
          actor: fields.actor,
          trigger: fields.trigger,
          triggerRef: fields.triggerRef ?? null,
          reason: fields.reason ?? null,
        });
        await recordAuditEvent(tx, {
          type: 'provisioning.requested',
          actor: fields.actor,
          subject: `provisioning_task:${task.id}`,
          data: {
            taskId: task.id,
            connectorId,
            action,
            entitlementKey: target.entitlement.key,
            entitlement: describeEntitlement({ ...target.entitlement, resourceDisplayName: target.resourceDisplayName }),
            principalType: target.principal.resourceType,
            principalId: target.principal.externalId,
            principalName: target.principal.displayName,
            trigger: fields.trigger,
            triggerRef: fields.triggerRef ?? null,
            reason: fields.reason ?? null,
          },
        });
        await enqueueProvisioning(deps.jobs, tx, { id: task.id, connectorId, entitlementResourceType: target.entitlement.resourceType });
        return { task, existing: false };
      });
    } catch (e) {
      // Two requests for the same access at once: the unique index let one in; answer as if it had been first.
      if (!isUniqueViolation(e)) throw e;
      const open = await openTaskFor(db, key);
      if (!open) throw e;
      return sameOrConflict(open, action);
    }
  }

  /**
   * For an entitlement text that names a synced resource which is not an entitlement (an IAM role…):
   * the connector's own refusal, as for any target it cannot change, with the principal when it resolves.
   */
  const notAnEntitlement =
    (action: ProvisioningAction, connectorId: string, principalText: string): NotAnEntitlement =>
    async ({ resourceDisplayName: _shown, ...entitlement }) => {
      const principal = await resolvePrincipal(db, connectorId, principalText, entitlement).catch(() => undefined);
      const named = principal ?? { resourceType: 'unknown', externalId: principalText, displayName: principalText, attributes: {} };
      (await deps.provisioners.get(connectorId)).check(action, { entitlement, principal: named });
    };

  return {
    /** Asks for `principal` to be given `entitlement`; the task runs on a worker. */
    async requestGrant(input: GrantRequest): Promise<RequestedTask> {
      const parsed = parse(grantRequestSchema, input);
      const connector = await deps.connectors.live(parsed.connector);
      const entitlement = await resolveEntitlement(db, connector.id, parsed.entitlement, parsed.resource, parsed.principal, notAnEntitlement('grant', connector.id, parsed.principal));
      const principal = await resolvePrincipal(db, connector.id, parsed.principal, entitlement);
      const { resourceDisplayName, ...ent } = entitlement;
      return request('grant', parsed, connector.id, { entitlement: ent, principal, resourceDisplayName });
    },

    /** Asks for a grant to be removed: by its id, or by entitlement and principal (which works even if the last sync missed it). */
    async requestRevoke(input: RevokeRequest): Promise<RequestedTask> {
      const parsed = parse(revokeRequestSchema, input);
      const connector = await deps.connectors.live(parsed.connector);
      if ('grantId' in parsed) {
        const grant = await resolveGrant(db, connector.id, parsed.grantId);
        const { resourceDisplayName, ...ent } = await entitlementByKey(db, connector.id, grant.entitlementKey);
        const principal = await principalByRef(db, connector.id, grant.principal);
        if (grant.via) {
          const group = await principalByRef(db, connector.id, { resourceType: 'sso_group', externalId: grant.via });
          const what = describeEntitlement({ ...ent, resourceDisplayName });
          throw new RrcuError(PROVISIONING_ERRORS.GRANT_INHERITED, `Grant ${grant.id} (${what} for ${principal.displayName}) is held through group ${group.displayName}, not directly.`, {
            fix: `Remove ${principal.displayName} from the group (\`rrcu revoke --entitlement "member of ${group.displayName}" --principal ${principal.externalId}\`), or revoke the group's own assignment (\`--entitlement "${what}" --principal ${grant.via}\`).`,
          });
        }
        return request('revoke', parsed, connector.id, { entitlement: ent, principal, resourceDisplayName, grantId: grant.id, grantAttributes: grant.attributes });
      }
      const entitlement = await resolveEntitlement(db, connector.id, parsed.entitlement, parsed.resource, parsed.principal, notAnEntitlement('revoke', connector.id, parsed.principal));
      const principal = await resolvePrincipal(db, connector.id, parsed.principal, entitlement);
      const grant = await currentDirectGrant(db, connector.id, entitlement.key, principal);
      const { resourceDisplayName, ...ent } = entitlement;
      return request('revoke', parsed, connector.id, {
        entitlement: ent,
        principal,
        resourceDisplayName,
        ...(grant ? { grantId: grant.id, grantAttributes: grant.attributes } : {}),
      });
    },
  };
}

export type ProvisioningService = ReturnType<typeof createProvisioningService>;

type CommonFields = { actor: string; trigger: ProvisioningTrigger; triggerRef?: string | undefined; reason?: string | undefined };

function sameOrConflict(open: ProvisioningTask, action: ProvisioningAction): RequestedTask {
  if (open.action === action) return { task: open, existing: true };
  throw new RrcuError(PROVISIONING_ERRORS.TASK_IN_PROGRESS, `A ${open.action} of this access is still ${open.status} (task ${open.id}); a ${action} cannot run beside it.`, {
    fix: `Wait for task ${open.id} to finish (\`rrcu tasks\`), then ask again.`,
  });
}

