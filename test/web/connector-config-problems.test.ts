import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import type { ConnectorView } from '../../web/src/types.ts';

/**
 * A connector whose saved settings today's rules refuse reads back with any setting that could not be read left out,
 * the External ID and region included (configViewSchema makes each optional). Its pages show "Could not be read" and
 * the settings to fix, never "undefined", and the setup guide's step 2 says what to correct instead of the API's 409.
 */
function connector(config: ConnectorView['config'], configProblems: ConnectorView['configProblems']): ConnectorView {
  return {
    id: 'c1',
    name: 'legacy',
    kind: 'aws',
    owners: [],
    config,
    configProblems,
    hasScimToken: false,
    status: 'error',
    lastRun: null,
    simulated: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    archivedAt: null,
    archivedBy: null,
    archivedByName: null,
  } as ConnectorView;
}

const lostExternalId = connector({ roleArn: 'arn:aws:iam::123456789012:role/RRCU' }, [{ field: 'config.externalId', message: 'is missing' }]);
const badRegion = connector({ externalId: 'ext-1', organizations: true, region: 'us-east-1a' }, [{ field: 'config.region', message: 'must be an AWS region such as us-east-1 (saved: "us-east-1a")' }]);

// By paths held in variables: the server's tsc, which checks test/, compiles no JSX (the web's tsc checks the pages).
type Panel = FunctionComponent<{ connector: ConnectorView }>;
let SettingsPanel: Panel;
let SetupNeedsSettings: Panel;
let CreateRole: Panel;
let ConfigProblems: FunctionComponent<{ connector: ConnectorView; canEdit: boolean; compact?: boolean }>;
const fetched: string[] = [];
beforeAll(async () => {
  // The web's router listens to the browser's history when loaded; rendered to a string here, it hears nothing.
  vi.stubGlobal('window', { addEventListener: () => {} });
  vi.stubGlobal('fetch', (url: string) => {
    fetched.push(url);
    return Promise.reject(new Error('no server here'));
  });
  const panelsPath = '../../web/src/connectors/connector-panels.tsx';
  const problemsPath = '../../web/src/connectors/config-problems.tsx';
  const createRolePath = '../../web/src/connectors/setup/create-role.tsx';
  ({ SettingsPanel } = (await import(panelsPath)) as { SettingsPanel: Panel });
  ({ SetupNeedsSettings, ConfigProblems } = (await import(problemsPath)) as { SetupNeedsSettings: Panel; ConfigProblems: typeof ConfigProblems });
  ({ CreateRole } = (await import(createRolePath)) as { CreateRole: Panel });
});
afterAll(() => vi.unstubAllGlobals());

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const inQueries = (element: ReturnType<typeof createElement>) => createElement(QueryClientProvider, { client: new QueryClient() }, element);

test('the settings panel says what could not be read, never "undefined"', () => {
  const html = renderToStaticMarkup(createElement(SettingsPanel, { connector: lostExternalId }));
  expect(text(html)).toMatch(/External ID Could not be read Role ARN arn:aws:iam::123456789012:role\/RRCU/);
  expect(text(html)).toMatch(/Region Could not be read/);
  expect(text(html)).toMatch(/AWS Organizations Off/);
  expect(html).not.toContain('undefined');
});

test('the settings-to-fix box names each setting; a lost External ID says to add a new connector, with no edit link', () => {
  const html = renderToStaticMarkup(createElement(ConfigProblems, { connector: lostExternalId, canEdit: true }));
  expect(text(html)).toMatch(/External ID \(config\.externalId\) ?: is missing/);
  expect(text(html)).toContain('add a new connector and archive this one');
  expect(html).not.toContain('/connectors/c1/edit');
  const region = renderToStaticMarkup(createElement(ConfigProblems, { connector: badRegion, canEdit: true }));
  expect(region).toContain('href="/connectors/c1/edit"');
});

test('step 2 of the setup guide shows what to correct first instead of asking for the documents the API refuses', () => {
  const lost = text(renderToStaticMarkup(inQueries(createElement(CreateRole, { connector: lostExternalId }))));
  expect(lost).toMatch(/^This connector’s External ID could not be read, and the role’s trust policy names it: there are no setup documents to give\. Add a new connector/);
  expect(lost).not.toContain('undefined');
  const region = text(renderToStaticMarkup(inQueries(createElement(CreateRole, { connector: badRegion }))));
  expect(region).toBe('The setup documents are written from the connector’s settings. Correct AWS region first (Settings to fix, above); they show here once it is saved.');
  expect(fetched).toEqual([]);
  expect(renderToStaticMarkup(createElement(SetupNeedsSettings, { connector: connector({ externalId: 'ext-1', organizations: false, region: 'us-east-1' }, []) }))).toBe('');
});
