import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import type { AccessRecord } from '../../web/src/types.ts';

const PS = 'arn:aws:sso:::permissionSet/ssoins-1/ps-ro';
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

type Table = FunctionComponent<{ rows: AccessRecord[]; caption: string }>;
let AccessTable: Table;
beforeAll(async () => {
  vi.stubGlobal('window', { addEventListener: () => {} });
  const path = '../../web/src/access/access-table.tsx';
  ({ AccessTable } = (await import(path)) as { AccessTable: Table });
});
afterAll(() => vi.unstubAllGlobals());

test('a row the access API says a request holds (its own `request`, at the instant asked) reads “via request #N, expires at T”, linked to it', () => {
  const held = { ...row, request: { id: 12, status: 'active', expiresAt: '2026-12-05T11:00:00.000Z' } };
  const html = renderToStaticMarkup(createElement(AccessTable, { rows: [held, { ...row, grantId: 2, principalId: 'u-2' }], caption: 'Access' }));
  expect(html.match(/via request #12/g)).toHaveLength(1);
  expect(html).toContain('href="/requests/12"');
  expect(html).toContain('expires at');
  expect(renderToStaticMarkup(createElement(AccessTable, { rows: [row], caption: 'Access' }))).not.toContain('via request');
});
