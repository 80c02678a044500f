import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import type { Me, Role } from '../../web/src/types.ts';

// By paths held in variables: the server's tsc, which checks test/, compiles no JSX (the web's tsc checks the pages).
let settingsTabs: (me: Me) => readonly { id: string; label: string }[];
let RoleOptions: FunctionComponent<{ upTo?: Role }>;
let defaultTokenRole: (role: Role) => Role;

beforeAll(async () => {
  // The web's router listens to the browser's history when loaded; rendered to a string here, it hears nothing.
  vi.stubGlobal('window', { addEventListener: () => {} });
  const pagePath = '../../web/src/settings/settings-page.tsx';
  const optionsPath = '../../web/src/settings/role-options.tsx';
  const tokensPath = '../../web/src/settings/tokens.tsx';
  ({ settingsTabs } = (await import(pagePath)) as { settingsTabs: typeof settingsTabs });
  ({ RoleOptions } = (await import(optionsPath)) as { RoleOptions: typeof RoleOptions });
  ({ defaultTokenRole } = (await import(tokensPath)) as { defaultTokenRole: typeof defaultTokenRole });
});
afterAll(() => vi.unstubAllGlobals());

const meAs = (role: Role) => ({ user: { id: 'u-1', role } }) as unknown as Me;

test('a person sees Settings as "My API tokens" only; the Super Administrator sees every tab', () => {
  expect(settingsTabs(meAs('person'))).toEqual([{ id: 'tokens', label: 'My API tokens' }]);
  expect(settingsTabs(meAs('auditor')).map((t) => t.id)).toEqual(['tokens']);
  expect(settingsTabs(meAs('super_admin')).map((t) => t.id)).toEqual(['tokens', 'users', 'marks', 'notifications']);
});

test("the token form offers only the caller's role and those below, starting at a person's own", () => {
  const options = (upTo?: Role) => [...renderToStaticMarkup(createElement(RoleOptions, upTo ? { upTo } : {})).matchAll(/value="([a-z_]+)"/g)].map((m) => m[1]);
  expect(options('person')).toEqual(['person']);
  expect(options('connector_admin')).toEqual(['connector_admin', 'auditor', 'person']);
  expect(options()).toEqual(['super_admin', 'connector_admin', 'auditor', 'person']);
  expect(defaultTokenRole('person')).toBe('person');
  expect(defaultTokenRole('super_admin')).toBe('auditor');
});
