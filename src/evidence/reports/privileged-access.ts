import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { accessFilter, grantTotals, type AccessRow } from '../../access/index.ts';
import { grantKey } from '../../core/inventory-items.ts';
import { lastDecisionsOn } from '../../reviews/index.ts';
import { queryRows, type Db } from '../../store/index.ts';
import { accessRow, ACCESS_COLUMNS } from './access-at.ts';
import { columns, generated, connectorIdSchema, instantSchema, onPaper, utc, type ReportProducer } from './common.ts';
import { grantPages, pointInTime, runLine } from './inventory-at.ts';

const parameters = z.object({ connectorId: connectorIdSchema, at: instantSchema.optional() });

const keyOf = (r: AccessRow) => grantKey({ entitlementKey: r.entitlementKey, principal: { resourceType: r.principalType, externalId: r.principalId }, via: r.via });

/**
 * When each grant's continuous holding up to `at` began: a sync opens a new version of a grant whose
 * details changed, closing the old one at the same instant, so the holding runs back through versions
 * that meet end to start; a gap (revoked, granted again) starts a new one.
 */
async function holdingSince(db: Db, connectorId: string, rows: readonly AccessRow[], at: Date): Promise<Map<string, Date>> {
  const keys = [...new Set(rows.filter((r) => r.grantId !== null).map(keyOf))];
  if (keys.length === 0) return new Map();
  const entitlementKeys = [...new Set(rows.map((r) => r.entitlementKey))];
  const versions = await queryRows<{ key: string; seen_from: Date | string; seen_to: Date | string | null }>(db, sql`
    select key, seen_from, seen_to from grants
    where connector_id = ${connectorId} and entitlement_key in (${sql.join(entitlementKeys.map((k) => sql`${k}`), sql`, `)})
      and key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)}) and seen_from <= ${at.toISOString()}::timestamptz
    order by key, seen_from desc`);
  const since = new Map<string, Date>();
  const reachedStart = new Set<string>();
  for (const v of versions) {
    const from = new Date(v.seen_from);
    const to = v.seen_to === null ? null : new Date(v.seen_to);
    const start = since.get(v.key);
    if (start === undefined) since.set(v.key, from);
    else if (!reachedStart.has(v.key) && to !== null && to.getTime() === start.getTime()) since.set(v.key, from);
    else reachedStart.add(v.key);
  }
  return since;
}

/** Every principal holding a privileged entitlement (the sync's verdict or an administrator's mark), how, since when, and the last review decision on it. */
export const privilegedAccessReport: ReportProducer<typeof parameters> = {
  parameters,
  async produce(db, p, by, now) {
    const at = p.at ?? now;
    const { organisation, run } = await pointInTime(db, p.connectorId, at);
    const filter = await accessFilter(db, { connectorId: p.connectorId, at, privileged: true });
    const totals = await grantTotals(db, filter);
    const rows = grantPages(db, filter, async (page) => {
      const [since, decisions] = await Promise.all([holdingSince(db, p.connectorId, page, at), lastDecisionsOn(db, p.connectorId, page.map(keyOf))]);
      return page.map((r) => {
        const d = decisions.get(keyOf(r));
        return {
          ...accessRow(r),
          heldSince: r.pending?.kind === 'grant' ? r.pending.verifiedAt : since.get(keyOf(r)) ?? r.seenFrom,
          lastDecision: d?.decision ?? null, lastDecisionAt: d ? new Date(d.at) : null, lastReviewer: d ? d.by.email ?? d.by.displayName : null,
          lastCampaign: d ? `${d.campaignName} (${d.campaignId})` : null, lastComment: d?.comment ?? null,
        };
      });
    });
    return {
      kind: 'privileged_access',
      title: `Privileged access at ${utc(at)}`,
      organisation,
      period: utc(at),
      parameters: { connectorId: p.connectorId, at: at.toISOString() },
      ...generated(by, now),
      syncRunIds: [run.id],
      summary: [
        { label: 'As of', value: at.toISOString() },
        { label: 'Sync run in force', value: runLine(run) },
        { label: 'Privileged', value: 'entitlements the sync judged privileged, or an administrator marked, at that instant (as access reviews define it)' },
        { label: 'Privileged grants held', value: totals.grants },
        { label: 'Principals holding them', value: totals.principals },
        { label: 'Held directly', value: totals.direct },
        { label: 'Held via a group', value: totals.viaGroup },
        { label: 'Privileged entitlements', value: totals.entitlements },
      ],
      tables: [{
        name: 'privileged_access',
        title: 'Privileged grants: who, how, since when, and the last review decision on each',
        // On paper, who holds it, how, since when, and the last decision; ids, types, the campaign (name and id) and the privileged flag (every row's) are in the CSV and JSON.
        columns: onPaper([
          ...ACCESS_COLUMNS.filter((c) => c.key !== 'seenFrom'),
          ...columns(['heldSince', 'Held since', 2.4], ['lastDecision', 'Last decision'], ['lastDecisionAt', 'Decided at', 2.4], ['lastReviewer', 'Reviewer', 2], ['lastCampaign', 'Campaign', 2], ['lastComment', 'Comment', 2]),
        ], ['principal', 'resource', 'entitlement', 'path', 'viaGroup', 'heldSince', 'lastDecision', 'lastDecisionAt', 'lastReviewer', 'lastComment']),
        rows,
      }],
    };
  },
};
