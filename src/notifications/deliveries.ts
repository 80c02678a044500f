/** The delivery log: what was sent where, how it went, and Retry for what failed. */
import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '../audit/index.ts';
import { RrcuError } from '../core/errors.ts';
import type { JobEngine } from '../jobs/index.ts';
import { DELIVERY_STATUSES, notificationChannels, notificationDeliveries, type Db } from '../store/index.ts';
import { NOTIFICATION_ERRORS } from './errors.ts';
import { deliverJob } from './queues.ts';

type DeliveryRow = typeof notificationDeliveries.$inferSelect;

export const deliveryViewSchema = z.object({
  id: z.string(),
  notificationId: z.string().nullable(),
  channelId: z.string(),
  channelName: z.string(),
  channelKind: z.string(),
  /** The outbox row's kind, or notification.test / notification.digest. */
  kind: z.string(),
  /** Where it went: `{ kind: 'email', email }`, `{ kind: 'slack_user', email }` or `{ kind: 'channel' }`. */
  address: z.record(z.string(), z.unknown()),
  personId: z.string().nullable(),
  userId: z.string().nullable(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  /** Why the last attempt failed (or why it is uncertain), without secrets. */
  lastError: z.string().nullable(),
  /** The HTTP status or SMTP reply code of the last failure. */
  lastCode: z.number().int().nullable(),
  providerRef: z.string().nullable(),
  sentAt: z.string().nullable(),
  /** A digest: how many waiting notifications it lists. */
  digestCount: z.number().int().nullable(),
  /** A notification that waited for a digest: the digest delivery that listed it. */
  digestId: z.string().nullable(),
  createdAt: z.string(),
});
export type DeliveryView = z.infer<typeof deliveryViewSchema>;

export const deliveryFilterSchema = z.strictObject({
  status: z.enum(DELIVERY_STATUSES).optional(),
  channelId: z.uuid().optional(),
  kind: z.string().trim().min(1).max(100).optional(),
  /** The `next` of the previous page. */
  before: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DeliveryFilter = z.input<typeof deliveryFilterSchema>;
export type DeliveryPage = { items: DeliveryView[]; next: string | null };

const columns = {
  delivery: notificationDeliveries,
  channelName: notificationChannels.name,
  channelKind: notificationChannels.kind,
};

function toView(row: { delivery: DeliveryRow; channelName: string; channelKind: string }): DeliveryView {
  const d = row.delivery;
  return {
    id: d.id,
    notificationId: d.notificationId,
    channelId: d.channelId,
    channelName: row.channelName,
    channelKind: row.channelKind,
    kind: d.kind,
    address: d.address,
    personId: d.personId,
    userId: d.userId,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    lastError: d.lastError,
    lastCode: d.lastCode,
    providerRef: d.providerRef,
    sentAt: d.sentAt?.toISOString() ?? null,
    digestCount: d.digestOf?.length ?? null,
    digestId: d.digestId,
    createdAt: d.createdAt.toISOString(),
  };
}

/** A page cursor: the last row's creation time and id (newest first, ties by id). */
const encodeCursor = (d: DeliveryRow) => Buffer.from(`${d.createdAt.toISOString()}|${d.id}`).toString('base64url');

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (Number.isNaN(createdAt.getTime()) || !id || !z.uuid().safeParse(id).success) {
    throw new RrcuError(NOTIFICATION_ERRORS.CHANNEL_INVALID, `before: ${JSON.stringify(cursor)} is not a page cursor of the delivery log.`, { fix: "Pass the previous page's `next`, or leave it out for the first page.", fields: ['before'] });
  }
  return { createdAt, id };
}

/** Deliveries newest first, a page at a time (`next` is null on the last page). */
export async function listDeliveries(db: Db, filter: DeliveryFilter = {}): Promise<DeliveryPage> {
  const f = deliveryFilterSchema.parse(filter);
  const where: SQL[] = [];
  if (f.status) where.push(eq(notificationDeliveries.status, f.status));
  if (f.channelId) where.push(eq(notificationDeliveries.channelId, f.channelId));
  if (f.kind) where.push(or(eq(notificationDeliveries.kind, f.kind), sql`starts_with(${notificationDeliveries.kind}, ${`${f.kind}.`})`)!);
  if (f.before) {
    const c = decodeCursor(f.before);
    where.push(or(lt(notificationDeliveries.createdAt, c.createdAt), and(eq(notificationDeliveries.createdAt, c.createdAt), lt(notificationDeliveries.id, c.id)))!);
  }
  const rows = await db
    .select(columns)
    .from(notificationDeliveries)
    .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(notificationDeliveries.createdAt), desc(notificationDeliveries.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  return { items: page.map(toView), next: rows.length > f.limit ? encodeCursor(page[page.length - 1]!.delivery) : null };
}

const deliveryNotFound = (id: string) =>
  new RrcuError(NOTIFICATION_ERRORS.DELIVERY_NOT_FOUND, `No notification delivery ${id}.`, { fix: 'List the deliveries (Settings → Notifications, or GET /api/notifications/deliveries) for their ids.' });

export async function getDelivery(db: Db, id: string): Promise<DeliveryView> {
  if (!z.uuid().safeParse(id).success) throw deliveryNotFound(id);
  const [row] = await db
    .select(columns)
    .from(notificationDeliveries)
    .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
    .where(eq(notificationDeliveries.id, id));
  if (!row) throw deliveryNotFound(id);
  return toView(row);
}

/**
 * Retry: a failed or uncertain delivery goes back to `pending` with a new job, now. Uncertain ones may
 * then arrive twice: that is the administrator's call, made knowing it (the log says why it is uncertain).
 * The attempts count on: a retried delivery that fails again for a passing reason is tried again with
 * backoff only while it has attempts left (MAX_ATTEMPTS), else it is failed again at once.
 */
export async function retryDelivery(db: Db, jobs: JobEngine | undefined, id: string, actor: string, now: Date = new Date()): Promise<DeliveryView> {
  const before = await getDelivery(db, id);
  if (before.digestId !== null) {
    // Sent on its own and then again with its digest, it would arrive twice: the digest is what is retried.
    throw new RrcuError(NOTIFICATION_ERRORS.DELIVERY_NOT_RETRYABLE, `Delivery ${id} waited for digest ${before.digestId} and shares its outcome.`, { fix: `Retry the digest (delivery ${before.digestId}).` });
  }
  if (before.status !== 'failed' && before.status !== 'uncertain') {
    throw new RrcuError(NOTIFICATION_ERRORS.DELIVERY_NOT_RETRYABLE, `Delivery ${id} is ${before.status}; only a failed or uncertain delivery can be retried.`, {
      fix: before.status === 'pending' || before.status === 'sending' ? 'It is being delivered: wait for its outcome.' : 'Nothing to do.',
    });
  }
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(notificationDeliveries)
      .set({ status: 'pending', nextAttemptAt: now, claimedAt: null })
      .where(and(eq(notificationDeliveries.id, id), inArray(notificationDeliveries.status, ['failed', 'uncertain'])))
      .returning({ id: notificationDeliveries.id });
    if (updated.length === 0) {
      throw new RrcuError(NOTIFICATION_ERRORS.DELIVERY_NOT_RETRYABLE, `Delivery ${id} changed while it was being retried.`, { fix: 'Reload the delivery log and look at it again.' });
    }
    // What a digest listed waits for it again (and is never sent on its own: no job names it), when it still shares the digest's outcome.
    await tx.update(notificationDeliveries).set({ status: 'digest' }).where(and(eq(notificationDeliveries.digestId, id), eq(notificationDeliveries.status, before.status)));
    await recordAuditEvent(tx, { type: 'notification.delivery_retried', actor, subject: `notification_delivery:${id}`, data: { deliveryId: id, channelId: before.channelId, kind: before.kind, was: before.status, lastError: before.lastError } }, now);
    await jobs?.sendInTransaction(tx, deliverJob.queue, [deliverJob.insert(id)]);
  });
  return getDelivery(db, id);
}
