import { z } from 'zod';
import { storedErrorSchema } from '../core/stored-error.ts';
import { retryCountsSchema, summarizeApiCalls } from './api-calls.ts';
import { isStaleRun, STALE_AFTER_MS, type SyncRun } from './runs.ts';

export const syncProgressViewSchema = z.object({
  stage: z.string(),
  detail: z.string().optional(),
  items: z.number().int().describe('Items stored so far in this attempt'),
  apiCalls: z.number().int(),
  throttled: z.number().int(),
  retries: retryCountsSchema.optional(),
});

/** A sync run as the API shows it: how it ended, what it counted and changed, the AWS calls it made. */
export const syncRunViewSchema = z.object({
  id: z.number().int(),
  connectorId: z.string(),
  connectorName: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  counts: z.record(z.string(), z.number()).describe('Items seen per kind and resource type, e.g. `resource:iam_user`, `grant`'),
  changes: z.record(z.string(), z.number()).describe('What the snapshot changed'),
  apiCalls: z.object({
    total: z.number().int(),
    throttled: z.number().int().describe('Throttled attempts that were retried'),
    retries: retryCountsSchema,
    operations: z.array(z.object({ operation: z.string(), calls: z.number().int(), retries: retryCountsSchema })),
  }),
  warnings: z.array(storedErrorSchema),
  error: storedErrorSchema.nullable(),
  progress: syncProgressViewSchema.nullable().describe('What a running sync is doing now; null once it has finished'),
  heartbeatAt: z.string().describe('The last sign of life of the run: a running sync writes it at least every 15 s'),
  stale: z.boolean().describe(`Running, yet silent for more than ${STALE_AFTER_MS / 1000} s: its process most likely died (crash, kill, restart), and the next sync of the connector resumes it`),
});

export type SyncRunView = z.infer<typeof syncRunViewSchema>;

const errorView = (e: { code: string; message: string; fix?: string | undefined }) => ({ code: e.code, message: e.message, ...(e.fix ? { fix: e.fix } : {}) });

export function toSyncRunView(run: SyncRun, connectorName: string, now: Date = new Date()): SyncRunView {
  const calls = summarizeApiCalls(run.apiCalls);
  return {
    id: run.id,
    connectorId: run.connectorId,
    connectorName,
    status: run.status,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    counts: run.counts,
    changes: run.changes,
    apiCalls: { total: calls.total, throttled: calls.retries.throttled, retries: calls.retries, operations: calls.operations },
    warnings: run.warnings.map(errorView),
    error: run.error ? errorView(run.error) : null,
    progress: run.status === 'running' && run.progress ? run.progress : null,
    heartbeatAt: run.heartbeatAt.toISOString(),
    stale: isStaleRun(run, now),
  };
}
