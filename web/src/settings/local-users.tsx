import { useState, type FormEvent } from 'react';
import type { Role } from '../types.ts';
import { CopyButton } from '../ui/copy.tsx';
import { ErrorBox } from '../ui/feedback.tsx';
import { Field, fieldError } from '../ui/form.tsx';
import { useAddLocalUser, type WithOneTimePassword } from './queries.ts';
import { RoleOptions } from './role-options.tsx';

// As src/identity/local-users.ts checks it; the server has the last word.
const USERNAME = /^[a-z0-9._-]{1,64}$/;

/**
 * A one-time password, as the API gives it: once. RRCU keeps only its hash, so this is the only moment it can
 * be copied; `onDone` forgets it.
 */
export function OneTimePassword({ answer, what, onDone }: { answer: WithOneTimePassword; what: string; onDone: () => void }) {
  const username = answer.user.username ?? answer.user.displayName;
  return (
    <div className="token-once" role="status" aria-label={`One-time password for ${username}`}>
      <p>
        <strong>{what}</strong> Give <strong>{username}</strong> this one-time password; they choose their own when they first sign in with it. Copy it now: it
        will not be shown again.
      </p>
      <p className="copy-value">
        <code>{answer.oneTimePassword}</code>
        <CopyButton text={answer.oneTimePassword} label="Copy password" />
      </p>
      <button type="button" className="button secondary small" onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}

/**
 * Adds a local user (username and password kept by RRCU), for when there is no identity provider. With one
 * configured, local accounts are off: the panel says so and offers no form.
 */
export function AddLocalUser({ localSignIn, issuer }: { localSignIn: boolean; issuer: string | null }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('auditor');
  const [created, setCreated] = useState<WithOneTimePassword | null>(null);

  const create = useAddLocalUser((answer) => {
    setCreated(answer);
    setUsername('');
    setDisplayName('');
    setEmail('');
  });

  if (!localSignIn) {
    return (
      <section className="panel" aria-labelledby="local-user-heading">
        <h2 id="local-user-heading">Local users</h2>
        <p className="hint">
          Local accounts are off: everyone signs in through the identity provider{issuer ? ` (${issuer})` : ''}. Add people there; they appear below after their
          first sign-in, and you give them a role here.
        </p>
      </section>
    );
  }

  const usernameProblem = username.trim() !== '' && !USERNAME.test(username.trim()) ? 'Use 1 to 64 lowercase letters, digits, “.”, “_” or “-”.' : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    create.mutate({ username: username.trim(), role, ...(displayName.trim() ? { displayName: displayName.trim() } : {}), ...(email.trim() ? { email: email.trim() } : {}) });
  };
  const shownNextToAField = ['username', 'displayName', 'email', 'role'].some((f) => fieldError(create.error, f));

  return (
    <section className="panel" aria-labelledby="local-user-heading">
      <h2 id="local-user-heading">Add a local user</h2>
      <p className="hint">
        For an auditor or reviewer while RRCU has no identity provider. You get a one-time password to give them; they replace it at their first sign-in.
        With an identity provider (recommended), people sign in there instead and local accounts are off.
      </p>
      <form className="inline-form" onSubmit={submit} aria-label="Add a local user">
        <Field label="Username" error={usernameProblem ?? fieldError(create.error, 'username')}>
          <input type="text" value={username} onChange={(e) => setUsername(e.target.value.toLowerCase())} maxLength={64} required autoComplete="off" placeholder="e.g. j.doe" />
        </Field>
        <Field label="Display name" error={fieldError(create.error, 'displayName')}>
          <input type="text" value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={200} placeholder="e.g. Jane Doe" />
        </Field>
        <Field label="Email (optional)" error={fieldError(create.error, 'email')}>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} />
        </Field>
        <Field label="Role" error={fieldError(create.error, 'role')}>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <RoleOptions />
          </select>
        </Field>
        <div className="button-row">
          <button type="submit" className="button" disabled={create.isPending || !username.trim() || usernameProblem !== undefined}>
            {create.isPending ? 'Adding…' : 'Add user'}
          </button>
        </div>
      </form>
      {create.isError && !shownNextToAField && <ErrorBox error={create.error} />}
      {created && <OneTimePassword answer={created} what={`Local user “${created.user.username}” added.`} onDone={() => setCreated(null)} />}
    </section>
  );
}
