/** Counts as connectors report them: `<service>:<Operation>` per call, `throttled:<service>:<Operation>` per throttled retry. */
export type ApiCallCounts = Record<string, number>;

export type ApiCallSummary = {
  /** Operations and their calls, sorted by operation, throttled retries left out. */
  operations: [string, number][];
  total: number;
  throttled: number;
};

export function summarizeApiCalls(counts: ApiCallCounts): ApiCallSummary {
  const operations: [string, number][] = [];
  let total = 0;
  let throttled = 0;
  for (const [op, n] of Object.entries(counts)) {
    if (op.startsWith('throttled:')) throttled += n;
    else {
      operations.push([op, n]);
      total += n;
    }
  }
  operations.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { operations, total, throttled };
}
