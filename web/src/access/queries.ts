import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import type { ApiAnswer, ApiBody } from '../types.ts';
import { accessKeys } from './query-keys.ts';

/** The access explorer's API: who has what (paged), the suggestions of the search box, administrators' privileged marks. */

type AccessAnswer = ApiAnswer<'listAccess'>;

/**
 * Who has what for `question` (its filters, connector and `at`), `pageSize` rows at a time. Later pages are asked
 * at the first page's instant, so that "now" does not move between them.
 */
export function useAccess(question: Record<string, string>, at: string | undefined, pageSize: number) {
  return useInfiniteQuery({
    queryKey: accessKeys.answer(question),
    initialPageParam: { offset: 0, at },
    queryFn: ({ pageParam }) =>
      api<AccessAnswer>('GET', '/api/access', { query: { ...question, at: pageParam.at, limit: pageSize, offset: pageParam.offset } }),
    getNextPageParam: (last, all) => {
      const loaded = all.reduce((n, p) => n + p.items.length, 0);
      return loaded < last.total && last.items.length > 0 ? { offset: loaded, at: all[0]!.at } : undefined;
    },
  });
}

/** One answer of GET /api/search: `kind` + `value` are the /api/access query parameter and its value. */
export type Suggestion = ApiAnswer<'search'>['items'][number];

/** What matches the text typed so far (none asked for an empty text); the previous answer stays while the next loads. */
export function useSuggestions(text: string) {
  return useQuery({
    queryKey: accessKeys.suggestions(text),
    queryFn: () => api<{ items: Suggestion[] }>('GET', '/api/search', { query: { q: text, limit: 6 } }),
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** A person as the people API answers: their principals, title, enterprise attributes and manager. */
export type Person = ApiAnswer<'getPerson'>;

/** The person with this email (the Access page's `person` filter), or null when RRCU knows none. */
export function usePersonByEmail(email: string | undefined) {
  return useQuery({
    queryKey: accessKeys.person(email ?? ''),
    queryFn: async () => {
      const { items } = await api<ApiAnswer<'listPeople'>>('GET', '/api/people', { query: { q: email!, limit: 10 } });
      return items.find((p) => p.email === email!.toLowerCase()) ?? null;
    },
    enabled: email !== undefined,
    staleTime: 30_000,
  });
}

/** An administrator's privileged mark, active or (in the history) unmarked. */
export type PrivilegedMark = ApiAnswer<'listPrivilegedMarks'>['items'][number];

/** The active marks, newest first; with `history` the unmarked ones too. */
export function usePrivilegedMarks(history: boolean) {
  return useQuery({
    queryKey: accessKeys.markList(history),
    queryFn: () => api<ApiAnswer<'listPrivilegedMarks'>>('GET', '/api/privileged-marks', { query: history ? { history: 'true' } : {} }),
  });
}

/** A mark changes which grants are privileged: every access answer and the marks list are asked again. */
function useMarksChanged() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: accessKeys.all() });
    void queryClient.invalidateQueries({ queryKey: accessKeys.marks() });
  };
}

export function useMarkPrivileged(onMarked: (mark: PrivilegedMark) => void) {
  const changed = useMarksChanged();
  return useMutation({
    mutationFn: (body: ApiBody<'markPrivileged'>) => api<ApiAnswer<'markPrivileged', 201>>('POST', '/api/privileged-marks', { body }),
    onSuccess: (mark) => {
      onMarked(mark);
      changed();
    },
  });
}

export function useUnmarkPrivileged(onUnmarked: (mark: PrivilegedMark) => void) {
  const changed = useMarksChanged();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api<ApiAnswer<'unmarkPrivileged'>>('POST', `/api/privileged-marks/${encodeURIComponent(id)}/unmark`, { body: { reason } }),
    onSuccess: (mark) => {
      onUnmarked(mark);
      changed();
    },
  });
}
