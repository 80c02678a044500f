import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '../../audit/index.ts';
import { RrcuError } from '../../core/errors.ts';
import type { Db } from '../../store/db.ts';
import { appUsers } from '../../store/schema/index.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password-hash.ts';
import { randomBase62 } from './secrets.ts';
import { revokeUserSessions } from './sessions.ts';

/** The one local account: the way in before an IdP is configured, and the break-glass after. */
export const LOCAL_ADMIN_SUBJECT = 'local:admin';
export const LOCAL_ADMIN_USERNAME = 'admin';
export const MIN_PASSWORD_LENGTH = 12;

type AppUser = typeof appUsers.$inferSelect;

// 24 base62 characters ≈ 143 bits: printed once, typed once, then replaced.
const oneTimePassword = (): string => randomBase62(24);

/**
 * Creates the local administrator (Super Administrator) with a one-time password on the first call and
 * returns that password to print; afterwards returns undefined. Safe when two processes start at once.
 */
export async function ensureLocalAdmin(db: Db): Promise<{ password: string } | undefined> {
  const [existing] = await db.select({ id: appUsers.id }).from(appUsers).where(eq(appUsers.subject, LOCAL_ADMIN_SUBJECT));
  if (existing) return undefined;
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(appUsers)
      .values({ subject: LOCAL_ADMIN_SUBJECT, displayName: 'Local administrator', role: 'super_admin', passwordHash, mustChangePassword: true })
      .onConflictDoNothing({ target: appUsers.subject })
      .returning({ id: appUsers.id });
    if (!created) return undefined;
    await recordAuditEvent(tx, { type: 'auth.local_admin_created', actor: 'system', subject: `user:${created.id}` });
    return { password };
  });
}

/**
 * A new one-time password for the local administrator (created if missing), to be replaced at the next
 * sign-in. Its sessions end: whoever knew the old password is out.
 */
export async function resetLocalAdminPassword(db: Db, ctx: { actor: string } = { actor: 'system' }): Promise<{ password: string }> {
  await ensureLocalAdmin(db);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [user] = await tx
      .update(appUsers)
      .set({ passwordHash, mustChangePassword: true, disabled: false })
      .where(eq(appUsers.subject, LOCAL_ADMIN_SUBJECT))
      .returning({ id: appUsers.id });
    await revokeUserSessions(tx, user!.id);
    await recordAuditEvent(tx, { type: 'auth.password_reset', actor: ctx.actor, subject: `user:${user!.id}` });
  });
  return { password };
}

/** The local user `username` (when there is one) and whether `password` is theirs, after the same work either way. */
export async function verifyLocalPassword(db: Db, username: string, password: string): Promise<{ user: AppUser | undefined; matches: boolean }> {
  const [user] = await db.select().from(appUsers).where(eq(appUsers.subject, `local:${username.toLowerCase()}`));
  const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  return { user, matches: Boolean(user?.passwordHash) && matches };
}

/** Replaces a local user's password (≥ 12 characters, not the current one) and clears the must-change flag. */
export async function changeLocalPassword(db: Db, user: AppUser, newPassword: string, ctx: { actor: string }): Promise<void> {
  if (newPassword.length < MIN_PASSWORD_LENGTH) {
    throw new RrcuError('PASSWORD_TOO_SHORT', `The new password has ${newPassword.length} characters; at least ${MIN_PASSWORD_LENGTH} are needed.`, {
      fix: `Choose a password of ${MIN_PASSWORD_LENGTH} or more characters, e.g. four unrelated words.`,
    });
  }
  if (user.passwordHash && (await verifyPassword(newPassword, user.passwordHash))) {
    throw new RrcuError('PASSWORD_UNCHANGED', 'The new password is the same as the current one.', { fix: 'Choose a password different from the one-time password.' });
  }
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(appUsers).set({ passwordHash, mustChangePassword: false }).where(eq(appUsers.id, user.id));
    await recordAuditEvent(tx, { type: 'auth.password_changed', actor: ctx.actor, subject: `user:${user.id}` });
  });
}
