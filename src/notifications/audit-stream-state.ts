/**
 * Where an audit-streaming channel's stream stands, as Settings → Notifications, the channels API and
 * `rrcu notifications list` show it: the last event the receiver acknowledged, how many wait behind it,
 * and — while its attempts fail — the last error, when, and since when. A stuck stream is evidence missing
 * from the receiver, so an administrator must see it without reading logs.
 */
import { inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvents, auditStreamCursors, type Db } from '../store/index.ts';

export const auditStreamStateSchema = z.object({
  lastSeq: z.number().int().describe('The last audit event (seq) the receiver acknowledged with a 2xx; 0 before the first'),
  lastSentAt: z.string().nullable().describe('When it acknowledged it; null before the first 2xx'),
  waiting: z.number().int().describe('Audit events recorded after lastSeq: not yet acknowledged'),
  failure: z
    .object({
      error: z.string().describe('Why the last attempt was not acknowledged'),
      failedAt: z.string().nullable().describe('When the last attempt failed (null for a failure recorded before RRCU kept the time)'),
      failingSince: z.string().nullable().describe('The first failure since the last 2xx'),
    })
    .nullable()
    .describe('Null when the last attempt was acknowledged (or none was made yet)'),
});
export type AuditStreamState = z.infer<typeof auditStreamStateSchema>;

/**
 * The stream state of each of these channels (audit-streaming ones); a channel without a cursor yet (no
 * run so far) is at 0 with the whole log waiting. Two queries whatever the number of channels: the chain's
 * head (max of the primary key) and the cursors.
 */
export async function auditStreamStates(db: Db, channelIds: readonly string[]): Promise<Map<string, AuditStreamState>> {
  const states = new Map<string, AuditStreamState>();
  if (channelIds.length === 0) return states;
  const [top] = await db.select({ head: sql<string | number>`coalesce(max(${auditEvents.seq}), 0)` }).from(auditEvents);
  const head = Number(top?.head ?? 0);
  const cursors = new Map((await db.select().from(auditStreamCursors).where(inArray(auditStreamCursors.channelId, [...channelIds]))).map((c) => [c.channelId, c]));
  for (const id of channelIds) {
    const c = cursors.get(id);
    const lastSeq = c?.lastSeq ?? 0;
    states.set(id, {
      lastSeq,
      lastSentAt: c?.lastSentAt?.toISOString() ?? null,
      waiting: Math.max(0, head - lastSeq),
      failure: c?.lastError ? { error: c.lastError, failedAt: c.lastFailedAt?.toISOString() ?? null, failingSince: c.failingSince?.toISOString() ?? null } : null,
    });
  }
  return states;
}
