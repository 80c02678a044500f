import type { JobWithMetadata } from 'pg-boss';
import type { JobEngine } from '../jobs/index.ts';
import { REQUEST_QUEUES, REQUEST_TICK_CRON, WATCH_SECONDS, type RequestJob } from './queues.ts';
import type { RequestService, TickSummary } from './service-types.ts';

export type RequestJobDeps = {
  requests: Pick<RequestService, 'tick' | 'settle'>;
  /** The clock the service runs on (tests move it). */
  now?: () => Date;
  log?: (line: string) => void;
};

/**
 * Jobs fetched at once by the expiry and watch workers, and settled this many at a time: with one job per
 * fetch and a fetch per polling interval, a worker followed one request a second, and 500 requests approved
 * at once became active minutes after AWS had granted them (bench/requests.bench.ts). A full batch fetches the
 * next one at once (pg-boss's burstWhenBatchFull); a short one waits for the polling interval.
 */
const BATCH = 25;
const AT_ONCE = 4;

/** `work` on each item, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Requests' time-driven work on the job engine (queues.ts). At start-up the tick runs first, before any
 * worker takes a job, for what fell due: a server that was down when access fell due revokes it now, not at
 * the next minute.
 * Then the expiry jobs (one per approved request, started after its end), the watches (a request whose
 * tasks run, looked at every few seconds until they finish) and the minute's tick. Every handler calls the
 * service's idempotent `settle` / `tick`, so a job delivered twice, or beside the tick, does nothing twice.
 * One request's failure is logged and left to the tick (every minute): it does not fail the others of its batch.
 */
export async function startRequestJobs(engine: Pick<JobEngine, 'boss' | 'stopping'>, deps: RequestJobDeps): Promise<TickSummary> {
  const now = () => deps.now?.() ?? new Date();
  const log = deps.log ?? ((line: string) => console.error(line));
  // The app stopping ends the tick and the batches at their next request, quietly (JobEngine.stopping).
  const { stopping } = engine;
  // Only what fell due: on the embedded store (one connection, shared with the provisioning workers already
  // running) settling hundreds of requests being granted one by one here held startWorkers for minutes;
  // their watch jobs and the minute's tick follow them.
  const first = await deps.requests.tick(now(), { dueOnly: true, signal: stopping });
  // Stopped meanwhile: pg-boss takes no new workers, and the rest is the next start's.
  if (stopping.aborted) return first;
  /** One job's request settled; null when the app stopped before it (the job is failed with the batch, and retried at the next start). */
  const settle = async (job: JobWithMetadata<RequestJob>, queue: string): Promise<{ running: boolean } | null> => {
    if (stopping.aborted) return null;
    try {
      return await deps.requests.settle(Number(job.data.requestId), now());
    } catch (e) {
      if (!stopping.aborted) log(`${queue}: request #${job.data.requestId} failed: ${e instanceof Error ? e.message : String(e)}`);
      return { running: false };
    }
  };
  const leftForNextStart = (left: number) => {
    if (left) throw new Error(`the app stopped: ${left} request(s) of this batch left for the next start`);
  };
  const batch = { includeMetadata: true, batchSize: BATCH, burstWhenBatchFull: true } as const;
  await engine.boss.work(REQUEST_QUEUES.expiry, { ...batch, pollingIntervalSeconds: 5 }, async (jobs: JobWithMetadata<RequestJob>[]) => {
    let left = 0;
    await eachLimited(jobs, AT_ONCE, async (job) => void ((await settle(job, REQUEST_QUEUES.expiry)) ?? left++));
    leftForNextStart(left);
  });
  await engine.boss.work(REQUEST_QUEUES.watch, { ...batch, pollingIntervalSeconds: 1 }, async (jobs: JobWithMetadata<RequestJob>[]) => {
    const again: RequestJob[] = [];
    let left = 0;
    await eachLimited(jobs, AT_ONCE, async (job) => {
      const settled = await settle(job, REQUEST_QUEUES.watch);
      if (!settled) left++;
      // Still running (grants or revokes): look again shortly; a finished request stops its watch.
      else if (settled.running && job.retryCount === 0) again.push({ requestId: job.data.requestId });
    });
    if (again.length) await engine.boss.insert(REQUEST_QUEUES.watch, again.map((data) => ({ data, startAfter: new Date(Date.now() + WATCH_SECONDS * 1000) })));
    leftForNextStart(left);
  });
  await engine.boss.work(REQUEST_QUEUES.tick, { pollingIntervalSeconds: 5 }, async ([job]) => {
    const summary = await deps.requests.tick(now(), { signal: job ? AbortSignal.any([stopping, job.signal]) : stopping });
    if (summary.failed) log(`request-tick: ${summary.failed} request(s) failed to provision`);
  });
  await engine.boss.schedule(REQUEST_QUEUES.tick, REQUEST_TICK_CRON, null, { tz: 'UTC' });
  return first;
}
