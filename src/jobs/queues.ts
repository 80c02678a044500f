import type { QueuePolicy } from 'pg-boss';
import { z } from 'zod';

/**
 * The job queues, their payloads and their policies. A provisioning task is one job whose id is the
 * task's id, so pg-boss holds at most one job per task and hands it to one worker at a time.
 */
export const QUEUES = {
  /** Identity Center account assignments: asynchronous in AWS, at most 15 outstanding per instance. */
  accountAssignment: 'provisioning-account-assignment',
  /** IAM and Identity Center group memberships: synchronous calls. */
  membership: 'provisioning-membership',
  /** Syncs, one job per requested sync, keyed by connector. */
  sync: 'sync',
  /** The sync schedule's ticks: each asks for a sync of every connector. */
  syncSchedule: 'sync-schedule',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const provisioningJobSchema = z.object({ taskId: z.uuid() });
export type ProvisioningJob = z.infer<typeof provisioningJobSchema>;

export const syncJobSchema = z.object({ connectorId: z.uuid(), actor: z.string().min(1).max(300) });
export type SyncJob = z.infer<typeof syncJobSchema>;

/**
 * AWS documents 15 outstanding asynchronous write calls per Identity Center instance, a limit that
 * cannot be raised; the 16th is throttled. Workers keep one instance at that many in flight.
 */
export const ACCOUNT_ASSIGNMENTS_IN_FLIGHT = 15;
/** Membership calls are quick; a few at once stay well inside IAM's and Identity Store's rates. */
export const MEMBERSHIPS_IN_FLIGHT = 5;

/** Retries of throttling and transient errors: about 5 s, 10 s, 20 s, 40 s, 80 s apart, with jitter. */
export const RETRY = { retryLimit: 5, retryDelay: 5, retryBackoff: true, retryDelayMax: 300 } as const;

/**
 * How soon a job whose worker died is retried on PostgreSQL (on PGlite the process that restarts puts
 * them back at once: worker.ts). A live worker refreshes the heartbeat every half of it; pg-boss's
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

/**
 * Where a queue differs from QUEUE_OPTIONS. Syncs are `stately` with the connector id as singleton key:
 * per connector at most one sync waits and one runs, so repeated requests collapse into the waiting
 * one, and pg-boss does not hand out a connector's waiting sync while another of its syncs is active.
 * A large organisation may take hours to sync; the job must not expire under it.
 */
export const QUEUE_OVERRIDES: Partial<Record<QueueName, { policy: QueuePolicy; expireInSeconds?: number }>> = {
  [QUEUES.sync]: { policy: 'stately', expireInSeconds: 12 * 3600 },
  // A tick missed while another waits adds nothing: one waiting tick asks for the same syncs.
  [QUEUES.syncSchedule]: { policy: 'short' },
};

/** The queue of a task, by the resource its entitlement is on: an account means an account assignment. */
export function queueForEntitlement(resourceType: string): QueueName {
  return resourceType === 'account' ? QUEUES.accountAssignment : QUEUES.membership;
}
