/**
 * How a row the access explorer shows from a provisioning task, not yet from a sync, reads: the CLI's
 * text and the CSV say it in these words (the web says the same with a link to the task).
 */
export function pendingNote(pending: { kind: 'grant' | 'revoke'; taskId: string } | null): string | null {
  if (!pending) return null;
  return `${pending.kind === 'grant' ? 'verified' : 'revoked'} by task ${pending.taskId}, not yet seen by a sync`;
}

/**
 * How a direct grant a just-in-time request holds reads ("via request #N, expires at T"): the CLI's text, the
 * CSV and the evidence report of access at an instant say it in these words (the web links #N to the request).
 */
export function heldRequestNote(request: { id: number; expiresAt: string | null } | null): string | null {
  if (!request) return null;
  return `via request #${request.id}${request.expiresAt ? `, expires at ${request.expiresAt}` : ''}`;
}
