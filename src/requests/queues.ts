import type { QueueSpec } from '../jobs/index.ts';

/**
 * Requests' queues on the job engine (jobs.ts runs them; the service sends into them in its transactions):
 * - `request-expiry`: one job per approved request, started after its `expires_at` (a durable timer: a server
 *   down at that instant runs it when it is back, and the tick catches it at start-up first thing);
 * - `request-watch`: follows a request whose provisioning tasks run (grants, or revokes at its end) every few
 *   seconds until they finish, so `active` follows AWS within seconds rather than at the next minute;
 * - `request-tick`: every minute, whatever is due (expiries, pending timeouts, the 15-minute notice, work a
 *   crash left half done). Singleton: one tick at a time across every worker.
 */
export const REQUEST_QUEUES = {
  expiry: 'request-expiry',
  watch: 'request-watch',
  tick: 'request-tick',
} as const;

export const REQUEST_QUEUE_SPECS: readonly QueueSpec[] = [{ name: REQUEST_QUEUES.expiry }, { name: REQUEST_QUEUES.watch }, { name: REQUEST_QUEUES.tick, policy: 'singleton' }];

/** Every minute (UTC). */
export const REQUEST_TICK_CRON = '* * * * *';

/** How soon a watch looks again at a request whose tasks still run. */
export const WATCH_SECONDS = 2;

export type RequestJob = { requestId: number };
