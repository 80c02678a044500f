import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { classifyChanges, type Classified } from '../core/diff.ts';
import { RrcuError } from '../core/errors.ts';
import { queryRows, STORE_ERRORS, type Db } from '../store/index.ts';
import { ACCESS_ERRORS } from './errors.ts';

/** One row of a diff: a resource, entitlement or grant version a run opened or closed; the API answers with it. */
export const diffRowSchema = z.object({
  key: z.string(),
  id: z.number().int(),
  type: z.string().describe('resource: its type; entitlement: the type of the resource it is on; grant: the principal type'),
  externalId: z.string(),
  displayName: z.string().nullable(),
  entitlementKey: z.string().optional().describe('grant only'),
  via: z.string().nullable().optional().describe('grant only: the group it comes through'),
});

export type DiffRow = z.infer<typeof diffRowSchema>;

export type RunDiff = {
  connectorId: string;
  fromRunId: number;
  toRunId: number;
  resources: Classified<DiffRow>;
  entitlements: Classified<DiffRow>;
  grants: Classified<DiffRow>;
};

/**
 * What changed between two successful syncs of one connector: rows opened or closed by the runs after
 * `fromRunId` up to and including `toRunId`. An item that appeared and vanished in between is left out.
 */
export async function diffRuns(db: Db, fromRunId: number, toRunId: number): Promise<RunDiff> {
  const runs = await queryRows<{ id: number; connector_id: string; status: string }>(
    db,
    sql`select id::int as id, connector_id, status from sync_runs where id in (${fromRunId}, ${toRunId})`,
  );
  const from = runs.find((r) => r.id === fromRunId);
  const to = runs.find((r) => r.id === toRunId);
  if (!from || !to) {
    throw new RrcuError(STORE_ERRORS.SYNC_RUN_NOT_FOUND, `Sync run ${!from ? fromRunId : toRunId} does not exist.`, { fix: 'List runs with `rrcu runs`.' });
  }
  if (from.connector_id !== to.connector_id) {
    throw new RrcuError(ACCESS_ERRORS.DIFF_ACROSS_CONNECTORS, `Runs ${fromRunId} and ${toRunId} belong to different connectors.`, {
      fix: 'Compare two runs of the same connector.',
    });
  }
  if (fromRunId > toRunId) {
    throw new RrcuError(ACCESS_ERRORS.DIFF_ORDER, `Run ${fromRunId} is later than run ${toRunId}.`, { fix: 'Give the earlier run as --from.' });
  }
  const connectorId = from.connector_id;
  const opened = sql`opened_run_id > ${fromRunId} and opened_run_id <= ${toRunId} and (closed_run_id is null or closed_run_id > ${toRunId})`;
  const closed = sql`closed_run_id > ${fromRunId} and closed_run_id <= ${toRunId} and opened_run_id <= ${fromRunId}`;

  const select = async (table: 'resources' | 'entitlements' | 'grants', columns: string) => {
    const t = sql.raw(table);
    const cols = sql.raw(columns);
    const rows = (window: typeof opened) =>
      queryRows<Record<string, unknown>>(db, sql`select ${cols} from ${t} where connector_id = ${connectorId} and ${window} order by key`);
    return classifyChanges((await rows(opened)).map(toDiffRow), (await rows(closed)).map(toDiffRow));
  };

  return {
    connectorId,
    fromRunId,
    toRunId,
    resources: await select('resources', 'id, key, resource_type_id as type, external_id, display_name'),
    entitlements: await select('entitlements', 'id, key, resource_type_id as type, resource_external_id as external_id, display_name'),
    grants: await select('grants', 'id, key, principal_type_id as type, principal_external_id as external_id, null as display_name, entitlement_key, via_external_id'),
  };
}

function toDiffRow(row: Record<string, unknown>): DiffRow {
  const out: DiffRow = {
    key: String(row.key),
    id: Number(row.id),
    type: String(row.type),
    externalId: String(row.external_id),
    displayName: (row.display_name as string | null) ?? null,
  };
  if (row.entitlement_key !== undefined) {
    out.entitlementKey = String(row.entitlement_key);
    out.via = (row.via_external_id as string | null) ?? null;
  }
  return out;
}
