import { eq, sql } from 'drizzle-orm';
import { lockLiveConnector } from './live-connector.ts';
import { RrcuError } from '../core/errors.ts';
import { contentHash, itemKey, type InventoryItem } from '../core/inventory-items.ts';
import type { Db } from './db.ts';
import { databaseFailure, STORE_ERRORS } from './errors.ts';
import { queryRows } from './rows.ts';
import type { StoredError } from '../core/stored-error.ts';
import { snapshotItems, syncRuns } from './schema/index.ts';

/**
 * Writing what a sync observed into the versioned inventory (see schema/inventory.ts).
 *
 * A sync stages items as it lists them (`stageItems`, in batches, safe to repeat after a resume),
 * then `commitSnapshot` compares the staged set with the current rows in one transaction: it closes
 * rows not seen (or seen changed), opens rows for what is new or changed, and leaves the rest alone.
 * `failSnapshot` discards the staged items, so a failed sync changes nothing.
 */

const BATCH = 500;

export type SnapshotChanges = Record<`${'opened' | 'closed'}:${'resource' | 'entitlement' | 'grant'}`, number>;

/**
 * Stages items; an item's `stage` (the checkpoint that completes it, see StagedItem) is kept in its
 * payload, outside its key and content hash, so that a resumed run can drop the unfinished stages'.
 */
export async function stageItems(db: Db, syncRunId: number, items: readonly (InventoryItem & { stage?: string })[]): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) {
    const rows = new Map<string, typeof snapshotItems.$inferInsert>();
    for (const { stage, ...item } of items.slice(i, i + BATCH) as (InventoryItem & { stage?: string })[]) {
      const key = itemKey(item as InventoryItem);
      // The same item listed twice within one batch (e.g. via two paths) is one row.
      rows.set(`${item.kind}\u0000${key}`, {
        syncRunId,
        kind: item.kind,
        key,
        contentHash: contentHash(item as InventoryItem),
        payload: { ...item, ...(stage ? { stage } : {}) },
      });
    }
    await db
      .insert(snapshotItems)
      .values([...rows.values()])
      .onConflictDoUpdate({
        target: [snapshotItems.syncRunId, snapshotItems.kind, snapshotItems.key],
        set: { contentHash: sql`excluded.content_hash`, payload: sql`excluded.payload` },
      });
  }
}

/**
 * Stages everything `items` yields, then commits; if the source throws, the run is marked failed
 * with the error and nothing in the inventory changes. Memory holds one batch at a time.
 */
export async function recordSnapshot(
  db: Db,
  syncRunId: number,
  items: AsyncIterable<InventoryItem> | Iterable<InventoryItem>,
): Promise<SnapshotChanges> {
  try {
    let batch: InventoryItem[] = [];
    for await (const item of items) {
      batch.push(item);
      if (batch.length >= BATCH) {
        await stageItems(db, syncRunId, batch);
        batch = [];
      }
    }
    await stageItems(db, syncRunId, batch);
  } catch (e) {
    await failSnapshot(db, syncRunId, toStoredError(e));
    throw e;
  }
  return commitSnapshot(db, syncRunId);
}

export async function commitSnapshot(db: Db, syncRunId: number): Promise<SnapshotChanges> {
  return db.transaction(async (tx) => {
    // The connector before the run (the archive's lock order). An archive holds its row until it commits and
    // closes the open rows; a run resumed while it was uncommitted would reopen them here, archived grants shown
    // as current access. Checked at this one place every sync path goes through, whichever way its run began.
    const [owner] = await tx.select({ connectorId: syncRuns.connectorId }).from(syncRuns).where(eq(syncRuns.id, syncRunId));
    if (owner) await lockLiveConnector(tx, owner.connectorId);
    const run = await lockRunningRun(tx, syncRunId);
    const at = run.startedAt.toISOString();
    const c = run.connectorId;
    const r = syncRunId;

    await tx.execute(sql`
      insert into resource_types (id, display_name)
      select distinct payload->>'resourceType', payload->>'resourceType' from snapshot_items
      where sync_run_id = ${r} and kind = 'resource'
      on conflict (id) do nothing`);

    // A sync stages tens of thousands of rows into a table that was empty; without fresh statistics the
    // planner expects one row and joins them by nested loop (minutes instead of a second at 100k grants).
    // Only the columns the commit filters and joins on: the payloads' statistics serve no plan, and
    // sampling them (jsonb, detoasted) was most of the analyze.
    await tx.execute(sql`analyze snapshot_items (sync_run_id, kind, key)`);
    const stagedGrants = await stageGrantsForCommit(tx, r);

    // Every row written below refers to the connector and the run this transaction holds locked (above), and
    // to resource types it has just inserted: the foreign keys' checks, one trigger per key per row (3M for
    // 1M grants), cannot fail, yet they took a third (PostgreSQL) to a half (PGlite) of inserting the rows.
    // A superuser (PGlite's always, PostgreSQL's often) skips them as a restore does; anyone else keeps
    // them. Only for these statements: set back before anything else is written.
    const skipChecks = await mayReplicate(tx);
    if (skipChecks) await tx.execute(sql`set local session_replication_role = replica`);
    const changes = {} as SnapshotChanges;
    for (const kind of ['resource', 'entitlement', 'grant'] as const) {
      const table = sql.raw(`${kind}s`);
      // Grants are read from the working table (direct and expanded, columns already extracted), the
      // others from their staged payloads.
      const staged = kind === 'grant'
        ? sql`(select key, content_hash, ${sql.raw(COLUMNS.grant.join(', '))} from commit_grants)`
        : sql`(select s.key, s.content_hash, ${sql.raw(SELECTS[kind].map((e, i) => `${e} as ${COLUMNS[kind][i]}`).join(', '))}
               from snapshot_items s where s.sync_run_id = ${r} and s.kind = ${kind})`;
      const closed = await queryRows<{ n: number }>(tx, sql`
        with closed as (
          update ${table} t set seen_to = ${at}::timestamptz, closed_run_id = ${r}::bigint
          where t.connector_id = ${c} and t.seen_to is null
            and not exists (select 1 from ${staged} s where s.key = t.key and s.content_hash = t.content_hash)
          returning 1)
        select count(*)::int as n from closed`);
      const opened = await queryRows<{ n: number }>(tx, sql`
        with opened as (
          insert into ${table} (connector_id, key, content_hash, seen_from, opened_run_id, ${sql.raw(COLUMNS[kind].join(', '))})
          select ${c}::uuid, s.key, s.content_hash, ${at}::timestamptz, ${r}::bigint, ${sql.raw(COLUMNS[kind].map((col) => `s.${col}`).join(', '))}
          from ${staged} s
          where not exists (select 1 from ${table} t where t.connector_id = ${c} and t.seen_to is null and t.key = s.key)
          -- In key order: a grant's key starts with its entitlement's, so the key and entitlement indexes grow
          -- at their right edge instead of on random pages (a million rows' indexes outgrow the buffer cache).
          order by s.key
          returning 1)
        select count(*)::int as n from opened`);
      changes[`closed:${kind}`] = closed[0]!.n;
      changes[`opened:${kind}`] = opened[0]!.n;
    }
    if (skipChecks) await tx.execute(sql`set local session_replication_role = origin`);

    const counted = await queryRows<{ kind: string; type: string | null; n: number }>(tx, sql`
      select kind, payload->>'resourceType' as type, count(*)::int as n from snapshot_items
      where sync_run_id = ${r} group by 1, 2`);
    const counts: Record<string, number> = { ...run.counts };
    for (const row of counted) counts[row.type ? `${row.kind}:${row.type}` : row.kind] = row.n;
    if (stagedGrants > 0) counts.grant = stagedGrants;
    await tx.execute(sql`drop table commit_grants`);

    await tx.delete(snapshotItems).where(eq(snapshotItems.syncRunId, r));
    await tx
      .update(syncRuns)
      .set({ status: 'succeeded', finishedAt: new Date(), counts, changes, checkpoint: null })
      .where(eq(syncRuns.id, r));
    // The same for the inventory the queries read: PGlite never gathers statistics on its own and
    // autovacuum may be off or late, and the access explorer's joins over 100k grants then take seconds
    // instead of a fraction of one (bench/api.bench.ts). Only where a tenth of the rows changed (as
    // autovacuum's default scale factor): a sync that found little new leaves the statistics true, and
    // even a sampled analyze reads pages across a million-row table.
    const staged: Record<string, number> = { resource: 0, entitlement: 0, grant: stagedGrants };
    for (const row of counted) if (row.kind !== 'grant') staged[row.kind] = (staged[row.kind] ?? 0) + row.n;
    const changed = (['resource', 'entitlement', 'grant'] as const).filter((kind) => (changes[`opened:${kind}`] + changes[`closed:${kind}`]) * 10 >= Math.max(1, staged[kind]!));
    if (changed.length > 0) await tx.execute(sql.raw(`analyze ${changed.map((kind) => `${kind}s`).join(', ')}`));
    return changes;
  });
}

/**
 * Fills `commit_grants`, a temporary table of the commit's transaction, with every grant the snapshot
 * holds, its columns taken out of the staged payloads once: the staged grants, and for each grant held
 * by a group one grant per member of the group with `via` = the group. Membership is read from the same
 * snapshot (the `member` grants of the group), so what a sync records is consistent with itself, and the
 * connector never holds the expansion in memory. Groups do not nest in Identity Center, so one level is
 * the whole expansion. A temporary table has no WAL, index or foreign key to keep: writing the expansion
 * back into snapshot_items was most of a commit's time. Returns how many grants it holds.
 *
 * An expanded grant's content hash and attributes are those the store has always given it (md5 of its
 * key and its group grant's attributes as JSON text), so an unchanged grant is not versioned again.
 */
async function stageGrantsForCommit(tx: Db, syncRunId: number): Promise<number> {
  await tx.execute(sql`
    create temporary table commit_grants on commit drop as
    select s.key, s.content_hash, ${sql.raw(SELECTS.grant.map((e, i) => `${e} as ${COLUMNS.grant[i]}`).join(', '))},
           s.payload->'attributes' as raw_attributes
    from snapshot_items s where s.sync_run_id = ${syncRunId} and s.kind = 'grant'`);
  await tx.execute(sql`analyze commit_grants (key, entitlement_key, principal_type_id, principal_external_id, via_external_id)`);
  await tx.execute(sql`
    insert into commit_grants (key, content_hash, entitlement_key, principal_type_id, principal_external_id, via_external_id, attributes)
    select e.key, md5(e.key || coalesce(e.raw_attributes::text, '')), e.entitlement_key, e.principal_type_id, e.principal_external_id,
           e.via_external_id, case when jsonb_typeof(e.raw_attributes) = 'object' then jsonb_strip_nulls(e.raw_attributes) else '{}'::jsonb end
    from (
      select g.entitlement_key || '|' || m.principal_type_id || ':' || m.principal_external_id || '|' || g.principal_external_id as key,
             g.entitlement_key, m.principal_type_id, m.principal_external_id, g.principal_external_id as via_external_id, g.raw_attributes
      from commit_grants g
      join commit_grants m on m.via_external_id is null
       and m.entitlement_key = g.principal_type_id || ':' || g.principal_external_id || '#member'
      where g.via_external_id is null
    ) e
    -- A grant the connector staged itself under the same key stays as staged.
    where not exists (select 1 from commit_grants x where x.key = e.key)`);
  const [all] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from commit_grants`);
  return all!.n;
}

/**
 * Records a run as failed. Its staged items are discarded, unless `keepStaged` (a transient cause: AWS
 * throttling or unreachable, a lost connection): then they stay with the checkpoint, marked resumable,
 * for the next sync of the connector to resume from.
 */
export async function failSnapshot(db: Db, syncRunId: number, error: StoredError, options: { keepStaged?: boolean } = {}): Promise<void> {
  await db.transaction(async (tx) => {
    if (options.keepStaged) {
      const checkpoint = sql`jsonb_set(coalesce(${syncRuns.checkpoint}, '{"done": []}'::jsonb), '{resumable}', 'true'::jsonb)`;
      await tx.update(syncRuns).set({ status: 'failed', finishedAt: new Date(), error, checkpoint }).where(eq(syncRuns.id, syncRunId));
      return;
    }
    await tx.delete(snapshotItems).where(eq(snapshotItems.syncRunId, syncRunId));
    await tx.update(syncRuns).set({ status: 'failed', finishedAt: new Date(), error, checkpoint: null }).where(eq(syncRuns.id, syncRunId));
  });
}

/**
 * Before a run resumes: discards the items it staged for stages that have no checkpoint (and items that
 * belong to no stage), which the resumed run lists again from scratch. Otherwise an item a half-done
 * stage staged and AWS has dropped since (a revoked grant) would be committed as present.
 */
export async function discardUnfinishedStages(db: Db, syncRunId: number, done: readonly string[]): Promise<void> {
  await db.execute(sql`
    delete from snapshot_items where sync_run_id = ${syncRunId}
      and coalesce(payload->>'stage', '') not in (select jsonb_array_elements_text(${JSON.stringify(done)}::jsonb))`);
}

/** Discards the staged items a failed run kept for resuming, once a sync starts over instead. */
export async function discardKeptStaging(db: Db, connectorId: string): Promise<void> {
  const kept = sql`select id from sync_runs where connector_id = ${connectorId} and status = 'failed' and (checkpoint->>'resumable')::boolean`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from snapshot_items where sync_run_id in (${kept})`);
    await tx.execute(sql`update sync_runs set checkpoint = null where id in (${kept})`);
  });
}

/** Longest message kept from an error RRCU has no name for. */
const UNKNOWN_ERROR_CHARS = 500;

/**
 * An error as a run or a task keeps it: RRCU's own as it is, a database failure by its reason and
 * statement, never by its SQL and parameters, anything else by its message.
 */
export function toStoredError(e: unknown): StoredError {
  const error = e instanceof RrcuError ? e : databaseFailure(e);
  if (error) return error.fix ? { code: error.code, message: error.message, fix: error.fix } : { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: (e instanceof Error ? e.message : String(e)).slice(0, UNKNOWN_ERROR_CHARS) };
}

/** Whether this session may set session_replication_role (a superuser's, before PostgreSQL 15's GRANT SET). */
async function mayReplicate(tx: Db): Promise<boolean> {
  const [row] = await queryRows<{ superuser: string }>(tx, sql`select current_setting('is_superuser') as superuser`);
  return row?.superuser === 'on';
}

async function lockRunningRun(tx: Db, syncRunId: number) {
  const [run] = await tx.select().from(syncRuns).where(eq(syncRuns.id, syncRunId)).for('update');
  if (!run) throw new RrcuError(STORE_ERRORS.SYNC_RUN_NOT_FOUND, `Sync run ${syncRunId} does not exist.`);
  if (run.status !== 'running') {
    throw new RrcuError(STORE_ERRORS.SYNC_RUN_NOT_RUNNING, `Sync run ${syncRunId} is ${run.status}; only a running sync can commit.`, {
      fix: 'Start a new sync.',
    });
  }
  return run;
}

// How each kind's columns are read from a staged item's payload (the InventoryItem as JSON).
const COLUMNS = {
  resource: ['resource_type_id', 'external_id', 'parent_type_id', 'parent_external_id', 'display_name', 'attributes'],
  entitlement: ['resource_type_id', 'resource_external_id', 'slug', 'display_name', 'attributes'],
  grant: ['entitlement_key', 'principal_type_id', 'principal_external_id', 'via_external_id', 'attributes'],
} as const;

const SELECTS = {
  resource: [
    "s.payload->>'resourceType'",
    "s.payload->>'externalId'",
    "s.payload->'parent'->>'resourceType'",
    "s.payload->'parent'->>'externalId'",
    "s.payload->>'displayName'",
    "coalesce(s.payload->'attributes', '{}'::jsonb)",
  ],
  entitlement: [
    "s.payload->'resource'->>'resourceType'",
    "s.payload->'resource'->>'externalId'",
    "s.payload->>'slug'",
    "s.payload->>'displayName'",
    "coalesce(s.payload->'attributes', '{}'::jsonb)",
  ],
  grant: [
    "s.payload->>'entitlementKey'",
    "s.payload->'principal'->>'resourceType'",
    "s.payload->'principal'->>'externalId'",
    "s.payload->>'via'",
    "coalesce(s.payload->'attributes', '{}'::jsonb)",
  ],
} as const;
