import type { App } from '../../app.ts';
import { RrcuError } from '../../core/errors.ts';
import { IDENTITY_ERRORS, oidcConfigured, type SignInMeta } from '../../identity/index.ts';
import type { Caller } from '../caller.ts';
import { sessionCaller } from './authenticate.ts';
import type { SignInLimiter } from './sign-in-limiter.ts';
import { AUTH_ERRORS } from './errors.ts';

/**
 * Signs a local user (the local administrator, or one a Super Administrator created) in with their
 * password. The one-time password only opens the door to choosing a new one (`newPassword`); failures
 * are audited and slowed down per username and address.
 */
export async function signInLocal(
  app: App,
  input: { username: string; password: string; newPassword?: string | undefined },
  meta: SignInMeta,
  limiter: SignInLimiter,
): Promise<{ caller: Caller; cookieValue: string }> {
  if (oidcConfigured(app.config)) {
    throw new RrcuError(IDENTITY_ERRORS.LOCAL_SIGN_IN_DISABLED, `Sign-in goes through the identity provider (${app.config.oidcIssuer}); local accounts, the local administrator included, are off.`, {
      fix: 'Use "Sign in with your identity provider". To use the local administrator again, unset RRCU_OIDC_ISSUER.',
    });
  }
  const username = input.username.toLowerCase();
  limiter.attempt(username, meta.ip);
  const { user, matches } = await limiter.checkPassword(username, meta.ip, () => app.identity.verifyLocalPassword(username, input.password));
  if (!user || !matches || user.disabled) {
    const reason = !user || !matches ? 'wrong_credentials' : 'disabled';
    await app.identity.recordFailedSignIn({ username, user, ip: meta.ip, reason });
    throw new RrcuError(AUTH_ERRORS.INVALID_CREDENTIALS, reason === 'disabled' ? `The account ${JSON.stringify(username)} is disabled.` : 'Wrong username or password.', {
      fix: reason === 'disabled' ? 'Ask a Super Administrator to enable it.' : 'Check both and try again; the local administrator is "admin". A Super Administrator can reset a lost password (Settings → Users, or `rrcu admin reset-password [username]` on the server).',
    });
  }
  limiter.succeed(username, meta.ip);
  if (user.mustChangePassword && input.newPassword === undefined) {
    throw new RrcuError(AUTH_ERRORS.PASSWORD_CHANGE_REQUIRED, 'This is a one-time password: choose your own password to continue.', {
      fix: 'Send the one-time password again together with `newPassword` (12 characters or more).',
    });
  }
  if (input.newPassword !== undefined) await app.identity.changeLocalPassword(user, input.newPassword, { actor: `user:${user.id}` });
  const session = await app.identity.startLocalSession(user, meta);
  return { caller: sessionCaller(session.user, session.idHash, session.csrfToken), cookieValue: session.cookieValue };
}
