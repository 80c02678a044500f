import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from '../api.ts';
import type { ApiBody, AuthMethods, Me } from '../types.ts';
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

/** Signs in with a local account; `newPassword` replaces a one-time password in the same request. */
export function useLocalSignIn(onSignedIn: (me: Me) => void, onError: (error: Error) => void) {
  return useMutation({
    mutationFn: (body: ApiBody<'signInLocal'>) => api<Me>('POST', '/api/auth/local', { body }),
    onSuccess: onSignedIn,
    onError,
  });
}
