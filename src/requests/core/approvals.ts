/**
 * Where a request's approval stands, from its decisions so far (the append-only `access_request_approvals`).
 * Steps are numbered from 1, as the request page and the store show them.
 */
export type ApprovalDecision = { step: number; approverPersonId: string; decision: 'approve' | 'deny'; at: Date };

export type ApprovalProgress = { state: 'pending'; step: number; approvalsSoFar: number; needed: number } | { state: 'approved' } | { state: 'denied'; byPersonId: string };

/**
 * Reads the decisions in time order (ties in the order given), one step at a time: a step is done when
 * `approvals` different people approved it; one denial at the current step denies the request. A decision
 * that does not count: for a step other than the current one (a second approval arriving for a step another
 * approver completed, or one not reached), from a person who already approved (the same person counts once
 * in the whole request, so an approver of step 1 cannot approve step 2), or after the request was decided.
 * No steps: approved (a policy without steps approves by an auto-approval rule with no condition).
 */
export function approvalProgress(steps: { approvals: number }[], decisions: ApprovalDecision[]): ApprovalProgress {
  const ordered = decisions.map((d, i) => ({ d, i })).sort((a, b) => a.d.at.getTime() - b.d.at.getTime() || a.i - b.i).map(({ d }) => d);
  const approvedBy = new Set<string>();
  let step = 1;
  let soFar = 0;
  for (const d of ordered) {
    if (step > steps.length) break;
    if (d.step !== step || approvedBy.has(d.approverPersonId)) continue;
    if (d.decision === 'deny') return { state: 'denied', byPersonId: d.approverPersonId };
    approvedBy.add(d.approverPersonId);
    soFar++;
    if (soFar >= steps[step - 1]!.approvals) {
      step++;
      soFar = 0;
    }
  }
  if (step > steps.length) return { state: 'approved' };
  return { state: 'pending', step, approvalsSoFar: soFar, needed: steps[step - 1]!.approvals };
}
