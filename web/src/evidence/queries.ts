import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import type { ApiAnswer, ApiBody } from '../types.ts';
import { evidenceKeys } from './query-keys.ts';

/** Evidence packs' API: the list (followed while a pack is being made), the kinds, the public key, and asking for a pack. */

export type PackView = ApiAnswer<'getEvidencePack'>;
type PackList = ApiAnswer<'listEvidencePacks'>;
type Kinds = ApiAnswer<'listEvidenceKinds'>;
type PublicKey = ApiAnswer<'getEvidencePublicKey'>;
export type MakePackBody = ApiBody<'makeEvidencePack'>;

const unfinished = (p: PackView) => p.status === 'queued' || p.status === 'running';

export function useEvidencePacks() {
  return useQuery({
    queryKey: evidenceKeys.packs(),
    queryFn: () => api<PackList>('GET', '/api/evidence/packs', { query: { limit: 100 } }),
    // A pack's job reports progress on its row: follow it while one is being made.
    refetchInterval: (query) => (query.state.data?.items.some(unfinished) ? 1500 : false),
  });
}

export function useEvidenceKinds() {
  return useQuery({ queryKey: evidenceKeys.kinds(), queryFn: () => api<Kinds>('GET', '/api/evidence/kinds'), staleTime: Infinity });
}

export function useEvidencePublicKey() {
  return useQuery({ queryKey: evidenceKeys.publicKey(), queryFn: () => api<PublicKey>('GET', '/api/evidence/public-key'), staleTime: Infinity });
}

export function useMakePack() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MakePackBody) => api<PackView>('POST', '/api/evidence/packs', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: evidenceKeys.packs() }),
  });
}

export const downloadHref = (id: string) => `/api/evidence/packs/${encodeURIComponent(id)}/download`;
