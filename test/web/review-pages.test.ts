import { createElement, type FunctionComponent, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import type { CampaignView, ItemView } from '../../web/src/reviews/types.ts';

const item: ItemView = {
  id: 'i-1',
  campaignId: 'c-1',
  campaignName: 'Q4 production access',
  key: 'k-1',
  kind: 'permission_set_assignment',
  principal: { type: 'sso_user', id: 'u-1', name: 'noah.krishnan' },
  person: { id: 'p-1', displayName: 'Noah Krishnan', email: 'noah@example.com' },
  resource: { type: 'account', id: '111122223333', name: 'payments-prod' },
  entitlement: { slug: 'arn:aws:sso:::permissionSet/ssoins-1/ps-admin', name: 'AdministratorAccess' },
  privileged: true,
  confers: {},
  riskFlags: ['privileged', 'granted_since_last_campaign'],
  stage: 1,
  reviewer: { id: 'p-2', displayName: 'Mia Manager', email: 'mia@example.com' },
  policy: 'manager',
  noEligibleReviewer: false,
  decision: null,
  comment: null,
  decidedAt: null,
  outcome: 'pending',
  remediation: null,
};

// By paths held in variables: the server's tsc, which checks test/, compiles no JSX (the web's tsc checks the pages).
type Table = FunctionComponent<{ rows: ItemView[]; caption: string; showReviewer?: boolean; showCampaign?: boolean; onOpen: () => void; actions?: (i: ItemView) => ReactNode }>;
let ItemsTable: Table;
let CompletenessProof: FunctionComponent<{ snapshot: NonNullable<CampaignView['snapshot']> }>;
let groupByPerson: (rows: ItemView[]) => { name: string; items: ItemView[] }[];

beforeAll(async () => {
  // The web's router listens to the browser's history when loaded; rendered to a string here, it hears nothing.
  vi.stubGlobal('window', { addEventListener: () => {} });
  const tablePath = '../../web/src/reviews/items-table.tsx';
  const progressPath = '../../web/src/reviews/campaign-progress.tsx';
  const byPersonPath = '../../web/src/reviews/by-person.tsx';
  ({ ItemsTable } = (await import(tablePath)) as { ItemsTable: Table });
  ({ CompletenessProof } = (await import(progressPath)) as { CompletenessProof: typeof CompletenessProof });
  ({ groupByPerson } = (await import(byPersonPath)) as { groupByPerson: typeof groupByPerson });
});
afterAll(() => vi.unstubAllGlobals());

test('an item row names the principal, the grant, its risks, the reviewer and the policy, under column headers', () => {
  const html = renderToStaticMarkup(createElement(ItemsTable, { rows: [item], caption: 'Items', showReviewer: true, onOpen: () => {} }));
  for (const header of ['Principal', 'Access', 'Risk', 'Reviewer', 'Decision']) expect(html).toContain(`<th scope="col">${header}</th>`);
  expect(html).toContain('AdministratorAccess on payments-prod');
  expect(html).toContain('Privileged');
  expect(html).toContain('Granted since last campaign');
  expect(html).toContain('Mia Manager');
  expect(html).toContain('Stage 1 · Manager');
  expect(html).toContain('Undecided');
});

test("My reviews' rows name the campaign each item belongs to (items of several campaigns share the list)", () => {
  const html = renderToStaticMarkup(createElement(ItemsTable, { rows: [item, { ...item, id: 'i-2', campaignId: 'c-2', campaignName: 'Privileged, monthly' }], caption: 'Items', showCampaign: true, onOpen: () => {} }));
  expect(html).toContain('<th scope="col">Campaign</th>');
  expect(html).toContain('Q4 production access');
  expect(html).toContain('Privileged, monthly');
  expect(renderToStaticMarkup(createElement(ItemsTable, { rows: [item], caption: 'Items', onOpen: () => {} }))).not.toContain('Q4 production access');
});

test('a revoked item shows the decision, its comment and the remediation state', () => {
  const revoked: ItemView = {
    ...item,
    decision: 'revoke',
    comment: 'left the team',
    outcome: 'revoked',
    remediation: { state: 'task_queued', taskId: 't-1', taskStatus: 'running', awsRequestId: null, manual: false, manualMarkedAt: null, manualMarkedBy: null, manualMarkedByName: null, observedRunId: null, observedAt: null, reappearedRunId: null, reason: null, since: '2026-12-01T00:00:00.000Z' },
  };
  const html = renderToStaticMarkup(createElement(ItemsTable, { rows: [revoked], caption: 'Items', onOpen: () => {} }));
  expect(html).toContain('Revoke</strong>');
  expect(html).toContain('“left the team”');
  expect(html).toContain('Provisioning task queued');
});

test('the completeness proof reads "N items from sync #R at T; reconciled: yes" and links the sync', () => {
  const html = renderToStaticMarkup(
    createElement(CompletenessProof, {
      snapshot: {
        syncRunId: 42,
        syncAt: '2026-12-01T10:00:00.000Z',
        itemCount: 1234,
        sha256: 'ab'.repeat(32),
        reconciliation: { reconciled: true, rows: [{ type: 'permission_set_assignment', inSync: 1300, inCampaign: 1234, excludedByScope: 66, excluded: { accountIds: 66 }, unexplained: 0 }], indirect: 10, syncGrantTotal: 1310, populationTotal: 1310, unexpectedItems: [], missingItems: [] },
      },
    }),
  );
  const text = html.replace(/<[^>]+>/g, '');
  expect(text).toMatch(/1,234 items from sync #42 at .+; reconciled: yes/);
  expect(html).toContain('href="/syncs/42"');
  expect(html).toContain('ab'.repeat(32));
  expect(text).toContain('accountIds: 66');
});

test('by person: a person’s items together, a principal with no person on its own', () => {
  const groups = groupByPerson([
    item,
    { ...item, id: 'i-2', kind: 'sso_group_membership', resource: { type: 'sso_group', id: 'g-1', name: 'Admins' } },
    { ...item, id: 'i-3', person: null, principal: { type: 'iam_user', id: 'arn:aws:iam::111122223333:user/ci', name: 'ci' } },
  ]);
  expect(groups.map((g) => [g.name, g.items.map((i) => i.id)])).toEqual([
    ['Noah Krishnan', ['i-1', 'i-2']],
    ['ci', ['i-3']],
  ]);
});

test('the links notifications carry (/reviews/mine, /reviews/:id/items/:item) are not taken for a campaign id', async () => {
  const routesPath = '../../web/src/reviews/routes.tsx';
  const { reviewRoutes } = (await import(routesPath)) as { reviewRoutes: { path: string | RegExp; needs: string }[] };
  const routerPath = '../../web/src/router.ts';
  const { matchRoute } = (await import(routerPath)) as { matchRoute: (routes: never, path: string) => { route: { needs: string } } | undefined };
  const needs = (path: string) => matchRoute(reviewRoutes as never, path)?.route.needs;
  // A reviewer may not read campaigns: the links meant for them must not land on the campaign page.
  expect(needs('/reviews/mine')).toBe('signed-in');
  expect(needs('/reviews/6f1c2b1e-0000-4000-8000-000000000001/items/6f1c2b1e-0000-4000-8000-000000000002')).toBe('signed-in');
  expect(needs('/reviews/6f1c2b1e-0000-4000-8000-000000000001')).toBe('read');
  expect(needs('/reviews/new')).toBe('operate');
});

// A reviewer of the person role may not read the campaign list: the chosen campaign was shown as "Campaign 1 (5883c29a)"
// whenever its items were not in the list shown (loading, or a filter matching none of them).
test("My reviews' campaign filter names each campaign by the name its items carry, remembered when the list no longer shows them", async () => {
  const filtersPath = '../../web/src/reviews/item-filters.tsx';
  const { campaignChoices } = (await import(filtersPath)) as { campaignChoices: (chosen: string | undefined, rows: readonly ItemView[]) => { id: string; label: string }[] };
  const other = { ...item, id: 'i-2', campaignId: 'c-2', campaignName: 'Privileged, monthly' };
  expect(campaignChoices(undefined, [item, other])).toEqual([{ id: 'c-1', label: 'Q4 production access' }, { id: 'c-2', label: 'Privileged, monthly' }]);
  // Chosen, then filtered to nothing: still named, and the other campaign stays on offer.
  expect(campaignChoices('c-2', [])).toEqual([{ id: 'c-1', label: 'Q4 production access' }, { id: 'c-2', label: 'Privileged, monthly' }]);
  // A campaign never listed (a link to one with nothing for this reviewer) is shown by its id, never as a number.
  expect(campaignChoices('5883c29a-0000-4000-8000-000000000001', [])[0]).toEqual({ id: '5883c29a-0000-4000-8000-000000000001', label: 'Campaign 5883c29a…' });
});
