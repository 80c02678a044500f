import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import type { ApiAnswer } from '../types.ts';
import { meKeys } from './query-keys.ts';

type MyAccess = ApiAnswer<'getMyAccess'>;

/** What the signed-in person holds, now or at `at`: the person of the inventory with their email, and their grants. */
export function useMyAccess(at: string | undefined) {
  return useQuery({
    queryKey: meKeys.access(at),
    queryFn: () => api<MyAccess>('GET', '/api/me/access', { query: { at } }),
  });
}
