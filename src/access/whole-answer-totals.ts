import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../store/index.ts';
import type { AccessFilter, AccessTotals } from './grants-at.ts';

/**
 * The totals of a connector's big answers (no filter, privileged only, a permission set on every account)
 * are the costly ones: tens of thousands to every grant aggregated (seconds at 1M grants), for every page
 * the explorer shows. They cannot change between two runs of the connector (the inventory's rows open
 * and close only at a run's start instant), so they are counted once per question and run in force at
 * the instant asked, and kept in `grant_totals`; a privileged answer also depends on the administrators'
 * marks live at that instant, kept as a digest.
 *
 * Counted as asked (`count`) instead: a question about one account, principal, person or group (an
 * index reaches their few grants), a provisioning task's overlay (until the next sync sees it), and an
 * answer over more than one connector's inventory (their distinct principals and resources may overlap).
 */
export async function wholeAnswerTotals(db: Db, filter: AccessFilter, at: string, counting: Counting): Promise<AccessTotals> {
  const question = keptQuestion(filter, counting.overlaid);
  if (!question) return counting.asked();
  const run = await runInForce(db, at, filter.connectorId);
  if (!run) return counting.asked();
  const marks = filter.privileged ? await liveMarksDigest(db, run.connectorId, at) : '';
  const [kept] = await queryRows<Omit<AccessTotals, 'viaGroup'>>(db, sql`
    select grants, principals, resources, entitlements, direct from grant_totals
    where sync_run_id = ${run.id} and question = ${question} and marks = ${marks}`);
  if (kept) return { ...kept, viaGroup: kept.grants - kept.direct };
  // Asked about one permission set by name, count them all in the same pass: the next question is another's.
  const byName = filter.permissionSet && !filter.privileged && !filter.permissionSet.includes(':');
  const counted = byName ? await counting.permissionSets(run.connectorId) : new Map([[question, await counting.asked()]]);
  const answers = byName ? new Map([...counted].map(([name, totals]) => [JSON.stringify({ permissionSet: name }), totals])) : counted;
  const totals = answers.get(question) ?? NONE;
  // A run that committed while counting may have changed the answer at `at`: keep only a count that is the run's.
  const still = await runInForce(db, at, filter.connectorId);
  if (still?.id === run.id) {
    const values = [...answers].map(([q, t]) => sql`(${run.id}, ${q}, ${marks}, ${t.grants}, ${t.principals}, ${t.resources}, ${t.entitlements}, ${t.direct})`);
    if (!answers.has(question)) values.push(sql`(${run.id}, ${question}, ${marks}, 0, 0, 0, 0, 0)`);
    await db.execute(sql`
      insert into grant_totals (sync_run_id, question, marks, grants, principals, resources, entitlements, direct)
      values ${sql.join(values, sql`, `)}
      on conflict do nothing`);
  }
  return totals;
}

/** How to count when nothing is kept: the question as asked, or every permission set of a connector by name. */
export type Counting = {
  overlaid: boolean;
  asked: () => Promise<AccessTotals>;
  permissionSets: (connectorId: string) => Promise<Map<string, AccessTotals>>;
};

const NONE: AccessTotals = { grants: 0, principals: 0, resources: 0, entitlements: 0, direct: 0, viaGroup: 0 };

/** The question's filters as the key they are kept under, or null when its totals are counted as asked. */
function keptQuestion(filter: AccessFilter, overlaid: boolean): string | null {
  if (overlaid || filter.principal || filter.personId || filter.resource || filter.entitlement || filter.external) return null;
  return JSON.stringify({
    ...(filter.permissionSet ? { permissionSet: filter.permissionSet } : {}),
    ...(filter.privileged ? { privileged: true } : {}),
    ...(filter.direct ? { direct: true } : {}),
  });
}

/**
 * The run whose inventory stood at `at`: the connector's last succeeded run started by then. Without a
 * connector, the one such run when only one connector had an inventory at `at` (an archived connector's
 * rows all closed when it was archived).
 */
export async function runInForce(db: Db, at: string, connectorId: string | undefined): Promise<{ id: number; connectorId: string } | null> {
  const runs = await queryRows<{ id: number; connectorId: string }>(db, sql`
    select distinct on (r.connector_id) r.id, r.connector_id as "connectorId"
    from sync_runs r join connectors c on c.id = r.connector_id
    where r.status = 'succeeded' and r.started_at <= ${at}::timestamptz and (c.archived_at is null or c.archived_at > ${at}::timestamptz)
      ${connectorId ? sql`and r.connector_id = ${connectorId}` : sql``}
    order by r.connector_id, r.started_at desc
    limit 2`);
  return runs.length === 1 ? { id: Number(runs[0]!.id), connectorId: runs[0]!.connectorId } : null;
}

async function liveMarksDigest(db: Db, connectorId: string, at: string): Promise<string> {
  const [row] = await queryRows<{ digest: string }>(db, sql`
    select md5(coalesce(string_agg(m.id::text, ',' order by m.id), '')) as digest from privileged_marks m
    where m.connector_id = ${connectorId} and m.marked_at <= ${at}::timestamptz and (m.unmarked_at is null or m.unmarked_at > ${at}::timestamptz)`);
  return row?.digest ?? '';
}
