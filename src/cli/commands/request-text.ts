import { COMMON_ERRORS, RrcuError } from '../../core/errors.ts';
import type { RequestDetail, RequestView, SubmittedRequest } from '../../requests/index.ts';

/** How `rrcu request` prints requests: one line each in lists, a page for one. */

const who = (p: { displayName: string; email: string | null }) => p.email ?? p.displayName;

/** `#12  active  AdministratorAccess on payments-prod  alice@example.com  60 min  until 2026-12-05T10:00:00.000Z`. */
export function requestLine(r: RequestView): string {
  const when = r.expiresAt && (r.status === 'active' || r.status === 'provisioning') ? `  until ${r.expiresAt}` : r.endedAt ? `  ended ${r.endedAt}` : '';
  const pending = r.status === 'pending' ? `  step ${r.currentStep}/${r.stepCount}` : '';
  const flags = [r.breakGlass ? 'BREAK-GLASS' : '', r.extensionOf !== null ? `extends #${r.extensionOf}` : ''].filter(Boolean).join(', ');
  return `#${r.id}  ${r.status}  ${r.entitlementText}  ${who(r.requester)}  ${r.durationMinutes} min${pending}${when}${flags ? `  (${flags})` : ''}`;
}

/** What submitting said: the request, the policy that applied and why, and the warnings. */
export function submittedLines({ request: r, policyWhy, duplicateWarning }: SubmittedRequest): string[] {
  const lines = [`Request ${requestLine(r)}`, `  policy: ${policyWhy}`];
  if (r.durationClamped) lines.push(`  duration cut to the policy's maximum: ${r.durationMinutes} min`);
  if (duplicateWarning) lines.push(`  warning: ${duplicateWarning}`);
  if (r.autoApproved) lines.push(`  approved without a person: ${r.autoApproved}`);
  const step = r.steps.find((s) => s.step === r.currentStep);
  if (r.status === 'pending' && step) lines.push(`  waiting for ${step.approvals} approval(s) of step ${r.currentStep}/${r.stepCount} from: ${step.approvers.map(who).join(', ') || 'nobody yet'}`);
  lines.push(...sessionNote(r));
  return lines;
}

/** One request as a page: what, who, the terms, the steps and decisions, the targets, the timeline. */
export function detailLines(r: RequestDetail): string[] {
  const lines = [requestLine(r), `  requester: ${r.requester.displayName}${r.requester.email ? ` <${r.requester.email}>` : ''} as ${r.principal.type} ${r.principal.name ?? r.principal.id}`];
  lines.push(`  policy: ${r.policy.name} v${r.policy.version}`);
  if (r.justification) lines.push(`  justification: ${r.justification}`);
  if (r.ticket) lines.push(`  ticket: ${r.ticket}`);
  if (r.duplicateWarning) lines.push(`  warning: ${r.duplicateWarning}`);
  if (r.autoApproved) lines.push(`  approved without a person: ${r.autoApproved}`);
  if (r.postHocReview?.status === 'awaited') lines.push('  break-glass: awaiting review after the fact by an approver of step 1 (rrcu request review-break-glass N)');
  if (r.postHocReview?.status === 'recorded') lines.push(`  break-glass reviewed ${r.postHocReview.verdict} by ${who(r.postHocReview.reviewer)} at ${r.postHocReview.at}${r.postHocReview.comment ? `: ${r.postHocReview.comment}` : ''}`);
  if (r.ending) lines.push(`  ending: ${r.ending.as} once the grants finish${r.ending.reason ? ` (${r.ending.reason})` : ''}`);
  if (r.endReason) lines.push(`  end: ${r.endReason}`);
  lines.push(...sessionNote(r));
  for (const s of r.steps) lines.push(`  step ${s.step}: ${s.approvals} approval(s) from ${s.approvers.map(who).join(', ') || 'nobody'}`);
  for (const a of r.approvals) lines.push(`  ${a.at}  step ${a.step}  ${a.decision === 'approve' ? 'approved' : 'denied'} by ${who(a.approver)}${a.comment ? `: ${a.comment}` : ''}`);
  for (const t of r.targets) {
    const task = t.revokeTask ?? t.grantTask;
    lines.push(`  target ${t.resourceName ?? t.resourceId}: ${t.status}${task ? `  task ${task.id} ${task.status}` : ''}${t.keptBecause ? `  kept: ${t.keptBecause}` : ''}${t.error ? `  error: ${t.error}` : ''}`);
  }
  if (r.timeline.length > 0) lines.push('  timeline:');
  for (const e of r.timeline) lines.push(`    ${e.at}  ${e.summary}  (${e.actor})`);
  return lines;
}

/** AWS keeps a session started before the end until its own duration runs out: say how long that may be. */
function sessionNote(r: RequestView): string[] {
  return r.sessionDuration ? [`  note: an AWS session started before the end lasts until it runs out (the permission set's session duration is ${r.sessionDuration})`] : [];
}

const UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 24 * 60 };

/** `90` (minutes), `90m`, `4h`, `1d`, `1h30m` → minutes; anything else refused naming the flag. */
export function parseDuration(text: string, flag: string): number {
  const value = text.trim().toLowerCase();
  if (/^\d{1,6}$/.test(value)) return Number(value);
  const parts = [...value.matchAll(/(\d{1,6})([dhm])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== value) {
    throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `${flag}: expected minutes or a duration such as 90m, 4h, 1d or 1h30m, got ${JSON.stringify(text)}.`, { fix: `Correct ${flag} and run the command again.` });
  }
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNIT_MINUTES[unit!]!, 0);
}
