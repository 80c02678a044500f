import { expect, test } from 'vitest';
import { awaitingPostHocReview, mayReviewBreakGlass, type PostHocFacts } from './break-glass.ts';

const facts: PostHocFacts = { breakGlass: true, requesterPersonId: 'req', reviewers: ['a', 'b'], reviewed: false };

test('an approver of step 1 reviews a break-glass request once; never the requester, nor anyone else', () => {
  expect(mayReviewBreakGlass(1, facts, 'a')).toEqual({ ok: true });
  expect(mayReviewBreakGlass(1, facts, 'req')).toMatchObject({ ok: false, code: 'SELF_APPROVAL' });
  // The requester is refused as the requester even were they listed (they never are): self-review first.
  expect(mayReviewBreakGlass(1, { ...facts, reviewers: ['req', 'a'] }, 'req')).toMatchObject({ ok: false, code: 'SELF_APPROVAL' });
  expect(mayReviewBreakGlass(1, facts, 'c')).toMatchObject({ ok: false, code: 'NOT_AN_APPROVER' });
  expect(mayReviewBreakGlass(1, { ...facts, reviewed: true }, 'b')).toMatchObject({ ok: false, code: 'ALREADY_REVIEWED' });
  expect(mayReviewBreakGlass(1, { ...facts, breakGlass: false }, 'a')).toMatchObject({ ok: false, code: 'NOT_BREAK_GLASS' });
});

test('awaiting review: break-glass without a verdict', () => {
  expect(awaitingPostHocReview(facts)).toBe(true);
  expect(awaitingPostHocReview({ ...facts, reviewed: true })).toBe(false);
  expect(awaitingPostHocReview({ ...facts, breakGlass: false })).toBe(false);
});
