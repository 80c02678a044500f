/**
 * Counts as connectors report them: `<service>:<Operation>` per attempt, and `<cause>:<service>:<Operation>`
 * per retry, the cause being `throttled`, `server-error` (5xx) or `network` (dropped connection, timeout).
 */
export type ApiCallCounts = Record<string, number>;

export type RetryCounts = { throttled: number; serverError: number; network: number };

const CAUSES = { 'throttled:': 'throttled', 'server-error:': 'serverError', 'network:': 'network' } as const;

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
    const prefix = (Object.keys(CAUSES) as (keyof typeof CAUSES)[]).find((p) => key.startsWith(p));
    if (prefix) {
      const cause = CAUSES[prefix];
      retries[cause] += n;
      entry(key.slice(prefix.length)).retries[cause] += n;
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
