import { expect, test } from 'vitest';
import { alreadyHeld, draftKeys, durationChoices, formatMinutes, isoDurationMinutes, matchesSearch, requestableKey, requestBody, sessionWarning } from '../../web/src/requests/request-text.ts';
import type { RequestableView } from '../../web/src/requests/types.ts';
import type { AccessRecord } from '../../web/src/types.ts';

const PS = 'arn:aws:sso:::permissionSet/ssoins-1/ps-ro';
const entry: RequestableView = {
  policy: { id: 'p-1', name: 'Production read-only', version: 2, description: 'Read-only access to production' },
  connectorId: 'c-1',
  connectorName: 'Simulated organisation',
  requestable: {
    kind: 'permission_set',
    permissionSetArn: PS,
    permissionSetName: 'ReadOnlyAccess',
    sessionDuration: 'PT8H',
    accounts: [
      { id: '111122223333', name: 'payments-prod', ouPath: 'Root/Workloads/Production' },
      { id: '444455556666', name: 'warehouse-prod', ouPath: 'Root/Workloads/Production' },
    ],
  },
  defaultDurationMinutes: 60,
  maxDurationMinutes: 480,
  justificationRequired: true,
  ticket: { required: true, pattern: '(OPS|SEC)-\\d+' },
  breakGlass: { allowed: true, maxDurationMinutes: 120 },
  approvalSteps: [{ approvals: 1, sources: ['members of RRCU role connector_admin'] }],
  autoApproval: false,
};
const draft = { accounts: ['111122223333', '444455556666'], durationMinutes: 120, justification: 'Incident 42', ticket: 'OPS-42', breakGlass: false };

test('durations read as days, hours and minutes; AWS session durations are read from ISO 8601', () => {
  expect(formatMinutes(45)).toBe('45 min');
  expect(formatMinutes(90)).toBe('1 h 30 min');
  expect(formatMinutes(2880)).toBe('2 days');
  expect(formatMinutes(1500)).toBe('1 day 1 h');
  expect(isoDurationMinutes('PT8H')).toBe(480);
  expect(isoDurationMinutes('PT1H30M')).toBe(90);
  expect(isoDurationMinutes('P1D')).toBe(1440);
  expect(isoDurationMinutes('eight hours')).toBeNull();
  expect(isoDurationMinutes(null)).toBeNull();
});

test('the session warning states the figure: the permission set’s own duration, or AWS’s default of one hour when unknown', () => {
  expect(sessionWarning('PT8H')).toContain('up to 8 h');
  expect(sessionWarning('PT8H')).toContain('PT8H');
  expect(sessionWarning(null)).toContain('up to 1 h');
});

test('the duration choices stop at the maximum and include the default and the maximum', () => {
  expect(durationChoices(60, 480)).toEqual([15, 30, 60, 120, 240, 480]);
  expect(durationChoices(45, 100)).toEqual([15, 30, 45, 60, 100]);
  expect(Math.max(...durationChoices(60, 43200))).toBe(43200);
});

test('search finds an entry by its permission set, an account, or its policy, every word', () => {
  expect(matchesSearch(entry, '')).toBe(true);
  expect(matchesSearch(entry, 'readonly warehouse')).toBe(true);
  expect(matchesSearch(entry, 'production read-only')).toBe(true);
  expect(matchesSearch(entry, 'admin')).toBe(false);
});

test('the request body names the permission set by ARN and each chosen account; what the policy requires is checked first', () => {
  expect(requestBody(entry, draft)).toEqual({
    ok: true,
    body: { connector: 'c-1', entitlement: { kind: 'permission_set', permissionSet: PS, accounts: ['111122223333', '444455556666'] }, durationMinutes: 120, breakGlass: false, justification: 'Incident 42', ticket: 'OPS-42' },
  });
  expect(requestBody(entry, { ...draft, accounts: [] })).toEqual({ ok: false, problem: 'Choose at least one account.' });
  expect(requestBody(entry, { ...draft, justification: ' ' })).toMatchObject({ ok: false });
  expect(requestBody(entry, { ...draft, ticket: '' })).toMatchObject({ ok: false, problem: 'This policy needs a ticket reference.' });
  expect(requestBody(entry, { ...draft, ticket: 'JIRA-1' })).toMatchObject({ ok: false, problem: 'The ticket reference does not match (OPS|SEC)-\\d+.' });
  // The pattern is the whole reference.
  expect(requestBody(entry, { ...draft, ticket: 'OPS-42x' })).toMatchObject({ ok: false });
  expect(requestBody({ ...entry, justificationRequired: false }, { ...draft, justification: '', breakGlass: true })).toEqual({ ok: false, problem: 'Break-glass access needs a justification.' });
});

// The form shows the duration cut to the maximum (break-glass's own, once ticked); the body sent 60 min as 30 were shown,
// and the request came back "cut to the policy's maximum" although the person had picked nothing longer.
test('the duration sent is the one the form shows: at most the maximum, break-glass\'s own once ticked', () => {
  const body = (d: Partial<typeof draft>) => {
    const out = requestBody(entry, { ...draft, ...d });
    return out.ok ? out.body.durationMinutes : out.problem;
  };
  expect(body({ durationMinutes: 240 })).toBe(240);
  expect(body({ durationMinutes: 240, breakGlass: true })).toBe(120);
  expect(body({ durationMinutes: 600 })).toBe(480);
});

// Keyed by connector and permission set alone, two policies offering one permission set (on other accounts) made two
// entries with one key: the list drew one of them twice, and choosing the second opened the first's form.
test('each entry of the requestable list has its own key: one permission set under two policies, or two lines of one', () => {
  const other = { ...entry, policy: { ...entry.policy, id: 'p-2', name: 'Production read-only, break-glass' } };
  expect(requestableKey(other)).not.toBe(requestableKey(entry));
  const ps = entry.requestable as Extract<RequestableView['requestable'], { kind: 'permission_set' }>;
  const line = { ...entry, requestable: { ...ps, accounts: ps.accounts.slice(0, 1) } };
  expect(requestableKey(line)).not.toBe(requestableKey(entry));
  expect(requestableKey({ ...entry })).toBe(requestableKey(entry));
});

test('before sending, what the person already holds of what they ask for: through which group, or directly; a revoked row does not count', () => {
  const row = (over: Partial<AccessRecord>): AccessRecord => ({
    grantId: 1, connectorId: 'c-1', principalType: 'sso_user', principalId: 'u-1', principalName: 'noah', resourceType: 'account', resourceId: '444455556666',
    resourceName: 'warehouse-prod', entitlement: 'ReadOnlyAccess', permissionSetArn: PS, via: 'g-1', viaName: 'Analytics', seenFrom: '2026-12-01T00:00:00.000Z',
    privileged: false, privilegedReasons: [], entitlementKey: `account:444455556666#${PS}`, privilegedMark: null, pending: null, request: null, ...over,
  });
  const keys = draftKeys(entry, ['444455556666']);
  expect([...keys.values()]).toEqual(['ReadOnlyAccess on warehouse-prod']);
  expect(alreadyHeld([row({}), row({ via: null, viaName: null })], keys)).toEqual([
    'You already hold ReadOnlyAccess on warehouse-prod through group Analytics.',
    'You already hold ReadOnlyAccess on warehouse-prod directly.',
  ]);
  expect(alreadyHeld([row({ pending: { kind: 'revoke', taskId: 't', verifiedAt: '2026-12-02T00:00:00.000Z' } })], keys)).toEqual([]);
  // An account not chosen says nothing.
  expect(alreadyHeld([row({})], draftKeys(entry, ['111122223333']))).toEqual([]);
});
