/**
 * The daily digest: what waited in `digest` becomes one message per (channel, address), a delivery of
 * its own (`notification.digest`, `digest_of` the rows it lists) sent like any other. The rows it lists
 * point at it (`digest_id`) in the same transaction, so a digest run twice lists each row once; they follow
 * its outcome (deliver.ts), and one outbox row is never delivered twice.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { canonicalJson } from '../core/canonical-json.ts';
import type { JobEngine } from '../jobs/index.ts';
import { notificationDeliveries, type Db } from '../store/index.ts';
import { deliverJob } from './queues.ts';

export type DigestSummary = { digests: number; items: number };

export async function sendDigests(deps: { db: Db; jobs?: JobEngine | undefined; now: () => Date }): Promise<DigestSummary> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const waiting = await tx
      .select({ id: notificationDeliveries.id, channelId: notificationDeliveries.channelId, address: notificationDeliveries.address, personId: notificationDeliveries.personId, userId: notificationDeliveries.userId })
      .from(notificationDeliveries)
      .where(and(eq(notificationDeliveries.status, 'digest'), isNull(notificationDeliveries.digestId)))
      .orderBy(asc(notificationDeliveries.createdAt), asc(notificationDeliveries.id))
      .for('update', { skipLocked: true });
    const groups = new Map<string, typeof waiting>();
    for (const row of waiting) {
      const key = `${row.channelId} ${canonicalJson(row.address)}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    const digestIds: string[] = [];
    for (const rows of groups.values()) {
      const first = rows[0]!;
      const ids = rows.map((r) => r.id);
      const [digest] = await tx
        .insert(notificationDeliveries)
        .values({ channelId: first.channelId, kind: 'notification.digest', address: first.address, personId: first.personId, userId: first.userId, status: 'pending', nextAttemptAt: now, digestOf: ids, createdAt: now })
        .returning({ id: notificationDeliveries.id });
      await tx.update(notificationDeliveries).set({ digestId: digest!.id }).where(inArray(notificationDeliveries.id, ids));
      digestIds.push(digest!.id);
    }
    await deps.jobs?.sendInTransaction(tx, deliverJob.queue, digestIds.map((id) => deliverJob.insert(id)));
    return { digests: digestIds.length, items: waiting.length };
  });
}
