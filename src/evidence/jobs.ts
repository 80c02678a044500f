import type { JobEngine, QueueSpec } from '../jobs/index.ts';
import { EVIDENCE_QUEUE, evidenceJobSchema, makePack, type MakeDeps } from './packs/index.ts';

/**
 * Evidence's queue: one job per pack asked for (the job's id is the pack's), made by `makePack`. A pack's
 * failure is its row's (`failed`, with the message), not the job's, so pg-boss retries only a job whose
 * worker died: the retried job finds the pack still running and makes it again from the start.
 */
export const EVIDENCE_QUEUES = { pack: EVIDENCE_QUEUE } as const;

/** A 100k-row pack takes about a minute; an hour leaves room for larger ones before the job is expired. */
export const EVIDENCE_QUEUE_SPECS: readonly QueueSpec[] = [{ name: EVIDENCE_QUEUE, expireInSeconds: 3600 }];

/** Packs are made one at a time per process: each streams its report through the store and its writers. */
export async function startEvidenceWorkers(engine: JobEngine, deps: MakeDeps): Promise<void> {
  await engine.boss.work(EVIDENCE_QUEUE, { pollingIntervalSeconds: 2, localConcurrency: 1 }, async ([job]) => {
    const { packId } = evidenceJobSchema.parse(job!.data);
    await makePack(deps, packId);
  });
}
