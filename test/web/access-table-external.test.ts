import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { expect, test, vi } from 'vitest';
import type { AccessRecord } from '../../web/src/types.ts';

// Only the fields the table reads; others' fields of the record change with other features.
const mayAssume = {
  grantId: 1,
  connectorId: 'c-1',
  principalType: 'external_principal',
  principalId: 'arn:aws:iam::999988887777:root',
  principalName: '999988887777:root',
  resourceType: 'iam_role',
  resourceId: 'arn:aws:iam::111122223333:role/Deploy',
  resourceName: 'Deploy',
  entitlement: 'may assume',
  permissionSetArn: null,
  via: null,
  viaName: null,
  seenFrom: '2026-03-01T10:00:00.000Z',
  privileged: null,
  privilegedReasons: [],
  privilegedMark: null,
  pending: null,
} as unknown as AccessRecord;

// A principal outside the organisation that may assume a role is marked External; a service or an account of the organisation is not.
test('a "may assume" grant to an external principal carries an External badge and reads with its type; others none', async () => {
  // The web's router listens to the browser's history when loaded; rendered to a string here, it hears nothing.
  vi.stubGlobal('window', { addEventListener: () => {} });
  // By a path held in a variable: the server's tsc, which checks test/, compiles no JSX (the web's tsc checks the table).
  const tablePath = '../../web/src/access/access-table.tsx';
  const { AccessTable } = (await import(tablePath)) as { AccessTable: FunctionComponent<{ rows: AccessRecord[]; firstSyncAt: string | null }> };
  const html = renderToStaticMarkup(createElement(AccessTable, {
    rows: [
      mayAssume,
      { ...mayAssume, grantId: 2, principalType: 'aws_service', principalId: 'ec2.amazonaws.com', principalName: 'ec2.amazonaws.com' },
      { ...mayAssume, grantId: 3, principalType: 'account', principalId: '222233334444', principalName: 'tooling' },
    ],
    firstSyncAt: null,
  }));
  vi.unstubAllGlobals();
  expect(html.match(/>\s*External\s*</g)).toHaveLength(1);
  expect(html).toContain('External principal · <span class="mono">arn:aws:iam::999988887777:root</span>');
  expect(html).toContain('AWS service · <span class="mono">ec2.amazonaws.com</span>');
  expect(html).toContain('may assume');
});
