import { createElement, type FunctionComponent, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { AccessRecord, Me, Role } from '../../web/src/types.ts';

const record: AccessRecord = {
  grantId: 1,
  connectorId: 'c-1',
  principalType: 'sso_user',
  principalId: 'u-1',
  principalName: 'noah.krishnan',
  resourceType: 'account',
  resourceId: '111122223333',
  resourceName: 'payments-prod',
  entitlement: 'BreakGlass',
  permissionSetArn: 'arn:aws:sso:::permissionSet/ssoins-1/ps-bg',
  via: null,
  viaName: null,
  seenFrom: '2026-03-01T10:00:00.000Z',
  privileged: true,
  privilegedReasons: ['marked by Ada Admin: break-glass access to production'],
  entitlementKey: 'account:111122223333#arn:aws:sso:::permissionSet/ssoins-1/ps-bg',
  privilegedMark: { id: 'm-1', by: 'Ada Admin', at: '2026-03-02T09:00:00.000Z', reason: 'break-glass access to production' },
  pending: null,
  request: null,
};
const unmarked: AccessRecord = { ...record, grantId: 2, entitlement: 'ReadOnlyAccess', privileged: false, privilegedReasons: [], privilegedMark: null };

type Table = FunctionComponent<{ rows: AccessRecord[]; firstSyncAt: string | null; actions?: (r: AccessRecord) => ReactNode }>;
type Button = FunctionComponent<{ record: AccessRecord; onMark: () => void; onUnmark: () => void }>;
type Web = {
  AccessTable: Table;
  MarkActionButton: Button;
  markSummary: (m: { by: string; at: string; reason: string }) => string;
  can: (me: Me, capability: 'operate') => boolean;
};

// By paths held in variables: the server's tsc, which checks test/, compiles no JSX (the web's tsc checks these).
async function loadWeb(): Promise<Web> {
  const [table, dialogs, session] = ['../../web/src/access/access-table.tsx', '../../web/src/access/privileged-mark-dialogs.tsx', '../../web/src/auth/session.tsx'];
  return { ...((await import(table)) as object), ...((await import(dialogs)) as object), ...((await import(session)) as object) } as Web;
}

// The web's router listens to the browser's history when loaded; rendered to a string here, it hears nothing.
beforeEach(() => vi.stubGlobal('window', { addEventListener: () => {} }));
afterEach(() => vi.unstubAllGlobals());

test("a marked grant carries a 'marked' badge saying who marked it, when and why; an unmarked one none", async () => {
  const { AccessTable, markSummary } = await loadWeb();
  const html = renderToStaticMarkup(createElement(AccessTable, { rows: [record, unmarked], firstSyncAt: null }));
  const summary = markSummary(record.privilegedMark!);
  expect(summary).toMatch(/^Marked privileged by Ada Admin on .+: break-glass access to production$/);
  expect(html.match(/>marked</g)).toHaveLength(1);
  // As a tooltip, and as text for screen readers.
  expect(html).toContain(`title="${summary}"`);
  expect(html).toContain(`<span class="visually-hidden">: ${summary}</span>`);
});

test('the row action is "Mark privileged…" on an unmarked row and "Unmark…" on a marked one, named with the entitlement', async () => {
  const { MarkActionButton } = await loadWeb();
  const render = (r: AccessRecord) => renderToStaticMarkup(createElement(MarkActionButton, { record: r, onMark: () => {}, onUnmark: () => {} }));
  expect(render(unmarked)).toContain('Mark privileged…<span class="visually-hidden"> ReadOnlyAccess on payments-prod</span>');
  expect(render(unmarked)).not.toContain('Unmark');
  expect(render(record)).toContain('Unmark…<span class="visually-hidden"> BreakGlass on payments-prod</span>');
  expect(render(record)).not.toContain('Mark privileged');
});

test('operators (Connector and Super Administrators) see the mark actions in the table; auditors see none', async () => {
  const { AccessTable, MarkActionButton, can } = await loadWeb();
  const me = (role: Role) => ({ user: { role } }) as Me;
  // As the access page gives the table its actions column: operators only, on today's access.
  const tableFor = (role: Role) =>
    renderToStaticMarkup(
      createElement(AccessTable, {
        rows: [record, unmarked],
        firstSyncAt: null,
        ...(can(me(role), 'operate') ? { actions: (r: AccessRecord) => createElement(MarkActionButton, { record: r, onMark: () => {}, onUnmark: () => {} }) } : {}),
      }),
    );
  for (const role of ['super_admin', 'connector_admin'] as const) {
    const html = tableFor(role);
    expect(html).toContain('Mark privileged…');
    expect(html).toContain('Unmark…');
  }
  const auditor = tableFor('auditor');
  expect(auditor).not.toContain('Mark privileged');
  expect(auditor).not.toContain('Unmark');
  expect(auditor).toContain('>marked<');
});
