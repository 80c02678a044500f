import { describe, expect, test } from 'vitest';
import { approvalProgress, type ApprovalDecision } from './approvals.ts';

const t = (minute: number) => new Date(Date.UTC(2026, 11, 8, 10, minute));
const approve = (step: number, approverPersonId: string, minute: number): ApprovalDecision => ({ step, approverPersonId, decision: 'approve', at: t(minute) });
const deny = (step: number, approverPersonId: string, minute: number): ApprovalDecision => ({ step, approverPersonId, decision: 'deny', at: t(minute) });

describe('approvalProgress: where a request\'s approval stands', () => {
  test('no decision yet: pending at step 1, steps counted from 1', () => {
    expect(approvalProgress([{ approvals: 2 }], [])).toEqual({ state: 'pending', step: 1, approvalsSoFar: 0, needed: 2 });
  });

  test('a step completes with its approvals from different people, then the next step waits', () => {
    const steps = [{ approvals: 2 }, { approvals: 1 }];
    expect(approvalProgress(steps, [approve(1, 'bob', 1)])).toEqual({ state: 'pending', step: 1, approvalsSoFar: 1, needed: 2 });
    expect(approvalProgress(steps, [approve(1, 'bob', 1), approve(1, 'carol', 2)])).toEqual({ state: 'pending', step: 2, approvalsSoFar: 0, needed: 1 });
    expect(approvalProgress(steps, [approve(1, 'bob', 1), approve(1, 'carol', 2), approve(2, 'dan', 3)])).toEqual({ state: 'approved' });
  });

  test('a second approval by the same person counts once', () => {
    expect(approvalProgress([{ approvals: 2 }], [approve(1, 'bob', 1), approve(1, 'bob', 2)])).toEqual({ state: 'pending', step: 1, approvalsSoFar: 1, needed: 2 });
  });

  test('an approver of step 1 cannot also approve step 2', () => {
    expect(approvalProgress([{ approvals: 1 }, { approvals: 1 }], [approve(1, 'bob', 1), approve(2, 'bob', 2)])).toEqual({ state: 'pending', step: 2, approvalsSoFar: 0, needed: 1 });
  });

  test('one denial at the current step denies the request', () => {
    expect(approvalProgress([{ approvals: 2 }, { approvals: 1 }], [approve(1, 'bob', 1), deny(1, 'carol', 2)])).toEqual({ state: 'denied', byPersonId: 'carol' });
    expect(approvalProgress([{ approvals: 1 }, { approvals: 1 }], [approve(1, 'bob', 1), deny(2, 'dan', 2)])).toEqual({ state: 'denied', byPersonId: 'dan' });
  });

  test('decisions count in time order: two approvals at once on a one-approval step approve once; the later one is for a step already done', () => {
    const steps = [{ approvals: 1 }, { approvals: 1 }];
    // Given out of order: Carol's (minute 2) is read after Bob's (minute 1), for step 1 that Bob already completed.
    expect(approvalProgress(steps, [approve(1, 'carol', 2), approve(1, 'bob', 1)])).toEqual({ state: 'pending', step: 2, approvalsSoFar: 0, needed: 1 });
    // A denial after the request was approved changes nothing.
    expect(approvalProgress([{ approvals: 1 }], [approve(1, 'bob', 1), deny(1, 'carol', 2)])).toEqual({ state: 'approved' });
  });

  test('a decision for a step not reached yet does not count', () => {
    expect(approvalProgress([{ approvals: 1 }, { approvals: 1 }], [approve(2, 'dan', 1)])).toEqual({ state: 'pending', step: 1, approvalsSoFar: 0, needed: 1 });
  });

  test('no steps (a policy approved by its auto-approval rule): approved', () => {
    expect(approvalProgress([], [])).toEqual({ state: 'approved' });
  });
});
