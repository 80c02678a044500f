/**
 * What became of a Revoke. `pending`: decided, no task yet (the campaign remediates at close).
 * `task_queued`: a provisioning task (trigger `review`) is carrying it out. `task_failed`: that task
 * failed, so nothing RRCU did removed the grant: it stays unremediated, whatever later syncs see, until
 * an administrator acts (the task's error says why). `manual`: the
 * connector cannot change this grant, so an administrator removes it by hand and marks it done.
 * `remediated`: a sync that STARTED after the task's verification (or the manual mark) no longer saw
 * the grant; that run and its commit time are the proof. `reappeared`: a later sync saw the grant again
 * (the revoke was undone outside RRCU).
 */
export const REMEDIATION_STATES = ['pending', 'task_queued', 'task_failed', 'manual', 'remediated', 'reappeared'] as const;
export type RemediationState = (typeof REMEDIATION_STATES)[number];

export type RemediationTask = { id: string; status: 'pending' | 'running' | 'succeeded' | 'failed'; finishedAt: Date | null };

/** A committed sync run of the item's connector, and whether the revoked grant was live at its commit. */
export type SyncObservation = { runId: number; startedAt: Date; committedAt: Date; grantPresent: boolean };

export type RemediationInputs = {
  task: RemediationTask | null;
  /** Set when the revoke went to manual remediation; `markedAt` once an administrator says it is done. */
  manual: { markedAt: Date | null } | null;
  syncs: readonly SyncObservation[];
};

export type RunRef = { runId: number; at: Date };

export type RemediationStatus =
  | { state: 'pending' }
  | { state: 'task_queued'; taskId: string; taskStatus: RemediationTask['status'] }
  | { state: 'task_failed'; taskId: string }
  | { state: 'manual'; markedAt: Date | null }
  | { state: 'remediated'; taskId: string | null; observedBy: RunRef; reappearances: RunRef[] }
  | { state: 'reappeared'; taskId: string | null; reappearedIn: RunRef; observedBy: RunRef | null; reappearances: RunRef[] };

/**
 * The instant after which a sync's observation proves something: the task's verification (a task
 * succeeds only after reading the change back from AWS) or the manual mark. Before it, a sync saying
 * "gone" proves nothing about this revoke.
 */
function proofInstant(inputs: RemediationInputs): Date | null {
  if (inputs.task?.status === 'succeeded' && inputs.task.finishedAt !== null) return inputs.task.finishedAt;
  return inputs.manual?.markedAt ?? null;
}

/**
 * The state of one revoke from what is known about it, decided the same way every time it is asked.
 * Only syncs that started strictly after the proof instant count, in the order they started (a sync
 * that started before may have read AWS before the change). The latest of them decides: gone →
 * `remediated`, named by the first run of that absence; seen → `reappeared`, named by the first run that
 * saw it back. Earlier reappearances stay listed, so a grant removed again is remediated with its history.
 */
export function remediationStatus(inputs: RemediationInputs): RemediationStatus {
  const taskId = inputs.task?.id ?? null;
  const since = proofInstant(inputs);
  if (since === null) {
    // A failed task removed nothing: a sync that no longer sees the grant proves someone else's change, not this revoke.
    if (inputs.task?.status === 'failed') return { state: 'task_failed', taskId: inputs.task.id };
    if (inputs.task) return { state: 'task_queued', taskId: inputs.task.id, taskStatus: inputs.task.status };
    if (inputs.manual) return { state: 'manual', markedAt: null };
    return { state: 'pending' };
  }
  const after = inputs.syncs.filter((s) => s.startedAt.getTime() > since.getTime()).sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.runId - b.runId);
  let observedBy: RunRef | null = null;
  let reappearedIn: RunRef | null = null;
  const reappearances: RunRef[] = [];
  for (const sync of after) {
    const ref = { runId: sync.runId, at: sync.committedAt };
    if (sync.grantPresent) {
      if (reappearedIn === null) {
        reappearedIn = ref;
        reappearances.push(ref);
      }
    } else if (observedBy === null || reappearedIn !== null) {
      observedBy = ref;
      reappearedIn = null;
    }
  }
  if (reappearedIn !== null) return { state: 'reappeared', taskId, reappearedIn, observedBy, reappearances };
  if (observedBy !== null) return { state: 'remediated', taskId, observedBy, reappearances };
  if (inputs.task) return { state: 'task_queued', taskId: inputs.task.id, taskStatus: inputs.task.status };
  return { state: 'manual', markedAt: since };
}

/** The most of a reviewer's comment a revoke task's reason carries: the task's reason holds 1,000 characters at most. */
export const REVOKE_REASON_COMMENT_MAX = 500;

/**
 * A revoke task's reason: the campaign, who decided and why, so whoever reads the task (or its failure)
 * knows without opening the review. A long comment is cut, marked with an ellipsis; the whole of it
 * stays in the review's history and export.
 */
export function revokeTaskReason(campaignName: string, decider: string | null, comment: string | null): string {
  const why = comment?.trim() ? (comment.trim().length > REVOKE_REASON_COMMENT_MAX ? `${comment.trim().slice(0, REVOKE_REASON_COMMENT_MAX - 1)}…` : comment.trim()) : null;
  return `Access review "${campaignName.slice(0, 200)}": revoked${decider ? ` by ${decider}` : ''}${why ? `: ${why}` : ''}`;
}
