import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/index.ts';
import type { Config } from '../config/index.ts';
import { RrcuError } from '../core/errors.ts';
import { appUsers, type Db } from '../store/index.ts';
import { revokeTokensAboveRole } from './api-tokens.ts';
import { IDENTITY_ERRORS } from './errors.ts';
import type { AppRole } from './roles.ts';
import { createSession, revokeSession, revokeUserSessions, sessionLimits } from './sessions.ts';

type AppUser = typeof appUsers.$inferSelect;

/** Where a sign-in comes from, and the session the browser held before (ended: a sign-in never reuses it). */
export type SignInMeta = { ip: string; userAgent?: string | undefined; previousSessionIdHash?: string | undefined };

/** A session just started: the user as signed in now, and what the browser keeps (`cookieValue`). */
export type StartedSession = { user: AppUser; cookieValue: string; idHash: string; csrfToken: string };

/** A person as the identity provider vouched for them at sign-in. */
export type OidcIdentity = { issuer: string; sub: string; email: string | null; name: string | null };

type SessionConfig = Pick<Config, 'sessionIdleHours' | 'sessionMaxDays'>;

// In the caller's transaction: the browser's previous session ends, a new one starts, and the sign-in is audited.
async function openSession(tx: Db, user: AppUser, config: SessionConfig, meta: SignInMeta, how: Record<string, unknown>): Promise<StartedSession> {
  if (meta.previousSessionIdHash) await revokeSession(tx, meta.previousSessionIdHash);
  const session = await createSession(tx, user.id, { ...sessionLimits(config), userAgent: meta.userAgent, ip: meta.ip });
  await recordAuditEvent(tx, { type: 'auth.signed_in', actor: `user:${user.id}`, subject: `user:${user.id}`, data: { ...how, ip: meta.ip } });
  return { user, ...session };
}

/** Starts the session of a local user whose password was checked (and replaced, when it had to be). */
export async function startLocalSession(db: Db, config: SessionConfig, user: AppUser, meta: SignInMeta): Promise<StartedSession> {
  const now = new Date();
  return db.transaction(async (tx) => {
    await tx.update(appUsers).set({ lastSignInAt: now }).where(eq(appUsers.id, user.id));
    return openSession(tx, { ...user, lastSignInAt: now, mustChangePassword: false }, config, meta, { method: 'local' });
  });
}

/** A failed local sign-in, named when the account exists so the audit log shows who was being guessed at. */
export async function recordFailedSignIn(db: Db, attempt: { username: string; user: AppUser | undefined; ip: string; reason: 'wrong_credentials' | 'disabled' }): Promise<void> {
  await recordAuditEvent(db, {
    type: 'auth.sign_in_failed',
    actor: 'anonymous',
    subject: attempt.user ? `user:${attempt.user.id}` : null,
    data: { method: 'local', username: attempt.username, ip: attempt.ip, reason: attempt.reason },
  });
}

/** Signs a session out (its user asked): the session ends and `auth.signed_out` is audited, together. */
export async function signOut(db: Db, idHash: string, ctx: { actor: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await revokeSession(tx, idHash);
    await recordAuditEvent(tx, { type: 'auth.signed_out', actor: ctx.actor, subject: ctx.actor, data: { scope: 'this_session' } });
  });
}

/** Signs a user out of every browser (they asked): their live sessions end and `auth.signed_out` is audited, together. */
export async function signOutEverywhere(db: Db, userId: string, ctx: { actor: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const revoked = await revokeUserSessions(tx, userId);
    await recordAuditEvent(tx, { type: 'auth.signed_out', actor: ctx.actor, subject: ctx.actor, data: { scope: 'everywhere', revoked } });
  });
}

/** The role the configuration gives this address at every sign-in, the highest when listed more than once. */
export function roleFromConfig(config: Pick<Config, 'superAdmins' | 'connectorAdmins' | 'auditors'>, email: string | null): AppRole | undefined {
  if (!email) return undefined;
  if (config.superAdmins.includes(email)) return 'super_admin';
  if (config.connectorAdmins.includes(email)) return 'connector_admin';
  if (config.auditors.includes(email)) return 'auditor';
  return undefined;
}

/**
 * Signs in a person the identity provider vouched for: creates their RRCU user at the first sign-in
 * (`person`, or the role the configuration lists their email under), refreshes their name and email, and
 * applies a configured role at every sign-in (a lower one revokes their tokens above it). Refused for a
 * disabled user.
 */
export async function startOidcSession(
  db: Db,
  config: SessionConfig & Pick<Config, 'superAdmins' | 'connectorAdmins' | 'auditors'>,
  identity: OidcIdentity,
  meta: SignInMeta,
): Promise<StartedSession> {
  const subject = `oidc:${identity.issuer}#${identity.sub}`;
  const displayName = identity.name ?? identity.email ?? identity.sub;
  const now = new Date();
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(appUsers).where(eq(appUsers.subject, subject));
    if (existing?.disabled) {
      throw new RrcuError(IDENTITY_ERRORS.USER_DISABLED, `The RRCU account of ${existing.email ?? existing.displayName} is disabled.`, { fix: 'Ask a Super Administrator to enable it.' });
    }
    const role = roleFromConfig(config, identity.email) ?? existing?.role ?? 'person';
    const values = { email: identity.email, displayName, role, lastSignInAt: now };
    const [user] = await tx
      .insert(appUsers)
      .values({ subject, ...values })
      .onConflictDoUpdate({ target: appUsers.subject, set: values })
      .returning();
    if (!existing) {
      await recordAuditEvent(tx, { type: 'user.created', actor: 'system', subject: `user:${user!.id}`, data: { subject, email: identity.email, role } });
    } else if (existing.role !== role) {
      const revokedTokenIds = await revokeTokensAboveRole(tx, user!.id, role, { actor: 'system' });
      await recordAuditEvent(tx, { type: 'user.role_changed', actor: 'system', subject: `user:${user!.id}`, data: { from: existing.role, to: role, reason: 'listed in the configuration', revokedTokenIds } });
    }
    return openSession(tx, user!, config, meta, { method: 'oidc', issuer: identity.issuer });
  });
}
