import { z } from 'zod';
import { RETRY_CAUSES, type RetryCause } from '../connectors/index.ts';

/**
 * Counts as connectors report them: `<service>:<Operation>` per attempt, and `<cause>:<service>:<Operation>`
 * per retry, the cause being `throttled`, `server-error` (5xx) or `network` (dropped connection, timeout).
 */
export type ApiCallCounts = Record<string, number>;

export const retryCountsSchema = z
  .object({ throttled: z.number().int(), serverError: z.number().int(), network: z.number().int() })
  .describe('Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout');

export type RetryCounts = z.infer<typeof retryCountsSchema>;

/** The field of RetryCounts each cause is counted in. */
const FIELD_OF = { throttled: 'throttled', 'server-error': 'serverError', network: 'network' } as const satisfies Record<RetryCause, keyof RetryCounts>;

export type ApiCallSummary = {
  /** Operations with their attempts and retries by cause, sorted by operation. */
  operations: { operation: string; calls: number; retries: RetryCounts }[];
  /** Attempts, retries included. */
  total: number;
  retries: RetryCounts;
};

const noRetries = (): RetryCounts => ({ throttled: 0, serverError: 0, network: 0 });

export function summarizeApiCalls(counts: ApiCallCounts): ApiCallSummary {
  const byOperation = new Map<string, { calls: number; retries: RetryCounts }>();
  const entry = (operation: string) => {
    let e = byOperation.get(operation);
    if (!e) byOperation.set(operation, (e = { calls: 0, retries: noRetries() }));
    return e;
  };
  const retries = noRetries();
  let total = 0;
  for (const [key, n] of Object.entries(counts)) {
    const cause = RETRY_CAUSES.find((c) => key.startsWith(`${c}:`));
    if (cause) {
      const field = FIELD_OF[cause];
      retries[field] += n;
      entry(key.slice(cause.length + 1)).retries[field] += n;
    } else {
      entry(key).calls += n;
      total += n;
    }
  }
  const operations = [...byOperation].map(([operation, e]) => ({ operation, ...e })).sort((a, b) => (a.operation < b.operation ? -1 : a.operation > b.operation ? 1 : 0));
  return { operations, total, retries };
}

/** "12 throttled, 3 after server errors, 1 after network errors", or '' without retries. */
export function describeRetries(retries: RetryCounts): string {
  const parts = [
    retries.throttled ? `${retries.throttled} throttled` : '',
    retries.serverError ? `${retries.serverError} after server errors` : '',
    retries.network ? `${retries.network} after network errors` : '',
  ].filter(Boolean);
  return parts.join(', ');
}
