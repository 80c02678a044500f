import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { isRrcuError } from '../../src/core/errors.ts';
import { sha256Hex } from '../../src/identity/index.ts';
import { oidcClientConfiguration, safeReturnTo } from '../../src/server/auth/oidc.ts';
import { appUsers, auditEvents, sessions } from '../../src/store/index.ts';
import { signInAtIdp, startOidcIdp, type OidcIdp } from '../harness/oidc-idp.ts';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

const PUBLIC_URL = 'http://rrcu.test';
const CALLBACK = `${PUBLIC_URL}/api/auth/oidc/callback`;
const ADA = { sub: 'ada-0001', email: 'Ada@Example.com', name: 'Ada Lovelace', password: 'ada-password' };
const BOB = { sub: 'bob-0002', email: 'bob@example.com', name: 'Bob Page', password: 'bob-password' };
// Claims an address listed as Super Administrator, which the IdP has not verified.
const EVE = { sub: 'eve-0003', email: 'root@example.com', name: 'Eve', password: 'eve-password', emailVerified: false };
// Claims a listed address too, and the IdP says nothing of whether it checked it (no `email_verified` at all).
const MALLORY = { sub: 'mallory-0004', email: 'boss@example.com', name: 'Mallory', password: 'mallory-password', emailVerified: null };
// Listed as an Auditor; made Super Administrator in RRCU in between.
const CARL = { sub: 'carl-0005', email: 'carl@example.com', name: 'Carl Auditor', password: 'carl-password' };

function cookieOf(res: LightMyRequestResponse, name: string) {
  return res.cookies.find((c) => c.name === name);
}

describeStore('sign-in through OpenID Connect, against a real IdP', (store) => {
  let idp: OidcIdp;
  let t: TestServer;

  /** Leaves RRCU for the IdP: the authorization URL and the flow cookie RRCU set. */
  const begin = async (returnTo?: string) => {
    const res = await t.server.inject({ method: 'GET', url: `/api/auth/oidc/login${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}` });
    expect(res.statusCode).toBe(302);
    return { location: new URL(res.headers.location as string), flow: cookieOf(res, 'rrcu_oidc')! };
  };
  /** Comes back from the IdP to RRCU's callback, with the cookies the browser would send. */
  const callback = (url: URL, cookies: Record<string, string>) => t.server.inject({ method: 'GET', url: `${url.pathname}${url.search}`, cookies });
  /** The whole sign-in of `user`; answers the callback's response. */
  const signIn = async (user: { email: string; password: string }, options: { returnTo?: string; cookies?: Record<string, string> } = {}) => {
    const { location, flow } = await begin(options.returnTo);
    const back = await signInAtIdp(location.href, { login: user.email, password: user.password });
    return callback(back, { ...options.cookies, rrcu_oidc: flow.value });
  };
  const me = (cookie: string) => t.server.inject({ method: 'GET', url: '/api/me', cookies: { rrcu_session: cookie } });
  const userBySub = async (sub: string) => (await store().db.select().from(appUsers).where(eq(appUsers.subject, `oidc:${idp.issuer}#${sub}`)))[0];

  beforeAll(async () => {
    idp = await startOidcIdp({ users: [ADA, BOB, EVE, MALLORY, CARL], redirectUris: [CALLBACK] });
    t = await startTestServer(store(), {
      config: { publicUrl: PUBLIC_URL, oidcIssuer: idp.issuer, oidcClientId: idp.clientId, oidcClientSecret: idp.clientSecret, superAdmins: ['ada@example.com', 'root@example.com', 'boss@example.com'], auditors: ['carl@example.com'] },
    });
  });
  afterAll(async () => {
    await t?.close();
    await idp?.stop();
  });

  test('the login redirect carries a PKCE S256 challenge, state and nonce, kept in a sealed, short-lived HttpOnly cookie', async () => {
    const { location, flow } = await begin('/connectors');
    expect(location.origin).toBe(idp.issuer);
    const params = location.searchParams;
    expect(params.get('client_id')).toBe(idp.clientId);
    expect(params.get('redirect_uri')).toBe(CALLBACK);
    expect(params.get('response_type')).toBe('code');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(params.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(params.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['openid', 'email']));
    expect(flow).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/auth/oidc', maxAge: 600 });
    // Sealed: neither the state nor anything else readable travels in clear.
    expect(flow.value).not.toContain(params.get('state'));
    expect(Buffer.from(flow.value.split('.')[1] ?? '', 'base64url').toString('utf8')).not.toContain('/connectors');
  });

  test('a successful sign-in creates the user with the role the configuration lists, in a new session, and returns to returnTo', async () => {
    const planted = 'a-session-id-the-attacker-chose-before-sign-in';
    const res = await signIn(ADA, { returnTo: '/access?person=ada', cookies: { rrcu_session: planted } });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/access?person=ada');
    const session = cookieOf(res, 'rrcu_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(session.value).not.toBe(planted);
    expect(cookieOf(res, 'rrcu_oidc')?.value).toBe('');

    const who = await me(session.value);
    expect(who.statusCode).toBe(200);
    expect(who.json()).toMatchObject({ user: { email: 'ada@example.com', displayName: 'Ada Lovelace', role: 'super_admin' }, via: 'session' });
    expect((await me(planted)).statusCode).toBe(401);

    const user = await userBySub(ADA.sub);
    expect(user).toMatchObject({ email: 'ada@example.com', role: 'super_admin', passwordHash: null });
    expect(user!.lastSignInAt).not.toBeNull();
    const events = await store().db.select().from(auditEvents).where(eq(auditEvents.subject, `user:${user!.id}`));
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['user.created', 'auth.signed_in']));
    expect(events.find((e) => e.type === 'auth.signed_in')!.data).toMatchObject({ method: 'oidc', issuer: idp.issuer });
  });

  test('signing in again starts a new session id and ends the one the browser had', async () => {
    const first = cookieOf(await signIn(ADA), 'rrcu_session')!.value;
    const second = cookieOf(await signIn(ADA, { cookies: { rrcu_session: first } }), 'rrcu_session')!.value;
    expect(second).not.toBe(first);
    expect((await me(first)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(200);
    const [old] = await store().db.select().from(sessions).where(eq(sessions.idHash, sha256Hex(first)));
    expect(old!.revokedAt).not.toBeNull();
  });

  test('a callback whose state differs from the flow this browser started is refused, and nobody is signed in', async () => {
    const { location, flow } = await begin();
    const back = await signInAtIdp(location.href, { login: BOB.email, password: BOB.password });
    back.searchParams.set('state', 'a-state-from-another-flow');
    const res = await callback(back, { rrcu_oidc: flow.value });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/sign-in?error=OIDC_STATE_MISMATCH');
    expect(cookieOf(res, 'rrcu_session')).toBeUndefined();
    expect(await userBySub(BOB.sub)).toBeUndefined();

    // Without the flow cookie (another browser, or more than 10 minutes later) it is refused as well.
    const again = await begin();
    const backAgain = await signInAtIdp(again.location.href, { login: BOB.email, password: BOB.password });
    const missing = await callback(backAgain, {});
    expect(missing.headers.location).toBe('/sign-in?error=OIDC_STATE_MISSING');
    // A flow cookie that was tampered with does not open.
    // One character in the middle changed (the last ones of base64url may be padding bits alone).
    const mid = Math.floor(again.flow.value.length / 2);
    const flipped = `${again.flow.value.slice(0, mid)}${again.flow.value[mid] === 'A' ? 'B' : 'A'}${again.flow.value.slice(mid + 1)}`;
    const tampered = await callback(backAgain, { rrcu_oidc: flipped });
    expect(tampered.headers.location).toBe('/sign-in?error=OIDC_STATE_MISSING');
    expect(await userBySub(BOB.sub)).toBeUndefined();
  });

  test('returnTo pointing to another site is ignored: the browser lands on /', async () => {
    const res = await signIn(BOB, { returnTo: 'https://evil.example/steal' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    expect(cookieOf(res, 'rrcu_session')?.value).toBeTruthy();
    // The last two normalise to `//evil.example` (another site) once `..` and `.` are resolved.
    for (const evil of ['//evil.example', '/\\evil.example', 'https://evil.example', '/\t/evil.example', 'javascript:alert(1)', '/a/..//evil.example', '/.//evil.example']) expect(safeReturnTo(evil)).toBe('/');
    expect(safeReturnTo('/syncs/12?tab=diff#added')).toBe('/syncs/12?tab=diff#added');
  });

  test('an unlisted user is a person; a role set in RRCU stays; a listed role is applied again at every sign-in', async () => {
    await signIn(BOB);
    const bob = await userBySub(BOB.sub);
    expect(bob!.role).toBe('person');
    const admin = await t.as('super_admin');
    await t.server.inject({ method: 'PATCH', url: `/api/users/${bob!.id}`, headers: admin, payload: { role: 'auditor' } });
    const bobAgain = cookieOf(await signIn(BOB), 'rrcu_session')!.value;
    expect((await me(bobAgain)).json().user.role).toBe('auditor');

    const ada = await userBySub(ADA.sub);
    await t.server.inject({ method: 'PATCH', url: `/api/users/${ada!.id}`, headers: admin, payload: { role: 'person' } });
    const adaAgain = cookieOf(await signIn(ADA), 'rrcu_session')!.value;
    expect((await me(adaAgain)).json().user.role).toBe('super_admin');
    const changes = await store().db.select().from(auditEvents).where(eq(auditEvents.subject, `user:${ada!.id}`));
    expect(changes.filter((e) => e.type === 'user.role_changed').map((e) => [e.actor, e.data.to])).toEqual([
      [expect.stringMatching(/^token:/), 'person'],
      ['system', 'super_admin'],
    ]);
  });

  test('an email the IdP has not verified earns no listed role and links to no person', async () => {
    const res = await signIn(EVE);
    const who = await me(cookieOf(res, 'rrcu_session')!.value);
    expect(who.json().user).toMatchObject({ role: 'person', email: null, displayName: 'Eve' });
  });

  test('an email the IdP does not say it verified (no email_verified claim) earns no listed role either', async () => {
    // Regression: only `email_verified: false` was refused, so an IdP that omits the claim handed out listed roles.
    const res = await signIn(MALLORY);
    const who = await me(cookieOf(res, 'rrcu_session')!.value);
    expect(who.json().user).toMatchObject({ role: 'person', email: null, displayName: 'Mallory' });
  });

  test('a sign-in that lowers the role to the listed one revokes the tokens the user made above it, and the role change lists them', async () => {
    await signIn(CARL);
    const carl = await userBySub(CARL.sub);
    expect(carl!.role).toBe('auditor');
    await t.server.inject({ method: 'PATCH', url: `/api/users/${carl!.id}`, headers: await t.as('super_admin'), payload: { role: 'super_admin' } });
    const above = await t.app.identity.createApiToken({ name: 'carl admin', role: 'super_admin' }, { actor: `user:${carl!.id}`, userId: carl!.id, role: 'super_admin' });
    const within = await t.app.identity.createApiToken({ name: 'carl audit', role: 'auditor' }, { actor: `user:${carl!.id}`, userId: carl!.id, role: 'super_admin' });

    await signIn(CARL);
    expect((await userBySub(CARL.sub))!.role).toBe('auditor');
    const asToken = (token: string) => t.server.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect((await asToken(above.token)).statusCode).toBe(401);
    expect((await asToken(within.token)).json()).toMatchObject({ user: { role: 'auditor' } });
    const events = await store().db.select().from(auditEvents).where(eq(auditEvents.subject, `user:${carl!.id}`));
    expect(events.filter((e) => e.type === 'user.role_changed').at(-1)).toMatchObject({ actor: 'system', data: { from: 'super_admin', to: 'auditor', revokedTokenIds: [above.item.id] } });
    const [revocation] = await store().db.select().from(auditEvents).where(eq(auditEvents.subject, `token:${above.item.id}`)).orderBy(desc(auditEvents.seq)).limit(1);
    expect(revocation).toMatchObject({ type: 'api_token.revoked', actor: 'system', data: { reason: 'creator_role_lowered' } });
  });

  test('a disabled user is sent back to the sign-in page', async () => {
    const bob = await userBySub(BOB.sub);
    await t.server.inject({ method: 'PATCH', url: `/api/users/${bob!.id}`, headers: await t.as('super_admin'), payload: { disabled: true } });
    const res = await signIn(BOB);
    expect(res.headers.location).toBe('/sign-in?error=USER_DISABLED');
    expect(cookieOf(res, 'rrcu_session')).toBeUndefined();
  });

  test('with an IdP configured, the sign-in methods name it and the local administrator is off', async () => {
    expect((await t.server.inject({ method: 'GET', url: '/api/auth/methods' })).json()).toEqual({ local: false, oidc: { issuer: idp.issuer }, simulated: false });
    const local = await t.server.inject({ method: 'POST', url: '/api/auth/local', payload: { username: 'admin', password: 'whatever-it-is' } });
    expect(local.statusCode).toBe(400);
    expect(local.json().error.code).toBe('LOCAL_SIGN_IN_DISABLED');
  });
});

test('an IdP that does not answer is OIDC_UNAVAILABLE; a plain-http issuer elsewhere than this machine is refused', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));

  const unavailable = await oidcClientConfiguration({ oidcIssuer: `http://127.0.0.1:${port}`, oidcClientId: 'x', oidcClientSecret: 'y' }).catch((e: unknown) => e);
  expect(isRrcuError(unavailable, 'OIDC_UNAVAILABLE')).toBe(true);
  expect((unavailable as Error).message).toContain(`http://127.0.0.1:${port}`);

  const insecure = await oidcClientConfiguration({ oidcIssuer: 'http://idp.example.com', oidcClientId: 'x', oidcClientSecret: 'y' }).catch((e: unknown) => e);
  expect(isRrcuError(insecure, 'OIDC_ISSUER_NOT_HTTPS')).toBe(true);
});
