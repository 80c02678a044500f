import type { TaskView } from '../types.ts';

/** A provisioning task in words: whether it is over, what it changes, how it went. */

export const isFinished = (t: Pick<TaskView, 'status'>) => t.status === 'succeeded' || t.status === 'failed';

/** "Grant AdministratorAccess on payments-prod to Alice" — what a task changes, in one line. */
export function describeTask(t: TaskView): string {
  return t.action === 'grant'
    ? `Grant ${t.entitlement.displayName} to ${t.principal.displayName}`
    : `Revoke ${t.entitlement.displayName} from ${t.principal.displayName}`;
}

export function outcomeText(t: TaskView): string {
  if (t.outcome === 'applied') return t.action === 'grant' ? 'Granted in AWS' : 'Removed in AWS';
  if (t.outcome === 'already') return t.action === 'grant' ? 'AWS already had this access: nothing changed' : 'AWS no longer had this access: nothing changed';
  return '—';
}

export function verifiedText(t: TaskView): string {
  if (t.verified === true) return 'Yes: read back from AWS';
  if (t.verified === false) return 'No: AWS did not confirm the change when read back';
  return isFinished(t) ? '—' : 'Not yet';
}
