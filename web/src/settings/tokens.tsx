import { useState, type FormEvent } from 'react';
import type { Role } from '../types.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { CopyButton } from '../ui/copy.tsx';
import { Empty, ErrorBox, Loading } from '../ui/feedback.tsx';
import { Field, fieldError } from '../ui/form.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { formatDate } from '../ui/when.ts';
import { useCreateToken, useRevokeToken, useTokens, useUsers, type TokenView } from './queries.ts';
import { RoleOptions } from './role-options.tsx';
import { roleLabel } from './roles.ts';

const DEFAULT_DAYS = '90';

/** An administrator's usual script reads (Auditor); anyone else's token starts at their own role. */
export function defaultTokenRole(selfRole: Role): Role {
  return selfRole === 'super_admin' || selfRole === 'connector_admin' ? 'auditor' : selfRole;
}

function tokenStatus(t: TokenView): 'revoked' | 'expired' | 'active' {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && new Date(t.expiresAt).getTime() <= Date.now()) return 'expired';
  return 'active';
}

/**
 * API tokens for scripts: created with one role, shown once, revoked here. The Super Administrator sees
 * everyone's (`everyone`); anyone else sees their own ("My API tokens"), at or below their own role — a
 * reviewer's token decides as them (`rrcu review decide`).
 */
export function TokensSection({ selfId, selfRole, everyone }: { selfId: string | null; selfRole: Role; everyone: boolean }) {
  const tokens = useTokens();
  // Tokens name their creator by user id; the users list (Super Administrator only) gives the name.
  const users = useUsers(everyone);
  const creator = (id: string) => (id === selfId ? 'you' : (users.data?.items.find((u) => u.id === id)?.displayName ?? id));
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(defaultTokenRole(selfRole));
  const [days, setDays] = useState(DEFAULT_DAYS);
  const [created, setCreated] = useState<{ token: string; item: TokenView } | null>(null);
  const [revoking, setRevoking] = useState<TokenView | null>(null);

  const create = useCreateToken((answer) => {
    setCreated(answer);
    setName('');
  });
  const revoke = useRevokeToken(() => setRevoking(null));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    create.mutate({ name: name.trim(), role, ...(days.trim() ? { expiresInDays: Number(days) } : {}) });
  };
  const daysNumber = Number(days);
  const daysInvalid = days.trim() !== '' && (!Number.isInteger(daysNumber) || daysNumber < 1 || daysNumber > 3650);

  return (
    <section aria-labelledby="tokens-heading">
      <div className="panel">
        <h2 id="tokens-heading">Create an API token</h2>
        <p className="hint">
          For scripts and integrations: <code>Authorization: Bearer rrcu_…</code>. A token acts as you, can do what its role allows and nothing more, and
          never more than you can.{!everyone && <> With <code>RRCU_URL</code> and <code>RRCU_TOKEN</code> set, <code>rrcu review decide</code> decides your review items with it.</>}
        </p>
        <form className="inline-form" onSubmit={submit} aria-label="Create an API token">
          <Field label="Name" error={fieldError(create.error, 'name')}>
            <input type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required placeholder="e.g. nightly-export" />
          </Field>
          <Field label="Role" error={fieldError(create.error, 'role')}>
            <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
              <RoleOptions upTo={selfRole} />
            </select>
          </Field>
          <Field label="Expires in days" error={daysInvalid ? 'A whole number of days from 1 to 3650, or empty for never.' : fieldError(create.error, 'expiresInDays')}>
            <input type="number" min={1} max={3650} step={1} value={days} onChange={(e) => setDays(e.target.value)} />
          </Field>
          <div className="button-row">
            <button type="submit" className="button" disabled={create.isPending || !name.trim() || daysInvalid}>
              {create.isPending ? 'Creating…' : 'Create token'}
            </button>
          </div>
        </form>
        {create.isError && !fieldError(create.error, 'name') && <ErrorBox error={create.error} />}
        {created && (
          <div className="token-once" role="status">
            <p>
              <strong>Token “{created.item.name}” created.</strong> Copy it now: RRCU keeps only a hash and will not show it again.
            </p>
            <p className="copy-value">
              <code>{created.token}</code>
              <CopyButton text={created.token} label="Copy token" />
            </p>
            <button type="button" className="button secondary small" onClick={() => setCreated(null)}>
              I have copied it
            </button>
          </div>
        )}
      </div>

      <div className="panel">
        <h2>{everyone ? 'API tokens' : 'My API tokens'}</h2>
        {tokens.isPending ? (
          <Loading label="Loading tokens…" />
        ) : tokens.isError ? (
          <ErrorBox error={tokens.error} />
        ) : tokens.data.items.length === 0 ? (
          <Empty title="No API tokens">
            <p>{everyone ? 'Create one above for a script that reads access or runs syncs.' : 'Create one above for a script, e.g. one that decides your review items.'}</p>
          </Empty>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">{everyone ? 'API tokens' : 'My API tokens'}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Token</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.items.map((t) => {
                  const status = tokenStatus(t);
                  return (
                    <tr key={t.id}>
                      <td className="nowrap">{t.name}</td>
                      <td className="mono nowrap">{t.prefix}…</td>
                      <td>{roleLabel(t.role)}</td>
                      <td>
                        <StatusBadge status={status} />
                        {t.revokedAt && <span className="cell-sub">{formatDate(t.revokedAt)}</span>}
                      </td>
                      <td>
                        {formatDate(t.createdAt)}
                        {t.createdBy && <span className="cell-sub">by {creator(t.createdBy)}</span>}
                      </td>
                      <td className="nowrap">{t.expiresAt ? formatDate(t.expiresAt) : 'Never'}</td>
                      <td className="nowrap">{t.lastUsedAt ? formatDate(t.lastUsedAt) : 'Never'}</td>
                      <td className="actions">
                        {status === 'active' && (
                          <button type="button" className="button small danger" onClick={() => {
                              revoke.reset();
                              setRevoking(t);
                            }}>
                            Revoke
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </div>

      {revoking && (
        <ConfirmDialog
          title="Revoke API token"
          confirm="Revoke token"
          busyLabel="Revoking…"
          busy={revoke.isPending}
          error={revoke.error}
          onConfirm={() => revoke.mutate(revoking.id)}
          onClose={() => setRevoking(null)}
        >
          <p>
            Revoke <strong>{revoking.name}</strong> (<span className="mono">{revoking.prefix}…</span>, {roleLabel(revoking.role)})? Anything using it is refused from
            its next request on. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
