import { expect, test } from 'vitest';
import { remediationStatus, type RemediationTask, type SyncObservation } from './remediation.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));
const verified: RemediationTask = { id: 'task-1', status: 'succeeded', finishedAt: at(10) };
const sync = (runId: number, startedMinute: number, grantPresent: boolean): SyncObservation => ({ runId, startedAt: at(startedMinute), committedAt: at(startedMinute + 2), grantPresent });

test('a revoke with no task yet is pending', () => {
  expect(remediationStatus({ task: null, manual: null, syncs: [] })).toEqual({ state: 'pending' });
});

test('a task not yet verified is queued, with its status', () => {
  expect(remediationStatus({ task: { id: 'task-1', status: 'running', finishedAt: null }, manual: null, syncs: [sync(5, 20, false)] }))
    .toEqual({ state: 'task_queued', taskId: 'task-1', taskStatus: 'running' });
});

test('a failed task is task_failed, never remediated, even when a later sync no longer sees the grant (someone else removed it)', () => {
  expect(remediationStatus({ task: { id: 'task-1', status: 'failed', finishedAt: at(10) }, manual: null, syncs: [sync(5, 20, false)] }))
    .toEqual({ state: 'task_failed', taskId: 'task-1' });
});

test('verified but no sync since: still queued, not remediated', () => {
  expect(remediationStatus({ task: verified, manual: null, syncs: [] })).toMatchObject({ state: 'task_queued', taskStatus: 'succeeded' });
});

test('remediated only by a sync that started after the verification, naming that run and its commit time', () => {
  const status = remediationStatus({ task: verified, manual: null, syncs: [sync(4, 9, false), sync(5, 11, false), sync(6, 30, false)] });
  expect(status).toEqual({ state: 'remediated', taskId: 'task-1', observedBy: { runId: 5, at: at(13) }, reappearances: [] });
});

test('a sync that started before the verification proves nothing, even if it committed after', () => {
  expect(remediationStatus({ task: verified, manual: null, syncs: [{ runId: 4, startedAt: at(9), committedAt: at(15), grantPresent: false }] }))
    .toMatchObject({ state: 'task_queued' });
});

test('a later sync seeing the grant again: reappeared (revoked, then undone outside RRCU)', () => {
  expect(remediationStatus({ task: verified, manual: null, syncs: [sync(5, 11, false), sync(6, 30, true), sync(7, 40, true)] })).toEqual({
    state: 'reappeared', taskId: 'task-1', reappearedIn: { runId: 6, at: at(32) }, observedBy: { runId: 5, at: at(13) }, reappearances: [{ runId: 6, at: at(32) }],
  });
});

test('seen by the first sync after the verification: reappeared, never remediated', () => {
  expect(remediationStatus({ task: verified, manual: null, syncs: [sync(5, 11, true)] })).toMatchObject({ state: 'reappeared', observedBy: null });
});

test('gone again after reappearing: remediated by the run of the new absence, the reappearance kept', () => {
  expect(remediationStatus({ task: verified, manual: null, syncs: [sync(5, 11, false), sync(6, 30, true), sync(7, 40, false)] })).toEqual({
    state: 'remediated', taskId: 'task-1', observedBy: { runId: 7, at: at(42) }, reappearances: [{ runId: 6, at: at(32) }],
  });
});

test('syncs are taken in the order they started, whatever order they are given in', () => {
  expect(remediationStatus({ task: verified, manual: null, syncs: [sync(6, 30, true), sync(5, 11, false)] })).toMatchObject({ state: 'reappeared', reappearedIn: { runId: 6 } });
});

test('manual: waits for the administrator\'s mark, then for a sync started after it', () => {
  expect(remediationStatus({ task: null, manual: { markedAt: null }, syncs: [sync(5, 11, false)] })).toEqual({ state: 'manual', markedAt: null });
  expect(remediationStatus({ task: null, manual: { markedAt: at(20) }, syncs: [sync(5, 11, false)] })).toEqual({ state: 'manual', markedAt: at(20) });
  expect(remediationStatus({ task: null, manual: { markedAt: at(20) }, syncs: [sync(5, 11, false), sync(6, 21, false)] }))
    .toEqual({ state: 'remediated', taskId: null, observedBy: { runId: 6, at: at(23) }, reappearances: [] });
});
