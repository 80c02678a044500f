/**
 * Actor ids as RRCU writes them (`user:<uuid>`, `token:<uuid>`) and as some stored text carries them: a
 * request's end reason ("revoked by user:…"), an audit event's summary. That text is kept as written (an audit
 * event's data is hashed into the chain), so a reader names the ids in it when it is read (`nameActorsIn`),
 * with the names `actorNames` looks up.
 */
export const ACTOR_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A user's or a token's id inside text; `slack:<id>`, `cli:<os user>` and `system` name no row RRCU could look up. */
const ACTOR_IN_TEXT = /\b(?:user|token):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** The user and token ids written in `text`, each once. */
export function actorsIn(text: string): string[] {
  return [...new Set(text.match(ACTOR_IN_TEXT) ?? [])];
}

/** `text` with each user or token id in it replaced by its name; ids without a name (deleted since) stay as written. */
export function nameActorsIn(text: string, names: ReadonlyMap<string, string>): string {
  return text.replace(ACTOR_IN_TEXT, (actor) => names.get(actor) ?? actor);
}
