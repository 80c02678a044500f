import { useQuery } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from '../api.ts';
import type { AuthMethods, Me } from '../types.ts';
import { authKeys } from './query-keys.ts';

/** Who is signed in; its CSRF token is kept for every change the UI sends. A 401 is the answer "nobody", not asked again. */
export function useMeQuery() {
  return useQuery({
    queryKey: authKeys.me(),
    queryFn: async () => {
      const value = await api<Me>('GET', '/api/me');
      setCsrfToken(value.csrfToken);
      return value;
    },
    retry: (count, error) => !(error instanceof ApiError) && count < 2,
    staleTime: 60_000,
  });
}

/** How one may sign in, and whether the server runs a simulation: asked before anyone is signed in. */
export function useAuthMethods() {
  return useQuery({ queryKey: authKeys.methods(), queryFn: () => api<AuthMethods>('GET', '/api/auth/methods'), staleTime: 60_000 });
}
