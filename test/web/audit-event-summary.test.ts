import { describe, expect, test } from 'vitest';
import { eventSummary, type SummarizedEvent } from '../../web/src/audit/event-summary.ts';
import { AUDIT_EVENT_TYPES, TYPE_SUGGESTIONS, type RequestEventType } from '../../web/src/audit/event-types.ts';

const alice = 'user:d44190bb-5a1e-4c5e-9a34-2f0c1b7e8d11';
const access = 'AdministratorAccess on payments-prod (111122223333)';
const byAlice = { actor: alice, actorName: 'Alice Example (alice@example.com)' };
const bySystem = { actor: 'system', actorName: null };
const targets = [{ entitlementKey: 'k', revoke: true }];

/**
 * Each request event as the requests service writes it (its data, with the request and the access it is for)
 * and its row's "What". Keyed by the one list of event types: a request type added there without a case here
 * does not compile.
 */
const CASES: Record<RequestEventType, [Omit<SummarizedEvent, 'type'>, string]> = {
  'request.submitted': [
    { ...byAlice, data: { requestId: 12, entitlement: access, durationMinutes: 60, breakGlass: false, summary: `Alice Example asked for ${access} for 60 min` } },
    `Request #12 — Alice Example asked for ${access} for 60 min`,
  ],
  'request.extended': [{ ...byAlice, data: { requestId: 12, entitlement: access, extensionId: 13, minutes: 30, summary: 'Extension asked: request #13' } }, `Request #12 · ${access} — Extension asked: request #13`],
  'request.break_glass': [
    { ...byAlice, data: { requestId: 12, entitlement: access, justification: 'outage', summary: 'Break-glass: granted at once without approval, to be reviewed after the fact by the approvers of step 1' } },
    `Request #12 · ${access} — Break-glass: granted at once without approval, to be reviewed after the fact by the approvers of step 1`,
  ],
  'request.approved': [
    { ...byAlice, data: { requestId: 12, entitlement: access, step: 1, approver: 'p-1', comment: 'go ahead', summary: 'Approved by Bob Approver: go ahead' } },
    `Request #12 · ${access} — Approved by Bob Approver: go ahead`,
  ],
  'request.step_approved': [
    { ...byAlice, data: { requestId: 12, entitlement: access, step: 1, approver: 'p-1', comment: null, summary: 'Bob Approver approved (step 1: 1 of 2)' } },
    `Request #12 · ${access} — Bob Approver approved (step 1: 1 of 2)`,
  ],
  'request.denied': [
    { ...byAlice, data: { requestId: 12, entitlement: access, step: 1, approver: 'p-1', comment: 'not this week', summary: 'Denied by Bob Approver: not this week' } },
    `Request #12 · ${access} — Denied by Bob Approver: not this week`,
  ],
  'request.cancelled': [{ ...byAlice, data: { requestId: 12, entitlement: access, summary: 'Cancelled by the requester' } }, `Request #12 · ${access} — Cancelled by the requester`],
  'request.timed_out': [{ ...bySystem, data: { requestId: 12, entitlement: access, summary: 'Timed out after 72 h without a decision' } }, `Request #12 · ${access} — Timed out after 72 h without a decision`],
  'request.provisioning': [{ ...bySystem, data: { requestId: 12, entitlement: access, taskIds: ['t-1'], summary: '1 provisioning task asked for' } }, `Request #12 · ${access} — 1 provisioning task asked for`],
  'request.active': [
    { ...bySystem, data: { requestId: 12, entitlement: access, targets: ['k'], summary: 'Active on payments-prod until 2026-12-05T13:00:00.000Z' } },
    `Request #12 · ${access} — Active on payments-prod until 2026-12-05T13:00:00.000Z`,
  ],
  'request.failed': [
    { ...bySystem, data: { requestId: 12, entitlement: access, errors: 'ACCESS_DENIED: …', targets, summary: 'Failed: ACCESS_DENIED: …' } },
    `Request #12 · ${access} — Failed: ACCESS_DENIED: …`,
  ],
  // The actor written as an id into the summary is named, and the revoke's reason is said.
  'request.revoke_asked': [
    { ...byAlice, data: { requestId: 12, entitlement: access, reason: 'done', summary: `Revoke asked by ${alice} while provisioning: carried out once the grants finish` } },
    `Request #12 · ${access} — Revoke asked by Alice Example (alice@example.com) while provisioning: carried out once the grants finish (“done”)`,
  ],
  'request.revoked': [
    { ...byAlice, data: { requestId: 12, entitlement: access, targets, reason: 'done', summary: `Revoked by ${alice}: 1 to remove, 0 kept (granted otherwise)` } },
    `Request #12 · ${access} — Revoked by Alice Example (alice@example.com): 1 to remove, 0 kept (granted otherwise) (“done”)`,
  ],
  'request.expired': [
    { ...bySystem, data: { requestId: 12, entitlement: access, targets, reason: null, summary: 'Expired: 1 to remove, 0 kept (granted otherwise)' } },
    `Request #12 · ${access} — Expired: 1 to remove, 0 kept (granted otherwise)`,
  ],
  'request.late_grant_removed': [
    { ...bySystem, data: { requestId: 12, entitlement: access, targets, summary: '1 grant(s) that finished after the request ended, removed unless granted otherwise' } },
    `Request #12 · ${access} — 1 grant(s) that finished after the request ended, removed unless granted otherwise`,
  ],
  // Who reviewed, the verdict and the comment.
  'request.break_glass_reviewed': [
    { ...byAlice, data: { requestId: 12, entitlement: access, verdict: 'inappropriate', comment: 'no outage', reviewer: 'p-1', status: 'active', summary: 'Break-glass reviewed by Bob Approver: inappropriate (no outage)' } },
    `Request #12 · ${access} — Break-glass reviewed by Bob Approver: inappropriate (no outage)`,
  ],
};

describe('the audit log\'s "What" of a request event', () => {
  test.each(Object.entries(CASES))('%s', (type, [event, what]) => {
    expect(eventSummary({ type, ...event })).toBe(what);
  });

  test('an event written before request events named their access, or without a summary, still says the request and what happened', () => {
    expect(eventSummary({ type: 'request.revoked', ...byAlice, data: { requestId: 7, reason: null, summary: `Revoked by ${alice}: 1 to remove, 0 kept (granted otherwise)` } }))
      .toBe('Request #7 — Revoked by Alice Example (alice@example.com): 1 to remove, 0 kept (granted otherwise)');
    expect(eventSummary({ type: 'request.late_grant_removed', ...bySystem, data: { requestId: 7 } })).toBe('Request #7 — late grant removed');
    // An actor with no name (a user deleted since) is shortened as the Actor column shortens it.
    expect(eventSummary({ type: 'request.revoked', actor: alice, actorName: null, data: { requestId: 7, summary: `Revoked by ${alice}: 1 to remove` } })).toBe('Request #7 — Revoked by User d44190bb…: 1 to remove');
  });

  test('any other event is summarised by the fields that say what it was about', () => {
    expect(eventSummary({ type: 'provisioning.requested', ...bySystem, data: { taskId: 't', action: 'grant', entitlement: access, principalName: 'alice', reason: 'Access request #12', nested: { x: 1 } } }))
      .toBe(`action: grant · entitlement: ${access} · principalName: alice · reason: Access request #12`);
  });
});

test('the type filter suggests every family and type of the one list, the request events among them', () => {
  expect(TYPE_SUGGESTIONS).toEqual(expect.arrayContaining(['request', ...Object.keys(CASES), 'request_policy', 'request_policy.archived', 'provisioning.observed']));
  expect(TYPE_SUGGESTIONS.length).toBe(Object.values(AUDIT_EVENT_TYPES).reduce((n, types) => n + 1 + types.length, 0));
  expect(new Set(TYPE_SUGGESTIONS).size).toBe(TYPE_SUGGESTIONS.length);
});
