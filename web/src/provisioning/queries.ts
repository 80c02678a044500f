import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { accessKeys } from '../access/query-keys.ts';
import { api } from '../api.ts';
import type { ApiAnswer, TaskStatus, TaskView } from '../types.ts';
import { taskKeys } from './query-keys.ts';
import { isFinished } from './task-text.ts';

/** The provisioning tasks' API: asking for a grant or revoke, the list, one task followed live. */

/** A task as the list gives it: with who asked, in words. */
export type ListedTask = ApiAnswer<'listTasks'>['items'][number];

/** POST /api/tasks answers with the new task, or the unfinished one already asking for the same change. */
export type RequestedTask = ApiAnswer<'requestTask', 202>;

export type TaskRequest =
  | { action: 'grant'; connector: string; entitlement: string; resource?: string; principal: string; reason?: string }
  | { action: 'revoke'; connector: string; grantId: number; reason?: string }
  | { action: 'revoke'; connector: string; entitlement: string; principal: string; reason?: string };

/** Asks for a grant or revoke (POST /api/tasks); `onRequested` gets the task to follow. */
export function useRequestTask(onRequested: (r: RequestedTask) => void) {
  return useMutation({ mutationFn: (body: TaskRequest) => api<RequestedTask>('POST', '/api/tasks', { body }), onSuccess: onRequested });
}

/** The newest tasks, filtered; while any is unfinished its row changes by the second, so the list is asked every 2 s. */
export function useTasks(filter: { status: TaskStatus | undefined; connectorId: string | undefined }, limit: number) {
  return useQuery({
    queryKey: taskKeys.list(filter),
    queryFn: () => api<{ items: ListedTask[] }>('GET', '/api/tasks', { query: { ...filter, limit } }),
    refetchInterval: (q) => (q.state.data?.items.some((t) => !isFinished(t)) ? 2000 : false),
  });
}

/** One task by id (none asked while `id` is undefined). */
export function useTask(id: string | undefined) {
  return useQuery({
    queryKey: taskKeys.task(id),
    queryFn: () => api<TaskView>('GET', `/api/tasks/${encodeURIComponent(id!)}`),
    enabled: id !== undefined,
  });
}

/**
 * A task followed live from the answer that started it: asked every second until it succeeds or fails, then every
 * 5 s until a sync has seen the change. The access explorer reads the inventory, which changes when the task ends
 * and again when a sync has seen it: then the access answers and the task lists are asked again.
 */
export function useFollowedTask(initial: TaskView) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: taskKeys.task(initial.id),
    queryFn: () => api<TaskView>('GET', `/api/tasks/${encodeURIComponent(initial.id)}`),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (q) => {
      const t = q.state.data;
      if (!t || !isFinished(t)) return 1000;
      return t.status === 'succeeded' && t.observedRunId === null ? 5000 : false;
    },
  });
  const task = query.data;
  const seen = useRef({ finished: isFinished(initial), observed: initial.observedRunId });
  useEffect(() => {
    const finishedNow = isFinished(task) && !seen.current.finished;
    const observedNow = task.observedRunId !== null && seen.current.observed === null;
    seen.current = { finished: isFinished(task), observed: task.observedRunId };
    if (finishedNow || observedNow) {
      void queryClient.invalidateQueries({ queryKey: accessKeys.all() });
      void queryClient.invalidateQueries({ queryKey: taskKeys.all() });
    }
  }, [task, queryClient]);
  return query;
}
