import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { expect, test, vi } from 'vitest';
import type { AccessRecord } from '../../web/src/types.ts';

const record: AccessRecord = {
  grantId: 1,
  connectorId: 'c-1',
  principalType: 'sso_user',
  principalId: 'u-1',
  principalName: 'noah.krishnan',
  resourceType: 'account',
  resourceId: '111122223333',
  resourceName: 'payments-prod',
  entitlement: 'AdministratorAccess',
  permissionSetArn: 'arn:aws:sso:::permissionSet/ssoins-1/ps-admin',
  via: null,
  viaName: null,
  seenFrom: '2026-03-01T10:00:00.000Z',
  privileged: true,
  privilegedReasons: ['AdministratorAccess (AWS managed)', 'Allows * on * (inline policy)'],
  entitlementKey: 'account:111122223333#arn:aws:sso:::permissionSet/ssoins-1/ps-admin',
  privilegedMark: null,
  pending: null,
  request: null,
};

// The explorer marks a privileged grant with a badge whose tooltip (and screen-reader text) gives the reasons.
test('a privileged grant carries a Privileged badge with its reasons; others and unknown ones none', async () => {
  // The web's router listens to the browser's history when loaded; rendered to a string here, it hears nothing.
  vi.stubGlobal('window', { addEventListener: () => {} });
  // By a path held in a variable: the server's tsc, which checks test/, compiles no JSX (the web's tsc checks the table).
  const tablePath = '../../web/src/access/access-table.tsx';
  const { AccessTable } = (await import(tablePath)) as { AccessTable: FunctionComponent<{ rows: AccessRecord[]; firstSyncAt: string | null }> };
  const html = renderToStaticMarkup(createElement(AccessTable, {
    rows: [record, { ...record, grantId: 2, entitlement: 'ReadOnlyAccess', privileged: false, privilegedReasons: [] }, { ...record, grantId: 3, entitlement: 'Billing', privileged: null, privilegedReasons: [] }],
    firstSyncAt: null,
  }));
  expect(html.match(/Privileged/g)).toHaveLength(1);
  expect(html).toContain('title="AdministratorAccess (AWS managed)\nAllows * on * (inline policy)"');
  vi.unstubAllGlobals();
  expect(html).toContain('<span class="visually-hidden">: AdministratorAccess (AWS managed); Allows * on * (inline policy)</span>');
});
