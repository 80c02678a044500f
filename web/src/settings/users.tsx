import { useState } from 'react';
import { useAuthMethods } from '../auth/queries.ts';
import type { Role } from '../types.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { Empty, ErrorBox, Loading } from '../ui/feedback.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { formatDate } from '../ui/when.ts';
import { AddLocalUser, OneTimePassword } from './local-users.tsx';
import { useResetPassword, useRevokeSessions, useUpdateUser, useUsers, type UserView, type WithOneTimePassword } from './queries.ts';
import { RoleOptions } from './role-options.tsx';

/** Everyone who may sign in: their role, whether they may sign in, and their live sessions; local users are added here. */
export function UsersSection({ selfId }: { selfId: string | null }) {
  const users = useUsers();
  const methods = useAuthMethods();
  const localSignIn = methods.data?.local ?? false;
  return (
    <>
      {methods.data && <AddLocalUser localSignIn={localSignIn} issuer={methods.data.oidc?.issuer ?? null} />}
      <section className="panel" aria-labelledby="users-heading">
        <h2 id="users-heading">Users and roles</h2>
        <p className="hint">
          People of the identity provider appear here after their first sign-in; local users once added. A role decides what they see and change; disabling someone
          ends their sessions and refuses their next sign-in. Nobody can change their own role, disable themselves or reset their own password.
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
                  <UserRow key={u.id} user={u} self={u.id === selfId} localSignIn={localSignIn} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function UserRow({ user: u, self, localSignIn }: { user: UserView; self: boolean; localSignIn: boolean }) {
  const [note, setNote] = useState<string | null>(null);
  const [confirmingReset, setConfirmingReset] = useState(false);
  const [reset, setReset] = useState<WithOneTimePassword | null>(null);
  const update = useUpdateUser(u.id, (updated, change) =>
    setNote(change.role ? `Role set to ${updated.roleLabel}.` : updated.disabled ? 'Disabled; their sessions ended.' : 'Enabled.'),
  );
  const revokeSessions = useRevokeSessions(u.id, (revoked) => setNote(revoked === 1 ? 'Signed out of 1 session.' : `Signed out of ${revoked} sessions.`));
  const resetPassword = useResetPassword(u.id, (answer) => {
    setConfirmingReset(false);
    setReset(answer);
  });
  const busy = update.isPending || revokeSessions.isPending || resetPassword.isPending;
  const error = update.error ?? revokeSessions.error;
  const run = (f: () => void) => {
    setNote(null);
    setReset(null);
    update.reset();
    revokeSessions.reset();
    f();
  };
  // With an IdP configured only the local administrator (the way back in) keeps a password worth resetting.
  const canReset = u.username !== null && !self && (localSignIn || u.username === 'admin');

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
            <RoleOptions />
          </select>
        </td>
        <td>
          <StatusBadge status={u.disabled ? 'disabled' : 'active'} />
          {u.username !== null && u.mustChangePassword && <span className="cell-sub">One-time password not yet replaced</span>}
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
            {canReset && (
              <button
                type="button"
                className="button small secondary"
                disabled={busy}
                onClick={() =>
                  run(() => {
                    resetPassword.reset();
                    setConfirmingReset(true);
                  })
                }
              >
                Reset password
              </button>
            )}
            {!self && (
              <button type="button" className={u.disabled ? 'button small secondary' : 'button small danger'} disabled={busy} onClick={() => run(() => update.mutate({ disabled: !u.disabled }))}>
                {u.disabled ? 'Enable' : 'Disable'}
              </button>
            )}
          </div>
        </td>
      </tr>
      {(note || error || reset) && (
        <tr className="detail-row">
          <td colSpan={6} aria-live="polite">
            {reset ? (
              <OneTimePassword answer={reset} what="Password reset; their sessions ended." onDone={() => setReset(null)} />
            ) : error ? (
              <ErrorBox error={error} />
            ) : (
              <span role="status">{note}</span>
            )}
          </td>
        </tr>
      )}
      {confirmingReset && (
        <ConfirmDialog
          title="Reset password"
          confirm="Reset password"
          busyLabel="Resetting…"
          busy={resetPassword.isPending}
          error={resetPassword.error}
          onConfirm={() => resetPassword.mutate()}
          onClose={() => setConfirmingReset(false)}
        >
          <p>
            Reset the password of <strong>{u.displayName}</strong> (<span className="mono">{u.username}</span>)? Their current password stops working and their
            sessions end now. You get a one-time password to give them; it is shown once.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
