import { and, eq } from 'drizzle-orm';
import { apiTokens, appUsers, type AppRole, type Db } from '../store/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The user (and role) an actor stands for, to notify: the user itself (`user:<id>`), or a token's creator
 * (`token:<id>`); undefined for `system`, the CLI (`cli:<os user>`) and a user that is gone or disabled,
 * whom nobody reads for. Looked up rather than trusted: the outbox's recipient must exist.
 */
export async function userOfActor(tx: Db, actor: string): Promise<{ id: string; role: AppRole } | undefined> {
  const [kind, id] = actor.split(':', 2);
  if (!id || !UUID.test(id)) return undefined;
  let userId: string | null | undefined;
  if (kind === 'user') userId = id;
  if (kind === 'token') userId = (await tx.select({ createdBy: apiTokens.createdBy }).from(apiTokens).where(eq(apiTokens.id, id)))[0]?.createdBy;
  if (!userId) return undefined;
  const [user] = await tx.select({ id: appUsers.id, role: appUsers.role }).from(appUsers).where(and(eq(appUsers.id, userId), eq(appUsers.disabled, false)));
  return user;
}
