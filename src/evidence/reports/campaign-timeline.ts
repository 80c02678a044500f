import { sql } from 'drizzle-orm';
import { listAuditEvents } from '../../audit/index.ts';
import { queryRows, type Db } from '../../store/index.ts';

export type TimelineEntry = { at: Date; event: string; actor: string; count: number; detail: string };

/** Events a timeline leaves to other tables: each decision is in the decisions table. */
const IN_OTHER_TABLES = new Set(['review.decided']);

/**
 * A campaign's timeline: its audit events (created, launched, stages closed, escalations, closed,
 * remediation asked for and proven), those made together in one action (an escalation of 300 items)
 * as one line with their count, and the reminders, which are in-app notifications rather than audit
 * events, one line per day with the reviewers reminded.
 */
export async function campaignTimeline(db: Db, campaignId: string): Promise<TimelineEntry[]> {
  const lines = new Map<string, TimelineEntry>();
  let before: number | undefined;
  do {
    const page = await listAuditEvents(db, { data: { campaignId }, limit: 1000, ...(before === undefined ? {} : { before }) });
    for (const e of page.items) {
      if (IN_OTHER_TABLES.has(e.type)) continue;
      const key = `${e.type}\n${e.actor}\n${e.occurredAt.toISOString()}`;
      const line = lines.get(key) ?? { at: e.occurredAt, event: e.type, actor: e.actor, count: 0, detail: detailOf(e.data) };
      line.count++;
      lines.set(key, line);
    }
    before = page.nextBefore ?? undefined;
  } while (before !== undefined);
  const reminders = await queryRows<{ day: string; n: number }>(db, sql`
    select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day, count(*)::int as n from notifications
    where kind = 'review.reminder' and payload->>'campaignId' = ${campaignId} group by 1`);
  const entries = [...lines.values(), ...reminders.map((r) => ({ at: new Date(`${r.day}T00:00:00Z`), event: 'review.reminder', actor: 'system', count: Number(r.n), detail: `${r.n} reviewer(s) reminded` }))];
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime() || a.event.localeCompare(b.event));
}

/** The few data fields an auditor reads on a timeline line; the audit log keeps the rest. */
function detailOf(data: Record<string, unknown>): string {
  const keep = ['stage', 'next', 'kept', 'items', 'revoked', 'notReviewed', 'syncRunId', 'itemCount', 'note', 'taskId', 'reason'];
  return keep.filter((k) => data[k] !== undefined && data[k] !== null).map((k) => `${k}: ${typeof data[k] === 'object' ? JSON.stringify(data[k]) : String(data[k])}`).join(', ');
}
