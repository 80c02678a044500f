import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/index.ts';
import { appUsers, type Db } from '../store/index.ts';
import { issueOneTimePassword, LOCAL_ADMIN_SUBJECT, oneTimePassword } from './local-users.ts';
import { hashPassword } from './password-hash.ts';

// The first local account: the way in before an IdP is configured, and the break-glass after. Unlike other
// local users, RRCU creates it itself and its password is reset from the server's shell.

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
 * A new one-time password for the local administrator (created if missing), enabled again if it was
 * disabled, to be replaced at the next sign-in. Its sessions end: whoever knew the old password is out.
 */
export async function resetLocalAdminPassword(db: Db, ctx: { actor: string } = { actor: 'system' }): Promise<{ password: string }> {
  await ensureLocalAdmin(db);
  const [admin] = await db.select({ id: appUsers.id }).from(appUsers).where(eq(appUsers.subject, LOCAL_ADMIN_SUBJECT));
  const { password } = await issueOneTimePassword(db, admin!.id, ctx, { enable: true });
  return { password };
}
