import { describe, expect, test } from 'vitest';
import { currentDecision, decide, decisionInputSchema, decisionsInForce, itemOutcome, reachesStage, type DecisionEntry, type HandOnEntry, type ReviewHistoryEntry, type StageState } from './decisions.ts';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const entry = (stage: number, decision: 'keep' | 'revoke', s = 0, decider = 'rev'): DecisionEntry => ({ stage, decision, comment: decision === 'revoke' ? 'no longer needed' : null, deciderPersonId: decider, at: at(s) });
const handedOn = (stage: number, s = 0, reason: HandOnEntry['handedOn'] = 'delegated'): HandOnEntry => ({ stage, handedOn: reason, at: at(s) });

describe('decide', () => {
  const open: StageState[] = ['open'];
  const ctx = { stages: open, reviewerPersonId: 'rev', commentRequiredOnKeep: false };

  test('Keep needs no comment unless the campaign says so', () => {
    expect(decide([], { decision: 'keep', stage: 1, deciderPersonId: 'rev', at: at(1) }, ctx)).toEqual({ stage: 1, decision: 'keep', comment: null, deciderPersonId: 'rev', at: at(1) });
    expect(() => decide([], { decision: 'keep', stage: 1, deciderPersonId: 'rev', at: at(1) }, { ...ctx, commentRequiredOnKeep: true })).toThrow(expect.objectContaining({ code: 'COMMENT_REQUIRED' }));
  });

  test('Revoke needs a comment; a blank one is none', () => {
    expect(() => decide([], { decision: 'revoke', stage: 1, deciderPersonId: 'rev', at: at(1) }, ctx)).toThrow(expect.objectContaining({ code: 'COMMENT_REQUIRED' }));
    const blank = decisionInputSchema.parse({ decision: 'revoke', comment: '   ' });
    expect(() => decide([], { ...blank, stage: 1, deciderPersonId: 'rev', at: at(1) }, ctx)).toThrow(expect.objectContaining({ code: 'COMMENT_REQUIRED' }));
    expect(decide([], { decision: 'revoke', comment: 'left the team', stage: 1, deciderPersonId: 'rev', at: at(1) }, ctx).comment).toBe('left the team');
  });

  test('only the item\'s reviewer decides', () => {
    expect(() => decide([], { decision: 'keep', stage: 1, deciderPersonId: 'someone', at: at(1) }, ctx)).toThrow(expect.objectContaining({ code: 'NOT_THE_REVIEWER' }));
  });

  test('a decision changes while the stage is open, the earlier one kept as history', () => {
    const history = [entry(1, 'keep', 1)];
    history.push(decide(history, { decision: 'revoke', comment: 'on second thought', stage: 1, deciderPersonId: 'rev', at: at(2) }, ctx));
    expect(history).toHaveLength(2);
    expect(currentDecision(history, 1)?.decision).toBe('revoke');
  });

  test('a closed stage locks its decisions; a waiting stage takes none yet', () => {
    expect(() => decide([], { decision: 'keep', stage: 1, deciderPersonId: 'rev', at: at(1) }, { ...ctx, stages: ['closed'] })).toThrow(expect.objectContaining({ code: 'STAGE_CLOSED' }));
    expect(() => decide([], { decision: 'keep', stage: 2, deciderPersonId: 'rev', at: at(1) }, { ...ctx, stages: ['open', 'waiting'] })).toThrow(expect.objectContaining({ code: 'STAGE_NOT_OPEN' }));
    expect(() => decide([], { decision: 'keep', stage: 3, deciderPersonId: 'rev', at: at(1) }, ctx)).toThrow(expect.objectContaining({ code: 'STAGE_NOT_OPEN' }));
  });

  test('stage 2 takes only items stage 1 kept', () => {
    const stages: StageState[] = ['closed', 'open'];
    const keptInOne = [entry(1, 'keep', 1)];
    expect(decide(keptInOne, { decision: 'keep', stage: 2, deciderPersonId: 'owner', at: at(5) }, { ...ctx, stages, reviewerPersonId: 'owner' }).stage).toBe(2);
    expect(() => decide([entry(1, 'revoke', 1)], { decision: 'keep', stage: 2, deciderPersonId: 'owner', at: at(5) }, { ...ctx, stages, reviewerPersonId: 'owner' }))
      .toThrow(expect.objectContaining({ code: 'ITEM_NOT_IN_STAGE' }));
    expect(() => decide([], { decision: 'keep', stage: 2, deciderPersonId: 'owner', at: at(5) }, { ...ctx, stages, reviewerPersonId: 'owner' }))
      .toThrow(expect.objectContaining({ code: 'ITEM_NOT_IN_STAGE' }));
  });

  test('the decision input schema names a wrong decision', () => {
    expect(decisionInputSchema.safeParse({ decision: 'approve' }).error?.issues[0]?.path).toEqual(['decision']);
  });
});

// A decision made before a hand-on stayed in force: the new reviewer saw the item decided, and the old reviewer's word counted.
describe('a hand-on (delegated, reassigned, escalated) leaves the stage undecided for the new reviewer', () => {
  test('the decision before it is history, not in force; the new reviewer\'s is', () => {
    const history: ReviewHistoryEntry[] = [entry(1, 'keep', 1, 'ana'), handedOn(1, 2)];
    expect(currentDecision(history, 1)).toBeNull();
    expect(decisionsInForce(history, 1)).toEqual([]);
    history.push(entry(1, 'revoke', 3, 'bob'));
    expect(currentDecision(history, 1)).toMatchObject({ decision: 'revoke', deciderPersonId: 'bob' });
    expect(decisionsInForce(history, 1).map((d) => d.deciderPersonId)).toEqual(['bob']);
  });

  test.each(['delegated', 'reassigned', 'escalated'] as const)('%s: a closed stage with no decision since is Not reviewed, never kept', (reason) => {
    expect(itemOutcome([entry(1, 'keep', 1), handedOn(1, 2, reason)], ['closed'])).toEqual({ outcome: 'not_reviewed', stage: 1 });
  });

  test('a hand-on in one stage leaves the other stages\' decisions alone', () => {
    const history = [entry(1, 'keep', 1), handedOn(2, 2), entry(2, 'keep', 3, 'owner')];
    expect(itemOutcome(history, ['closed', 'closed'])).toEqual({ outcome: 'kept', stage: 2 });
    expect(reachesStage([entry(1, 'keep', 1), handedOn(2, 2)], ['closed', 'open'], 2)).toBe(true);
  });

  test('a later stage is not reached when stage 1\'s Keep was handed on and never decided again', () => {
    expect(reachesStage([entry(1, 'keep', 1), handedOn(1, 2, 'reassigned')], ['closed', 'open'], 2)).toBe(false);
  });

  test('handed back to the reviewer who decided, the item is undecided again (A → B → A)', () => {
    expect(currentDecision([entry(1, 'keep', 1, 'ana'), handedOn(1, 2), handedOn(1, 3, 'reassigned')], 1)).toBeNull();
  });
});

describe('itemOutcome', () => {
  test.each<[string, DecisionEntry[], StageState[], string, number]>([
    ['open stage, undecided', [], ['open'], 'pending', 1],
    ['open stage, decided (can still change)', [entry(1, 'revoke')], ['open'], 'pending', 1],
    ['closed on Keep', [entry(1, 'keep')], ['closed'], 'kept', 1],
    ['closed on Revoke', [entry(1, 'keep', 1), entry(1, 'revoke', 2)], ['closed'], 'revoked', 1],
    ['closed undecided: not reviewed, never kept', [], ['closed'], 'not_reviewed', 1],
    ['two stages, both Keep', [entry(1, 'keep'), entry(2, 'keep')], ['closed', 'closed'], 'kept', 2],
    ['stage 1 Keep, stage 2 Revoke', [entry(1, 'keep'), entry(2, 'revoke')], ['closed', 'closed'], 'revoked', 2],
    ['stage 1 Revoke is final', [entry(1, 'revoke')], ['closed', 'closed'], 'revoked', 1],
    ['stage 1 Keep, stage 2 undecided at close', [entry(1, 'keep')], ['closed', 'closed'], 'not_reviewed', 2],
    ['stage 1 Keep, stage 2 open', [entry(1, 'keep')], ['closed', 'open'], 'pending', 2],
    ['closed while stage 1 was open, never reaching stage 2', [entry(1, 'keep')], ['closed', 'closed'], 'not_reviewed', 2],
  ])('%s', (_, history, stages, outcome, stage) => {
    expect(itemOutcome(history, stages)).toEqual({ outcome, stage });
  });

  test('reachesStage: stage 1 always; a later stage once every earlier one closed on Keep', () => {
    expect(reachesStage([], ['open', 'waiting'], 1)).toBe(true);
    expect(reachesStage([entry(1, 'keep')], ['open', 'waiting'], 2)).toBe(false);
    expect(reachesStage([entry(1, 'keep')], ['closed', 'open'], 2)).toBe(true);
    expect(reachesStage([entry(1, 'revoke')], ['closed', 'open'], 2)).toBe(false);
  });
});
