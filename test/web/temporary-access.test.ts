import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { entitlementKeysOf, heldByRequests, temporaryOf, type TemporaryGrant } from '../../web/src/requests/temporary-access.ts';
import type { RequestView } from '../../web/src/requests/types.ts';
import type { AccessRecord } from '../../web/src/types.ts';

const PS = 'arn:aws:sso:::permissionSet/ssoins-1/ps-ro';
const request: RequestView = {
  id: 7,
  connectorId: 'c-1',
  requester: { personId: 'p-1', displayName: 'Noah Krishnan', email: 'noah@example.com' },
  principal: { type: 'sso_user', id: 'u-1', name: 'noah.krishnan' },
  entitlement: { kind: 'permission_set', permissionSetArn: PS, permissionSetName: 'ReadOnlyAccess', accounts: ['111122223333', '444455556666'] },
  entitlementText: 'ReadOnlyAccess on payments-prod, warehouse-prod',
  policy: { id: 'pol-1', name: 'Production read-only', version: 1 },
  status: 'active',
  justification: 'Incident 42',
  ticket: null,
  durationMinutes: 60,
  durationClamped: false,
  breakGlass: false,
  autoApproved: null,
  extensionOf: null,
  duplicateWarning: null,
  currentStep: 1,
  stepCount: 1,
  sessionDuration: 'PT1H',
  createdAt: '2026-12-05T09:00:00.000Z',
  pendingUntil: '2026-12-08T09:00:00.000Z',
  decidedAt: '2026-12-05T09:05:00.000Z',
  activeAt: '2026-12-05T09:06:00.000Z',
  expiresAt: '2026-12-05T10:06:00.000Z',
  endedAt: null,
  endReason: null,
  ending: null,
  postHocReview: null,
};
const row: AccessRecord = {
  grantId: 1,
  connectorId: 'c-1',
  principalType: 'sso_user',
  principalId: 'u-1',
  principalName: 'noah.krishnan',
  resourceType: 'account',
  resourceId: '444455556666',
  resourceName: 'warehouse-prod',
  entitlement: 'ReadOnlyAccess',
  permissionSetArn: PS,
  via: null,
  viaName: null,
  seenFrom: '2026-12-05T09:07:00.000Z',
  privileged: false,
  privilegedReasons: [],
  entitlementKey: `account:444455556666#${PS}`,
  privilegedMark: null,
  pending: null,
  request: null,
};

test("a request's entitlement gives one inventory key per account, or the group's membership", () => {
  expect(entitlementKeysOf(request.entitlement)).toEqual([`account:111122223333#${PS}`, `account:444455556666#${PS}`]);
  expect(entitlementKeysOf({ kind: 'sso_group', groupId: 'g-1', groupName: 'Admins' })).toEqual(['sso_group:g-1#member']);
  expect(entitlementKeysOf({ kind: 'iam_group', groupArn: 'arn:aws:iam::1:group/ops' })).toEqual(['iam_group:arn:aws:iam::1:group/ops#member']);
  expect(entitlementKeysOf({ kind: 'something else' })).toEqual([]);
});

test('a direct row of the same principal and entitlement is held through the request; a row via a group, another person’s or an ended request is not', () => {
  const held = heldByRequests([request, { ...request, id: 3, status: 'expired' }]);
  expect(temporaryOf(held, row)).toEqual({ requestId: 7, expiresAt: '2026-12-05T10:06:00.000Z' });
  expect(temporaryOf(held, { ...row, via: 'g-1', viaName: 'Engineers' })).toBeUndefined();
  expect(temporaryOf(held, { ...row, principalId: 'u-2' })).toBeUndefined();
  expect(temporaryOf(heldByRequests([{ ...request, status: 'expired' }]), row)).toBeUndefined();
  // Two requests for the same access: the one that ends last.
  expect(temporaryOf(heldByRequests([request, { ...request, id: 9, expiresAt: '2026-12-05T12:00:00.000Z' }]), row)?.requestId).toBe(9);
});

type Table = FunctionComponent<{ rows: AccessRecord[]; caption: string; temporary?: (r: AccessRecord) => TemporaryGrant | undefined }>;
let AccessTable: Table;
beforeAll(async () => {
  vi.stubGlobal('window', { addEventListener: () => {} });
  const path = '../../web/src/access/access-table.tsx';
  ({ AccessTable } = (await import(path)) as { AccessTable: Table });
});
afterAll(() => vi.unstubAllGlobals());

test('the explorer marks a row held through a request: “via request #N”, linked to it, and when it expires', () => {
  const held = heldByRequests([request]);
  const html = renderToStaticMarkup(createElement(AccessTable, { rows: [row, { ...row, grantId: 2, via: 'g-1', viaName: 'Engineers' }], caption: 'Access', temporary: (r) => temporaryOf(held, r) }));
  expect(html.match(/via request #7/g)).toHaveLength(1);
  expect(html).toContain('href="/requests/7"');
  expect(html).toContain('expires at');
  expect(renderToStaticMarkup(createElement(AccessTable, { rows: [row], caption: 'Access' }))).not.toContain('via request');
});

test('a row the access API says a request holds (its own `request`, at the instant asked) reads “via request #N, expires at T”, linked to it', () => {
  const held = { ...row, request: { id: 12, status: 'active', expiresAt: '2026-12-05T11:00:00.000Z' } };
  const html = renderToStaticMarkup(createElement(AccessTable, { rows: [held, { ...row, grantId: 2, principalId: 'u-2' }], caption: 'Access' }));
  expect(html.match(/via request #12/g)).toHaveLength(1);
  expect(html).toContain('href="/requests/12"');
  expect(html).toContain('expires at');
});
