import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSession, type AppRole } from '../../src/identity/index.ts';
import { appUsers } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

/**
 * `sessions`: every signed-in person, from a browser session only; an API token of any role is refused.
 * `slack-signed`: public, but only Slack's requests signed with the Slack app's signing secret pass; no
 * session or token does (test/server/slack-interactions.store.test.ts signs them).
 */
type Level = 'anyone' | 'signed-in' | 'sessions' | 'readers' | 'operators' | 'admins' | 'slack-signed';

/**
 * Who may call what: the specification this test holds every route to. A route missing here (or listed
 * here but gone) fails the test, so a new route cannot ship without a decision about its callers.
 */
const RBAC: Record<string, Level> = {
  'GET /api/health': 'anyone',
  'GET /api/auth/methods': 'anyone',
  'POST /api/auth/local': 'anyone',
  'GET /api/auth/oidc/login': 'anyone',
  'GET /api/auth/oidc/callback': 'anyone',
  'POST /api/auth/logout': 'signed-in',
  'POST /api/auth/logout-everywhere': 'signed-in',
  'GET /api/me': 'signed-in',
  'GET /api/me/access': 'signed-in',
  'GET /api/me/inbox': 'signed-in',
  'POST /api/me/inbox/:id/read': 'signed-in',
  'POST /api/me/inbox/read-all': 'signed-in',
  'GET /api/me/notification-preferences': 'signed-in',
  'PUT /api/me/notification-preferences': 'signed-in',
  'GET /api/notifications/kinds': 'signed-in',
  'GET /api/notifications/channels': 'admins',
  'POST /api/notifications/channels': 'admins',
  'GET /api/notifications/channels/:id': 'admins',
  'PATCH /api/notifications/channels/:id': 'admins',
  'DELETE /api/notifications/channels/:id': 'admins',
  'POST /api/notifications/channels/:id/test': 'admins',
  'GET /api/notifications/deliveries': 'admins',
  'POST /api/notifications/deliveries/:id/retry': 'admins',
  'GET /api/users': 'admins',
  'POST /api/users': 'admins',
  'POST /api/users/:id/reset-password': 'admins',
  'PATCH /api/users/:id': 'admins',
  'POST /api/users/:id/revoke-sessions': 'admins',
  'GET /api/tokens': 'sessions',
  'POST /api/tokens': 'sessions',
  'DELETE /api/tokens/:id': 'sessions',
  'GET /api/connectors': 'readers',
  'POST /api/connectors': 'operators',
  'GET /api/connectors/:id': 'readers',
  'PATCH /api/connectors/:id': 'operators',
  'DELETE /api/connectors/:id': 'operators',
  'POST /api/connectors/:id/purge': 'admins',
  'GET /api/connectors/:id/setup': 'readers',
  'POST /api/connectors/:id/test': 'operators',
  'POST /api/connectors/:id/sync': 'operators',
  'GET /api/syncs': 'readers',
  'GET /api/syncs/schedule': 'readers',
  'GET /api/syncs/:id': 'readers',
  'GET /api/syncs/:id/diff': 'readers',
  'GET /api/access': 'readers',
  'GET /api/access.csv': 'readers',
  'GET /api/search': 'readers',
  'GET /api/people': 'readers',
  'GET /api/people/:id': 'readers',
  'GET /api/owners': 'readers',
  'POST /api/owners': 'operators',
  'POST /api/owners/:id/remove': 'operators',
  'GET /api/privileged-marks': 'readers',
  'POST /api/privileged-marks': 'operators',
  'POST /api/privileged-marks/:id/unmark': 'operators',
  'POST /api/tasks': 'operators',
  'GET /api/tasks': 'readers',
  'GET /api/tasks/:id': 'readers',
  'GET /api/reviews': 'readers',
  'POST /api/reviews': 'operators',
  'POST /api/reviews/preview': 'operators',
  'GET /api/reviews/:id': 'readers',
  'POST /api/reviews/:id/launch': 'operators',
  'POST /api/reviews/:id/advance': 'operators',
  'POST /api/reviews/:id/close': 'operators',
  'GET /api/reviews/:id/items': 'readers',
  'GET /api/reviews/:id/statistics': 'readers',
  'GET /api/reviews/:id/export.json': 'readers',
  'GET /api/reviews/:id/export.csv': 'readers',
  'POST /api/reviews/:id/reassign': 'operators',
  // And a person holding a current review item (test/server/reviews-api): `as('person')` holds none.
  'GET /api/reviews/people': 'readers',
  'GET /api/me/reviews': 'signed-in',
  'GET /api/review-items/:id': 'signed-in',
  'GET /api/review-items/:id/holder-access': 'signed-in',
  'POST /api/review-items/:id/remediation/retry': 'operators',
  'POST /api/review-items/:id/remediation/done': 'operators',
  'POST /api/review-items/:id/decision': 'signed-in',
  'POST /api/me/reviews/bulk-decision': 'signed-in',
  'POST /api/me/reviews/delegate': 'signed-in',
  'GET /api/request-policies': 'readers',
  'GET /api/request-policies/:id': 'readers',
  'PUT /api/request-policies': 'operators',
  'POST /api/request-policies/preview': 'operators',
  'POST /api/request-policies/:id/archive': 'operators',
  // Every person requests and reads their own; which request a person may see or decide is the service's rule (test/server/requests-api).
  'GET /api/requests/requestable': 'signed-in',
  'POST /api/requests': 'signed-in',
  'GET /api/requests': 'signed-in',
  'GET /api/requests/:id': 'signed-in',
  'POST /api/requests/:id/approve': 'signed-in',
  'POST /api/requests/:id/deny': 'signed-in',
  'POST /api/requests/:id/cancel': 'signed-in',
  'POST /api/requests/:id/revoke': 'signed-in',
  'POST /api/requests/:id/extend': 'signed-in',
  'POST /api/requests/:id/post-hoc-review': 'signed-in',
  'GET /api/audit': 'readers',
  'GET /api/audit/verify': 'readers',
  'GET /api/evidence/public-key': 'readers',
  'GET /api/evidence/kinds': 'readers',
  'POST /api/evidence/packs': 'readers',
  'GET /api/evidence/packs': 'readers',
  'GET /api/evidence/packs/:id': 'readers',
  'GET /api/evidence/packs/:id/download': 'readers',
  'POST /api/slack/interactions': 'slack-signed',
};

const ROLES_BY_LEVEL: Record<Level, readonly (AppRole | 'anonymous')[]> = {
  anyone: ['anonymous', 'person', 'auditor', 'connector_admin', 'super_admin'],
  'signed-in': ['person', 'auditor', 'connector_admin', 'super_admin'],
  // Through `as(role)`, every caller here is a token: none passes (the session is checked below).
  sessions: [],
  readers: ['auditor', 'connector_admin', 'super_admin'],
  operators: ['connector_admin', 'super_admin'],
  admins: ['super_admin'],
  'slack-signed': [],
};

const CALLERS = ['anonymous', 'person', 'auditor', 'connector_admin', 'super_admin'] as const;

/** Bodies that pass validation, where `{}` would be refused before the check this test is about. */
const VALID_BODIES: Record<string, object> = { 'POST /api/tokens': { name: 'rbac', role: 'person' } };
const VALID_QUERIES: Record<string, string> = { 'GET /api/reviews/people': '?search=ab' };

describeStore('RBAC over every API route', (store) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(store());
  });
  afterAll(async () => {
    await t?.close();
  });

  test('every API route is in the table, and every table entry is a route', () => {
    const served = t.routes.filter((r) => !r.url.startsWith('/api/docs')).map((r) => `${r.method} ${r.url}`);
    expect([...served].sort()).toEqual(Object.keys(RBAC).sort());
  });

  test('the API docs are public and describe the routes (OpenAPI 3)', async () => {
    const res = await t.server.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/connectors/{id}');
    // Served over plain http inside a network too: its policy must not upgrade requests to https.
    const first = await t.server.inject({ method: 'GET', url: '/api/docs' });
    const page = first.statusCode === 302 ? await t.server.inject({ method: 'GET', url: String(first.headers.location) }) : first;
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
    expect(page.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  test('every answer carries the security headers', async () => {
    const res = await t.server.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN' });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  test.each(Object.entries(RBAC))('%s: allowed for its level (%s), refused for everyone else', async (route, level) => {
    const [method, url] = route.split(' ') as [string, string];
    // Ids that exist nowhere: an allowed caller gets past the role check (then 400/404), a refused one never does.
    const path = url.replaceAll(':id', '00000000-0000-4000-8000-000000000000') + (VALID_QUERIES[route] ?? '');
    const outcome: Record<string, number> = {};
    for (const caller of CALLERS) {
      const headers = caller === 'anonymous' ? {} : await t.as(caller);
      const res = await t.server.inject({
        method: method as 'GET',
        url: path,
        headers,
        ...(method === 'GET' || method === 'DELETE' ? {} : { payload: VALID_BODIES[route] ?? {} }),
      });
      outcome[caller] = res.statusCode;
    }
    const allowed = ROLES_BY_LEVEL[level];
    for (const caller of CALLERS) {
      if (allowed.includes(caller)) {
        expect([401, 403], `${route} as ${caller} should pass the role check, got ${outcome[caller]}`).not.toContain(outcome[caller]);
      } else {
        expect(outcome[caller], `${route} as ${caller}`).toBe(caller === 'anonymous' || level === 'slack-signed' ? 401 : 403);
      }
    }
  });

  test.each(Object.entries(RBAC).filter(([, level]) => level === 'sessions'))('%s: a signed-in session of a person passes', async (route) => {
    const [method, url] = route.split(' ') as [string, string];
    const [user] = await t.store.db.insert(appUsers).values({ subject: `oidc:https://idp.example#${route}`, email: `${method.toLowerCase()}@rbac.example`, displayName: route, role: 'person' }).returning();
    const session = await createSession(t.store.db, user!.id, { idleMs: 3_600_000, maxMs: 86_400_000 });
    const me = await t.server.inject({ method: 'GET', url: '/api/me', cookies: { rrcu_session: session.cookieValue } });
    const res = await t.server.inject({
      method: method as 'GET',
      url: url.replaceAll(':id', '00000000-0000-4000-8000-000000000000'),
      cookies: { rrcu_session: session.cookieValue },
      headers: { 'x-csrf-token': me.json<{ csrfToken: string }>().csrfToken },
      ...(method === 'GET' || method === 'DELETE' ? {} : { payload: VALID_BODIES[route] ?? {} }),
    });
    expect([401, 403], `${route} from a session, got ${res.statusCode}`).not.toContain(res.statusCode);
  });
});
