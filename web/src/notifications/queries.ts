import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import type { ApiAnswer } from '../types.ts';
import { inboxKeys } from './query-keys.ts';

export type Inbox = ApiAnswer<'getMyInbox'>;
export type InboxItem = Inbox['items'][number];

// The bell asks again now and then: a notification is written by the server, with nothing to push it.
const REFRESH_MS = 60_000;

/** The caller's notifications, newest first, with the unread count. */
export function useInbox(options: { unreadOnly?: boolean; limit?: number } = {}) {
  const unreadOnly = options.unreadOnly ?? false;
  return useQuery({
    queryKey: inboxKeys.list(unreadOnly),
    queryFn: () => api<Inbox>('GET', '/api/me/inbox', { query: { unread: unreadOnly ? 'true' : undefined, limit: options.limit } }),
    refetchInterval: REFRESH_MS,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<ApiAnswer<'markInboxItemRead'>>('POST', `/api/me/inbox/${encodeURIComponent(id)}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<ApiAnswer<'markInboxRead'>>('POST', '/api/me/inbox/read-all'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}
