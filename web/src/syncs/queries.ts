import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import type { ApiAnswer, SyncRunView } from '../types.ts';
import { syncKeys } from './query-keys.ts';

/** The sync runs' API: lists, one run live, the diff of a run against the previous one, the schedule. */

/**
 * The latest runs, of one connector or of all (`connectorId` ''). Asked every 2 s while one of them runs, or while
 * `live` (a sync was asked for and has not shown up yet); `keepPrevious` keeps the rows shown while a longer list loads.
 */
export function useSyncRuns(filter: { connectorId: string; limit: number }, { live = false, keepPrevious = false } = {}) {
  return useQuery({
    queryKey: syncKeys.list(filter),
    queryFn: () => api<{ items: SyncRunView[] }>('GET', '/api/syncs', { query: filter }),
    refetchInterval: (q) => (live || q.state.data?.items.some((r) => r.status === 'running') ? 2000 : false),
    ...(keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
}

/** One run, asked every second while it runs. */
export function useSyncRun(id: number) {
  return useQuery({
    queryKey: syncKeys.run(id),
    queryFn: () => api<SyncRunView>('GET', `/api/syncs/${id}`),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
}

type RunDiffView = ApiAnswer<'getSyncDiff'>;
export type Changes = RunDiffView['grants'];
/** The diff lists rows; a changed row carries its version before the change. */
export type DiffRow = Changes['changed'][number];

const DIFF_LIMIT = 500;

/** What a finished run changed since the previous successful one; a finished run's diff never changes. */
export function useRunDiff(runId: number) {
  return useQuery({
    queryKey: syncKeys.diff(runId),
    queryFn: () => api<RunDiffView>('GET', `/api/syncs/${runId}/diff`, { query: { limit: DIFF_LIMIT } }),
    staleTime: Infinity,
  });
}

type Schedule = ApiAnswer<'getSyncSchedule'>;

/** When connectors sync on their own: set by RRCU_SYNC_SCHEDULE on the server. */
export function useSyncSchedule() {
  return useQuery({ queryKey: syncKeys.schedule(), queryFn: () => api<Schedule>('GET', '/api/syncs/schedule') });
}
