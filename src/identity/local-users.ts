import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '../audit/index.ts';
import type { Config } from '../config/index.ts';
import { RrcuError } from '../core/errors.ts';
import { appUsers, type Db } from '../store/index.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password-hash.ts';
import { APP_ROLES } from './roles.ts';
import { randomBase62 } from './secrets.ts';
import { revokeUserSessions } from './sessions.ts';
import { LOCAL_SUBJECT_PREFIX, localUsernameOf, oidcConfigured } from './local-subjects.ts';
import { findUser } from './users.ts';
import { IDENTITY_ERRORS } from './errors.ts';

/**
 * Local accounts: `local:<username>` with a password RRCU keeps (scrypt), for an RRCU without an identity
 * provider. Each starts with a one-time password shown once to whoever created or reset it, and must choose
 * their own at the first sign-in. With an IdP configured they are off: people sign in there.
 */
export const LOCAL_ADMIN_USERNAME = 'admin';
export const LOCAL_ADMIN_SUBJECT = `${LOCAL_SUBJECT_PREFIX}${LOCAL_ADMIN_USERNAME}`;
export const MIN_PASSWORD_LENGTH = 12;

type AppUser = typeof appUsers.$inferSelect;

// 24 base62 characters ≈ 143 bits: shown once, typed once, then replaced.
export const oneTimePassword = (): string => randomBase62(24);

export const localUsernameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9._-]{1,64}$/, 'use 1 to 64 lowercase letters, digits, ".", "_" or "-"')
  .refine((v) => v !== LOCAL_ADMIN_USERNAME, `"${LOCAL_ADMIN_USERNAME}" is the local administrator's name; choose another`)
  .describe('The name to sign in with: 1–64 lowercase letters, digits, ".", "_" or "-"');

/** A new local user, as the API and `rrcu admin create-user` both take it. */
export const newLocalUserSchema = z.object({
  username: localUsernameSchema,
  displayName: z.string().trim().min(1).max(200).optional().describe('The name shown in RRCU (default: the username)'),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()).optional().describe("Links the user to the person of the inventory with this email (My access)"),
  role: z.enum(APP_ROLES),
});
export type NewLocalUser = z.infer<typeof newLocalUserSchema>;

function refuseWithIdp(config: Pick<Config, 'oidcIssuer'>, what: string): void {
  if (!oidcConfigured(config)) return;
  throw new RrcuError(IDENTITY_ERRORS.LOCAL_SIGN_IN_DISABLED, `${what}: sign-in goes through the identity provider (${config.oidcIssuer}), and local accounts are off while it does.`, {
    fix: 'Add the person at your IdP; after their first sign-in, give them a role under Settings → Users (or list their email in RRCU_AUDITORS, RRCU_CONNECTOR_ADMINS or RRCU_SUPER_ADMINS).',
  });
}

/**
 * Creates a local user with `role` and a one-time password, returned to be shown once (only its hash is
 * kept). Refused while an IdP is configured, and for a username that is taken.
 */
export async function createLocalUser(db: Db, config: Pick<Config, 'oidcIssuer'>, input: NewLocalUser, ctx: { actor: string }): Promise<{ user: AppUser; password: string }> {
  refuseWithIdp(config, `The local user ${JSON.stringify(input.username)} cannot be created`);
  const subject = `${LOCAL_SUBJECT_PREFIX}${input.username}`;
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(appUsers)
      .values({ subject, displayName: input.displayName ?? input.username, email: input.email ?? null, role: input.role, passwordHash, mustChangePassword: true })
      .onConflictDoNothing({ target: appUsers.subject })
      .returning();
    if (!user) {
      throw new RrcuError(IDENTITY_ERRORS.LOCAL_USER_EXISTS, `The username ${JSON.stringify(input.username)} is taken by another local user.`, {
        fix: 'Choose another username, or reset that user’s password (Settings → Users, or `rrcu admin reset-password <username>`).',
      });
    }
    await recordAuditEvent(tx, { type: 'user.created', actor: ctx.actor, subject: `user:${user.id}`, data: { subject, email: user.email, role: user.role } });
    return { user, password };
  });
}

/**
 * A new one-time password for the local user `userId`, to be replaced at their next sign-in. Their sessions
 * end: whoever knew the old password is out. `enable` also lifts a disabled account (the break-glass path).
 */
export async function issueOneTimePassword(db: Db, userId: string, ctx: { actor: string }, options: { enable?: boolean } = {}): Promise<{ user: AppUser; password: string }> {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const user = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(appUsers)
      .set({ passwordHash, mustChangePassword: true, ...(options.enable ? { disabled: false } : {}) })
      .where(eq(appUsers.id, userId))
      .returning();
    const revokedSessions = await revokeUserSessions(tx, userId);
    await recordAuditEvent(tx, { type: 'auth.password_reset', actor: ctx.actor, subject: `user:${userId}`, data: { revokedSessions } });
    return updated!;
  });
  return { user, password };
}

/**
 * Resets the password of a local user on a Super Administrator's request: never an IdP user's (RRCU has
 * none), never one's own (that would sign the caller out mid-way), and, with an IdP configured, only the
 * local administrator's (the way back in if the IdP fails; other local accounts are off).
 */
export async function resetLocalUserPassword(db: Db, config: Pick<Config, 'oidcIssuer'>, userId: string, ctx: { actor: string; userId: string | null }): Promise<{ user: AppUser; password: string }> {
  const user = await findUser(db, userId);
  const username = localUsernameOf(user.subject);
  if (username === null) {
    throw new RrcuError(IDENTITY_ERRORS.NOT_A_LOCAL_USER, `${user.displayName} signs in through the identity provider; RRCU keeps no password for them.`, {
      fix: 'Reset their password at the identity provider.',
    });
  }
  if (ctx.userId === userId) {
    throw new RrcuError(IDENTITY_ERRORS.CANNOT_RESET_OWN_PASSWORD, 'You cannot reset your own password here: it would end the session you are using.', {
      fix: 'Ask another Super Administrator, or run `rrcu admin reset-password <username>` on the server.',
    });
  }
  if (user.subject !== LOCAL_ADMIN_SUBJECT) refuseWithIdp(config, `The password of the local user ${JSON.stringify(username)} cannot be reset`);
  return issueOneTimePassword(db, userId, ctx);
}

/** The id of the local user `username`, for the server's shell (`rrcu admin reset-password <username>`). */
export async function localUserIdByName(db: Db, username: string): Promise<string> {
  const [user] = await db.select({ id: appUsers.id }).from(appUsers).where(eq(appUsers.subject, `${LOCAL_SUBJECT_PREFIX}${username.toLowerCase()}`));
  if (!user) throw new RrcuError(IDENTITY_ERRORS.USER_NOT_FOUND, `No local user is named ${JSON.stringify(username)}.`, { fix: 'Check the spelling; Settings → Users lists every user (local ones show their username).' });
  return user.id;
}

/** The local user `username` (when there is one) and whether `password` is theirs, after the same work either way. */
export async function verifyLocalPassword(db: Db, username: string, password: string): Promise<{ user: AppUser | undefined; matches: boolean }> {
  const [user] = await db.select().from(appUsers).where(eq(appUsers.subject, `${LOCAL_SUBJECT_PREFIX}${username.toLowerCase()}`));
  const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  return { user, matches: Boolean(user?.passwordHash) && matches };
}

/**
 * Replaces a local user's password (≥ 12 characters, not the current one) and clears the must-change flag.
 * Their other sessions end with it (whoever knew the old password is out); `keepSessionIdHash` is the one
 * the change was made from, kept.
 */
export async function changeLocalPassword(db: Db, user: AppUser, newPassword: string, ctx: { actor: string; keepSessionIdHash?: string | undefined }): Promise<void> {
  if (newPassword.length < MIN_PASSWORD_LENGTH) {
    throw new RrcuError(IDENTITY_ERRORS.PASSWORD_TOO_SHORT, `The new password has ${newPassword.length} characters; at least ${MIN_PASSWORD_LENGTH} are needed.`, {
      fix: `Choose a password of ${MIN_PASSWORD_LENGTH} or more characters, e.g. four unrelated words.`,
      fields: ['newPassword'],
    });
  }
  if (user.passwordHash && (await verifyPassword(newPassword, user.passwordHash))) {
    throw new RrcuError(IDENTITY_ERRORS.PASSWORD_UNCHANGED, 'The new password is the same as the current one.', { fix: 'Choose a password different from the one-time password.', fields: ['newPassword'] });
  }
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(appUsers).set({ passwordHash, mustChangePassword: false }).where(eq(appUsers.id, user.id));
    const revokedSessions = await revokeUserSessions(tx, user.id, { except: ctx.keepSessionIdHash });
    await recordAuditEvent(tx, { type: 'auth.password_changed', actor: ctx.actor, subject: `user:${user.id}`, data: { revokedSessions } });
  });
}
