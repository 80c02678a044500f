/**
 * What a browser journey starts from: `rrcu start` on a fresh store serving the simulated organisation,
 * with workers and the built web UI, and Chromium on one page; the local administrator's first
 * sign-in, which trades the printed one-time password for a new one; a sign-in through the OIDC IdP;
 * and the simulated organisation's root keys, to check in (simulated) AWS what RRCU did there.
 */
import { ListAccountAssignmentsCommand, ListInstancesCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { seedWorld } from '../../src/aws-sim/index.ts';
import type { Config } from '../../src/config/index.ts';
import { DEMO_SEED } from '../../src/demo/simulated-organisation.ts';
import { startRrcu, type RunningRrcu } from '../../src/server/start.ts';
import type { Store } from '../../src/store/index.ts';
import { testConfig } from '../../harness/server.ts';
import { buildWebUi, launchChromium } from './browser.ts';
import { freePort } from './free-port.ts';
import { startOidcIdp, type IdpUser, type OidcIdp } from './oidc-idp.ts';
import { freshStore } from './store-test.ts';

export type Journey = { store: Store; rrcu: RunningRrcu; browser: Browser; page: Page; stop(): Promise<void> };

/** `now`: the clock of RRCU's time-driven work (requests' expiry), for a journey that moves it. */
export type JourneyOptions = { now?: () => Date };

export async function startJourney(config: Partial<Config> = {}, options: JourneyOptions = {}): Promise<Journey> {
  const webRoot = await buildWebUi();
  const store = await freshStore('pglite');
  const rrcu = await startRrcu(store, testConfig({ port: 0, ...config }), { workers: true, simulator: true, webRoot, logger: false, ...(options.now ? { now: options.now } : {}) });
  const browser = await launchChromium();
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  return {
    store,
    rrcu,
    browser,
    page,
    async stop() {
      await browser.close();
      await rrcu.stop();
      await store.close();
    },
  };
}

/**
 * A journey whose people sign in through a real OpenID Connect IdP knowing `users` (objects the test may
 * fill in before they sign in, e.g. with a synced person's email); `superAdmins` by email. `stop` ends both.
 */
export async function startIdpJourney(users: IdpUser[], superAdmins: string[], options: JourneyOptions = {}): Promise<{ journey: Journey; idp: OidcIdp; stop(): Promise<void> }> {
  // The IdP must know RRCU's callback before RRCU starts, and RRCU its issuer: fix the port first.
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const idp = await startOidcIdp({ users, redirectUris: [`${publicUrl}/api/auth/oidc/callback`] });
  try {
    const journey = await startJourney({ port, publicUrl, oidcIssuer: idp.issuer, oidcClientId: idp.clientId, oidcClientSecret: idp.clientSecret, superAdmins }, options);
    return {
      journey,
      idp,
      async stop() {
        await journey.stop();
        await idp.stop();
      },
    };
  } catch (e) {
    await idp.stop();
    throw e;
  }
}

/** A browser context of its own (its own session), signed in as `login` through the IdP: a second person at their own desk. */
export async function signInElsewhere(journey: Journey, idp: Pick<OidcIdp, 'issuer'>, login: string): Promise<Page> {
  const page = await (await journey.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signInThroughIdp(page, journey.rrcu, idp, login);
  return page;
}

/** The local administrator's first sign-in: the one-time password, then `newPassword`; ends on the access page. */
export async function signInFirstTime(page: Page, rrcu: RunningRrcu, newPassword: string): Promise<void> {
  await page.goto(`${rrcu.url}/`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password', { exact: true }).fill(rrcu.adminPassword!);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByLabel('New password').fill(newPassword);
  await page.getByLabel('Confirm password').fill(newPassword);
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await page.waitForURL(/\/access/);
}

/** Signs `page` in through the OpenID Connect IdP: RRCU's "Sign in with …", then the IdP's login form; ends back on RRCU. */
export async function signInThroughIdp(page: Page, rrcu: RunningRrcu, idp: Pick<OidcIdp, 'issuer'>, login: string): Promise<void> {
  await page.goto(rrcu.url);
  const viaIdp = page.getByRole('button', { name: /Sign in with/ });
  await viaIdp.waitFor();
  // No local sign-in when an IdP is configured.
  expect(await page.getByLabel('Password').count()).toBe(0);
  await viaIdp.click();
  await page.waitForURL((url) => url.href.startsWith(idp.issuer));
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill('any password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.href.startsWith(rrcu.url) && !url.pathname.startsWith('/api/'));
}

/** The simulated organisation's administrator (management account root): the demo world is seeded the same way every time. */
export function demoAdminCredentials(): { accessKeyId: string; secretAccessKey: string } {
  const { admin } = seedWorld({ ...DEMO_SEED });
  return { accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey };
}

/** The principals holding permission set `psArn` on `accountId` in the simulated AWS: Identity Center's own answer, not RRCU's. */
export async function simulatedAssignees(rrcu: RunningRrcu, accountId: string, psArn: string): Promise<string[]> {
  const sso = new SSOAdminClient({ region: 'us-east-1', endpoint: rrcu.simulatorEndpoint!, credentials: demoAdminCredentials(), maxAttempts: 2 });
  try {
    const instanceArn = (await sso.send(new ListInstancesCommand({}))).Instances![0]!.InstanceArn!;
    const out = await sso.send(new ListAccountAssignmentsCommand({ InstanceArn: instanceArn, AccountId: accountId, PermissionSetArn: psArn }));
    return (out.AccountAssignments ?? []).map((a) => a.PrincipalId!);
  } finally {
    sso.destroy();
  }
}
