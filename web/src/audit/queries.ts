import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api } from '../api.ts';
import type { ApiAnswer } from '../types.ts';
import { auditKeys } from './query-keys.ts';

/** The audit log's API: events newest first, a page at a time, and the check of the hash chain. */

type AuditPageAnswer = ApiAnswer<'listAuditEvents'>;
type ChainVerdict = ApiAnswer<'verifyAuditChain'>;

const PAGE_SIZE = 100;

/** The events matching `filter`, newest first; each next page is the events before the last one shown. */
export function useAuditEvents(filter: { type: string | undefined; actor: string | undefined; subject: string | undefined }) {
  return useInfiniteQuery({
    queryKey: auditKeys.events(filter),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => api<AuditPageAnswer>('GET', '/api/audit', { query: { ...filter, before: pageParam, limit: PAGE_SIZE } }),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

/** Checks the whole hash chain on demand (it reads every event, so not on every visit). */
export function useVerifyChain() {
  return useMutation({ mutationFn: () => api<ChainVerdict>('GET', '/api/audit/verify') });
}
