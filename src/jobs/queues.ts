import type { QueuePolicy } from 'pg-boss';

/**
 * The engine's queue policies. The queues themselves, their payloads and handlers belong to the
 * capabilities that use them (provisioning/jobs.ts, sync/sync-jobs.ts), which declare each queue as a
 * QueueSpec; the engine creates them with these defaults and the spec's overrides.
 */
export type QueueSpec = {
  name: string;
  /** pg-boss's policy, fixed when the queue is created (default `standard`). */
  policy?: QueuePolicy;
  /** Overrides QUEUE_OPTIONS' expiry, for jobs that may run longer than an hour. */
  expireInSeconds?: number;
  /**
   * Overrides how long a finished job is kept (QUEUE_OPTIONS: 7 days), for a tick that runs every few
   * seconds and records nothing worth keeping: at a 3 s tick, 7 days is 200,000 rows of "ran".
   */
  deleteAfterSeconds?: number;
};

/** Retries of throttling and transient errors: about 5 s, 10 s, 20 s, 40 s, 80 s apart, with jitter. */
export const RETRY = { retryLimit: 5, retryDelay: 5, retryBackoff: true, retryDelayMax: 300 } as const;

/**
 * How soon a job whose worker died is retried on PostgreSQL (on PGlite the process that restarts puts
 * them back at once: provisioning/jobs.ts). A live worker refreshes the heartbeat every half of it; pg-boss's
 * supervisor, every SUPERVISE_SECONDS, fails the jobs whose heartbeat lapsed and they are retried after
 * the first retry delay (5 s). Ten seconds is pg-boss's minimum: a live worker would have to miss two
 * refreshes in a row (its event loop or its database blocked for 10 s) to lose its job, and even then a
 * provisioning task resumes from its AWS request id rather than acting twice. With 30 s and pg-boss's
 * default 60 s pass, an interrupted task waited about 100 s.
 */
export const HEARTBEAT_SECONDS = 10;
export const SUPERVISE_SECONDS = 5;

export const QUEUE_OPTIONS = {
  ...RETRY,
  // A live worker refreshes the job's heartbeat; one that died stops, and the supervisor retries its job.
  heartbeatSeconds: HEARTBEAT_SECONDS,
  // An account assignment AWS keeps IN_PROGRESS for long is followed, not abandoned.
  expireInSeconds: 3600,
  deleteAfterSeconds: 7 * 24 * 3600,
} as const;
