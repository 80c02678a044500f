import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import type { ApiAnswer, ApiBody } from '../types.ts';
import { ownerKeys } from './query-keys.ts';

export type OwnerView = ApiAnswer<'listOwners'>['items'][number];
export type OwnedResource = Pick<ApiBody<'setOwner'>, 'connectorId' | 'resourceType' | 'resourceId'> & { name: string };

/** The current owners of one account, permission set or group: set in RRCU and from the owner tag. */
export function useOwners(r: OwnedResource) {
  return useQuery({
    queryKey: ownerKeys.of(r.connectorId, r.resourceType, r.resourceId),
    queryFn: () => api<ApiAnswer<'listOwners'>>('GET', '/api/owners', { query: { connectorId: r.connectorId, resourceType: r.resourceType, resourceId: r.resourceId } }),
  });
}

export function useSetOwner(onSet: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'setOwner'>) => api<OwnerView>('POST', '/api/owners', { body }),
    onSuccess: () => {
      onSet();
      void queryClient.invalidateQueries({ queryKey: ownerKeys.all });
    },
  });
}

export function useRemoveOwner() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<OwnerView>('POST', `/api/owners/${encodeURIComponent(id)}/remove`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ownerKeys.all }),
  });
}
