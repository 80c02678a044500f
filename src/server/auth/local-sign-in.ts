import { eq } from 'drizzle-orm';
import type { App } from '../../app.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import { RrcuError } from '../../core/errors.ts';
import { appUsers } from '../../store/schema/index.ts';
import type { Caller } from '../caller.ts';
import { sessionCaller } from './authenticate.ts';
import { changeLocalPassword, createSession, IDENTITY_ERRORS, oidcConfigured, revokeSession, sessionLimits, verifyLocalPassword } from '../../identity/index.ts';
import type { SignInLimiter } from './sign-in-limiter.ts';
import { AUTH_ERRORS } from './errors.ts';

export type SignInMeta = { ip: string; userAgent?: string | undefined; previousSessionIdHash?: string | undefined };

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
  const db = app.store.db;
  if (oidcConfigured(app.config)) {
    throw new RrcuError(IDENTITY_ERRORS.LOCAL_SIGN_IN_DISABLED, `Sign-in goes through the identity provider (${app.config.oidcIssuer}); local accounts, the local administrator included, are off.`, {
      fix: 'Use "Sign in with your identity provider". To use the local administrator again, unset RRCU_OIDC_ISSUER.',
    });
  }
  const username = input.username.toLowerCase();
  limiter.attempt(username, meta.ip);
  const { user, matches } = await limiter.checkPassword(username, meta.ip, () => verifyLocalPassword(db, username, input.password));
  if (!user || !matches || user.disabled) {
    const reason = !user || !matches ? 'wrong_credentials' : 'disabled';
    // Named when the account exists, so the audit log shows who was being guessed at.
    await recordAuditEvent(db, { type: 'auth.sign_in_failed', actor: 'anonymous', subject: user ? `user:${user.id}` : null, data: { method: 'local', username, ip: meta.ip, reason } });
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
  if (input.newPassword !== undefined) await changeLocalPassword(db, user, input.newPassword, { actor: `user:${user.id}` });

  const now = new Date();
  const session = await db.transaction(async (tx) => {
    if (meta.previousSessionIdHash) await revokeSession(tx, meta.previousSessionIdHash);
    await tx.update(appUsers).set({ lastSignInAt: now }).where(eq(appUsers.id, user.id));
    const created = await createSession(tx, user.id, { ...sessionLimits(app.config), userAgent: meta.userAgent, ip: meta.ip });
    await recordAuditEvent(tx, { type: 'auth.signed_in', actor: `user:${user.id}`, subject: `user:${user.id}`, data: { method: 'local', ip: meta.ip } });
    return created;
  });
  return { caller: sessionCaller({ ...user, lastSignInAt: now, mustChangePassword: false }, session.idHash, session.csrfToken), cookieValue: session.cookieValue };
}
