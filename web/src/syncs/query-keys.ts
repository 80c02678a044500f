/** The cache keys of sync runs: every list is under `all()`, which Sync now and deleting a connector's data invalidate. */
export const syncKeys = {
  all: () => ['syncs'] as const,
  list: (filter: { connectorId: string; limit: number }) => ['syncs', filter] as const,
  run: (id: number) => ['sync', id] as const,
  diff: (id: number) => ['sync-diff', id] as const,
  schedule: () => ['sync-schedule'] as const,
};
