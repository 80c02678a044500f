import { recordAuditEvents } from '../audit/index.ts';
import type { ConnectorService } from '../connectors/index.ts';
import type { ProvisioningAction } from '../core/provisioning-target.ts';
import { RrcuError } from '../core/errors.ts';
import { parseInput as parse } from '../core/parse-input.ts';
import type { JobEngine } from '../jobs/index.ts';
import { isUniqueViolation, type Db, type ProvisioningTrigger, type StoredProvisioningTarget } from '../store/index.ts';
import type { ProvisionerPool } from './provisioner-pool.ts';
import { currentDirectGrant, describeEntitlement, grantTargets, resolveEntitlement, resolvePrincipal, type GrantTarget, type NotAnEntitlement } from './resolve-target.ts';
import { grantRequestSchema, revokeRequestSchema, type GrantRequest, type RevokeRequest } from './schemas.ts';
import { insertTasks, openTaskFor, openTasksFor, taskKeyId, type ProvisioningTask, type TaskKey } from './tasks.ts';
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

  /**
   * Writes the tasks of checked requests, their audit events and their jobs in one transaction (a bulk
   * action's thousand revokes: one lock of the audit chain and one commit, not a thousand). Each answer
   * is its request's: the task written, the unfinished one already asking for the same change (also one
   * earlier in `batch`), or the conflict with an unfinished task of the other action.
   */
  async function requestAll(action: ProvisioningAction, batch: readonly Prepared[]): Promise<(RequestedTask | RrcuError)[]> {
    try {
      return await db.transaction(async (tx) => {
        const answers: (RequestedTask | RrcuError | null)[] = [];
        const fresh = new Map<string, { index: number[]; prepared: Prepared }>();
        const openTasks = await openTasksFor(tx, batch.map(taskKey));
        for (const [i, p] of batch.entries()) {
          const id = taskKeyId(taskKey(p));
          const same = fresh.get(id);
          if (same) {
            same.index.push(i);
            answers.push(null);
            continue;
          }
          const open = openTasks.get(id);
          if (open) {
            answers.push(await refusal(async () => sameOrConflict(open, action)));
            continue;
          }
          fresh.set(id, { index: [i], prepared: p });
          answers.push(null);
        }
        const entries = [...fresh.values()];
        const written = await insertTasks(tx, entries.map(({ prepared: { fields, connectorId, target } }) => ({
          ...taskKey({ connectorId, target }),
          action,
          target,
          actor: fields.actor,
          trigger: fields.trigger,
          triggerRef: fields.triggerRef ?? null,
          reason: fields.reason ?? null,
        })));
        await recordAuditEvents(tx, written.map((task, n) => {
          const { fields, connectorId, target } = entries[n]!.prepared;
          return {
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
          };
        }));
        await enqueueProvisioning(deps.jobs, tx, entries.map(({ prepared }, n) => ({ id: written[n]!.id, connectorId: prepared.connectorId, entitlementResourceType: prepared.target.entitlement.resourceType })));
        entries.forEach(({ index }, n) => index.forEach((i, k) => (answers[i] = { task: written[n]!, existing: k > 0 })));
        return answers.map((a) => a!);
      });
    } catch (e) {
      // A request for the same access at once from elsewhere: the unique index let one in. With one request,
      // answer as if it had been first; with many, each on its own, so only the one that met it is told.
      if (!isUniqueViolation(e)) throw e;
      if (batch.length > 1) {
        const answers: (RequestedTask | RrcuError)[] = [];
        for (const p of batch) answers.push((await requestAll(action, [p]))[0]!);
        return answers;
      }
      const open = await openTaskFor(db, taskKey(batch[0]!));
      if (!open) throw e;
      return [await refusal(async () => sameOrConflict(open, action))];
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
      const [answer] = await requestGrants([input]);
      if (answer instanceof RrcuError) throw answer;
      return answer!;
    },

    requestGrants,

    /** Asks for a grant to be removed: by its id, or by entitlement and principal (which works even if the last sync missed it). */
    async requestRevoke(input: RevokeRequest): Promise<RequestedTask> {
      const [answer] = await requestRevokes([input]);
      if (answer instanceof RrcuError) throw answer;
      return answer!;
    },

    requestRevokes,
  };

  /**
   * Many grants at once (a request on several accounts, a script's bulk grant): each resolved and checked
   * on its own, its refusal (an RrcuError) its answer, in `inputs`' order; the tasks written a hundred to a
   * transaction (`requestAll`), so their commits do not queue one by one behind the workers' writes.
   */
  async function requestGrants(inputs: readonly GrantRequest[]): Promise<(RequestedTask | RrcuError)[]> {
    const live = new Map<string, ReturnType<ConnectorService['live']>>();
    const connector = (id: string) => live.get(id) ?? live.set(id, deps.connectors.live(id)).get(id)!;
    return inBatches(inputs, 'grant', (slice) => Promise.all(slice.map((input) => refusal(async () => {
      const parsed = parse(grantRequestSchema, input);
      const { id: connectorId } = await connector(parsed.connector);
      const entitlement = await resolveEntitlement(db, connectorId, parsed.entitlement, parsed.resource, parsed.principal, notAnEntitlement('grant', connectorId, parsed.principal));
      const principal = await resolvePrincipal(db, connectorId, parsed.principal, entitlement);
      // What the inventory says spares the provisioner reading AWS first where its call is idempotent (unless asked to read first).
      const held = parsed.readFirst ? undefined : { grant: await currentDirectGrant(db, connectorId, entitlement.key, principal) };
      const { resourceDisplayName, ...ent } = entitlement;
      const target: StoredProvisioningTarget = { entitlement: ent, principal, resourceDisplayName, ...(held ? { heldAtLastSync: held.grant !== undefined } : {}) };
      (await deps.provisioners.get(connectorId)).check('grant', target);
      return { fields: parsed, connectorId, target };
    }))));
  }

  /** Prepares and writes requests REQUEST_BATCH at a time: each answer in its input's place. */
  async function inBatches<I>(inputs: readonly I[], action: ProvisioningAction, prepare: (slice: readonly I[]) => Promise<(Prepared | RrcuError)[]>): Promise<(RequestedTask | RrcuError)[]> {
    const answers: (RequestedTask | RrcuError)[] = [];
    for (let i = 0; i < inputs.length; i += REQUEST_BATCH) {
      const slice = await prepare(inputs.slice(i, i + REQUEST_BATCH));
      const prepared = slice.filter((p): p is Prepared => !(p instanceof RrcuError));
      const written = prepared.length ? await requestAll(action, prepared) : [];
      let n = 0;
      for (const p of slice) answers.push(p instanceof RrcuError ? p : written[n++]!);
    }
    return answers;
  }

  /**
   * Many revokes at once (a review's close): each resolved and checked on its own, its refusal (an
   * RrcuError) its answer, in `inputs`' order. A hundred at a time: the grants named by id are read
   * together (`grantTargets`), then the tasks are written in one transaction (`requestAll`).
   */
  async function requestRevokes(inputs: readonly RevokeRequest[]): Promise<(RequestedTask | RrcuError)[]> {
    const live = new Map<string, ReturnType<ConnectorService['live']>>();
    const connector = (id: string) => live.get(id) ?? live.set(id, deps.connectors.live(id)).get(id)!;
    return inBatches(inputs, 'revoke', (slice) => prepareRevokes(slice, connector));
  }

  /**
   * Revoke requests resolved against the current inventory and checked against what the connector can
   * change: by grant id (read together per connector), or by entitlement and principal (one by one).
   */
  async function prepareRevokes(inputs: readonly RevokeRequest[], live: (id: string) => ReturnType<ConnectorService['live']>): Promise<(Prepared | RrcuError)[]> {
    const asked = await Promise.all(inputs.map(async (input) => refusal(async () => {
      const parsed = parse(revokeRequestSchema, input);
      return { parsed, connectorId: (await live(parsed.connector)).id };
    })));
    const byConnector = new Map<string, number[]>();
    for (const a of asked) if (!(a instanceof RrcuError) && 'grantId' in a.parsed) (byConnector.get(a.connectorId) ?? byConnector.set(a.connectorId, []).get(a.connectorId)!).push(a.parsed.grantId);
    const targets = new Map<string, Map<number, GrantTarget | RrcuError>>();
    for (const [connectorId, ids] of byConnector) targets.set(connectorId, await grantTargets(db, connectorId, ids));
    const out: (Prepared | RrcuError)[] = [];
    for (const a of asked) {
      out.push(a instanceof RrcuError ? a : await refusal(async () => {
        const { parsed, connectorId } = a;
        let target: StoredProvisioningTarget;
        if ('grantId' in parsed) {
          const found = targets.get(connectorId)!.get(parsed.grantId)!;
          if (found instanceof RrcuError) throw found;
          const { resourceDisplayName, ...ent } = found.entitlement;
          target = { entitlement: ent, principal: found.principal, resourceDisplayName, grantId: found.grant.id, grantAttributes: found.grant.attributes, heldAtLastSync: true };
        } else {
          const entitlement = await resolveEntitlement(db, connectorId, parsed.entitlement, parsed.resource, parsed.principal, notAnEntitlement('revoke', connectorId, parsed.principal));
          const principal = await resolvePrincipal(db, connectorId, parsed.principal, entitlement);
          const grant = await currentDirectGrant(db, connectorId, entitlement.key, principal);
          const { resourceDisplayName, ...ent } = entitlement;
          target = { entitlement: ent, principal, resourceDisplayName, heldAtLastSync: grant !== undefined, ...(grant ? { grantId: grant.id, grantAttributes: grant.attributes } : {}) };
        }
        (await deps.provisioners.get(connectorId)).check('revoke', target);
        return { fields: parsed, connectorId, target };
      }));
    }
    return out;
  }
}

export type ProvisioningService = ReturnType<typeof createProvisioningService>;

/** Requests written per transaction by `requestRevokes`: a bounded hold on the audit chain's lock. */
const REQUEST_BATCH = 100;

type CommonFields = { actor: string; trigger: ProvisioningTrigger; triggerRef?: string | undefined; reason?: string | undefined };

/** A request resolved against the inventory and checked against what the connector can change. */
type Prepared = { fields: CommonFields; connectorId: string; target: StoredProvisioningTarget };

const taskKey = ({ connectorId, target }: Pick<Prepared, 'connectorId' | 'target'>): TaskKey => ({
  connectorId,
  entitlementKey: target.entitlement.key,
  principalTypeId: target.principal.resourceType,
  principalExternalId: target.principal.externalId,
});

/** A refusal (an RrcuError) as a batch's answer for one request; anything else thrown. */
async function refusal<T>(f: () => Promise<T>): Promise<T | RrcuError> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof RrcuError) return e;
    throw e;
  }
}

function sameOrConflict(open: ProvisioningTask, action: ProvisioningAction): RequestedTask {
  if (open.action === action) return { task: open, existing: true };
  throw new RrcuError(PROVISIONING_ERRORS.TASK_IN_PROGRESS, `A ${open.action} of this access is still ${open.status} (task ${open.id}); a ${action} cannot run beside it.`, {
    fix: `Wait for task ${open.id} to finish (\`rrcu tasks\`), then ask again.`,
  });
}

