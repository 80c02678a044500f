import type { JobInsert } from 'pg-boss';
import type { QueueSpec } from '../jobs/index.ts';
import { AUDIT_STREAM_QUEUE_SPECS } from './audit-stream-jobs.ts';

/**
 * Notifications' queues on the job engine (jobs.ts runs them):
 * - `notification-deliver`: one job per delivery, sent in the transaction that makes it pending (the fan-out,
 *   a retry, Retry in Settings). The delivery row, not the job, says whether to send: a job delivered twice
 *   finds it claimed or done and does nothing.
 * - `notification-fanout`: turns new outbox rows into deliveries. Each run sends the next a few seconds on
 *   (`short`: at most one waits), and a cron each minute restarts the chain if a crash broke it.
 * - `notification-sweep`: each minute, sends stuck in `sending` past their lease, and pending deliveries
 *   whose job was lost.
 * - `notification-digest`: daily (RRCU_NOTIFY_DIGEST_CRON), one message per person and channel listing what
 *   waited for it.
 */
export const NOTIFICATION_QUEUES = {
  deliver: 'notification-deliver',
  fanout: 'notification-fanout',
  sweep: 'notification-sweep',
  digest: 'notification-digest',
} as const;

export const NOTIFICATION_QUEUE_SPECS: readonly QueueSpec[] = [
  // A send is bounded by its own timeout (SEND_TIMEOUT_MS); the job's expiry only catches a worker that hung.
  { name: NOTIFICATION_QUEUES.deliver, expireInSeconds: 300 },
  // Every 3 s: a finished run is kept an hour, not the engine's week (200,000 rows).
  { name: NOTIFICATION_QUEUES.fanout, policy: 'short', expireInSeconds: 300, deleteAfterSeconds: 3600 },
  { name: NOTIFICATION_QUEUES.sweep, policy: 'singleton', expireInSeconds: 300 },
  { name: NOTIFICATION_QUEUES.digest, policy: 'singleton', expireInSeconds: 3600 },
  // Audit streaming's tick and per-channel runs (audit-stream-jobs.ts).
  ...AUDIT_STREAM_QUEUE_SPECS,
];

/** Every minute (UTC): the fan-out chain's safety net, and the sweep. */
export const NOTIFICATION_MINUTE_CRON = '* * * * *';

/** How soon the fan-out looks at the outbox again. */
export const FANOUT_EVERY_SECONDS = 3;

export type DeliverJob = { deliveryId: string };

export const deliverJob = {
  queue: NOTIFICATION_QUEUES.deliver,
  insert(deliveryId: string, startAfter?: Date): JobInsert {
    return { data: { deliveryId } satisfies DeliverJob, ...(startAfter ? { startAfter } : {}) };
  },
};
