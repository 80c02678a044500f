import { keepPreviousData, useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../api.ts';
import type { ApiAnswer } from '../types.ts';
import { reviewKeys } from './query-keys.ts';
import type {
  BulkDecideInput, CampaignStatistics, CampaignStatus, CampaignView, CreateCampaignInput, ItemDetail, ItemFilter, ItemPage, ItemView, PersonRef, PreviewView, ReviewDecision,
} from './types.ts';

/** The reviews API, one hook per question or change; the paths are written here and nowhere else. */

const PAGE_SIZE = 100;
const campaignPath = (id: string) => `/api/reviews/${encodeURIComponent(id)}`;

/** Where a campaign's export is downloaded: a plain link, so the browser saves the file. */
export function exportHref(campaignId: string, format: 'csv' | 'json'): string {
  return `${campaignPath(campaignId)}/export.${format}`;
}

/** A filter as query parameters: booleans as `true`/`false`, nothing for what is unset. */
export function filterQuery(filter: ItemFilter & { campaignId?: string }): Query {
  const q: Query = {};
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') q[k] = typeof v === 'boolean' ? String(v) : (v as string | number);
  return q;
}

export function useCampaigns(status: CampaignStatus | undefined, enabled = true) {
  return useQuery({
    queryKey: reviewKeys.campaigns(status),
    queryFn: () => api<{ items: CampaignView[] }>('GET', '/api/reviews', { query: { status } }),
    enabled,
  });
}

/** Everything an item's holder has now, directly and through groups: for the item's reviewer as for readers. */
export function useHolderAccess(itemId: string, limit: number) {
  return useQuery({
    queryKey: reviewKeys.holderAccess(itemId),
    queryFn: () => api<ApiAnswer<'getReviewItemHolderAccess'>>('GET', `/api/review-items/${encodeURIComponent(itemId)}/holder-access`, { query: { limit } }),
  });
}

export function useCampaign(id: string) {
  return useQuery({ queryKey: reviewKeys.campaign(id), queryFn: () => api<CampaignView>('GET', campaignPath(id)) });
}

export function useCampaignStatistics(id: string, enabled: boolean) {
  return useQuery({ queryKey: reviewKeys.statistics(id), queryFn: () => api<CampaignStatistics>('GET', `${campaignPath(id)}/statistics`), enabled });
}

/** Rows of a paged item list, `PAGE_SIZE` at a time, for NextPageFooter. */
function pagedItems(key: (offset: number) => readonly unknown[], path: string, query: Query) {
  return {
    queryKey: key(0),
    initialPageParam: 0,
    queryFn: ({ pageParam }: { pageParam: number }) => api<ItemPage>('GET', path, { query: { ...query, limit: PAGE_SIZE, offset: pageParam } }),
    getNextPageParam: (last: ItemPage, all: ItemPage[]) => {
      const loaded = all.reduce((n, p) => n + p.items.length, 0);
      return loaded < last.total && last.items.length > 0 ? loaded : undefined;
    },
    placeholderData: keepPreviousData,
  };
}

export function useCampaignItems(campaignId: string, filter: ItemFilter) {
  return useInfiniteQuery(pagedItems((o) => reviewKeys.items(campaignId, filter, o), `${campaignPath(campaignId)}/items`, filterQuery(filter)));
}

/** The signed-in person's own items (every campaign, or `campaignId`'s). */
export function useMyItems(filter: ItemFilter & { campaignId?: string }) {
  return useInfiniteQuery(pagedItems((o) => reviewKeys.mine(filter, o), '/api/me/reviews', filterQuery(filter)));
}

/** How many items wait for the signed-in person's decision, for the nav; refreshed now and then like the inbox. */
export function useMyPendingCount() {
  return useQuery({
    queryKey: reviewKeys.pendingCount(),
    queryFn: async () => (await api<ItemPage>('GET', '/api/me/reviews', { query: { outcome: 'pending', decision: 'undecided', limit: 1 } })).total,
    refetchInterval: 60_000,
  });
}

export function useItemDetail(id: string | null) {
  return useQuery({ queryKey: reviewKeys.item(id ?? ''), queryFn: () => api<ItemDetail>('GET', `/api/review-items/${encodeURIComponent(id!)}`), enabled: id !== null });
}

/**
 * The population a draft would take, asked again as the form changes: the caller passes the input only once
 * it has stopped changing for a moment (useDebounced), and the last answer stays on screen meanwhile.
 */
export function usePreview(input: CreateCampaignInput | null) {
  return useQuery({
    queryKey: reviewKeys.preview(input),
    queryFn: () => api<PreviewView>('POST', '/api/reviews/preview', { body: input }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Any change to reviews refreshes every review answer (progress, counts, lists) and the inbox. */
function useReviewChange<I, O>(fn: (input: I) => Promise<O>, onDone?: (out: O) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (out) => {
      await queryClient.invalidateQueries({ queryKey: reviewKeys.all });
      onDone?.(out);
    },
  });
}

export function useCreateCampaign(onCreated: (c: CampaignView) => void) {
  return useReviewChange((input: CreateCampaignInput) => api<CampaignView>('POST', '/api/reviews', { body: input }), onCreated);
}

type CampaignAction = 'launch' | 'advance' | 'close';
export function useCampaignAction(id: string, action: CampaignAction, onDone?: (c: CampaignView) => void) {
  return useReviewChange(() => api<CampaignView>('POST', `${campaignPath(id)}/${action}`), onDone);
}

/** An administrator's way out for a revoke: `retry` a failed task, or mark a manual removal `done`. */
export function useRemediationAction(itemId: string, action: 'retry' | 'done') {
  return useReviewChange(() => api<unknown>('POST', `/api/review-items/${encodeURIComponent(itemId)}/remediation/${action}`));
}

export type HandOver = { itemIds: string[]; toPersonId: string; reason: string };

/** An administrator gives items to another reviewer. */
export function useReassign(campaignId: string, onDone: () => void) {
  return useReviewChange((input: HandOver) => api<{ reassigned: number }>('POST', `${campaignPath(campaignId)}/reassign`, { body: input }), onDone);
}

/** A reviewer hands their items to another person. */
export function useDelegate(onDone: () => void) {
  return useReviewChange((input: HandOver) => api<{ delegated: number }>('POST', '/api/me/reviews/delegate', { body: input }), onDone);
}

export type DecideInput = { itemId: string; decision: ReviewDecision; comment?: string };
export function useDecide(onDone?: (item: ItemView) => void) {
  return useReviewChange(
    async ({ itemId, ...body }: DecideInput) => (await api<{ item: ItemView }>('POST', `/api/review-items/${encodeURIComponent(itemId)}/decision`, { body })).item,
    onDone,
  );
}

export function useBulkDecide(onDone: (out: { decided: number }) => void) {
  return useReviewChange((input: BulkDecideInput) => api<{ decided: number }>('POST', '/api/me/reviews/bulk-decision', { body: input }), onDone);
}

type PersonMatch = ApiAnswer<'findReviewPeople'>['items'][number];

/** People whose name or email contains `text`, to pick a reviewer or a delegate: the reviews' own route, which a reviewer of the person role may call (the people directory is for readers). */
export function usePeopleSearch(text: string) {
  return useQuery({
    queryKey: reviewKeys.people(text),
    queryFn: async (): Promise<PersonMatch[]> => (await api<ApiAnswer<'findReviewPeople'>>('GET', '/api/reviews/people', { query: { search: text.trim(), limit: 8 } })).items,
    enabled: text.trim().length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** People by id (the statistics name reviewers by id): the ones answered so far, by id. */
export function usePeopleById(ids: readonly string[]): ReadonlyMap<string, PersonRef> {
  const answers = useQueries({
    queries: ids.map((id) => ({
      queryKey: reviewKeys.person(id),
      queryFn: () => api<ApiAnswer<'getPerson'>>('GET', `/api/people/${encodeURIComponent(id)}`),
      staleTime: 5 * 60_000,
    })),
  });
  const people = new Map<string, PersonRef>();
  for (const a of answers) if (a.data) people.set(a.data.id, { id: a.data.id, displayName: a.data.displayName, email: a.data.email });
  return people;
}

/** Per stage: the items in it now and how many of them are decided (two counts of the items list, one row each). */
export function useStageCounts(campaignId: string, stageCount: number) {
  const count = (stage: number, decision?: 'undecided') =>
    ({
      queryKey: reviewKeys.items(campaignId, { stage, decision }, -1),
      queryFn: async () => (await api<ItemPage>('GET', `${campaignPath(campaignId)}/items`, { query: { stage, decision, limit: 1 } })).total,
    });
  const stages = Array.from({ length: stageCount }, (_, i) => i + 1);
  const answers = useQueries({ queries: stages.flatMap((stage) => [count(stage), count(stage, 'undecided')]) });
  return stages.map((stage, i) => {
    const items = answers[2 * i]?.data;
    const pending = answers[2 * i + 1]?.data;
    return { stage, items, decided: items !== undefined && pending !== undefined ? items - pending : undefined, pending };
  });
}
