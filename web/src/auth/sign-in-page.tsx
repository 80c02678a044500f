import { useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { useLocation } from '../router.ts';
import type { Me } from '../types.ts';
import { ErrorBox, Loading } from '../ui/feedback.tsx';
import { Field } from '../ui/form.tsx';
import { useAuthMethods, useLocalSignIn } from './queries.ts';
import { SimulationBanner } from './simulation-banner.tsx';

// The codes the OIDC callback puts in `/sign-in?error=` (src/server/auth/oidc.ts), in words, with what to do.
const OIDC_ERRORS: Record<string, [string, string]> = {
  OIDC_DENIED: ['The identity provider refused the sign-in.', 'Check with your IdP administrator that you are assigned to the RRCU application.'],
  OIDC_STATE_MISSING: ['The sign-in took too long or was started in another tab or browser.', 'Try again from this page.'],
  OIDC_STATE_MISMATCH: ['The sign-in took too long or was started in another tab or browser.', 'Try again from this page.'],
  OIDC_CALLBACK_FAILED: ['The identity provider’s answer could not be verified.', 'Try again; if it keeps failing, ask the person who runs RRCU to look in the server log.'],
  OIDC_UNAVAILABLE: ['The identity provider could not be reached.', 'Try again in a moment; if it keeps failing, ask the person who runs RRCU.'],
  USER_DISABLED: ['Your RRCU account is disabled.', 'Ask a Super Administrator to enable it.'],
  OIDC_NOT_CONFIGURED: ['Sign-in with an identity provider is not configured.', 'Ask the person who runs RRCU to configure RRCU_OIDC_ISSUER.'],
};

const MIN_PASSWORD = 12;

export function SignInPage({ returnTo, onSignedIn }: { returnTo: string; onSignedIn: (me: Me) => void }) {
  const location = useLocation();
  const methods = useAuthMethods();
  const oidcError = location.query.get('error');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [changing, setChanging] = useState(false);
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localProblem, setLocalProblem] = useState<string | null>(null);

  const signIn = useLocalSignIn(onSignedIn, (error) => {
    if (error instanceof ApiError && error.code === 'PASSWORD_CHANGE_REQUIRED') setChanging(true);
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalProblem(null);
    if (!changing) {
      signIn.mutate({ username: username.trim(), password });
      return;
    }
    if (newPassword.length < MIN_PASSWORD) return setLocalProblem(`The new password must be at least ${MIN_PASSWORD} characters long.`);
    if (newPassword === password) return setLocalProblem('The new password must differ from the one-time password.');
    if (newPassword !== confirm) return setLocalProblem('The two new passwords are not the same.');
    signIn.mutate({ username: username.trim(), password, newPassword });
  };

  const changeRequired = signIn.error instanceof ApiError && signIn.error.code === 'PASSWORD_CHANGE_REQUIRED';
  // Only once the server said so: a password form flashing up before "Sign in with <IdP>" would mislead.
  const showLocal = methods.data?.local ?? false;
  const oidc = methods.data?.oidc ?? null;

  return (
    <div className="signin-page">
      <SimulationBanner simulated={methods.data?.simulated ?? false} canConnect={true} />
      <main className="signin-main">
        <div className="signin-card">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              R
            </span>
            RRCU
          </div>
          <h1>{changing ? 'Choose a new password' : 'Sign in'}</h1>
          <p className="subtitle">
            {changing
              ? 'The password you used is a one-time password. Choose your own to finish signing in.'
              : 'Who has access to what in AWS, who reviewed it, who removed it.'}
          </p>

          {oidcError && !changing && (
            <div className="error-box" role="alert">
              <p className="error-title">Sign-in did not complete</p>
              <p className="error-message">{OIDC_ERRORS[oidcError]?.[0] ?? 'The sign-in at the identity provider failed.'}</p>
              <p className="error-fix">
                <strong>What to do: </strong>
                {OIDC_ERRORS[oidcError]?.[1] ?? 'Try again. If it keeps failing, ask the person who runs RRCU to look for this code in the server log.'}
              </p>
              <p className="error-code">Error code {oidcError}</p>
            </div>
          )}

          {methods.isPending && <Loading label="Loading sign-in options…" />}
          {methods.error && <ErrorBox error={methods.error} />}

          {oidc && !changing && (
            <>
              <button
                type="button"
                className="button"
                onClick={() => window.location.assign(`/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`)}
              >
                Sign in with {idpName(oidc.issuer)}
              </button>
              {showLocal && <div className="divider">or with a local account</div>}
            </>
          )}

          {showLocal && (
            <form onSubmit={submit} noValidate>
              {!changing && (
                <>
                  <Field
                    label="Username"
                    hint="The local administrator is “admin”, with the one-time password RRCU printed when it first started; other local users get theirs from a Super Administrator."
                  >
                    <input type="text" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
                  </Field>
                  <Field label="Password">
                    <input type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
                  </Field>
                </>
              )}
              {changing && (
                <>
                  <Field label="New password" hint={`At least ${MIN_PASSWORD} characters, different from the one-time password.`}>
                    <input type="password" name="new-password" autoComplete="new-password" value={newPassword} onChange={(e) => setNewPassword(e.target.value)} required autoFocus />
                  </Field>
                  <Field label="Confirm password">
                    <input type="password" name="confirm-password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required />
                  </Field>
                </>
              )}
              {localProblem && (
                <p className="field-error" role="alert">
                  {localProblem}
                </p>
              )}
              {signIn.error && !changeRequired && <ErrorBox error={signIn.error} />}
              <button type="submit" className="button" disabled={signIn.isPending}>
                {signIn.isPending ? 'Signing in…' : changing ? 'Set password and sign in' : 'Sign in'}
              </button>
              {changing && (
                <div className="button-row">
                  <button
                    type="button"
                    className="button ghost small"
                    onClick={() => {
                      setChanging(false);
                      setNewPassword('');
                      setConfirm('');
                      setPassword('');
                      setLocalProblem(null);
                      signIn.reset();
                    }}
                  >
                    Back
                  </button>
                </div>
              )}
            </form>
          )}
          {methods.data && !showLocal && !oidc && <p>No way to sign in is configured. Ask the person who runs RRCU to configure an identity provider.</p>}
        </div>
      </main>
    </div>
  );
}

/** The identity provider as people know it: the issuer's host, e.g. login.example.com. */
function idpName(issuer: string): string {
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
}
