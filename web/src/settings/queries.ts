import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import type { ApiAnswer, ApiBody } from '../types.ts';
import { settingsKeys } from './query-keys.ts';

/** The Settings page's API: users and their roles, local users, API tokens. */

export type UserView = ApiAnswer<'listUsers'>['items'][number];

/** A local user as created or reset: the one-time password is in this answer only. */
export type WithOneTimePassword = ApiAnswer<'createLocalUser', 201>;

export type TokenView = ApiAnswer<'listTokens'>['items'][number];

/** The users (Super Administrator only: `enabled` false for anyone else, who would be refused). */
export function useUsers(enabled = true) {
  return useQuery({ queryKey: settingsKeys.users(), queryFn: () => api<{ items: UserView[] }>('GET', '/api/users'), enabled });
}

/** Any change to a user (role, disabled, sessions, password, a new one) shows in the users list. */
function useUsersChanged() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: settingsKeys.users() });
}

/** A change to a user's role or whether they are disabled. */
type UserChange = ApiBody<'updateUser'>;

export function useUpdateUser(id: string, onUpdated: (user: UserView, change: UserChange) => void) {
  const changed = useUsersChanged();
  return useMutation({
    mutationFn: (change: UserChange) => api<UserView>('PATCH', `/api/users/${encodeURIComponent(id)}`, { body: change }),
    onSuccess: (updated, change) => {
      onUpdated(updated, change);
      changed();
    },
  });
}

export function useRevokeSessions(id: string, onRevoked: (revoked: number) => void) {
  const changed = useUsersChanged();
  return useMutation({
    mutationFn: () => api<ApiAnswer<'revokeUserSessions'>>('POST', `/api/users/${encodeURIComponent(id)}/revoke-sessions`),
    onSuccess: ({ revoked }) => {
      onRevoked(revoked);
      changed();
    },
  });
}

export function useResetPassword(id: string, onReset: (answer: WithOneTimePassword) => void) {
  const changed = useUsersChanged();
  return useMutation({
    mutationFn: () => api<WithOneTimePassword>('POST', `/api/users/${encodeURIComponent(id)}/reset-password`),
    onSuccess: (answer) => {
      onReset(answer);
      changed();
    },
  });
}

export type NewLocalUser = ApiBody<'createLocalUser'>;

export function useAddLocalUser(onAdded: (answer: WithOneTimePassword) => void) {
  const changed = useUsersChanged();
  return useMutation({
    mutationFn: (body: NewLocalUser) => api<WithOneTimePassword>('POST', '/api/users', { body }),
    onSuccess: (answer) => {
      onAdded(answer);
      changed();
    },
  });
}

export function useTokens() {
  return useQuery({ queryKey: settingsKeys.tokens(), queryFn: () => api<{ items: TokenView[] }>('GET', '/api/tokens') });
}

export type NewToken = ApiBody<'createToken'>;

export function useCreateToken(onCreated: (answer: ApiAnswer<'createToken', 201>) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewToken) => api<ApiAnswer<'createToken', 201>>('POST', '/api/tokens', { body }),
    onSuccess: (answer) => {
      onCreated(answer);
      void queryClient.invalidateQueries({ queryKey: settingsKeys.tokens() });
    },
  });
}

export function useRevokeToken(onRevoked: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/api/tokens/${encodeURIComponent(id)}`),
    onSuccess: () => {
      onRevoked();
      void queryClient.invalidateQueries({ queryKey: settingsKeys.tokens() });
    },
  });
}
