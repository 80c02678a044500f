import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import { auditEvents, type Db } from '../store/index.ts';
import type { AuditEvent } from './record.ts';

export type AuditEventFilter = {
  /** An event type (`provisioning.requested`) or a family of them (`provisioning`). */
  type?: string;
  actor?: string;
  subject?: string;
  /** Only events whose data holds these fields with these values (`{ campaignId }`: a campaign's and its items' events). */
  data?: Record<string, string>;
  /** Only events before this sequence number: the `nextBefore` of the previous page. */
  before?: number;
  limit?: number;
};

export type AuditEventPage = { items: AuditEvent[]; nextBefore: number | null };

/** Audit events newest first, a page at a time; `nextBefore` is null on the last page. */
export async function listAuditEvents(db: Db, filter: AuditEventFilter = {}): Promise<AuditEventPage> {
  const limit = filter.limit ?? 100;
  const where: SQL[] = [];
  if (filter.type) where.push(or(eq(auditEvents.type, filter.type), sql`starts_with(${auditEvents.type}, ${`${filter.type}.`})`)!);
  if (filter.actor) where.push(eq(auditEvents.actor, filter.actor));
  if (filter.subject) where.push(eq(auditEvents.subject, filter.subject));
  for (const [field, value] of Object.entries(filter.data ?? {})) where.push(sql`${auditEvents.data}->>${field} = ${value}`);
  if (filter.before !== undefined) where.push(lt(auditEvents.seq, filter.before));
  // One more than asked tells whether there is a next page without counting.
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.seq))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextBefore: rows.length > limit ? items[items.length - 1]!.seq : null };
}
