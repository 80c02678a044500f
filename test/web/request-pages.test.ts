import { createElement, type FunctionComponent, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import type { RequestView } from '../../web/src/requests/types.ts';

const request: RequestView = {
  id: 7,
  connectorId: 'c-1',
  requester: { personId: 'p-1', displayName: 'Noah Krishnan', email: 'noah@example.com' },
  principal: { type: 'sso_user', id: 'u-1', name: 'noah.krishnan' },
  entitlement: { kind: 'permission_set', permissionSetArn: 'arn:ps', permissionSetName: 'ReadOnlyAccess', accounts: ['111122223333'] },
  entitlementText: 'ReadOnlyAccess on payments-prod',
  policy: { id: 'pol-1', name: 'Production read-only', version: 1 },
  status: 'active',
  justification: 'Incident 42',
  ticket: null,
  durationMinutes: 90,
  durationClamped: false,
  breakGlass: true,
  autoApproved: 'break-glass',
  extensionOf: 3,
  duplicateWarning: null,
  currentStep: 1,
  stepCount: 1,
  sessionDuration: 'PT1H',
  createdAt: '2026-12-05T09:00:00.000Z',
  pendingUntil: '2026-12-08T09:00:00.000Z',
  decidedAt: '2026-12-05T09:00:00.000Z',
  activeAt: '2026-12-05T09:01:00.000Z',
  expiresAt: '2026-12-05T10:31:00.000Z',
  endedAt: null,
  endReason: null,
  ending: null,
  postHocReview: { status: 'awaited' },
};

// By paths held in variables: the server's tsc, which checks test/, compiles no JSX (the web's tsc checks the pages).
type Table = FunctionComponent<{ rows: RequestView[]; caption: string; showRequester?: boolean; actions?: (r: RequestView) => ReactNode }>;
let RequestsTable: Table;
beforeAll(async () => {
  vi.stubGlobal('window', { addEventListener: () => {} });
  const path = '../../web/src/requests/request-parts.tsx';
  ({ RequestsTable } = (await import(path)) as { RequestsTable: Table });
});
afterAll(() => vi.unstubAllGlobals());

test('a request row: its number linked to its page, what and under which policy for how long, break-glass flagged, status in words, when it ends', () => {
  const html = renderToStaticMarkup(createElement(RequestsTable, { rows: [request], caption: 'Requests', showRequester: true }));
  for (const header of ['Request', 'Access', 'Requester', 'Status', 'Ends', 'Asked']) expect(html).toContain(`<th scope="col">${header}</th>`);
  expect(html).toContain('href="/requests/7"');
  expect(html).toContain('extends #3');
  expect(html).toContain('ReadOnlyAccess on payments-prod');
  expect(html).toContain('Production read-only · 1 h 30 min');
  expect(html).toContain('Break-glass');
  expect(html).toContain('Noah Krishnan');
  expect(html).toContain('Active');
  expect(html).toContain('expires ');
});

test('a pending request says by when it must be decided; an ended one when it ended; my own list has no requester column', () => {
  const pending = renderToStaticMarkup(createElement(RequestsTable, { rows: [{ ...request, status: 'pending', expiresAt: null }], caption: 'Mine' }));
  expect(pending).toContain('Waiting for approval');
  expect(pending).toContain('decide by ');
  expect(pending).not.toContain('<th scope="col">Requester</th>');
  const ended = renderToStaticMarkup(createElement(RequestsTable, { rows: [{ ...request, status: 'revoked', endedAt: '2026-12-05T09:30:00.000Z' }], caption: 'Mine' }));
  expect(ended).toContain('Revoked early');
  expect(ended).toContain('ended ');
});
