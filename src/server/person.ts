import type { App } from '../app.ts';
import type { Caller } from './caller.ts';

/**
 * The caller's person of the inventory: by the session's email, or for an API token by its creator's (a
 * reviewer scripting decisions with `rrcu review decide`, a requester with `rrcu request`, acts as
 * themselves; a token no user made is nobody). Reviews and requests judge "mine" by it.
 */
export async function personOf(app: App, caller: Caller): Promise<string | null> {
  const email = caller.via === 'token' ? (caller.userId ? (await app.identity.findUser(caller.userId)).email : null) : caller.email;
  const person = email ? await app.access.personWithEmail(email) : undefined;
  return person?.id ?? null;
}
