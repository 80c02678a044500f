import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { describeEntitlement } from '../core/describe-entitlement.ts';
import { classifyChanges, type Classified } from '../core/diff.ts';
import { RrcuError } from '../core/errors.ts';
import { queryRows, STORE_ERRORS, type Db } from '../store/index.ts';
import { diffCauseSchema, findCauses, type ActorNamer, type GrantRef } from './diff-causes.ts';
import { ACCESS_ERRORS } from './errors.ts';

/** One row of a diff: a resource, entitlement or grant version a run opened or closed, named as it stood then; the API answers with it. */
export const diffRowSchema = z.object({
  key: z.string().describe('The stable key; people read `summary`'),
  id: z.number().int(),
  type: z.string().describe('resource: its type; entitlement: the type of the resource it is on; grant: the principal type'),
  typeName: z.string().nullable().describe('What `type` is called (`AWS account`, `Identity Center user`)'),
  externalId: z.string().describe('resource: its id; entitlement: the id of the resource it is on; grant: the principal id'),
  displayName: z.string().nullable().describe('resource and entitlement: its name; grant: the principal\'s name'),
  summary: z.string().describe('One readable line: `noah.krishnan — AdministratorAccess on warehouse-prod (via group Observability)`'),
  resourceName: z.string().nullable().optional().describe('entitlement and grant: the name of the resource the entitlement is on'),
  parentName: z.string().nullable().optional().describe('resource: the account it is in (IAM users, groups, roles); entitlement and grant: that of the resource the entitlement is on'),
  entitlementKey: z.string().optional().describe('grant only'),
  entitlementName: z.string().nullable().optional().describe('grant only: `AdministratorAccess on warehouse-prod`, `member of Observability`, `member of Admins in payments-prod`'),
  resourceType: z.string().optional().describe('grant only: the type of the resource the entitlement is on'),
  resourceExternalId: z.string().optional().describe('grant only: the id of the resource the entitlement is on'),
  via: z.string().nullable().optional().describe('grant only: the group it comes through'),
  viaName: z.string().nullable().optional().describe('grant only: that group\'s name'),
  cause: diffCauseSchema.nullable().describe('The provisioning task that made the change; null: made outside RRCU'),
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

export type DiffOptions = {
  /** Names the people who asked for the tasks behind changes; without it, a cause carries the actor's id alone. */
  actorNames?: ActorNamer;
};

/**
 * What changed between two successful syncs of one connector: rows opened or closed by the runs after
 * `fromRunId` up to and including `toRunId`. An item that appeared and vanished in between is left out.
 */
export async function diffRuns(db: Db, fromRunId: number, toRunId: number, options: DiffOptions = {}): Promise<RunDiff> {
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
  const opened: Window = (alias) => {
    const x = sql.raw(alias);
    return sql`${x}.opened_run_id > ${fromRunId} and ${x}.opened_run_id <= ${toRunId} and (${x}.closed_run_id is null or ${x}.closed_run_id > ${toRunId})`;
  };
  const closed: Window = (alias) => {
    const x = sql.raw(alias);
    return sql`${x}.closed_run_id > ${fromRunId} and ${x}.closed_run_id <= ${toRunId} and ${x}.opened_run_id <= ${fromRunId}`;
  };

  // An added row is named as the later run saw things, a removed one as the earlier run did: a thing
  // gone by the later run keeps its last name.
  const select = async (query: DiffQuery, toRow: (row: Record<string, unknown>) => DiffRow) => {
    const rows = (window: Window, runId: number) => queryRows<Record<string, unknown>>(db, query(connectorId, window, runId));
    return classifyChanges((await rows(opened, toRunId)).map(toRow), (await rows(closed, fromRunId)).map(toRow));
  };
  const grants = await select(grantQuery, toGrantRow);
  const causeOf = await findCauses(db, connectorId, fromRunId, toRunId, options.actorNames);
  // Only what appeared or vanished has a task behind it: tasks grant and revoke, they do not edit.
  for (const c of grants.added) c.after!.cause = causeOf('grant', grantRef(c.after!));
  for (const c of grants.removed) c.before!.cause = causeOf('revoke', grantRef(c.before!));
  return {
    connectorId,
    fromRunId,
    toRunId,
    resources: await select(resourceQuery, toResourceRow),
    entitlements: await select(entitlementQuery, toEntitlementRow),
    grants,
  };
}

type Window = (alias: string) => SQL;
type DiffQuery = (connectorId: string, window: Window, runId: number) => SQL;

/** Every resource's name as of run `runId`: its latest version opened by then, live or last seen. */
const namesAt = (connectorId: string, runId: number) => sql`names as (
  select distinct on (resource_type_id, external_id) resource_type_id, external_id, display_name, parent_type_id, parent_external_id from resources
  where connector_id = ${connectorId} and opened_run_id <= ${runId}
  order by resource_type_id, external_id, opened_run_id desc)`;

const resourceQuery: DiffQuery = (connectorId, window, runId) => sql`
  with ${namesAt(connectorId, runId)}
  select x.id, x.key, x.resource_type_id as type, t.display_name as type_name, x.external_id, x.display_name, pn.display_name as parent_name
  from resources x
  left join resource_types t on t.id = x.resource_type_id
  left join names pn on pn.resource_type_id = x.parent_type_id and pn.external_id = x.parent_external_id
  where x.connector_id = ${connectorId} and ${window('x')} order by x.key`;

const entitlementQuery: DiffQuery = (connectorId, window, runId) => sql`
  with ${namesAt(connectorId, runId)}
  select x.id, x.key, x.resource_type_id as type, t.display_name as type_name, x.resource_external_id as external_id,
         x.display_name, x.slug, r.display_name as resource_name, pn.display_name as parent_name
  from entitlements x
  left join resource_types t on t.id = x.resource_type_id
  left join names r on r.resource_type_id = x.resource_type_id and r.external_id = x.resource_external_id
  left join names pn on pn.resource_type_id = r.parent_type_id and pn.external_id = r.parent_external_id
  where x.connector_id = ${connectorId} and ${window('x')} order by x.key`;

// Joins, not lookups per row: a first diff of a large organisation has 100k grants.
const grantQuery: DiffQuery = (connectorId, window, runId) => sql`
  with ${namesAt(connectorId, runId)},
  -- The group a grant comes through is recorded by id alone; only Identity Center groups expand to members.
  groups as (select distinct on (external_id) external_id, display_name from names order by external_id, resource_type_id),
  ents as (
    select distinct on (key) key, display_name, slug, resource_type_id, resource_external_id from entitlements
    where connector_id = ${connectorId} and opened_run_id <= ${runId} order by key, opened_run_id desc)
  select x.id, x.key, x.principal_type_id as type, t.display_name as type_name, x.principal_external_id as external_id,
         p.display_name, x.entitlement_key, e.display_name as entitlement_name, e.slug, e.resource_type_id,
         e.resource_external_id, r.display_name as resource_name, pn.display_name as parent_name, x.via_external_id, v.display_name as via_name
  from grants x
  left join resource_types t on t.id = x.principal_type_id
  left join names p on p.resource_type_id = x.principal_type_id and p.external_id = x.principal_external_id
  left join ents e on e.key = x.entitlement_key
  left join names r on r.resource_type_id = e.resource_type_id and r.external_id = e.resource_external_id
  left join names pn on pn.resource_type_id = r.parent_type_id and pn.external_id = r.parent_external_id
  left join groups v on v.external_id = x.via_external_id
  where x.connector_id = ${connectorId} and ${window('x')} order by x.key`;

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function baseRow(row: Record<string, unknown>): Omit<DiffRow, 'summary'> {
  return {
    key: String(row.key),
    id: Number(row.id),
    type: String(row.type),
    typeName: text(row.type_name),
    externalId: String(row.external_id),
    displayName: text(row.display_name),
    cause: null,
  };
}

/** ` in payments-prod`: IAM users, groups and roles of one name exist in many accounts. */
const inParent = (parentName: string | null) => (parentName === null ? '' : ` in ${parentName}`);

function toResourceRow(row: Record<string, unknown>): DiffRow {
  const base = baseRow(row);
  const parentName = text(row.parent_name);
  return { ...base, parentName, summary: `${base.displayName ?? base.externalId} (${base.typeName ?? base.type}${inParent(parentName)})` };
}

function toEntitlementRow(row: Record<string, unknown>): DiffRow {
  const base = baseRow(row);
  const resourceName = text(row.resource_name);
  const parentName = text(row.parent_name);
  const described = describeEntitlement({ displayName: base.displayName ?? String(row.slug), slug: String(row.slug), resourceDisplayName: resourceName, resourceExternalId: base.externalId, key: base.key });
  return { ...base, resourceName, parentName, summary: `${described}${inParent(parentName)}` };
}

/** Principals a trust policy names that are no one's user or group read with their type: "External principal 999988887777:root". */
const TYPED_PRINCIPALS = new Set(['external_principal', 'aws_service', 'identity_provider']);

function toGrantRow(row: Record<string, unknown>): DiffRow {
  const base = baseRow(row);
  const entitlementKey = String(row.entitlement_key);
  const resourceName = text(row.resource_name);
  const parentName = text(row.parent_name);
  const via = text(row.via_external_id);
  const viaName = text(row.via_name);
  // An entitlement the inventory never held (not expected) still reads as its key.
  const entitlementName = row.slug === null || row.slug === undefined
    ? null
    : describeEntitlement({ displayName: text(row.entitlement_name) ?? String(row.slug), slug: String(row.slug), resourceDisplayName: resourceName, resourceExternalId: String(row.resource_external_id), key: entitlementKey }) + inParent(parentName);
  const named = base.displayName ?? base.externalId;
  const principal = TYPED_PRINCIPALS.has(base.type) ? `${base.typeName ?? base.type} ${named}` : named;
  const summary = `${principal} — ${entitlementName ?? entitlementKey}${via === null ? '' : ` (via group ${viaName ?? via})`}`;
  return {
    ...base,
    summary,
    entitlementKey,
    entitlementName,
    ...(row.resource_type_id == null ? {} : { resourceType: String(row.resource_type_id), resourceExternalId: String(row.resource_external_id) }),
    resourceName,
    parentName,
    via,
    viaName,
  };
}

const grantRef = (row: DiffRow): GrantRef => ({ entitlementKey: row.entitlementKey!, principalType: row.type, principalExternalId: row.externalId, via: row.via ?? null });
