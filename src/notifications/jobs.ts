import type { JobWithMetadata } from 'pg-boss';
import type { JobEngine } from '../jobs/index.ts';
import { startAuditStreamJobs } from './audit-stream-jobs.ts';
import { deliverOne, type DeliveryDeps } from './deliver.ts';
import { sendDigests } from './digest.ts';
import { fanOut } from './fanout.ts';
import { FANOUT_EVERY_SECONDS, NOTIFICATION_MINUTE_CRON, NOTIFICATION_QUEUES, type DeliverJob } from './queues.ts';
import { sweepDeliveries } from './sweep.ts';

export type NotificationJobDeps = DeliveryDeps & {
  jobs: JobEngine;
  /** When the daily digest goes out (RRCU_NOTIFY_DIGEST_CRON, UTC). */
  digestCron: string;
  log?: (line: string) => void;
};

/** Deliveries fetched and sent at once by one worker: sends wait on the network, not the CPU. */
const BATCH = 10;

/**
 * Notifications' jobs on the engine (queues.ts): the fan-out chain (started now, then every few seconds,
 * restarted each minute by cron if a crash broke it), one deliver job per delivery, the sweep each minute
 * and the daily digest. Handlers only call the idempotent steps; a delivery's failure is recorded on its
 * row, never thrown, so pg-boss's own retries are left for the database being unreachable.
 */
export async function startNotificationJobs(engine: JobEngine, deps: NotificationJobDeps): Promise<void> {
  const log = deps.log ?? ((line: string) => console.error(line));
  const { boss } = engine;
  const step = { db: deps.db, jobs: engine, now: deps.now };
  await boss.work(NOTIFICATION_QUEUES.deliver, { includeMetadata: true, batchSize: BATCH, pollingIntervalSeconds: 1 }, async (jobs: JobWithMetadata<DeliverJob>[]) => {
    await Promise.all(
      jobs.map(async (job) => {
        const outcome = await deliverOne({ ...deps, jobs: engine }, job.data.deliveryId);
        if (outcome.claimed && !outcome.result.ok && outcome.status === 'failed') log(`notification-deliver: ${job.data.deliveryId} failed: ${outcome.result.reason}`);
      }),
    );
  });
  await boss.work(NOTIFICATION_QUEUES.fanout, { pollingIntervalSeconds: 1 }, async () => {
    try {
      await fanOut(step);
    } finally {
      // The next run a few seconds on, whatever happened to this one (`short`: at most one waits).
      await boss.send(NOTIFICATION_QUEUES.fanout, {}, { startAfter: FANOUT_EVERY_SECONDS });
    }
  });
  await boss.work(NOTIFICATION_QUEUES.sweep, { pollingIntervalSeconds: 5 }, async () => {
    const swept = await sweepDeliveries(step);
    if (swept.uncertain) log(`notification-sweep: ${swept.uncertain} delivery(ies) uncertain: their worker stopped during the send`);
  });
  await boss.work(NOTIFICATION_QUEUES.digest, { pollingIntervalSeconds: 5 }, async () => {
    await sendDigests(step);
  });
  await boss.send(NOTIFICATION_QUEUES.fanout, {});
  await boss.schedule(NOTIFICATION_QUEUES.fanout, NOTIFICATION_MINUTE_CRON, {}, { tz: 'UTC' });
  await boss.schedule(NOTIFICATION_QUEUES.sweep, NOTIFICATION_MINUTE_CRON, null, { tz: 'UTC' });
  await boss.schedule(NOTIFICATION_QUEUES.digest, deps.digestCron, null, { tz: 'UTC' });
  // Webhook channels that stream the audit log: a run per channel every few seconds while its receiver is behind.
  await startAuditStreamJobs(engine, { db: deps.db, secretKey: deps.secretKey, allowHttpWebhooks: deps.sendSettings?.allowHttpWebhooks, now: deps.now, log });
}
