/**
 * Sign-in through a real OpenID Connect IdP (oidc-provider on 127.0.0.1) in Chromium: a person of the
 * organisation sees only their own access; an email listed in RRCU_SUPER_ADMINS gets the whole product;
 * "sign out everywhere" ends every browser's session.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startRrcu, type RunningRrcu } from '../../src/server/start.ts';
import { people, type Store } from '../../src/store/index.ts';
import { freePort } from '../harness/free-port.ts';
import { startOidcIdp, type OidcIdp } from '../harness/oidc-idp.ts';
import { freshStore } from '../harness/store-test.ts';
import { testConfig } from '../../harness/server.ts';
import { buildWebUi, launchChromium, screenshot } from '../harness/browser.ts';
import { signInThroughIdp } from '../harness/journey.ts';

const LONG = { timeout: 90_000 };
const ADMIN = { sub: 'carol', email: 'carol.admin@example.com', name: 'Carol Admin' };

describe('the web UI, signed in through an OpenID Connect IdP', () => {
  let store: Store;
  let rrcu: RunningRrcu;
  let idp: OidcIdp;
  let browser: Browser;
  let person: { sub: string; email: string; name: string };
  const pages: Page[] = [];

  beforeAll(async () => {
    const webRoot = await buildWebUi();
    store = await freshStore('pglite');
    // The IdP must know RRCU's callback before RRCU starts, and RRCU its issuer: fix the port first.
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    // A person of the simulated organisation (its seed is fixed): their IdP email is the one synced from AWS.
    person = { sub: 'person-1', email: '', name: '' };
    idp = await startOidcIdp({ users: [ADMIN, person], redirectUris: [`${publicUrl}/api/auth/oidc/callback`] });
    rrcu = await startRrcu(
      store,
      testConfig({ port, publicUrl, oidcIssuer: idp.issuer, oidcClientId: idp.clientId, oidcClientSecret: idp.clientSecret, superAdmins: [ADMIN.email] }),
      { workers: true, simulator: true, webRoot, logger: false },
    );
    // The first sync links people by email; wait for it, then give the IdP user that email.
    const synced = await waitFor(async () => (await store.db.select().from(people)).find((p) => p.email), 90_000);
    Object.assign(person, { email: synced.email!, name: synced.displayName });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await rrcu?.stop();
    await idp?.stop();
    await store?.close();
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') for (const [i, p] of pages.entries()) await screenshot(p, `failed-oidc-${i}`).catch(() => {});
  });

  async function signIn(context: BrowserContext, login: string): Promise<Page> {
    const page = await context.newPage();
    pages.push(page);
    await signInThroughIdp(page, rrcu, idp, login);
    return page;
  }

  test("a person signs in at the IdP and sees only their own access, not the organisation's", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await signIn(context, person.sub);
    await page.waitForURL(/\/my-access/);
    await expect.poll(() => page.getByText(person.email).first().isVisible(), LONG).toBe(true);
    await expect.poll(() => page.getByRole('row').count(), LONG).toBeGreaterThan(1);
    await screenshot(page, '20-oidc-my-access');
    expect(await page.getByRole('link', { name: 'Connectors' }).count()).toBe(0);
    const api = await page.request.get(`${rrcu.url}/api/access`);
    expect(api.status()).toBe(403);
    await context.close();
  });

  test('an email listed as Super Administrator gets the whole product; sign out everywhere ends every session', async () => {
    const first = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const second = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await signIn(first, ADMIN.sub);
    await page.waitForURL(/\/access/);
    await expect.poll(() => page.getByText('Super Administrator').first().isVisible()).toBe(true);
    const other = await signIn(second, ADMIN.sub);
    expect((await other.request.get(`${rrcu.url}/api/me`)).status()).toBe(200);

    await page.goto(`${rrcu.url}/settings`);
    await screenshot(page, '21-oidc-settings');
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect.poll(() => page.url(), LONG).toMatch(/\/sign-in/);
    expect((await other.request.get(`${rrcu.url}/api/me`)).status()).toBe(401);
    await first.close();
    await second.close();
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`nothing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
