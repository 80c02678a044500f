import { describe, expect, test } from 'vitest';
import type { DecisionEntry, ReviewHistoryEntry } from './decisions.ts';
import { campaignStatistics, decisionSeconds, median, RUBBER_STAMP_MEDIAN_SECONDS, RUBBER_STAMP_MIN_DECISIONS, type AssignedItem } from './statistics.ts';

const t0 = Date.UTC(2026, 0, 1);
const at = (s: number) => new Date(t0 + s * 1000);

test('median of odd and even counts, and of none', () => {
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(median([])).toBeNull();
});

describe('decisionSeconds', () => {
  test('the first decision counts from the assignment', () => {
    expect(decisionSeconds([{ at: at(100), assignedAt: at(40) }])).toEqual([60]);
  });

  test('later ones from the reviewer\'s previous decision, so a week before opening the page is not counted', () => {
    expect(decisionSeconds([{ at: at(1000), assignedAt: at(0) }, { at: at(1030), assignedAt: at(0) }, { at: at(1031), assignedAt: at(0) }])).toEqual([1000, 30, 1]);
  });

  test('an item assigned after the previous decision counts from its assignment', () => {
    expect(decisionSeconds([{ at: at(10), assignedAt: at(0) }, { at: at(100), assignedAt: at(90) }])).toEqual([10, 10]);
  });
});

describe('campaignStatistics', () => {
  const open = { openStage: 1 };
  const items = (reviewer: string | null, n: number, prefix = reviewer ?? 'none'): AssignedItem[] =>
    Array.from({ length: n }, (_, i) => ({ itemId: `${prefix}-${i}`, stage: 1, reviewerPersonId: reviewer, assignedAt: at(0) }));
  const decisions = (list: AssignedItem[], decision: 'keep' | 'revoke', secondsApart: number, start = 600) =>
    new Map<string, DecisionEntry[]>(list.map((item, i) => [item.itemId, [{ stage: 1, decision, comment: decision === 'revoke' ? 'x' : null, deciderPersonId: item.reviewerPersonId!, at: at(start + i * secondsApart) }]]));

  test('items, decided and pending per reviewer and in total; items nobody can review are counted apart', () => {
    const assigned = [...items('ana', 3), ...items('bob', 2), ...items(null, 1)];
    const stats = campaignStatistics(assigned, decisions(assigned.slice(0, 2), 'keep', 60), open);
    expect(stats).toMatchObject({ items: 6, decided: 2, pending: 3, unassigned: 1 });
    expect(stats.reviewers.map((r) => [r.reviewerPersonId, r.items, r.decided, r.pending])).toEqual([['ana', 3, 2, 1], ['bob', 2, 0, 2]]);
  });

  test(`a reviewer who keeps ${RUBBER_STAMP_MIN_DECISIONS} items at under ${RUBBER_STAMP_MEDIAN_SECONDS} s each is flagged`, () => {
    const assigned = items('ana', RUBBER_STAMP_MIN_DECISIONS);
    const stats = campaignStatistics(assigned, decisions(assigned, 'keep', 1), open);
    expect(stats.reviewers[0]).toMatchObject({ rubberStamp: true, kept: RUBBER_STAMP_MIN_DECISIONS, medianSecondsPerDecision: 1 });
  });

  test('not flagged: fewer decisions, a slower median, or one Revoke', () => {
    const few = items('ana', RUBBER_STAMP_MIN_DECISIONS - 1);
    expect(campaignStatistics(few, decisions(few, 'keep', 1), open).reviewers[0]?.rubberStamp).toBe(false);
    const slow = items('ana', RUBBER_STAMP_MIN_DECISIONS);
    expect(campaignStatistics(slow, decisions(slow, 'keep', RUBBER_STAMP_MEDIAN_SECONDS), open).reviewers[0]?.rubberStamp).toBe(false);
    const mixed = items('ana', RUBBER_STAMP_MIN_DECISIONS);
    const d = decisions(mixed, 'keep', 1);
    d.set(mixed[0]!.itemId, [{ stage: 1, decision: 'revoke', comment: 'x', deciderPersonId: 'ana', at: at(600) }]);
    expect(campaignStatistics(mixed, d, open).reviewers[0]?.rubberStamp).toBe(false);
  });

  test('a changed decision counts once, timed by the first, counted by the last', () => {
    const [item] = items('ana', 1);
    const history: DecisionEntry[] = [
      { stage: 1, decision: 'keep', comment: null, deciderPersonId: 'ana', at: at(30) },
      { stage: 1, decision: 'revoke', comment: 'x', deciderPersonId: 'ana', at: at(500) },
    ];
    expect(campaignStatistics([item!], new Map([[item!.itemId, history]]), open).reviewers[0]).toMatchObject({ decided: 1, revoked: 1, kept: 0, medianSecondsPerDecision: 30 });
  });

  // An item handed back to the reviewer who had decided it counted their old decision as in force.
  test('handed on and back (A → B → A), the decision before the hand-on is not counted: the item is pending', () => {
    const [item] = items('ana', 1);
    const history: ReviewHistoryEntry[] = [
      { stage: 1, decision: 'keep', comment: null, deciderPersonId: 'ana', at: at(30) },
      { stage: 1, handedOn: 'delegated', at: at(40) },
      { stage: 1, handedOn: 'reassigned', at: at(50) },
    ];
    expect(campaignStatistics([item!], new Map([[item!.itemId, history]]), open).reviewers[0]).toMatchObject({ decided: 0, pending: 1 });
  });

  test('a decision of the item\'s earlier reviewer is not the current reviewer\'s', () => {
    const [item] = items('bob', 1);
    const history: DecisionEntry[] = [{ stage: 1, decision: 'keep', comment: null, deciderPersonId: 'ana', at: at(30) }];
    expect(campaignStatistics([item!], new Map([[item!.itemId, history]]), open).reviewers[0]).toMatchObject({ decided: 0, pending: 1 });
  });

  // A closed campaign showed "4 decided, 6 pending" beside the progress line's "0 pending, 6 not reviewed".
  test('closed, nothing is pending: what nobody decided is not reviewed, per reviewer and in total', () => {
    const assigned = [...items('ana', 3), ...items('bob', 2), ...items(null, 1)];
    const stats = campaignStatistics(assigned, decisions(assigned.slice(0, 2), 'keep', 60), { openStage: null });
    expect(stats).toMatchObject({ items: 6, decided: 2, pending: 0, notReviewed: 3, unassigned: 1 });
    expect(stats.reviewers.map((r) => [r.reviewerPersonId, r.decided, r.pending, r.notReviewed])).toEqual([['ana', 2, 0, 1], ['bob', 0, 0, 2]]);
  });

  test('an item-stage of a closed stage is not reviewed; only the open stage\'s are pending', () => {
    const assigned = [...items('ana', 2, 'first'), ...items('ana', 1, 'second').map((i) => ({ ...i, stage: 2 }))];
    const stats = campaignStatistics(assigned, new Map(), { openStage: 2 });
    expect(stats).toMatchObject({ decided: 0, pending: 1, notReviewed: 2 });
    expect(stats.reviewers[0]).toMatchObject({ items: 3, pending: 1, notReviewed: 2 });
  });
});
