import { and, desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AccessRecord } from '../../src/access/index.ts';
import { exportGroundTruth } from '../../src/aws-sim/index.ts';
import { createSession, sha256Hex, type AppRole } from '../../src/identity/index.ts';
import { apiTokens, appUsers, auditEvents, sessions } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

const NEW_PASSWORD = 'correct horse battery staple';
const IDLE_MS = 12 * 3_600_000;
const LIFETIMES = { idleMs: IDLE_MS, maxMs: 7 * 86_400_000 };

function sessionCookie(res: LightMyRequestResponse) {
  return res.cookies.find((c) => c.name === 'rrcu_session');
}

describeStore('local sign-in, sessions, users and API tokens', (store) => {
  let t: TestServer;
  let oneTimePassword: string;

  const signIn = (body: Record<string, string>, remoteAddress?: string) =>
    t.server.inject({ method: 'POST', url: '/api/auth/local', payload: { username: 'admin', ...body }, ...(remoteAddress ? { remoteAddress } : {}) });
  /** A fresh session of the local administrator: its cookie and CSRF token. */
  const adminSession = async () => {
    const res = await signIn({ password: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    return { cookie: sessionCookie(res)!.value, csrf: res.json<{ csrfToken: string }>().csrfToken, userId: res.json<{ user: { id: string } }>().user.id };
  };
  const withCookie = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, init: { csrf?: string; payload?: object } = {}) =>
    t.server.inject({ method, url, cookies: { rrcu_session: cookie }, headers: init.csrf ? { 'x-csrf-token': init.csrf } : {}, ...(init.payload ? { payload: init.payload } : {}) });
  /** A user of the IdP, made directly in the store, with a live session. */
  const userWithSession = async (email: string, role: AppRole = 'person') => {
    const [user] = await store().db.insert(appUsers).values({ subject: `oidc:https://idp.example#${email}`, email, displayName: email, role }).returning();
    const session = await createSession(store().db, user!.id, LIFETIMES);
    return { user: user!, cookie: session.cookieValue, idHash: session.idHash };
  };
  const auditTypes = async (subject: string) =>
    (await store().db.select({ type: auditEvents.type }).from(auditEvents).where(eq(auditEvents.subject, subject))).map((e) => e.type);

  beforeAll(async () => {
    t = await startTestServer(store());
    const created = await t.app.identity.ensureLocalAdmin();
    oneTimePassword = created!.password;
  });
  afterAll(async () => {
    await t?.close();
  });

  test('the local administrator is created once, with a one-time password; later calls return nothing', async () => {
    expect(oneTimePassword).toMatch(/^[0-9A-Za-z]{24}$/);
    expect(await t.app.identity.ensureLocalAdmin()).toBeUndefined();
    const [admin] = await store().db.select().from(appUsers).where(eq(appUsers.subject, 'local:admin'));
    expect(admin).toMatchObject({ role: 'super_admin', mustChangePassword: true });
    expect(admin!.passwordHash).toMatch(/^scrypt\$/);
    expect(admin!.passwordHash).not.toContain(oneTimePassword);
  });

  test('the one-time password forces a new password; a wrong password is 401; success sets an HttpOnly SameSite cookie', async () => {
    const wrong = await signIn({ password: 'not-the-password' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(sessionCookie(wrong)).toBeUndefined();

    const mustChange = await signIn({ password: oneTimePassword });
    expect(mustChange.statusCode).toBe(403);
    expect(mustChange.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(sessionCookie(mustChange)).toBeUndefined();

    const tooShort = await signIn({ password: oneTimePassword, newPassword: 'short' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.code).toBe('PASSWORD_TOO_SHORT');
    const same = await signIn({ password: oneTimePassword, newPassword: oneTimePassword });
    expect(same.json().error.code).toBe('PASSWORD_UNCHANGED');

    const ok = await signIn({ password: oneTimePassword, newPassword: NEW_PASSWORD });
    expect(ok.statusCode).toBe(200);
    const cookie = sessionCookie(ok)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ok.json()).toMatchObject({ user: { role: 'super_admin', roleLabel: 'Super Administrator' }, via: 'session' });
    // Only the hash of the cookie is stored.
    const [row] = await store().db.select().from(sessions).where(eq(sessions.idHash, sha256Hex(cookie.value)));
    expect(row).toBeDefined();

    // The one-time password is spent; the new one signs in without further questions.
    expect((await signIn({ password: oneTimePassword })).statusCode).toBe(401);
    expect((await signIn({ password: NEW_PASSWORD })).statusCode).toBe(200);
    const [admin] = await store().db.select().from(appUsers).where(eq(appUsers.subject, 'local:admin'));
    expect(admin!.mustChangePassword).toBe(false);
    const types = await auditTypes(`user:${admin!.id}`);
    expect(types).toEqual(expect.arrayContaining(['auth.sign_in_failed', 'auth.password_changed', 'auth.signed_in']));
  });

  test('GET /api/me works with the cookie; a POST without x-csrf-token is 403 CSRF_TOKEN_INVALID, with it passes', async () => {
    const { cookie, csrf } = await adminSession();
    const me = await withCookie(cookie, 'GET', '/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { displayName: 'Local administrator', role: 'super_admin', email: null }, via: 'session', csrfToken: csrf, simulation: null });

    const noCsrf = await withCookie(cookie, 'POST', '/api/tokens', { payload: { name: 'csrf check', role: 'auditor' } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const wrongCsrf = await withCookie(cookie, 'POST', '/api/tokens', { csrf: 'x'.repeat(43), payload: { name: 'csrf check', role: 'auditor' } });
    expect(wrongCsrf.statusCode).toBe(403);
    const withCsrf = await withCookie(cookie, 'POST', '/api/tokens', { csrf, payload: { name: 'csrf check', role: 'auditor' } });
    expect(withCsrf.statusCode).toBe(201);
  });

  test('logout revokes this session and clears the cookie', async () => {
    const { cookie, csrf } = await adminSession();
    const out = await withCookie(cookie, 'POST', '/api/auth/logout', { csrf });
    expect(out.statusCode).toBe(204);
    expect(sessionCookie(out)?.value).toBe('');
    expect((await withCookie(cookie, 'GET', '/api/me')).statusCode).toBe(401);
    const [row] = await store().db.select().from(sessions).where(eq(sessions.idHash, sha256Hex(cookie)));
    expect(row!.revokedAt).not.toBeNull();
  });

  test('logout-everywhere revokes the other sessions of the user too', async () => {
    const here = await adminSession();
    const elsewhere = await adminSession();
    expect((await withCookie(elsewhere.cookie, 'GET', '/api/me')).statusCode).toBe(200);
    const out = await withCookie(here.cookie, 'POST', '/api/auth/logout-everywhere', { csrf: here.csrf });
    expect(out.statusCode).toBe(204);
    expect((await withCookie(elsewhere.cookie, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await withCookie(here.cookie, 'GET', '/api/me')).statusCode).toBe(401);
  });

  test('repeated failures for one username and address are refused with RATE_LIMITED, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn({ password: `wrong-${i}` }, '10.9.8.7')).statusCode).toBe(401);
    const limited = await signIn({ password: NEW_PASSWORD }, '10.9.8.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'RATE_LIMITED', fix: expect.stringContaining('Wait') });
    expect(sessionCookie(limited)).toBeUndefined();
    // Another address is not held up by it.
    expect((await signIn({ password: NEW_PASSWORD }, '10.9.8.6')).statusCode).toBe(200);
  });

  test("a disabled user's session stops working; disabling is audited and nobody changes their own role or disables themselves", async () => {
    const admin = await adminSession();
    const person = await userWithSession('dora@example.com');
    expect((await withCookie(person.cookie, 'GET', '/api/me')).json()).toMatchObject({ user: { email: 'dora@example.com', role: 'person' } });

    const listed = (await withCookie(admin.cookie, 'GET', '/api/users')).json<{ items: { id: string; activeSessions: number }[] }>();
    expect(listed.items.find((u) => u.id === person.user.id)?.activeSessions).toBe(1);

    const disabled = await withCookie(admin.cookie, 'PATCH', `/api/users/${person.user.id}`, { csrf: admin.csrf, payload: { disabled: true } });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ disabled: true, activeSessions: 0 });
    expect((await withCookie(person.cookie, 'GET', '/api/me')).statusCode).toBe(401);
    expect(await auditTypes(`user:${person.user.id}`)).toContain('user.disabled');

    // Enabling again does not bring the ended session back.
    await withCookie(admin.cookie, 'PATCH', `/api/users/${person.user.id}`, { csrf: admin.csrf, payload: { disabled: false } });
    expect((await withCookie(person.cookie, 'GET', '/api/me')).statusCode).toBe(401);

    const ownRole = await withCookie(admin.cookie, 'PATCH', `/api/users/${admin.userId}`, { csrf: admin.csrf, payload: { role: 'auditor' } });
    expect(ownRole.statusCode).toBe(400);
    expect(ownRole.json().error.code).toBe('CANNOT_CHANGE_OWN_ROLE');
    const ownDisable = await withCookie(admin.cookie, 'PATCH', `/api/users/${admin.userId}`, { csrf: admin.csrf, payload: { disabled: true } });
    expect(ownDisable.json().error.code).toBe('CANNOT_CHANGE_OWN_ROLE');

    const promoted = await withCookie(admin.cookie, 'PATCH', `/api/users/${person.user.id}`, { csrf: admin.csrf, payload: { role: 'auditor' } });
    expect(promoted.json()).toMatchObject({ role: 'auditor', roleLabel: 'Auditor' });
    expect(await auditTypes(`user:${person.user.id}`)).toContain('user.role_changed');
  });

  test('revoke-sessions signs a user out of every browser', async () => {
    const person = await userWithSession('eli@example.com');
    const second = await createSession(store().db, person.user.id, LIFETIMES);
    const res = await t.server.inject({ method: 'POST', url: `/api/users/${person.user.id}/revoke-sessions`, headers: await t.as('super_admin') });
    expect(res.json()).toEqual({ revoked: 2 });
    expect((await withCookie(person.cookie, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await withCookie(second.cookieValue, 'GET', '/api/me')).statusCode).toBe(401);
    const unknown = await t.server.inject({ method: 'POST', url: '/api/users/00000000-0000-4000-8000-000000000000/revoke-sessions', headers: await t.as('super_admin') });
    expect(unknown.statusCode).toBe(404);
  });

  test('a session unused for longer than the idle time stops working; using it slides its expiry', async () => {
    const idle = await userWithSession('fay@example.com');
    await store().db.update(sessions).set({ lastSeenAt: new Date(Date.now() - IDLE_MS - 60_000) }).where(eq(sessions.idHash, idle.idHash));
    expect((await withCookie(idle.cookie, 'GET', '/api/me')).statusCode).toBe(401);

    const active = await userWithSession('gus@example.com');
    const lastSeen = new Date(Date.now() - 5 * 60_000);
    await store().db.update(sessions).set({ lastSeenAt: lastSeen, expiresAt: new Date(Date.now() + 60_000) }).where(eq(sessions.idHash, active.idHash));
    expect((await withCookie(active.cookie, 'GET', '/api/me')).statusCode).toBe(200);
    const [row] = await store().db.select().from(sessions).where(eq(sessions.idHash, active.idHash));
    expect(row!.lastSeenAt.getTime()).toBeGreaterThan(lastSeen.getTime());
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + IDLE_MS - 60 * 60_000);
  });

  test('a new sign-in drops that user’s sessions which ended over a month ago, and keeps the recent ones to look back at', async () => {
    const first = await userWithSession('ida@example.com');
    const recent = await createSession(store().db, first.user.id, LIFETIMES);
    const day = 24 * 3_600_000;
    await store().db.update(sessions).set({ expiresAt: new Date(Date.now() - 31 * day) }).where(eq(sessions.idHash, first.idHash));
    await store().db.update(sessions).set({ revokedAt: new Date(Date.now() - 2 * day) }).where(eq(sessions.idHash, recent.idHash));
    await createSession(store().db, first.user.id, LIFETIMES);
    const left = (await store().db.select().from(sessions).where(eq(sessions.userId, first.user.id))).map((r) => r.idHash);
    expect(left).not.toContain(first.idHash);
    expect(left).toContain(recent.idHash);
    expect(left).toHaveLength(2);
  });

  test('resetting the password gives a new one-time password and ends the administrator’s sessions', async () => {
    const admin = await adminSession();
    const { password } = await t.app.identity.resetLocalAdminPassword({ actor: 'cli:test' });
    expect((await withCookie(admin.cookie, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await signIn({ password: NEW_PASSWORD })).statusCode).toBe(401);
    expect((await signIn({ password })).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await signIn({ password, newPassword: NEW_PASSWORD })).statusCode).toBe(200);
  });

  test('API tokens: created once (rrcu_ + 40 base62, stored as SHA-256), listed without the token, revoked → 401', async () => {
    const admin = await adminSession();
    const created = await withCookie(admin.cookie, 'POST', '/api/tokens', { csrf: admin.csrf, payload: { name: 'nightly export', role: 'auditor', expiresInDays: 30 } });
    expect(created.statusCode).toBe(201);
    const { token, item } = created.json<{ token: string; item: { id: string; prefix: string; role: string; expiresAt: string; createdBy: string | null } }>();
    expect(token).toMatch(/^rrcu_[0-9A-Za-z]{40}$/);
    expect(item).toMatchObject({ prefix: token.slice(0, 12), role: 'auditor', createdBy: admin.userId });
    expect(new Date(item.expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const [row] = await store().db.select().from(apiTokens).where(eq(apiTokens.id, item.id));
    expect(row!.tokenHash).toBe(sha256Hex(token));

    const listed = await withCookie(admin.cookie, 'GET', '/api/tokens');
    expect(listed.json().items).toContainEqual(expect.objectContaining({ id: item.id, name: 'nightly export', revokedAt: null }));
    expect(listed.body).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.server.inject({ method: 'GET', url: '/api/me', headers: bearer });
    expect(me.json()).toMatchObject({ user: { role: 'auditor', displayName: 'API token nightly export' }, via: 'token', csrfToken: null });
    const [used] = await store().db.select().from(apiTokens).where(eq(apiTokens.id, item.id));
    expect(used!.lastUsedAt).not.toBeNull();

    const revoked = await withCookie(admin.cookie, 'DELETE', `/api/tokens/${item.id}`, { csrf: admin.csrf });
    expect(revoked.statusCode).toBe(204);
    const after = await t.server.inject({ method: 'GET', url: '/api/me', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(await auditTypes(`token:${item.id}`)).toEqual(['api_token.created', 'api_token.revoked']);
    const unknown = await withCookie(admin.cookie, 'DELETE', '/api/tokens/00000000-0000-4000-8000-000000000000', { csrf: admin.csrf });
    expect(unknown.json().error.code).toBe('TOKEN_NOT_FOUND');
  });

  test("a token acts within its role only: an auditor's token may not manage users nor tokens", async () => {
    const auditor = await t.as('auditor');
    expect((await t.server.inject({ method: 'GET', url: '/api/users', headers: auditor })).statusCode).toBe(403);
    expect((await t.server.inject({ method: 'GET', url: '/api/tokens', headers: auditor })).statusCode).toBe(403);
    const escalate = await t.server.inject({ method: 'POST', url: '/api/tokens', headers: auditor, payload: { name: 'escalate', role: 'super_admin' } });
    expect(escalate.statusCode).toBe(403);
    const person = await t.as('person');
    expect((await t.server.inject({ method: 'GET', url: '/api/me/access', headers: person })).json()).toMatchObject({ person: null, items: [] });
  });

  test('an expired token is 401; a wrong bearer does not fall back to a valid cookie; a malformed one is 401', async () => {
    const { token, item } = await t.app.identity.createApiToken({ name: 'short-lived', role: 'auditor', expiresInDays: 1 }, { actor: 'system', userId: null });
    await store().db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, item.id));
    expect((await t.server.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);

    const { cookie } = await adminSession();
    for (const authorization of [`Bearer rrcu_${'x'.repeat(40)}`, 'Bearer not-a-token', 'Basic YWRtaW46eA==']) {
      const res = await t.server.inject({ method: 'GET', url: '/api/me', cookies: { rrcu_session: cookie }, headers: { authorization } });
      expect(res.statusCode).toBe(401);
    }
  });

  test('a token made by a user stops working when that user is disabled', async () => {
    const maker = await userWithSession('hal@example.com');
    await store().db.update(appUsers).set({ role: 'super_admin' }).where(eq(appUsers.id, maker.user.id));
    // The maker's session needs its CSRF token to create a token through the API.
    const csrf = (await withCookie(maker.cookie, 'GET', '/api/me')).json<{ csrfToken: string }>().csrfToken;
    const created = await withCookie(maker.cookie, 'POST', '/api/tokens', { csrf, payload: { name: 'hal script', role: 'auditor' } });
    const { token, item } = created.json<{ token: string; item: { createdBy: string } }>();
    expect(item.createdBy).toBe(maker.user.id);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.server.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(200);
    await t.server.inject({ method: 'PATCH', url: `/api/users/${maker.user.id}`, headers: await t.as('super_admin'), payload: { disabled: true } });
    expect((await t.server.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(401);
    const [disabledSessions] = await store().db.select().from(sessions).where(eq(sessions.userId, maker.user.id));
    expect(disabledSessions!.revokedAt).not.toBeNull();
  });

  /** A user of `role` who made one token of each role given, through the API from their own session. */
  const makerWithTokens = async (email: string, role: AppRole, tokenRoles: AppRole[]) => {
    const maker = await userWithSession(email, role);
    const csrf = (await withCookie(maker.cookie, 'GET', '/api/me')).json<{ csrfToken: string }>().csrfToken;
    const tokens = new Map<AppRole, { id: string; bearer: { authorization: string } }>();
    for (const tokenRole of tokenRoles) {
      const created = await withCookie(maker.cookie, 'POST', '/api/tokens', { csrf, payload: { name: `${email} ${tokenRole}`, role: tokenRole } });
      expect(created.statusCode).toBe(201);
      const { token, item } = created.json<{ token: string; item: { id: string } }>();
      tokens.set(tokenRole, { id: item.id, bearer: { authorization: `Bearer ${token}` } });
    }
    return { user: maker.user, tokens };
  };
  const get = (url: string, headers: Record<string, string>) => t.server.inject({ method: 'GET', url, headers });

  test("every signed-in person manages their own API tokens: a person's token is a person's; others' tokens are not found to them; the Super Administrator sees and revokes all", async () => {
    const reviewer = await userWithSession('una@example.com', 'person');
    const other = await makerWithTokens('vic@example.com', 'auditor', ['auditor']);
    const csrf = (await withCookie(reviewer.cookie, 'GET', '/api/me')).json<{ csrfToken: string }>().csrfToken;
    const above = await withCookie(reviewer.cookie, 'POST', '/api/tokens', { csrf, payload: { name: 'too much', role: 'auditor' } });
    expect(above.statusCode).toBe(403);
    expect(above.json().error.fix).toContain('person');
    const created = await withCookie(reviewer.cookie, 'POST', '/api/tokens', { csrf, payload: { name: 'review script', role: 'person', expiresInDays: 7 } });
    expect(created.statusCode).toBe(201);
    const { token, item } = created.json<{ token: string; item: { id: string; createdBy: string } }>();
    expect(item.createdBy).toBe(reviewer.user.id);
    const bearer = { authorization: `Bearer ${token}` };
    // The token can do what a person can, and nothing more.
    expect((await get('/api/me', bearer)).json()).toMatchObject({ user: { role: 'person' }, via: 'token' });
    expect((await get('/api/access', bearer)).statusCode).toBe(403);
    expect((await t.server.inject({ method: 'POST', url: '/api/tokens', headers: bearer, payload: { name: 'escalate', role: 'auditor' } })).statusCode).toBe(403);

    const mine = (await withCookie(reviewer.cookie, 'GET', '/api/tokens')).json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(mine).toEqual([item.id]);
    const othersId = other.tokens.get('auditor')!.id;
    const notMine = await withCookie(reviewer.cookie, 'DELETE', `/api/tokens/${othersId}`, { csrf });
    expect(notMine.statusCode).toBe(404);
    expect(notMine.json().error.code).toBe('TOKEN_NOT_FOUND');
    expect((await get('/api/me', other.tokens.get('auditor')!.bearer)).statusCode).toBe(200);

    const admin = await adminSession();
    const all = (await withCookie(admin.cookie, 'GET', '/api/tokens')).json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(all).toEqual(expect.arrayContaining([item.id, othersId]));
    expect((await withCookie(reviewer.cookie, 'DELETE', `/api/tokens/${item.id}`, { csrf })).statusCode).toBe(204);
    expect((await get('/api/me', bearer)).statusCode).toBe(401);
    expect((await withCookie(admin.cookie, 'DELETE', `/api/tokens/${othersId}`, { csrf: admin.csrf })).statusCode).toBe(204);
    expect(await auditTypes(`token:${item.id}`)).toEqual(['api_token.created', 'api_token.revoked']);
  });

  test("demoting a user revokes, in the same change, the tokens they made above the new role: each audited, listed in the role change; the others stay", async () => {
    // Regression: a demoted Super Administrator's token went on listing users, minting tokens and demoting others.
    const { user, tokens } = await makerWithTokens('ivy@example.com', 'super_admin', ['super_admin', 'connector_admin', 'auditor', 'person']);
    const victim = await userWithSession('jon@example.com', 'connector_admin');
    const demoted = await t.server.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: await t.as('super_admin'), payload: { role: 'auditor' } });
    expect(demoted.json()).toMatchObject({ role: 'auditor' });

    const superToken = tokens.get('super_admin')!.bearer;
    expect((await get('/api/users', superToken)).statusCode).toBe(401);
    expect((await t.server.inject({ method: 'POST', url: '/api/tokens', headers: superToken, payload: { name: 'more', role: 'super_admin' } })).statusCode).toBe(401);
    expect((await t.server.inject({ method: 'PATCH', url: `/api/users/${victim.user.id}`, headers: superToken, payload: { role: 'person' } })).statusCode).toBe(401);
    expect((await get('/api/me', tokens.get('connector_admin')!.bearer)).statusCode).toBe(401);
    expect((await get('/api/me', tokens.get('auditor')!.bearer)).json()).toMatchObject({ user: { role: 'auditor' } });
    expect((await get('/api/me', tokens.get('person')!.bearer)).json()).toMatchObject({ user: { role: 'person' } });
    const [victimAfter] = await store().db.select().from(appUsers).where(eq(appUsers.id, victim.user.id));
    expect(victimAfter!.role).toBe('connector_admin');

    const revokedIds = [tokens.get('super_admin')!.id, tokens.get('connector_admin')!.id];
    const [change] = await store().db.select().from(auditEvents).where(and(eq(auditEvents.subject, `user:${user.id}`), eq(auditEvents.type, 'user.role_changed')));
    expect(change!.data).toMatchObject({ from: 'super_admin', to: 'auditor' });
    expect([...(change!.data.revokedTokenIds as string[])].sort()).toEqual([...revokedIds].sort());
    for (const id of revokedIds) {
      const [revocation] = await store().db.select().from(auditEvents).where(and(eq(auditEvents.subject, `token:${id}`), eq(auditEvents.type, 'api_token.revoked')));
      expect(revocation).toMatchObject({ actor: change!.actor, data: { reason: 'creator_role_lowered', creatorRole: 'auditor', userId: user.id } });
      expect(revocation!.seq).toBeLessThan(change!.seq);
    }
    const listed = (await withCookie((await adminSession()).cookie, 'GET', '/api/tokens')).json<{ items: { id: string; revokedAt: string | null }[] }>().items;
    expect(listed.filter((i) => revokedIds.includes(i.id)).every((i) => i.revokedAt !== null)).toBe(true);
  });

  test("a token never acts above its creator's role now, read at every request; nobody mints a token above their own role", async () => {
    const { user, tokens } = await makerWithTokens('kim@example.com', 'super_admin', ['super_admin']);
    const bearer = tokens.get('super_admin')!.bearer;
    expect((await get('/api/users', bearer)).statusCode).toBe(200);
    // A role changed by any other path than the Users page (here, straight in the store) holds the token back as well.
    await store().db.update(appUsers).set({ role: 'person' }).where(eq(appUsers.id, user.id));
    expect((await get('/api/users', bearer)).statusCode).toBe(403);
    expect((await get('/api/me', bearer)).json()).toMatchObject({ user: { role: 'person' }, via: 'token' });
    const mint = await t.server.inject({ method: 'POST', url: '/api/tokens', headers: bearer, payload: { name: 'escalate', role: 'super_admin' } });
    expect(mint.statusCode).toBe(403);
    await store().db.update(appUsers).set({ role: 'super_admin' }).where(eq(appUsers.id, user.id));
    expect((await get('/api/users', bearer)).statusCode).toBe(200);

    // The rule itself, for any caller that may reach it: a Connector Administrator (or their token) gets no Super Administrator token.
    const above = await t.app.identity.createApiToken({ name: 'above', role: 'super_admin' }, { actor: `user:${user.id}`, userId: user.id, role: 'connector_admin' }).catch((e: unknown) => e);
    expect(above).toMatchObject({ code: 'FORBIDDEN' });
    const atOrBelow = await t.app.identity.createApiToken({ name: 'below', role: 'auditor' }, { actor: `user:${user.id}`, userId: user.id, role: 'connector_admin' });
    expect(atOrBelow.item.role).toBe('auditor');
  });

  test('API tokens are managed from a signed-in session only: a token may not list, create or revoke tokens (403 with a fix), whatever its role', async () => {
    // Regression: a person's 1-day token minted a token without expiry, and a Super Administrator's person-role
    // token listed and revoked its maker's super_admin token (ownership is by maker, not by the token's role).
    const { tokens } = await makerWithTokens('sam@example.com', 'super_admin', ['super_admin', 'person']);
    const person = tokens.get('person')!.bearer;
    for (const res of [
      await get('/api/tokens', person),
      await t.server.inject({ method: 'POST', url: '/api/tokens', headers: person, payload: { name: 'forever', role: 'person' } }),
      await t.server.inject({ method: 'DELETE', url: `/api/tokens/${tokens.get('super_admin')!.id}`, headers: person }),
      await get('/api/tokens', await t.as('super_admin')),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'SESSION_REQUIRED', fix: expect.stringContaining('rrcu admin create-token') });
    }
    expect((await get('/api/me', tokens.get('super_admin')!.bearer)).statusCode).toBe(200);
  });

  test("disabling a user stops their tokens; enabling them again brings back only the tokens at or below the role they hold then", async () => {
    const { user, tokens } = await makerWithTokens('lea@example.com', 'super_admin', ['super_admin', 'auditor']);
    const admin = await t.as('super_admin');
    await t.server.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: admin, payload: { disabled: true } });
    for (const token of tokens.values()) expect((await get('/api/me', token.bearer)).statusCode).toBe(401);
    // Demoted while disabled: the Super Administrator token is revoked then, not when the user comes back.
    await t.server.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: admin, payload: { role: 'auditor' } });
    await t.server.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: admin, payload: { disabled: false } });
    expect((await get('/api/users', tokens.get('super_admin')!.bearer)).statusCode).toBe(401);
    expect((await get('/api/me', tokens.get('auditor')!.bearer)).json()).toMatchObject({ user: { role: 'auditor' } });
  });

  test("once an IdP is configured, tokens made by local users are refused with a reason; an IdP user's and creator-less ones (rrcu admin create-token) still work", async () => {
    const [admin] = await store().db.select().from(appUsers).where(eq(appUsers.subject, 'local:admin'));
    const bearerOf = async (userId: string | null) => ({
      authorization: `Bearer ${(await t.app.identity.createApiToken({ name: `made by ${userId ?? 'the server'}`, role: 'auditor' }, { actor: 'system', userId })).token}`,
    });
    const local = await bearerOf(admin!.id);
    const { user: idpUser } = await userWithSession('olga@example.com', 'auditor');
    const byIdpUser = await bearerOf(idpUser.id);
    const breakGlass = await bearerOf(null);
    expect((await get('/api/me', local)).statusCode).toBe(200);
    const withIdp = await startTestServer(store(), { config: { oidcIssuer: 'https://idp.example', oidcClientId: 'rrcu' } });
    try {
      const refused = await withIdp.server.inject({ method: 'GET', url: '/api/me', headers: local });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error).toMatchObject({ code: 'TOKEN_INVALID', message: expect.stringContaining('made by a local user'), fix: expect.stringContaining('rrcu admin create-token') });
      for (const bearer of [byIdpUser, breakGlass]) expect((await withIdp.server.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(200);
    } finally {
      await withIdp.close();
    }
  });

  test('a password change ends the user’s other sessions', async () => {
    const elsewhere = await adminSession();
    const changed = await signIn({ password: NEW_PASSWORD, newPassword: `${NEW_PASSWORD} again` });
    expect(changed.statusCode).toBe(200);
    expect((await withCookie(elsewhere.cookie, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await withCookie(sessionCookie(changed)!.value, 'GET', '/api/me')).statusCode).toBe(200);
    const [event] = await store()
      .db.select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subject, `user:${elsewhere.userId}`), eq(auditEvents.type, 'auth.password_changed')))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    expect(event!.data.revokedSessions).toBeGreaterThanOrEqual(1);
    expect((await signIn({ password: `${NEW_PASSWORD} again`, newPassword: NEW_PASSWORD })).statusCode).toBe(200);
  });

  test('a session ends at its absolute lifetime from sign-in, however busy it is; its expiry never slides past it', async () => {
    const busy = await userWithSession('max@example.com');
    const day = 86_400_000;
    // Signed in six days and 23 hours ago, used a few minutes ago: alive, but its expiry stops at the seven days.
    await store().db.update(sessions).set({ createdAt: new Date(Date.now() - 7 * day + 3_600_000), lastSeenAt: new Date(Date.now() - 5 * 60_000) }).where(eq(sessions.idHash, busy.idHash));
    expect((await withCookie(busy.cookie, 'GET', '/api/me')).statusCode).toBe(200);
    const [row] = await store().db.select().from(sessions).where(eq(sessions.idHash, busy.idHash));
    expect(row!.expiresAt.getTime()).toBeLessThanOrEqual(row!.createdAt.getTime() + 7 * day);
    await store().db.update(sessions).set({ createdAt: new Date(Date.now() - 7 * day - 60_000), lastSeenAt: new Date(), expiresAt: new Date(Date.now() + IDLE_MS) }).where(eq(sessions.idHash, busy.idHash));
    expect((await withCookie(busy.cookie, 'GET', '/api/me')).statusCode).toBe(401);
  });

  test('twenty wrong passwords sent at once: five are checked and counted, the rest are 429 with Retry-After', async () => {
    // Regression: the count went up as checks failed, so all twenty were checked where five are allowed.
    const address = '10.1.0.1';
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn({ password: `parallel-guess-${i}` }, address)));
    const statuses = answers.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    for (const limited of answers.filter((r) => r.statusCode === 429)) {
      expect(limited.json().error).toMatchObject({ code: 'RATE_LIMITED', message: expect.any(String), fix: expect.any(String) });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    }
    const failures = await store().db.select().from(auditEvents).where(eq(auditEvents.type, 'auth.sign_in_failed'));
    expect(failures.filter((e) => e.data.ip === address)).toHaveLength(5);
  });

  test('spraying many usernames from one address pauses that address after 20 failures; the administrator still signs in from another', async () => {
    const address = '10.1.0.2';
    for (let i = 0; i < 20; i++) {
      const res = await t.server.inject({ method: 'POST', url: '/api/auth/local', payload: { username: `sprayed${i}`, password: 'Winter2026!' }, remoteAddress: address });
      expect(res.statusCode).toBe(401);
    }
    const paused = await t.server.inject({ method: 'POST', url: '/api/auth/local', payload: { username: 'sprayed20', password: 'Winter2026!' }, remoteAddress: address });
    expect(paused.statusCode).toBe(429);
    expect(paused.json().error.message).toContain('for any user');
    expect(Number(paused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signIn({ password: NEW_PASSWORD }, address)).statusCode).toBe(429);
    expect((await signIn({ password: NEW_PASSWORD }, '10.1.0.3')).statusCode).toBe(200);
  });

  test('without trusted proxies a forged X-Forwarded-For changes neither the address limited nor the one audited; from a trusted proxy it is believed', async () => {
    // Regression: with RRCU_PUBLIC_URL set, any client's X-Forwarded-For was believed, so each guess came from a new address.
    const behindNothing = await startTestServer(store(), { config: { publicUrl: 'http://rrcu.test' } });
    const behindProxy = await startTestServer(store(), { config: { publicUrl: 'http://rrcu.test', trustedProxies: ['127.0.0.1'] } });
    try {
      const forged = (server: TestServer, i: number, remoteAddress: string, password = `forged-${i}`) =>
        server.server.inject({ method: 'POST', url: '/api/auth/local', payload: { username: 'admin', password }, remoteAddress, headers: { 'x-forwarded-for': `198.51.100.${i}` } });
      for (let i = 1; i <= 5; i++) expect((await forged(behindNothing, i, '10.1.0.4')).statusCode).toBe(401);
      expect((await forged(behindNothing, 6, '10.1.0.4', NEW_PASSWORD)).statusCode).toBe(429);

      expect((await forged(behindProxy, 7, '127.0.0.1')).statusCode).toBe(401);
      expect((await forged(behindProxy, 8, '10.1.0.5')).statusCode).toBe(401);
      const failures = (await store().db.select().from(auditEvents).where(eq(auditEvents.type, 'auth.sign_in_failed'))).map((e) => e.data.ip);
      expect(failures.filter((ip) => ip === '10.1.0.4')).toHaveLength(5);
      expect(failures).toContain('198.51.100.7');
      expect(failures).toContain('10.1.0.5');
      expect(failures).not.toContain('198.51.100.1');
      expect(failures).not.toContain('198.51.100.8');
    } finally {
      await behindNothing.close();
      await behindProxy.close();
    }
  });

  test('API answers, CSV exports and errors are sent with Cache-Control: no-store', async () => {
    const auditor = await t.as('auditor');
    for (const res of [
      await get('/api/me', auditor),
      await get('/api/access.csv', auditor),
      await get('/api/users', auditor),
      await get('/api/no-such-thing', auditor),
      await t.server.inject({ method: 'GET', url: '/api/me' }),
    ]) {
      expect([res.statusCode, res.headers['cache-control']]).toEqual([res.statusCode, 'no-store']);
    }
    expect((await get('/api/access.csv', auditor)).headers['content-type']).toContain('text/csv');
  });

  test('the OpenID Connect addresses of an RRCU without an IdP answer 404 with the error body, and log nothing with a stack', async () => {
    const lines: string[] = [];
    // At debug level every request is logged, so the capture is seen to work.
    const logged = await startTestServer(store(), { config: { logLevel: 'debug' }, logStream: { write: (line) => void lines.push(line) } });
    try {
      for (const url of ['/api/auth/oidc/login?returnTo=/access', '/api/auth/oidc/callback?code=x&state=y']) {
        const res = await logged.server.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(404);
        expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('not configured'), fix: expect.any(String) });
      }
      expect(lines.join('')).toContain('/api/auth/oidc/login');
      expect(lines.join('')).not.toMatch(/stack|"level":(40|50|60)/);
    } finally {
      await logged.close();
    }
  });

  test('GET /api/auth/methods offers the local administrator when no IdP is configured', async () => {
    const res = await t.server.inject({ method: 'GET', url: '/api/auth/methods' });
    expect(res.json()).toEqual({ local: true, oidc: null, simulated: false });
  });
});

describeStore("GET /api/me/access: the signed-in person's own access", (store) => {
  let t: TestServer;
  let email: string;

  beforeAll(async () => {
    t = await startTestServer(store(), { sim: { seed: 23, accounts: 2, users: 8, groups: 2, permissionSets: 2, iamUsersPerAccount: 1 } });
    const outcome = await t.app.syncs.runNow(t.connector!.id, 'system');
    expect(outcome.run.status).toBe('succeeded');
    const state = t.sim!.world.state;
    const held = exportGroundTruth(state).effectiveAssignments[0]!;
    email = state.identityCenter!.users.get(held.userId)!.emails[0]!.value.toLowerCase();
  });
  afterAll(async () => {
    await t?.close();
  });

  test('is the access of the person with the user’s email, as GET /api/access?person= answers it', async () => {
    const [user] = await store().db.insert(appUsers).values({ subject: `oidc:https://idp.example#${email}`, email, displayName: email }).returning();
    const { cookieValue } = await createSession(store().db, user!.id, LIFETIMES);
    const mine = await t.server.inject({ method: 'GET', url: '/api/me/access', cookies: { rrcu_session: cookieValue } });
    expect(mine.statusCode).toBe(200);
    const body = mine.json<{ person: { email: string } | null; items: AccessRecord[] }>();
    expect(body.person?.email).toBe(email);
    expect(body.items.length).toBeGreaterThan(0);
    const theirs = await t.server.inject({ method: 'GET', url: `/api/access?person=${encodeURIComponent(email)}&limit=5000`, headers: await t.as('auditor') });
    const ids = (items: AccessRecord[]) => items.map((r) => r.grantId ?? 0).sort((a, b) => a - b);
    expect(ids(body.items)).toEqual(ids(theirs.json<{ items: AccessRecord[] }>().items));
    // The same counts as the explorer's, from the server.
    expect(mine.json().totals).toEqual(theirs.json().totals);
    expect(mine.json().totals.grants).toBe(body.items.length);
    expect(mine.json().firstSyncAt).toBe(theirs.json().firstSyncAt);
  });

  test('is empty, with no person, for a user whose email matches nobody', async () => {
    const [user] = await store().db.insert(appUsers).values({ subject: 'oidc:https://idp.example#nobody', email: 'nobody@example.com', displayName: 'Nobody' }).returning();
    const { cookieValue } = await createSession(store().db, user!.id, LIFETIMES);
    const res = await t.server.inject({ method: 'GET', url: '/api/me/access?at=2020-01-01T00:00:00Z', cookies: { rrcu_session: cookieValue } });
    expect(res.json()).toEqual({ at: '2020-01-01T00:00:00.000Z', person: null, totals: { grants: 0, principals: 0, resources: 0, entitlements: 0, direct: 0, viaGroup: 0 }, firstSyncAt: expect.any(String), items: [] });
  });
});
