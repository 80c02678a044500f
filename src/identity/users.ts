import { and, asc, count, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '../audit/index.ts';
import { RrcuError } from '../core/errors.ts';
import { appUsers, sessions, type Db } from '../store/index.ts';
import { revokeTokensAboveRole } from './api-tokens.ts';
import { localUsernameOf } from './local-subjects.ts';
import { APP_ROLES, ROLE_LABELS, type AppRole } from './roles.ts';
import { revokeUserSessions } from './sessions.ts';
import { IDENTITY_ERRORS } from './errors.ts';

/** A user as the administration page lists them (the API's answers are checked against it). */
export const userViewSchema = z.object({
  id: z.string(),
  subject: z.string(),
  username: z.string().nullable().describe('The name a local user signs in with; null for users of the identity provider'),
  displayName: z.string(),
  email: z.string().nullable(),
  role: z.enum(APP_ROLES),
  roleLabel: z.string(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean().describe('A local user who has not yet replaced their one-time password'),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
  activeSessions: z.number(),
});

export type UserView = z.infer<typeof userViewSchema>;

type AppUser = typeof appUsers.$inferSelect;

export function toUserView(user: AppUser, activeSessions: number): UserView {
  return {
    id: user.id,
    subject: user.subject,
    username: localUsernameOf(user.subject),
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    roleLabel: ROLE_LABELS[user.role],
    disabled: user.disabled,
    mustChangePassword: user.mustChangePassword,
    createdAt: user.createdAt.toISOString(),
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    activeSessions,
  };
}

async function activeSessionCounts(db: Db, userId?: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ userId: sessions.userId, n: count() })
    .from(sessions)
    .where(and(isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date()), userId ? eq(sessions.userId, userId) : undefined))
    .groupBy(sessions.userId);
  return new Map(rows.map((r) => [r.userId, Number(r.n)]));
}

export async function listUsers(db: Db): Promise<UserView[]> {
  const [users, counts] = await Promise.all([db.select().from(appUsers).orderBy(asc(appUsers.displayName), asc(appUsers.subject)), activeSessionCounts(db)]);
  return users.map((u) => toUserView(u, counts.get(u.id) ?? 0));
}

/** The users who sign in with this email (case-insensitive), enabled ones first, the most recently signed in first. */
export async function usersWithEmail(db: Db, email: string): Promise<AppUser[]> {
  return db.select().from(appUsers).where(sql`lower(${appUsers.email}) = ${email.toLowerCase()}`).orderBy(asc(appUsers.disabled), sql`${appUsers.lastSignInAt} desc nulls last`, asc(appUsers.createdAt));
}

export async function findUser(db: Db, id: string): Promise<AppUser> {
  const [user] = await db.select().from(appUsers).where(eq(appUsers.id, id));
  if (!user) throw new RrcuError(IDENTITY_ERRORS.USER_NOT_FOUND, `No user has the id ${id}.`, { fix: 'List the users (GET /api/users) and use an id from there.' });
  return user;
}

/**
 * Sets a user's role and/or disables them. Nobody changes their own role or disables themselves, so a
 * Super Administrator cannot lock the last way in by accident. Disabling ends the user's sessions, and
 * their tokens stop working (checked at each request) without being revoked: enabling the user again
 * brings back the tokens still live, none above the role they hold then. A lower role revokes, in the
 * same transaction, the tokens they made above it; the role-change event lists them.
 */
export async function updateUser(db: Db, id: string, change: { role?: AppRole | undefined; disabled?: boolean | undefined }, ctx: { actor: string; userId: string | null }): Promise<UserView> {
  return db.transaction(async (tx) => {
    const before = await findUser(tx, id);
    const roleChanges = change.role !== undefined && change.role !== before.role;
    const disabledChanges = change.disabled !== undefined && change.disabled !== before.disabled;
    if (ctx.userId === id && (roleChanges || disabledChanges)) {
      throw new RrcuError(IDENTITY_ERRORS.CANNOT_CHANGE_OWN_ROLE, `You cannot ${roleChanges ? `change your own role (${before.role})` : 'disable yourself'}.`, {
        fix: 'Ask another Super Administrator to do it.',
        fields: [roleChanges ? 'role' : 'disabled'],
      });
    }
    if (!roleChanges && !disabledChanges) return toUserView(before, (await activeSessionCounts(tx, id)).get(id) ?? 0);
    const [after] = await tx
      .update(appUsers)
      .set({ ...(roleChanges ? { role: change.role } : {}), ...(disabledChanges ? { disabled: change.disabled } : {}) })
      .where(eq(appUsers.id, id))
      .returning();
    if (roleChanges) {
      const revokedTokenIds = await revokeTokensAboveRole(tx, id, change.role!, { actor: ctx.actor });
      await recordAuditEvent(tx, { type: 'user.role_changed', actor: ctx.actor, subject: `user:${id}`, data: { from: before.role, to: change.role, revokedTokenIds } });
    }
    if (disabledChanges) {
      const revokedSessions = change.disabled ? await revokeUserSessions(tx, id) : 0;
      await recordAuditEvent(tx, { type: change.disabled ? 'user.disabled' : 'user.enabled', actor: ctx.actor, subject: `user:${id}`, data: change.disabled ? { revokedSessions } : {} });
    }
    return toUserView(after!, (await activeSessionCounts(tx, id)).get(id) ?? 0);
  });
}

/** Signs a user out everywhere; returns how many sessions were live. */
export async function revokeSessionsOfUser(db: Db, id: string, ctx: { actor: string }): Promise<{ revoked: number }> {
  return db.transaction(async (tx) => {
    await findUser(tx, id);
    const revoked = await revokeUserSessions(tx, id);
    await recordAuditEvent(tx, { type: 'user.sessions_revoked', actor: ctx.actor, subject: `user:${id}`, data: { revoked } });
    return { revoked };
  });
}
