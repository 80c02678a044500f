import { inArray } from 'drizzle-orm';
import { apiTokens, appUsers, type Db } from '../store/index.ts';
import { ACTOR_UUID } from './actor-text.ts';

/**
 * Readable names of the actors the audit log and tasks record (`user:<id>`, `token:<id>`), looked up when
 * read: the log keeps the stable id, and an auditor reads who that was without needing to list users.
 * Actors that are not a user or token (`system`, `cli:<os user>`) have no entry.
 */
export async function actorNames(db: Db, actors: Iterable<string>): Promise<Map<string, string>> {
  const userIds = new Set<string>();
  const tokenIds = new Set<string>();
  for (const actor of actors) {
    const [kind, id] = actor.split(':', 2);
    if (!id || !ACTOR_UUID.test(id)) continue;
    if (kind === 'user') userIds.add(id);
    else if (kind === 'token') tokenIds.add(id);
  }
  const names = new Map<string, string>();
  if (userIds.size > 0) {
    const users = await db.select({ id: appUsers.id, name: appUsers.displayName, email: appUsers.email }).from(appUsers).where(inArray(appUsers.id, [...userIds]));
    for (const u of users) names.set(`user:${u.id}`, u.email && u.email !== u.name ? `${u.name} (${u.email})` : u.name);
  }
  if (tokenIds.size > 0) {
    const tokens = await db.select({ id: apiTokens.id, name: apiTokens.name }).from(apiTokens).where(inArray(apiTokens.id, [...tokenIds]));
    for (const t of tokens) names.set(`token:${t.id}`, `API token “${t.name}”`);
  }
  return names;
}
