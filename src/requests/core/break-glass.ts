/**
 * Break-glass's review after the fact (issue 15; docs/access-requests.md, Break-glass). Break-glass access is
 * granted at once by the requester alone; the approvers of the policy's first step then judge it. One verdict
 * ends the wait; the requester never reviews their own, whatever their role, as nobody approves their own.
 */

export type PostHocFacts = {
  breakGlass: boolean;
  requesterPersonId: string;
  /** The request's approvers of step 1, as resolved at submission (the requester never among them). */
  reviewers: string[];
  /** A verdict is already recorded. */
  reviewed: boolean;
};

export type PostHocRefusal = { ok: false; code: 'NOT_BREAK_GLASS' | 'SELF_APPROVAL' | 'NOT_AN_APPROVER' | 'ALREADY_REVIEWED'; message: string };

/** Whether `personId` may record the post-hoc verdict of request `id` now, or why not. */
export function mayReviewBreakGlass(id: number, facts: PostHocFacts, personId: string): { ok: true } | PostHocRefusal {
  if (!facts.breakGlass) return { ok: false, code: 'NOT_BREAK_GLASS', message: `Request #${id} is not break-glass: it was decided before it was granted, there is nothing to review after the fact.` };
  if (personId === facts.requesterPersonId) return { ok: false, code: 'SELF_APPROVAL', message: `Request #${id} is your own break-glass: nobody reviews their own, whatever their role.` };
  if (!facts.reviewers.includes(personId)) return { ok: false, code: 'NOT_AN_APPROVER', message: `You are not an approver of step 1 of request #${id}'s policy: they review its break-glass.` };
  if (facts.reviewed) return { ok: false, code: 'ALREADY_REVIEWED', message: `Request #${id}'s break-glass was already reviewed: one verdict ends the review.` };
  return { ok: true };
}

/** Awaiting review: break-glass and no verdict yet, whatever its status (access that has ended is still judged). */
export const awaitingPostHocReview = (facts: Pick<PostHocFacts, 'breakGlass' | 'reviewed'>): boolean => facts.breakGlass && !facts.reviewed;
