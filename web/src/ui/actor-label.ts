/**
 * Who did something, as the audit log and tasks record it (`user:<id>`, `token:<id>`, `system`, `cli:<os user>`),
 * by the name the API resolved when it has one; the signed-in user is "you".
 */
export function actorLabel(actor: string, selfId: string | null, name?: string | null): string {
  if (selfId && actor === `user:${selfId}`) return 'You';
  if (actor === 'system') return 'RRCU';
  if (name) return name;
  const [kind, id] = actor.split(':', 2);
  if (id && (kind === 'user' || kind === 'token') && id.length > 12) return `${kind === 'user' ? 'User' : 'Token'} ${id.slice(0, 8)}…`;
  return actor;
}
