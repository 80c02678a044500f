import type { JobWithMetadata } from 'pg-boss';
import type { JobEngine, QueueSpec } from '../jobs/index.ts';
import { channelsBehind, streamAuditOnce, type AuditStreamDeps, type AuditStreamRun } from './audit-stream.ts';
import { retryDelayMs } from './core/backoff.ts';

/**
 * Audit streaming's queues (audit-stream.ts sends; this schedules):
 * - `notification-audit-tick`: every few seconds, a stream job for each audit-streaming channel whose receiver
 *   has not acknowledged the chain's end. A chain (each run sends the next; `short`: at most one waits),
 *   restarted each minute by cron if a crash broke it.
 * - `notification-audit-stream`: one channel's run, keyed by the channel (`stately`: at most one running and
 *   one waiting per channel, in every process), so one batch is in flight per channel. A run that failed
 *   leaves its successor waiting until the backoff (or the receiver's Retry-After) has passed, and the tick
 *   cannot add a sooner one beside it.
 */
export const AUDIT_STREAM_QUEUES = {
  tick: 'notification-audit-tick',
  stream: 'notification-audit-stream',
} as const;

export const AUDIT_STREAM_QUEUE_SPECS: readonly QueueSpec[] = [
  // Every 3 s: a finished tick is kept an hour, not the engine's week.
  { name: AUDIT_STREAM_QUEUES.tick, policy: 'short', expireInSeconds: 300, deleteAfterSeconds: 3600 },
  // A run is bounded by its batches' send timeouts; the expiry only catches a worker that hung.
  { name: AUDIT_STREAM_QUEUES.stream, policy: 'stately', expireInSeconds: 900 },
];

/** How soon new audit events reach the receivers. */
export const AUDIT_TICK_EVERY_SECONDS = 3;
const AUDIT_TICK_CRON = '* * * * *';
/** Batches per run: a long backlog is sent in runs of this many, each scheduling the next at once. */
const BATCHES_PER_RUN = 20;
/**
 * A receiver that keeps failing is tried at least this often (the delivery backoff's 1 h cap is for one
 * message; a stream's receiver should catch up soon after it is back). A stream never gives up: skipping
 * events would break the receiver's chain.
 */
const STREAM_BACKOFF_CAP_MS = 5 * 60_000;
/** A Retry-After further than this is not believed. */
const RETRY_AFTER_CAP_MS = 3_600_000;

export type AuditStreamJob = { channelId: string; /** Failed runs in a row before this one. */ failures: number };

export type AuditStreamJobDeps = AuditStreamDeps & { log?: (line: string) => void };

/**
 * When the run after a failed one may start: when the receiver said (Retry-After, believed up to an hour,
 * at least a second), else a backoff by failures in a row, capped at five minutes.
 */
export function nextStreamAttempt(failures: number, retryAfterMs: number | undefined, now: Date, random: () => number = Math.random): Date {
  const delay = retryAfterMs !== undefined ? Math.min(Math.max(retryAfterMs, 1000), RETRY_AFTER_CAP_MS) : Math.min(retryDelayMs(failures, random), STREAM_BACKOFF_CAP_MS);
  return new Date(now.getTime() + delay);
}

/**
 * Audit streaming on the job engine: the tick chain (started now, then every few seconds, and by cron
 * each minute) and the per-channel runs. A run's outcome is recorded on the channel's cursor, never
 * thrown; a run that throws (the database unreachable) is retried by pg-boss.
 */
export async function startAuditStreamJobs(engine: JobEngine, deps: AuditStreamJobDeps): Promise<void> {
  const { boss } = engine;
  const log = deps.log ?? ((line: string) => console.error(line));
  const queueRun = (channelId: string) => boss.send(AUDIT_STREAM_QUEUES.stream, { channelId, failures: 0 } satisfies AuditStreamJob, { singletonKey: channelId });

  await boss.work(AUDIT_STREAM_QUEUES.tick, { pollingIntervalSeconds: 1 }, async () => {
    try {
      // A channel with a run waiting (its backoff) is not queued again: `stately` keeps one waiting.
      for (const channelId of await channelsBehind(deps.db)) await queueRun(channelId);
    } finally {
      await boss.send(AUDIT_STREAM_QUEUES.tick, {}, { startAfter: AUDIT_TICK_EVERY_SECONDS });
    }
  });

  // Channels in parallel, each to its own receiver; `stately` keeps one run (so one batch) per channel.
  await boss.work(AUDIT_STREAM_QUEUES.stream, { includeMetadata: true, pollingIntervalSeconds: 1, localConcurrency: 4 }, async ([job]: JobWithMetadata<AuditStreamJob>[]) => {
    if (!job) return;
    const { channelId } = job.data;
    const failures = Number(job.data.failures) || 0;
    const run: AuditStreamRun = await streamAuditOnce(deps, channelId, { maxBatches: BATCHES_PER_RUN, signal: job.signal });
    if (run.status === 'more') {
      await boss.upsert(AUDIT_STREAM_QUEUES.stream, { channelId, failures: 0 } satisfies AuditStreamJob, { singletonKey: channelId, startAfter: new Date() });
    } else if (run.status === 'failed') {
      const startAfter = nextStreamAttempt(failures + 1, run.result.retryAfterMs, deps.now());
      if (failures === 0 || (failures + 1) % 10 === 0) log(`notification-audit-stream: channel ${channelId} not acknowledged (${failures + 1} in a row): ${run.result.reason}`);
      // Upsert: a run the tick queued meanwhile waits for the backoff too, rather than sending at once.
      await boss.upsert(AUDIT_STREAM_QUEUES.stream, { channelId, failures: failures + 1 } satisfies AuditStreamJob, { singletonKey: channelId, startAfter });
    }
  });

  await boss.send(AUDIT_STREAM_QUEUES.tick, {});
  await boss.schedule(AUDIT_STREAM_QUEUES.tick, AUDIT_TICK_CRON, {}, { tz: 'UTC' });
}
