/**
 * How a row the access explorer shows from a provisioning task, not yet from a sync, reads: the CLI's
 * text and the CSV say it in these words (the web says the same with a link to the task).
 */
export function pendingNote(pending: { kind: 'grant' | 'revoke'; taskId: string } | null): string | null {
  if (!pending) return null;
  return `${pending.kind === 'grant' ? 'verified' : 'revoked'} by task ${pending.taskId}, not yet seen by a sync`;
}
