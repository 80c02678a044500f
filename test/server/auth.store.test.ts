import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AccessRecord } from '../../src/access/access-query.ts';
import { exportGroundTruth } from '../../src/aws-sim/ground-truth.ts';
import { ensureLocalAdmin, resetLocalAdminPassword } from '../../src/server/auth/local-admin.ts';
import { sha256Hex } from '../../src/server/auth/secrets.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { apiTokens, appUsers, auditEvents, sessions } from '../../src/store/schema/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, type TestServer } from '../harness/server.ts';

const NEW_PASSWORD = 'correct horse battery staple';
const IDLE_MS = 12 * 3_600_000;

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
  const userWithSession = async (email: string, role: 'person' | 'auditor' = 'person') => {
    const [user] = await store().db.insert(appUsers).values({ subject: `oidc:https://idp.example#${email}`, email, displayName: email, role }).returning();
    const session = await createSession(store().db, user!.id, { idleMs: IDLE_MS });
    return { user: user!, cookie: session.cookieValue, idHash: session.idHash };
  };
  const auditTypes = async (subject: string) =>
    (await store().db.select({ type: auditEvents.type }).from(auditEvents).where(eq(auditEvents.subject, subject))).map((e) => e.type);

  beforeAll(async () => {
    t = await startTestServer(store());
    const created = await ensureLocalAdmin(store().db);
    oneTimePassword = created!.password;
  });
  afterAll(async () => {
    await t?.close();
  });

  test('the local administrator is created once, with a one-time password; later calls return nothing', async () => {
    expect(oneTimePassword).toMatch(/^[0-9A-Za-z]{24}$/);
    expect(await ensureLocalAdmin(store().db)).toBeUndefined();
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
    const second = await createSession(store().db, person.user.id, { idleMs: IDLE_MS });
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
    const recent = await createSession(store().db, first.user.id, { idleMs: IDLE_MS });
    const day = 24 * 3_600_000;
    await store().db.update(sessions).set({ expiresAt: new Date(Date.now() - 31 * day) }).where(eq(sessions.idHash, first.idHash));
    await store().db.update(sessions).set({ revokedAt: new Date(Date.now() - 2 * day) }).where(eq(sessions.idHash, recent.idHash));
    await createSession(store().db, first.user.id, { idleMs: IDLE_MS });
    const left = (await store().db.select().from(sessions).where(eq(sessions.userId, first.user.id))).map((r) => r.idHash);
    expect(left).not.toContain(first.idHash);
    expect(left).toContain(recent.idHash);
    expect(left).toHaveLength(2);
  });

  test('resetting the password gives a new one-time password and ends the administrator’s sessions', async () => {
    const admin = await adminSession();
    const { password } = await resetLocalAdminPassword(store().db, { actor: 'cli:test' });
    expect((await withCookie(admin.cookie, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await signIn({ password: NEW_PASSWORD })).statusCode).toBe(401);
    expect((await signIn({ password })).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await signIn({ password, newPassword: NEW_PASSWORD })).statusCode).toBe(200);
  });

  test('API tokens: created once (rrcu_ + 40 base62, stored as SHA-256), listed without the token, revoked → 401', async () => {
    const created = await t.server.inject({ method: 'POST', url: '/api/tokens', headers: await t.as('super_admin'), payload: { name: 'nightly export', role: 'auditor', expiresInDays: 30 } });
    expect(created.statusCode).toBe(201);
    const { token, item } = created.json<{ token: string; item: { id: string; prefix: string; role: string; expiresAt: string; createdBy: string | null } }>();
    expect(token).toMatch(/^rrcu_[0-9A-Za-z]{40}$/);
    expect(item).toMatchObject({ prefix: token.slice(0, 12), role: 'auditor', createdBy: null });
    expect(new Date(item.expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const [row] = await store().db.select().from(apiTokens).where(eq(apiTokens.id, item.id));
    expect(row!.tokenHash).toBe(sha256Hex(token));

    const listed = await t.server.inject({ method: 'GET', url: '/api/tokens', headers: await t.as('super_admin') });
    expect(listed.json().items).toContainEqual(expect.objectContaining({ id: item.id, name: 'nightly export', revokedAt: null }));
    expect(listed.body).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.server.inject({ method: 'GET', url: '/api/me', headers: bearer });
    expect(me.json()).toMatchObject({ user: { role: 'auditor', displayName: 'API token nightly export' }, via: 'token', csrfToken: null });
    const [used] = await store().db.select().from(apiTokens).where(eq(apiTokens.id, item.id));
    expect(used!.lastUsedAt).not.toBeNull();

    const revoked = await t.server.inject({ method: 'DELETE', url: `/api/tokens/${item.id}`, headers: await t.as('super_admin') });
    expect(revoked.statusCode).toBe(204);
    const after = await t.server.inject({ method: 'GET', url: '/api/me', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(await auditTypes(`token:${item.id}`)).toEqual(['api_token.created', 'api_token.revoked']);
    const unknown = await t.server.inject({ method: 'DELETE', url: '/api/tokens/00000000-0000-4000-8000-000000000000', headers: await t.as('super_admin') });
    expect(unknown.json().error.code).toBe('TOKEN_NOT_FOUND');
  });

  test("a token acts within its role only: an auditor's token may not manage users or tokens", async () => {
    const auditor = await t.as('auditor');
    expect((await t.server.inject({ method: 'GET', url: '/api/users', headers: auditor })).statusCode).toBe(403);
    expect((await t.server.inject({ method: 'GET', url: '/api/tokens', headers: auditor })).statusCode).toBe(403);
    const escalate = await t.server.inject({ method: 'POST', url: '/api/tokens', headers: auditor, payload: { name: 'escalate', role: 'super_admin' } });
    expect(escalate.statusCode).toBe(403);
    const person = await t.as('person');
    expect((await t.server.inject({ method: 'GET', url: '/api/me/access', headers: person })).json()).toMatchObject({ person: null, items: [] });
  });

  test('an expired token is 401; a wrong bearer does not fall back to a valid cookie; a malformed one is 401', async () => {
    const { token, item } = await (await import('../../src/server/auth/api-tokens.ts')).createApiToken(store().db, { name: 'short-lived', role: 'auditor', expiresInDays: 1 }, { actor: 'system', userId: null });
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
    const { cookieValue } = await createSession(store().db, user!.id, { idleMs: IDLE_MS });
    const mine = await t.server.inject({ method: 'GET', url: '/api/me/access', cookies: { rrcu_session: cookieValue } });
    expect(mine.statusCode).toBe(200);
    const body = mine.json<{ person: { email: string } | null; items: AccessRecord[] }>();
    expect(body.person?.email).toBe(email);
    expect(body.items.length).toBeGreaterThan(0);
    const theirs = await t.server.inject({ method: 'GET', url: `/api/access?person=${encodeURIComponent(email)}&limit=5000`, headers: await t.as('auditor') });
    const ids = (items: AccessRecord[]) => items.map((r) => r.grantId).sort((a, b) => a - b);
    expect(ids(body.items)).toEqual(ids(theirs.json<{ items: AccessRecord[] }>().items));
  });

  test('is empty, with no person, for a user whose email matches nobody', async () => {
    const [user] = await store().db.insert(appUsers).values({ subject: 'oidc:https://idp.example#nobody', email: 'nobody@example.com', displayName: 'Nobody' }).returning();
    const { cookieValue } = await createSession(store().db, user!.id, { idleMs: IDLE_MS });
    const res = await t.server.inject({ method: 'GET', url: '/api/me/access?at=2020-01-01T00:00:00Z', cookies: { rrcu_session: cookieValue } });
    expect(res.json()).toEqual({ at: '2020-01-01T00:00:00.000Z', person: null, items: [] });
  });
});
