/**
 * The sweep, each minute. A delivery `sending` past its lease belongs to a worker that stopped mid-send:
 * the message may have arrived or not. Email and Slack cannot be asked, and sending again could tell
 * someone twice, so it becomes `uncertain`, shown under Settings → Notifications with Retry. A webhook goes
 * back to `pending`: receivers dedupe on X-RRCU-Delivery, so webhooks are at least once (docs/notifications.md).
 * A pending delivery whose due time passed long ago lost its job (a crash between commit and send): it gets one again.
 */
import { and, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import type { JobEngine } from '../jobs/index.ts';
import { notificationChannels, notificationDeliveries, type Db } from '../store/index.ts';
import { deliverJob } from './queues.ts';

/** Longer than any send may take (deliver.ts's SEND_TIMEOUT_MS), so a live worker's claim is never taken. */
export const SENDING_LEASE_MS = 2 * 60_000;
/** A pending delivery this late is taken for one whose job was lost. */
const LOST_JOB_MS = 2 * 60_000;

export const UNCERTAIN_REASON = 'The worker stopped during the send: it may have arrived. Retry sends it again.';

export type SweepSummary = { uncertain: number; requeued: number; resent: number };

export async function sweepDeliveries(deps: { db: Db; jobs?: JobEngine | undefined; now: () => Date }): Promise<SweepSummary> {
  const now = deps.now();
  const leaseEnded = new Date(now.getTime() - SENDING_LEASE_MS);
  return deps.db.transaction(async (tx) => {
    const stuck = await tx
      .select({ id: notificationDeliveries.id, kind: notificationChannels.kind })
      .from(notificationDeliveries)
      .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
      .where(and(eq(notificationDeliveries.status, 'sending'), lt(notificationDeliveries.claimedAt, leaseEnded)))
      .for('update', { of: notificationDeliveries, skipLocked: true });
    const webhooks = stuck.filter((d) => d.kind === 'webhook').map((d) => d.id);
    const others = stuck.filter((d) => d.kind !== 'webhook').map((d) => d.id);
    if (others.length) {
      await tx.update(notificationDeliveries).set({ status: 'uncertain', lastError: UNCERTAIN_REASON, nextAttemptAt: null }).where(inArray(notificationDeliveries.id, others));
      // What an uncertain digest listed is as uncertain as it.
      await tx.update(notificationDeliveries).set({ status: 'uncertain', lastError: UNCERTAIN_REASON }).where(inArray(notificationDeliveries.digestId, others));
    }
    if (webhooks.length) {
      await tx.update(notificationDeliveries).set({ status: 'pending', nextAttemptAt: now, lastError: 'The worker stopped during the send; sent again (webhooks are delivered at least once).' }).where(inArray(notificationDeliveries.id, webhooks));
    }
    const lost = await tx
      .select({ id: notificationDeliveries.id })
      .from(notificationDeliveries)
      .where(
        and(
          eq(notificationDeliveries.status, 'pending'),
          or(lt(notificationDeliveries.nextAttemptAt, new Date(now.getTime() - LOST_JOB_MS)), and(isNull(notificationDeliveries.nextAttemptAt), lt(notificationDeliveries.createdAt, new Date(now.getTime() - LOST_JOB_MS)))),
        ),
      )
      .limit(500);
    // Sent again at most once a lost-job period: the row's due time moves on, so the next sweep does not add another.
    if (lost.length) await tx.update(notificationDeliveries).set({ nextAttemptAt: now }).where(inArray(notificationDeliveries.id, lost.map((d) => d.id)));
    await deps.jobs?.sendInTransaction(tx, deliverJob.queue, [...webhooks, ...lost.map((d) => d.id)].map((id) => deliverJob.insert(id)));
    return { uncertain: others.length, requeued: webhooks.length, resent: lost.length };
  });
}

