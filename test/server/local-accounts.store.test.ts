/**
 * Local accounts a Super Administrator creates, for an RRCU without an identity provider: each starts with a
 * one-time password shown once and replaced at the first sign-in, and lives under the rules of every user
 * (role, sessions, disabling, audit). With an IdP configured they are off, and cannot be created.
 */
import { asc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { UserView } from '../../src/identity/index.ts';
import { appUsers, auditEvents } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

type Created = { user: UserView; oneTimePassword: string };

const OWN_PASSWORD = 'an auditor’s own passphrase';

describeStore('local accounts created by a Super Administrator', (store) => {
  let t: TestServer;
  let address = 0;

  beforeAll(async () => {
    t = await startTestServer(store());
  });
  afterAll(async () => {
    await t?.close();
  });

  // Each sign-in from its own address: the failures these tests provoke on purpose never add up in the limiter.
  const signIn = (body: { username: string; password: string; newPassword?: string }) =>
    t.server.inject({ method: 'POST', url: '/api/auth/local', payload: body, remoteAddress: `10.20.0.${++address}` });
  const sessionOf = (res: LightMyRequestResponse) => ({
    cookie: res.cookies.find((c) => c.name === 'rrcu_session')!.value,
    csrf: res.json<{ csrfToken: string }>().csrfToken,
  });
  const withSession = (s: { cookie: string; csrf: string }, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.server.inject({ method, url, cookies: { rrcu_session: s.cookie }, headers: { 'x-csrf-token': s.csrf }, ...(payload ? { payload } : {}) });
  const asSuperAdmin = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.server.inject({ method, url, headers: await t.as('super_admin'), ...(payload ? { payload } : {}) });
  const create = async (body: Record<string, string>): Promise<Created> => {
    const res = await asSuperAdmin('POST', '/api/users', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Created>();
  };
  /** A local user who has replaced the one-time password, with a live session. */
  const signedInLocalUser = async (username: string, role: string) => {
    const { user, oneTimePassword } = await create({ username, role });
    const res = await signIn({ username, password: oneTimePassword, newPassword: OWN_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    return { user, oneTimePassword, session: sessionOf(res) };
  };
  const auditTypes = async (userId: string) =>
    (await store().db.select({ type: auditEvents.type }).from(auditEvents).where(eq(auditEvents.subject, `user:${userId}`)).orderBy(asc(auditEvents.seq))).map((e) => e.type);

  test('an auditor created by a Super Administrator signs in with the one-time password, must replace it, then reads as an auditor and nothing more', async () => {
    const { user, oneTimePassword } = await create({ username: 'audrey', displayName: 'Audrey Auditor', email: 'Audrey@Example.com', role: 'auditor' });
    expect(oneTimePassword).toMatch(/^[0-9A-Za-z]{24}$/);
    expect(user).toMatchObject({ subject: 'local:audrey', username: 'audrey', displayName: 'Audrey Auditor', email: 'audrey@example.com', role: 'auditor', mustChangePassword: true, activeSessions: 0 });

    const mustChange = await signIn({ username: 'audrey', password: oneTimePassword });
    expect(mustChange.statusCode).toBe(403);
    expect(mustChange.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const signedIn = await signIn({ username: 'audrey', password: oneTimePassword, newPassword: OWN_PASSWORD });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ user: { id: user.id, role: 'auditor', roleLabel: 'Auditor', email: 'audrey@example.com' }, via: 'session' });
    const session = sessionOf(signedIn);

    expect((await withSession(session, 'GET', '/api/audit')).statusCode).toBe(200);
    expect((await withSession(session, 'GET', '/api/syncs')).statusCode).toBe(200);
    expect((await withSession(session, 'GET', '/api/users')).statusCode).toBe(403);
    expect((await withSession(session, 'POST', '/api/users', { username: 'escalate', role: 'super_admin' })).statusCode).toBe(403);
    expect((await withSession(session, 'POST', `/api/users/${user.id}/reset-password`)).statusCode).toBe(403);
    expect((await withSession(session, 'POST', '/api/connectors', {})).statusCode).toBe(403);

    // The one-time password is spent, and was never kept or repeated anywhere.
    expect((await signIn({ username: 'audrey', password: oneTimePassword })).statusCode).toBe(401);
    const listed = await asSuperAdmin('GET', '/api/users');
    expect(listed.json<{ items: UserView[] }>().items).toContainEqual(expect.objectContaining({ id: user.id, mustChangePassword: false, activeSessions: 1 }));
    expect(listed.body).not.toContain(oneTimePassword);
    expect((await asSuperAdmin('GET', '/api/audit?limit=500')).body).not.toContain(oneTimePassword);
    expect(JSON.stringify(await store().db.select().from(auditEvents))).not.toContain(oneTimePassword);
    const [row] = await store().db.select().from(appUsers).where(eq(appUsers.id, user.id));
    expect(row!.passwordHash).toMatch(/^scrypt\$/);
    expect(row!.passwordHash).not.toContain(oneTimePassword);
    expect(await auditTypes(user.id)).toEqual(['user.created', 'auth.password_changed', 'auth.signed_in', 'auth.sign_in_failed']);
    const [createdEvent] = await store().db.select().from(auditEvents).where(eq(auditEvents.type, 'user.created'));
    expect(createdEvent).toMatchObject({ actor: expect.stringMatching(/^token:/), data: { subject: 'local:audrey', email: 'audrey@example.com', role: 'auditor' } });
  });

  test.each([
    ['an upper-case letter in the username', { username: 'Bob', role: 'auditor' }, 'body.username'],
    ['a space in the username', { username: 'bob smith', role: 'auditor' }, 'body.username'],
    ['an empty username', { username: '', role: 'auditor' }, 'body.username'],
    ['a username of 65 characters', { username: 'b'.repeat(65), role: 'auditor' }, 'body.username'],
    ['the local administrator’s username', { username: 'admin', role: 'auditor' }, 'body.username'],
    ['a NUL character in the username', { username: 'bob\u0000', role: 'auditor' }, 'body.username'],
    ['no role', { username: 'bob' }, 'body.role'],
    ['an unknown role', { username: 'bob', role: 'root' }, 'body.role'],
    ['a malformed email', { username: 'bob', role: 'auditor', email: 'bob-at-example' }, 'body.email'],
  ])('a new user with %s is refused with a 400 naming the field', async (_what, body, field) => {
    const res = await asSuperAdmin('POST', '/api/users', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { field: string }) => f.field)).toEqual([field]);
  });

  test('a taken username is 409, and the first user keeps their password', async () => {
    const first = await create({ username: 'carl.o-k_1', role: 'person' });
    const again = await asSuperAdmin('POST', '/api/users', { username: 'carl.o-k_1', role: 'super_admin' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'LOCAL_USER_EXISTS', message: expect.stringContaining('"carl.o-k_1"') });
    expect((await signIn({ username: 'carl.o-k_1', password: first.oneTimePassword })).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  test('a disabled local user cannot sign in, and their sessions end', async () => {
    const { user, session } = await signedInLocalUser('dina', 'connector_admin');
    expect((await withSession(session, 'GET', '/api/me')).statusCode).toBe(200);
    const disabled = await asSuperAdmin('PATCH', `/api/users/${user.id}`, { disabled: true });
    expect(disabled.json()).toMatchObject({ disabled: true, activeSessions: 0 });
    expect((await withSession(session, 'GET', '/api/me')).statusCode).toBe(401);
    const refused = await signIn({ username: 'dina', password: OWN_PASSWORD });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toContain('disabled');
    expect(refused.cookies.find((c) => c.name === 'rrcu_session')).toBeUndefined();
    await asSuperAdmin('PATCH', `/api/users/${user.id}`, { disabled: false });
    expect((await signIn({ username: 'dina', password: OWN_PASSWORD })).statusCode).toBe(200);
  });

  test('a reset gives a new one-time password once: the old password fails and the user’s sessions end', async () => {
    const { user, oneTimePassword: first, session } = await signedInLocalUser('eve', 'auditor');
    const reset = await asSuperAdmin('POST', `/api/users/${user.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    const { oneTimePassword, user: after } = reset.json<Created>();
    expect(oneTimePassword).toMatch(/^[0-9A-Za-z]{24}$/);
    expect(oneTimePassword).not.toBe(first);
    expect(after).toMatchObject({ id: user.id, mustChangePassword: true, activeSessions: 0 });

    expect((await withSession(session, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await signIn({ username: 'eve', password: OWN_PASSWORD })).statusCode).toBe(401);
    expect((await signIn({ username: 'eve', password: oneTimePassword })).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await signIn({ username: 'eve', password: oneTimePassword, newPassword: 'yet another passphrase' })).statusCode).toBe(200);

    expect(await auditTypes(user.id)).toContain('auth.password_reset');
    expect((await asSuperAdmin('GET', '/api/users')).body).not.toContain(oneTimePassword);
    expect(JSON.stringify(await store().db.select().from(auditEvents))).not.toContain(oneTimePassword);
  });

  test('a reset is refused for an IdP user, for oneself, and for an unknown id', async () => {
    const [idpUser] = await store().db.insert(appUsers).values({ subject: 'oidc:https://idp.example#fred', email: 'fred@example.com', displayName: 'Fred' }).returning();
    const notLocal = await asSuperAdmin('POST', `/api/users/${idpUser!.id}/reset-password`);
    expect(notLocal.statusCode).toBe(400);
    expect(notLocal.json().error.code).toBe('NOT_A_LOCAL_USER');

    const { user, session } = await signedInLocalUser('gina', 'super_admin');
    const own = await withSession(session, 'POST', `/api/users/${user.id}/reset-password`);
    expect(own.statusCode).toBe(400);
    expect(own.json().error.code).toBe('CANNOT_RESET_OWN_PASSWORD');
    expect((await withSession(session, 'GET', '/api/me')).statusCode).toBe(200);

    expect((await asSuperAdmin('POST', '/api/users/00000000-0000-4000-8000-000000000000/reset-password')).statusCode).toBe(404);
  });

  test('only a Super Administrator may create local users or reset passwords', async () => {
    const { user } = await create({ username: 'hana', role: 'person' });
    for (const role of ['person', 'auditor', 'connector_admin'] as const) {
      const headers = await t.as(role);
      const created = await t.server.inject({ method: 'POST', url: '/api/users', headers, payload: { username: `by-${role}`, role: 'super_admin' } });
      expect(created.statusCode).toBe(403);
      const reset = await t.server.inject({ method: 'POST', url: `/api/users/${user.id}/reset-password`, headers });
      expect(reset.statusCode).toBe(403);
    }
    const made = await store().db.select().from(appUsers).where(eq(appUsers.subject, 'local:by-auditor'));
    expect(made).toEqual([]);
  });
});

describeStore('local accounts with an identity provider configured', (store) => {
  let before: TestServer;
  let t: TestServer;
  let local: Created;
  let adminId: string;

  beforeAll(async () => {
    // Made while RRCU had no IdP; then the IdP is configured.
    before = await startTestServer(store());
    await before.app.identity.ensureLocalAdmin();
    local = (await before.server.inject({ method: 'POST', url: '/api/users', headers: await before.as('super_admin'), payload: { username: 'ivan', role: 'auditor' } })).json<Created>();
    await before.close();
    t = await startTestServer(store(), { config: { oidcIssuer: 'https://idp.example', oidcClientId: 'rrcu' } });
    [{ id: adminId }] = (await store().db.select({ id: appUsers.id }).from(appUsers).where(eq(appUsers.subject, 'local:admin'))) as [{ id: string }];
  });
  afterAll(async () => {
    await t?.close();
  });

  test('creating a local user is refused, saying sign-in goes through the IdP', async () => {
    const res = await t.server.inject({ method: 'POST', url: '/api/users', headers: await t.as('super_admin'), payload: { username: 'jane', role: 'auditor' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'LOCAL_SIGN_IN_DISABLED', message: expect.stringContaining('https://idp.example'), fix: expect.stringContaining('IdP') });
    expect(await store().db.select().from(appUsers).where(eq(appUsers.subject, 'local:jane'))).toEqual([]);
  });

  test('local sign-in stays off, for local users and the local administrator alike', async () => {
    const res = await t.server.inject({ method: 'POST', url: '/api/auth/local', payload: { username: 'ivan', password: local.oneTimePassword } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('LOCAL_SIGN_IN_DISABLED');
    const admin = await t.server.inject({ method: 'POST', url: '/api/auth/local', payload: { username: 'admin', password: 'whatever it is' } });
    expect(admin.json().error.code).toBe('LOCAL_SIGN_IN_DISABLED');
    expect((await t.server.inject({ method: 'GET', url: '/api/auth/methods' })).json()).toMatchObject({ local: false, oidc: { issuer: 'https://idp.example' } });
  });

  test("resetting a local user's password is refused, but the local administrator's (the way back in) is not", async () => {
    const headers = await t.as('super_admin');
    const refused = await t.server.inject({ method: 'POST', url: `/api/users/${local.user.id}/reset-password`, headers });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('LOCAL_SIGN_IN_DISABLED');
    const admin = await t.server.inject({ method: 'POST', url: `/api/users/${adminId}/reset-password`, headers });
    expect(admin.statusCode).toBe(200);
    expect(admin.json<Created>().user).toMatchObject({ username: 'admin', mustChangePassword: true });
  });
});
