import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import { inboxKeys } from '../notifications/query-keys.ts';
import { requestKeys } from './query-keys.ts';
import type { AppliedPolicy, PolicyDocument, PolicyPreview, PolicyView, RequestableView, RequestDetail, RequestListView, RequestStatus, RequestView, SubmitRequestInput, SubmittedRequest } from './types.ts';

/** The requests API, one hook per question or change; the paths are written here and nowhere else. */

const requestPath = (id: number) => `/api/requests/${id}`;

/** What the signed-in person may request, each with the policy that applies and its terms. */
export function useRequestable() {
  return useQuery({ queryKey: requestKeys.requestable(), queryFn: async () => (await api<{ items: RequestableView[] }>('GET', '/api/requests/requestable')).items });
}

/** One of the three lists, newest first; `status` narrows it (none: every status). */
export function useRequests(view: RequestListView, status: readonly RequestStatus[] = []) {
  return useQuery({
    queryKey: requestKeys.list(view, status),
    queryFn: async () => (await api<{ items: RequestView[] }>('GET', '/api/requests', { query: { view, status: status.join(',') || undefined, limit: 200 } })).items,
    placeholderData: keepPreviousData,
  });
}

/** How many requests wait for the signed-in person's decision, for the menu; refreshed now and then like the inbox. */
export function useApprovalsCount() {
  return useQuery({
    queryKey: requestKeys.approvalsCount(),
    queryFn: async () => (await api<{ items: RequestView[] }>('GET', '/api/requests', { query: { view: 'approvals', limit: 100 } })).items.length,
    refetchInterval: 60_000,
  });
}

/** One request with its timeline; followed while something is under way (provisioning, an end asked for). */
export function useRequest(id: number) {
  return useQuery({
    queryKey: requestKeys.detail(id),
    queryFn: () => api<RequestDetail>('GET', requestPath(id)),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'approved' || q.state.data.status === 'provisioning' || q.state.data.ending) ? 2_000 : false),
  });
}

export function usePolicies(archived: boolean) {
  return useQuery({ queryKey: requestKeys.policies(archived), queryFn: async () => (await api<{ items: PolicyView[] }>('GET', '/api/request-policies', { query: { archived: archived ? 'true' : undefined } })).items });
}

export function usePolicy(id: string | null) {
  return useQuery({ queryKey: requestKeys.policy(id ?? ''), queryFn: () => api<PolicyView>('GET', `/api/request-policies/${encodeURIComponent(id!)}`), enabled: id !== null });
}

/** Who a draft makes eligible and who approves each step, asked again as the draft changes (debounced by the caller). */
export function usePolicyPreview(document: PolicyDocument | null) {
  return useQuery({
    queryKey: requestKeys.preview(document),
    queryFn: () => api<PolicyPreview>('POST', '/api/request-policies/preview', { body: document }),
    enabled: document !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Any change refreshes every request answer and the inbox (a decision notifies). */
function useRequestChange<I, O>(fn: (input: I) => Promise<O>, onDone?: (out: O) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (out) => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: requestKeys.all }), queryClient.invalidateQueries({ queryKey: inboxKeys.all })]);
      onDone?.(out);
    },
  });
}

export function useSubmitRequest(onDone: (out: SubmittedRequest) => void) {
  return useRequestChange((input: SubmitRequestInput) => api<SubmittedRequest>('POST', '/api/requests', { body: input }), onDone);
}

export type RequestAction = { id: number } & ({ verb: 'approve' | 'deny'; comment?: string } | { verb: 'cancel' } | { verb: 'revoke'; reason?: string });

/** A decision, a cancel or an early revoke; the answer is the request as it now stands. */
export function useRequestAction(onDone?: (out: RequestDetail) => void) {
  return useRequestChange(({ id, verb, ...body }: RequestAction) => api<RequestDetail>('POST', `${requestPath(id)}/${verb}`, verb === 'cancel' ? {} : { body }), onDone);
}

/** A break-glass request's verdict after the fact, by an approver of its first step; the answer is the request as it now stands. */
export function useReviewBreakGlass(onDone?: (out: RequestDetail) => void) {
  return useRequestChange(({ id, ...body }: { id: number; verdict: 'appropriate' | 'inappropriate'; comment?: string }) => api<RequestDetail>('POST', `${requestPath(id)}/post-hoc-review`, { body }), onDone);
}

/** More time on an active request: a new request linked to it. */
export function useExtendRequest(onDone: (out: SubmittedRequest) => void) {
  return useRequestChange(({ id, ...body }: { id: number; minutes: number; justification?: string }) => api<SubmittedRequest>('POST', `${requestPath(id)}/extend`, { body }), onDone);
}

export function useApplyPolicy(onDone: (out: AppliedPolicy) => void) {
  return useRequestChange((document: PolicyDocument) => api<AppliedPolicy>('PUT', '/api/request-policies', { body: document }), onDone);
}

export function useArchivePolicy(onDone: (out: PolicyView) => void) {
  return useRequestChange((id: string) => api<PolicyView>('POST', `/api/request-policies/${encodeURIComponent(id)}/archive`), onDone);
}
