import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api.ts';
import { Empty, ErrorBox, Loading, StatusBadge, formatDate } from '../components.tsx';
import type { Role } from '../types.ts';
import { ROLE_OPTIONS } from './settings-roles.ts';

export type UserView = {
  id: string;
  subject: string;
  displayName: string;
  email: string | null;
  role: Role;
  roleLabel: string;
  disabled: boolean;
  createdAt: string;
  lastSignInAt: string | null;
  activeSessions: number;
};

/** Everyone who has signed in: their role, whether they may sign in, and their live sessions. */
export function UsersSection({ selfId }: { selfId: string | null }) {
  const users = useQuery({ queryKey: ['users'], queryFn: () => api<{ items: UserView[] }>('GET', '/api/users') });
  return (
    <section className="panel" aria-labelledby="users-heading">
      <h2 id="users-heading">Users and roles</h2>
      <p className="hint">
        People appear here after their first sign-in. A role decides what they see and change; disabling someone ends their sessions and refuses their next sign-in.
        Nobody can change their own role or disable themselves.
      </p>
      {users.isPending ? (
        <Loading label="Loading users…" />
      ) : users.isError ? (
        <ErrorBox error={users.error} />
      ) : users.data.items.length === 0 ? (
        <Empty title="No users yet">
          <p>Users are added when they first sign in.</p>
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">Users</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Last sign-in</th>
                <th scope="col" className="num">
                  Sessions
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((u) => (
                <UserRow key={u.id} user={u} self={u.id === selfId} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function UserRow({ user: u, self }: { user: UserView; self: boolean }) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState<string | null>(null);
  const update = useMutation({
    mutationFn: (change: { role?: Role; disabled?: boolean }) => api<UserView>('PATCH', `/api/users/${encodeURIComponent(u.id)}`, { body: change }),
    onSuccess: (updated, change) => {
      setNote(change.role ? `Role set to ${updated.roleLabel}.` : updated.disabled ? 'Disabled; their sessions ended.' : 'Enabled.');
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const revokeSessions = useMutation({
    mutationFn: () => api<{ revoked: number }>('POST', `/api/users/${encodeURIComponent(u.id)}/revoke-sessions`),
    onSuccess: ({ revoked }) => {
      setNote(revoked === 1 ? 'Signed out of 1 session.' : `Signed out of ${revoked} sessions.`);
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const busy = update.isPending || revokeSessions.isPending;
  const error = update.error ?? revokeSessions.error;
  const run = (f: () => void) => {
    setNote(null);
    update.reset();
    revokeSessions.reset();
    f();
  };

  return (
    <>
      <tr>
        <td>
          <strong>{u.displayName}</strong>
          {self && <span className="muted"> (you)</span>}
          {u.email && <span className="cell-sub">{u.email}</span>}
          <span className="cell-sub mono" title="Sign-in subject">
            {u.subject}
          </span>
        </td>
        <td>
          <select
            aria-label="Role"
            value={u.role}
            disabled={self || busy}
            title={self ? 'You cannot change your own role' : undefined}
            onChange={(e) => run(() => update.mutate({ role: e.target.value as Role }))}
          >
            {ROLE_OPTIONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </td>
        <td>
          <StatusBadge status={u.disabled ? 'disabled' : 'active'} />
        </td>
        <td className="nowrap">{u.lastSignInAt ? formatDate(u.lastSignInAt) : 'Never'}</td>
        <td className="num">{u.activeSessions}</td>
        <td className="actions">
          <div className="row-actions">
            <button
              type="button"
              className="button small secondary"
              disabled={busy || u.activeSessions === 0}
              onClick={() => run(() => revokeSessions.mutate())}
              title={self ? 'Also ends the session you are using now' : undefined}
            >
              Revoke sessions
            </button>
            {!self && (
              <button type="button" className={u.disabled ? 'button small secondary' : 'button small danger'} disabled={busy} onClick={() => run(() => update.mutate({ disabled: !u.disabled }))}>
                {u.disabled ? 'Enable' : 'Disable'}
              </button>
            )}
          </div>
        </td>
      </tr>
      {(note || error) && (
        <tr className="detail-row">
          <td colSpan={6} aria-live="polite">
            {error ? <ErrorBox error={error} /> : <span role="status">{note}</span>}
          </td>
        </tr>
      )}
    </>
  );
}
