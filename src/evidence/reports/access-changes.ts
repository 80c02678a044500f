import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { diffRuns, findCauses, type ActorNamer, type DiffCause, type DiffRow } from '../../access/index.ts';
import { actorNames } from '../../identity/index.ts';
import { lastDecisionsOnItems, type LastDecision } from '../../reviews/index.ts';
import { queryRows, type Db } from '../../store/index.ts';
import { columns, generated, connectorIdSchema, dateOf, instantSchema, listed, onPaper, organisationOf, utc, type ReportProducer, type Row } from './common.ts';
import { runAt, runLine } from './inventory-at.ts';

const parameters = z.object({ connectorId: connectorIdSchema, from: instantSchema, to: instantSchema }).refine((p) => p.from < p.to, { path: ['to'], message: 'is not after from' });

type Change = { change: 'opened' | 'closed'; row: DiffRow };

/** When and by which run each grant row opened or closed (the diff names the rows; the versions say when). */
async function versionTimes(db: Db, ids: readonly number[]): Promise<Map<number, { openedAt: Date; closedAt: Date | null; openedRun: number; closedRun: number | null }>> {
  const out = new Map<number, { openedAt: Date; closedAt: Date | null; openedRun: number; closedRun: number | null }>();
  for (let i = 0; i < ids.length; i += 5000) {
    const slice = ids.slice(i, i + 5000);
    const rows = await queryRows<{ id: number; seen_from: Date | string; seen_to: Date | string | null; opened_run_id: number; closed_run_id: number | null }>(db, sql`
      select id, seen_from, seen_to, opened_run_id, closed_run_id from grants where id in (${sql.join(slice.map((id) => sql`${id}`), sql`, `)})`);
    for (const r of rows) out.set(Number(r.id), { openedAt: new Date(r.seen_from), closedAt: dateOf(r.seen_to), openedRun: Number(r.opened_run_id), closedRun: r.closed_run_id === null ? null : Number(r.closed_run_id) });
  }
  return out;
}

/**
 * The Revoke behind each review task (its trigger ref is the item): campaign, decider, comment, in one
 * query for every review task of the window.
 */
function reviewsBehind(db: Db, causes: readonly DiffCause[]): Promise<Map<string, LastDecision>> {
  const refs = new Set(causes.filter((c) => c.trigger === 'review' && c.triggerRef).map((c) => c.triggerRef!));
  // A trigger ref that is no item id (not expected) names no decision rather than failing the report.
  return lastDecisionsOnItems(db, [...refs].filter((r) => UUID.test(r)), 'revoke');
}

const grantRef = (row: DiffRow) => ({ entitlementKey: row.entitlementKey!, principalType: row.type, principalExternalId: row.externalId, via: row.via ?? null });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Grants opened and closed between two instants, each tied to the RRCU task (and review decision) that made it, or flagged as made outside RRCU. */
export const accessChangesReport: ReportProducer<typeof parameters> = {
  parameters,
  async produce(db, p, by, now) {
    const organisation = await organisationOf(db, p.connectorId);
    const [fromRun, toRun] = await Promise.all([runAt(db, p.connectorId, p.from), runAt(db, p.connectorId, p.to)]);
    const namer: ActorNamer = (actors) => actorNames(db, actors);
    const diff = await diffRuns(db, fromRun.id, toRun.id, { actorNames: namer });
    const changes: Change[] = [...diff.grants.added.map((c) => ({ change: 'opened' as const, row: c.after! })), ...diff.grants.removed.map((c) => ({ change: 'closed' as const, row: c.before! }))];
    const times = await versionTimes(db, [...changes, ...diff.grants.changed.flatMap((c) => [{ row: c.before! }, { row: c.after! }])].map((c) => c.row.id));
    // A diff pairs a grant's version closed and one opened in its window as "changed". Where a run came between
    // them the grant was closed and opened again (revoked, then put back): both changes, each with its cause.
    const reopened = diff.grants.changed.filter((c) => times.get(c.before!.id)?.closedRun !== times.get(c.after!.id)?.openedRun);
    if (reopened.length > 0) {
      const causeOf = await findCauses(db, diff.connectorId, fromRun.id, toRun.id, namer);
      for (const { before, after } of reopened) {
        changes.push({ change: 'closed', row: { ...before!, cause: causeOf('revoke', grantRef(before!)) } }, { change: 'opened', row: { ...after!, cause: causeOf('grant', grantRef(after!)) } });
      }
    }
    const behind = await reviewsBehind(db, changes.flatMap((c) => (c.row.cause ? [c.row.cause] : [])));
    const at = (c: Change) => (c.change === 'opened' ? times.get(c.row.id)?.openedAt : times.get(c.row.id)?.closedAt) ?? null;
    changes.sort((a, b) => (at(a)?.getTime() ?? 0) - (at(b)?.getTime() ?? 0) || a.row.key.localeCompare(b.row.key));
    const count = (change: Change['change'], byRrcu: boolean) => changes.filter((c) => c.change === change && (c.row.cause !== null) === byRrcu).length;
    const triggers = new Map<string, number>();
    for (const c of changes) if (c.row.cause) triggers.set(c.row.cause.trigger, (triggers.get(c.row.cause.trigger) ?? 0) + 1);
    const toRow = (c: Change): Row => {
      const t = times.get(c.row.id);
      const cause = c.row.cause;
      const decision = cause?.trigger === 'review' && cause.triggerRef ? behind.get(cause.triggerRef) : undefined;
      return {
        change: c.change, at: at(c), syncRunId: c.change === 'opened' ? t?.openedRun ?? null : t?.closedRun ?? null,
        principalType: c.row.type, principalId: c.row.externalId, principal: c.row.displayName, entitlement: c.row.entitlementName ?? c.row.entitlementKey ?? null, entitlementKey: c.row.entitlementKey ?? null,
        viaGroup: c.row.viaName ?? c.row.via ?? null, summary: c.row.summary,
        madeBy: cause ? 'RRCU' : 'outside RRCU', taskId: cause?.taskId ?? null, action: cause?.action ?? null, trigger: cause?.trigger ?? null, triggerRef: cause?.triggerRef ?? null,
        actor: cause ? cause.actorName ?? cause.actor : null, reason: cause?.reason ?? null,
        campaign: decision ? `${decision.campaignName} (${decision.campaignId})` : null, reviewDecision: decision?.decision ?? null,
        reviewer: decision ? decision.by.email ?? decision.by.displayName : null, reviewComment: decision?.comment ?? null,
      };
    };
    return {
      kind: 'access_changes',
      title: `Access changes ${utc(p.from)} – ${utc(p.to)}`,
      organisation,
      period: `${utc(p.from)} – ${utc(p.to)}`,
      parameters: { connectorId: p.connectorId, from: p.from.toISOString(), to: p.to.toISOString() },
      ...generated(by, now),
      syncRunIds: [fromRun.id, ...(toRun.id === fromRun.id ? [] : [toRun.id])],
      summary: [
        { label: 'From (sync in force)', value: `${p.from.toISOString()} (${runLine(fromRun)})` },
        { label: 'To (sync in force)', value: `${p.to.toISOString()} (${runLine(toRun)})` },
        { label: 'Grants opened', value: count('opened', true) + count('opened', false) },
        { label: 'Grants closed', value: count('closed', true) + count('closed', false) },
        { label: 'Opened by RRCU', value: count('opened', true) },
        { label: 'Opened outside RRCU', value: count('opened', false) },
        { label: 'Closed by RRCU', value: count('closed', true) },
        { label: 'Closed outside RRCU', value: count('closed', false) },
        ...[...triggers].sort().map(([trigger, n]) => ({ label: `Changes by RRCU, trigger ${trigger}`, value: n })),
      ],
      tables: [{
        name: 'changes',
        title: 'Grants opened and closed, each with its cause; "outside RRCU": seen by a sync with no RRCU task behind it',
        // On paper, what changed (the summary names principal, entitlement, resource and group), when, and why; ids and the review's parts (in a review task's reason) are in the CSV and JSON.
        columns: onPaper(columns(
          ['change', 'Change'], ['at', 'At (sync start)', 2], ['syncRunId', 'Sync'], ['principalType', 'Principal type'], ['principalId', 'Principal id', 2], ['principal', 'Principal', 2],
          ['entitlement', 'Entitlement', 3], ['entitlementKey', 'Entitlement key', 2], ['viaGroup', 'Via group', 2], ['summary', 'Summary', 3], ['madeBy', 'Made by'], ['taskId', 'Task', 2], ['action', 'Action'], ['trigger', 'Trigger'],
          ['triggerRef', 'Trigger ref', 2], ['actor', 'Asked by', 2], ['reason', 'Why', 3], ['campaign', 'Review campaign', 2], ['reviewDecision', 'Decision'], ['reviewer', 'Reviewer', 2], ['reviewComment', 'Review comment', 2],
        ), ['change', 'at', 'syncRunId', 'summary', 'madeBy', 'action', 'trigger', 'actor', 'reason']),
        rows: listed(() => changes, toRow),
      }],
    };
  },
};
