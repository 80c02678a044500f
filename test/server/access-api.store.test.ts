import { afterAll, beforeAll, expect, test } from 'vitest';
import { ACCESS_CSV_COLUMNS, type AccessRecord } from '../../src/access/index.ts';
import { exportGroundTruth, type GroundTruth } from '../../src/aws-sim/index.ts';
import { expectedGrants } from '../../harness/ground-truth-grants.ts';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

/** A grant as one line, in the words of expectedGrants, so the API's answer compares with the simulator's. */
function line(r: AccessRecord): string {
  return r.entitlement === 'member'
    ? `${r.principalType}:${r.principalId} member of ${r.resourceType}:${r.resourceId}`
    : `${r.principalType}:${r.principalId} ${r.entitlementKey.slice(r.entitlementKey.indexOf('#') + 1)} on ${r.resourceType}:${r.resourceId}${r.via ? ` via ${r.via}` : ''}`;
}

const CSV_TRAP = '=1+2 Payments';

/** The totals of rows, counted as the explorer shows them, to compare with the server's. */
function totalsOf(rows: AccessRecord[]) {
  const distinct = (key: (r: AccessRecord) => string) => new Set(rows.map(key)).size;
  const viaGroup = rows.filter((r) => r.via !== null).length;
  return {
    grants: rows.length,
    principals: distinct((r) => `${r.principalType}:${r.principalId}`),
    resources: distinct((r) => `${r.resourceType}:${r.resourceId}`),
    entitlements: distinct((r) => `${r.resourceType}:${r.entitlement ?? ''}`),
    direct: rows.length - viaGroup,
    viaGroup,
  };
}

describeStore('access, search and people over HTTP', (store) => {
  let t: TestServer;
  let truth: GroundTruth;
  let expected: string[];
  let beforeFirstSync: Date;
  let firstSyncStarted: Date;
  /** An Identity Center user who holds an assignment through a group, and that group. */
  let person: { userId: string; email: string; groupId: string };
  const get = async (url: string) => t.server.inject({ method: 'GET', url, headers: await t.as('auditor') });

  beforeAll(async () => {
    t = await startTestServer(store(), { sim: { seed: 17, accounts: 2, users: 14, groups: 3, permissionSets: 3, iamUsersPerAccount: 2 }, workers: true });
    const ic = t.sim!.world.state.identityCenter!;
    const held = exportGroundTruth(t.sim!.world.state).effectiveAssignments.find((e) => e.via !== null)!;
    const user = ic.users.get(held.userId)!;
    person = { userId: held.userId, email: user.emails[0]!.value.toLowerCase(), groupId: held.via! };
    // A name a spreadsheet would run as a formula, reaching the CSV as the person's group.
    ic.groups.get(person.groupId)!.displayName = CSV_TRAP;
    beforeFirstSync = new Date();
    const outcome = await t.app.syncs.runNow(t.connector!.id, 'system');
    expect(outcome.run.status).toBe('succeeded');
    firstSyncStarted = outcome.run.startedAt;
    truth = exportGroundTruth(t.sim!.world.state);
    expected = expectedGrants(truth, true);
  });
  afterAll(async () => {
    await t?.close();
  });

  test('access by person, account, group and permission set equals the simulator’s ground truth', async () => {
    const people = await get(`/api/search?q=${encodeURIComponent(person.email)}`);
    const match = people.json<{ items: { kind: string; value: string }[] }>().items.find((i) => i.kind === 'person');
    expect(match?.value).toBe(person.email);

    // The person: everything held by the principals that are theirs (the Identity Center user among them).
    const personRes = await get(`/api/people?q=${encodeURIComponent(person.email)}`);
    const [p] = personRes.json<{ items: { id: string; principals: { resourceType: string; externalId: string }[] }[] }>().items;
    expect(p!.principals).toContainEqual(expect.objectContaining({ resourceType: 'sso_user', externalId: person.userId }));
    const own = p!.principals.map((x) => `${x.resourceType}:${x.externalId} `);
    const byPerson = await get(`/api/access?person=${encodeURIComponent(person.email)}&limit=5000`);
    expect(byPerson.statusCode).toBe(200);
    const personAnswer = byPerson.json<{ total: number; items: AccessRecord[] }>();
    expect(personAnswer.items.map(line).sort()).toEqual(expected.filter((l) => own.some((o) => l.startsWith(o))));
    expect(personAnswer.total).toBe(personAnswer.items.length);
    expect(personAnswer.items.some((r) => r.via === person.groupId && r.viaName === CSV_TRAP)).toBe(true);

    const accountId = truth.effectiveAssignments[0]!.accountId;
    const byAccount = (await get(`/api/access?account=${accountId}&limit=5000`)).json<{ items: AccessRecord[] }>();
    expect(byAccount.items.map(line).sort()).toEqual(expected.filter((l) => l.includes(` on account:${accountId}`)));

    const byGroup = (await get(`/api/access?group=${person.groupId}`)).json<{ items: AccessRecord[] }>();
    expect(byGroup.items.map(line).sort()).toEqual(expected.filter((l) => l.endsWith(` member of sso_group:${person.groupId}`)));
    expect(byGroup.items.length).toBeGreaterThan(0);

    const ps = truth.identityCenter!.permissionSets.find((x) => truth.effectiveAssignments.some((e) => e.permissionSetArn === x.arn))!;
    const byPermissionSet = (await get(`/api/access?permissionSet=${encodeURIComponent(ps.name)}&limit=5000`)).json<{ items: AccessRecord[] }>();
    expect(byPermissionSet.items.map(line).sort()).toEqual(expected.filter((l) => l.includes(` ${ps.arn} on `)));
  });

  test('a principal given by its email answers as by its id (the names grant and revoke take)', async () => {
    const byId = (await get(`/api/access?principal=${person.userId}&limit=5000`)).json<{ items: AccessRecord[] }>().items;
    expect(byId.length).toBeGreaterThan(0);
    const byEmail = await get(`/api/access?principal=${encodeURIComponent(person.email.toUpperCase())}&limit=5000`);
    expect(byEmail.statusCode).toBe(200);
    expect(byEmail.json<{ items: AccessRecord[] }>().items).toEqual(byId);
  });

  test('limit and offset page through the answer; total and totals count all of it, not the page', async () => {
    type Answer = { total: number; totals: Record<string, number>; items: AccessRecord[] };
    const all = (await get('/api/access?limit=5000')).json<Answer>();
    expect(all.total).toBe(expected.length);
    expect(all.totals).toEqual(totalsOf(all.items));
    const page = (await get('/api/access?limit=3&offset=2')).json<Answer>();
    expect(page.total).toBe(all.total);
    expect(page.items).toEqual(all.items.slice(2, 5));
    // Before: the web counted the rows it had loaded ("7 accounts" of 21); the server counts the whole answer.
    expect(page.totals).toEqual(all.totals);
    expect(page.totals.resources).toBeGreaterThan(totalsOf(page.items).resources);
    const accountId = truth.effectiveAssignments[0]!.accountId;
    const byAccount = (await get(`/api/access?account=${accountId}&limit=5000`)).json<Answer>();
    expect((await get(`/api/access?account=${accountId}&limit=1&offset=10000`)).json<Answer>()).toMatchObject({ total: byAccount.total, totals: totalsOf(byAccount.items), items: [] });
  });

  test('before the first sync there is no access, and the answer says when history starts', async () => {
    const at = encodeURIComponent(beforeFirstSync.toISOString());
    const everything = await get(`/api/access?at=${at}`);
    const none = { grants: 0, principals: 0, resources: 0, entitlements: 0, direct: 0, viaGroup: 0 };
    expect(everything.json()).toEqual({ at: beforeFirstSync.toISOString(), total: 0, totals: none, firstSyncAt: firstSyncStarted.toISOString(), items: [] });
    expect((await get(`/api/access?at=${at}&person=${encodeURIComponent(person.email)}`)).json()).toMatchObject({ total: 0, items: [], firstSyncAt: firstSyncStarted.toISOString() });
    expect((await get(`/api/access?connectorId=${t.connector!.id}`)).json()).toMatchObject({ firstSyncAt: firstSyncStarted.toISOString() });
  });

  test('an unknown name is a 404 with a fix; a bad instant is a 400 naming the field', async () => {
    const unknown = await get('/api/access?account=no-such-account');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringContaining('no-such-account'), fix: expect.any(String) } });
    const badAt = await get('/api/access?at=yesterday');
    expect(badAt.statusCode).toBe(400);
    expect(badAt.json().error.fields).toContainEqual(expect.objectContaining({ field: 'querystring.at' }));
  });

  test('the CSV download has the header row, every grant, and defuses a cell starting with =', async () => {
    const res = await get(`/api/access.csv?person=${encodeURIComponent(person.email)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="rrcu-access-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(ACCESS_CSV_COLUMNS.join(','));
    const json = (await get(`/api/access?person=${encodeURIComponent(person.email)}&limit=5000`)).json<{ total: number }>();
    expect(lines.length - 1).toBe(json.total);
    expect(res.body).toContain(`'${CSV_TRAP}`);
    expect(lines.some((l) => l.split(',').some((cell) => cell.startsWith('=')))).toBe(false);
  });

  test('search finds a person by part of their email and an account by name; people are listed with their principals', async () => {
    const fragment = person.email.slice(0, person.email.indexOf('@') + 3);
    const hits = (await get(`/api/search?q=${encodeURIComponent(fragment.toUpperCase())}`)).json<{ items: { kind: string; value: string }[] }>().items;
    expect(hits).toContainEqual(expect.objectContaining({ kind: 'person', value: person.email }));
    const account = truth.accounts.find((a) => a.id !== truth.managementAccountId)!;
    expect((await get(`/api/search?q=${encodeURIComponent(account.name)}`)).json().items).toContainEqual(expect.objectContaining({ kind: 'account', value: account.id, label: account.name }));
    expect((await get('/api/search?q=')).statusCode).toBe(400);

    const list = (await get('/api/people?limit=1000')).json<{ items: { id: string; email: string | null; principals: unknown[] }[] }>().items;
    expect(list.length).toBeGreaterThanOrEqual(truth.identityCenter!.users.length);
    const one = list.find((x) => x.email === person.email)!;
    expect((await get(`/api/people/${one.id}`)).json()).toEqual(one);
    const missing = await get('/api/people/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('PERSON_NOT_FOUND');
  });

  test('reading access takes a reader role', async () => {
    const res = await t.server.inject({ method: 'GET', url: '/api/access', headers: await t.as('person') });
    expect(res.statusCode).toBe(403);
    expect((await t.server.inject({ method: 'GET', url: '/api/search?q=a' })).statusCode).toBe(401);
  });
});
