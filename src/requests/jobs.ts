import type { JobWithMetadata } from 'pg-boss';
import type { JobEngine } from '../jobs/index.ts';
import { REQUEST_QUEUES, REQUEST_TICK_CRON, WATCH_SECONDS, type RequestJob } from './queues.ts';
import type { RequestService, TickSummary } from './service-types.ts';

export type RequestJobDeps = {
  requests: Pick<RequestService, 'tick' | 'settle' | 'getRequest'>;
  /** The clock the service runs on (tests move it). */
  now?: () => Date;
  log?: (line: string) => void;
};

/**
 * Requests' time-driven work on the job engine (queues.ts). At start-up the tick runs first, before any
 * worker takes a job: a server that was down when access fell due revokes it now, not at the next minute.
 * Then the expiry jobs (one per approved request, started after its end), the watches (a request whose
 * tasks run, looked at every few seconds until they finish) and the minute's tick. Every handler calls the
 * service's idempotent `settle` / `tick`, so a job delivered twice, or beside the tick, does nothing twice.
 */
export async function startRequestJobs(engine: JobEngine, deps: RequestJobDeps): Promise<TickSummary> {
  const now = () => deps.now?.() ?? new Date();
  const log = deps.log ?? ((line: string) => console.error(line));
  const first = await deps.requests.tick(now());
  const settle = async (job: JobWithMetadata<RequestJob> | undefined) => {
    if (job) await deps.requests.settle(Number(job.data.requestId), now());
  };
  await engine.boss.work(REQUEST_QUEUES.expiry, { includeMetadata: true, pollingIntervalSeconds: 5 }, async ([job]: JobWithMetadata<RequestJob>[]) => settle(job));
  await engine.boss.work(REQUEST_QUEUES.watch, { includeMetadata: true, pollingIntervalSeconds: 1, localConcurrency: 2 }, async ([job]: JobWithMetadata<RequestJob>[]) => {
    if (!job) return;
    await settle(job);
    // Still running (grants or revokes): look again shortly; a finished request stops its watch.
    const detail = await deps.requests.getRequest(Number(job.data.requestId), { userId: null, personId: null, role: 'super_admin', actor: 'system' }).catch(() => undefined);
    const running = detail && (detail.status === 'approved' || detail.status === 'provisioning' || detail.targets.some((t) => t.status === 'granting' || t.status === 'revoking' || t.status === 'revoke_waiting'));
    if (running && job.retryCount === 0) await engine.boss.send(REQUEST_QUEUES.watch, { requestId: job.data.requestId }, { startAfter: WATCH_SECONDS });
  });
  await engine.boss.work(REQUEST_QUEUES.tick, { pollingIntervalSeconds: 5 }, async () => {
    const summary = await deps.requests.tick(now());
    if (summary.failed) log(`request-tick: ${summary.failed} request(s) failed to provision`);
  });
  await engine.boss.schedule(REQUEST_QUEUES.tick, REQUEST_TICK_CRON, null, { tz: 'UTC' });
  return first;
}
