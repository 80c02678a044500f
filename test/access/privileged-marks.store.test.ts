import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AccessRecord, PrivilegedMarkView } from '../../src/access/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

type Access = { total: number; items: AccessRecord[] };

describeStore('privileged marks', (store) => {
  let t: TestServer;
  /** A group membership: never assessed by the sync (privileged null), so only a mark makes it privileged. */
  let member: AccessRecord;
  const as = async (role: 'auditor' | 'connector_admin' | 'person') => t.as(role);
  const get = async (url: string) => t.server.inject({ method: 'GET', url, headers: await as('auditor') });
  const post = async (url: string, payload: object, role: 'auditor' | 'connector_admin' | 'person' = 'connector_admin') =>
    t.server.inject({ method: 'POST', url, payload, headers: await as(role) });
  const privilegedAt = async (at?: string) => (await get(`/api/access?privileged=true&limit=5000${at ? `&at=${encodeURIComponent(at)}` : ''}`)).json<Access>().items;

  beforeAll(async () => {
    t = await startTestServer(store(), { sim: { seed: 31, accounts: 2, users: 6, groups: 2, permissionSets: 2 }, workers: true });
    expect((await t.app.syncs.runNow(t.connector!.id, 'system')).run.status).toBe('succeeded');
    const all = (await get('/api/access?limit=5000')).json<Access>().items;
    member = all.find((r) => r.entitlement === 'member' && r.privileged === null)!;
    expect(member).toBeDefined();
  });
  afterAll(async () => {
    await t?.close();
  });

  test('a marked entitlement is privileged under the filter with who and why; unmarking keeps the mark as history; each is an audit event', async () => {
    const before = new Date().toISOString();
    expect((await privilegedAt()).some((r) => r.entitlementKey === member.entitlementKey)).toBe(false);

    const marked = await post('/api/privileged-marks', { connectorId: member.connectorId, entitlementKey: member.entitlementKey, reason: 'break-glass group' });
    expect(marked.statusCode).toBe(201);
    const mark = marked.json<PrivilegedMarkView>();
    expect(mark).toMatchObject({ entitlementKey: member.entitlementKey, reason: 'break-glass group', markedByName: 'API token “test connector_admin”', unmarkedAt: null });

    const rows = (await privilegedAt()).filter((r) => r.entitlementKey === member.entitlementKey);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.privileged).toBe(true);
      expect(r.privilegedReasons).toEqual(['marked by API token “test connector_admin”: break-glass group']);
      expect(r.privilegedMark).toMatchObject({ id: mark.id, reason: 'break-glass group' });
    }
    // One active mark per entitlement.
    expect((await post('/api/privileged-marks', { connectorId: member.connectorId, entitlementKey: member.entitlementKey, reason: 'again' })).statusCode).toBe(409);

    const unmarked = await post(`/api/privileged-marks/${mark.id}/unmark`, { reason: 'group retired' });
    expect(unmarked.statusCode).toBe(200);
    const ended = unmarked.json<PrivilegedMarkView>();
    expect(ended).toMatchObject({ id: mark.id, unmarkReason: 'group retired', unmarkedByName: 'API token “test connector_admin”' });
    expect((await post(`/api/privileged-marks/${mark.id}/unmark`, { reason: 'twice' })).statusCode).toBe(409);
    expect((await privilegedAt()).some((r) => r.entitlementKey === member.entitlementKey)).toBe(false);

    const active = (await get(`/api/privileged-marks?connectorId=${member.connectorId}`)).json<{ items: PrivilegedMarkView[] }>().items;
    expect(active.some((m) => m.id === mark.id)).toBe(false);
    const history = (await get(`/api/privileged-marks?connectorId=${member.connectorId}&history=true`)).json<{ items: PrivilegedMarkView[] }>().items;
    expect(history.find((m) => m.id === mark.id)).toEqual(ended);

    // As of a past instant, the marks of that instant: while marked, privileged; before it, not.
    const whileMarked = new Date(Date.parse(ended.unmarkedAt!) - 1).toISOString();
    expect((await privilegedAt(whileMarked)).filter((r) => r.entitlementKey === member.entitlementKey)).toHaveLength(rows.length);
    expect((await privilegedAt(before)).some((r) => r.entitlementKey === member.entitlementKey)).toBe(false);

    const events = (await get(`/api/audit?subject=${encodeURIComponent(`privileged_mark:${mark.id}`)}`)).json<{ items: { type: string; data: Record<string, unknown> }[] }>().items;
    expect(events.map((e) => e.type).sort()).toEqual(['privileged_mark.marked', 'privileged_mark.unmarked']);
    expect(events.find((e) => e.type === 'privileged_mark.unmarked')!.data).toMatchObject({ markId: mark.id, entitlementKey: member.entitlementKey, reason: 'group retired' });
  });

  test('an auditor or a person cannot mark; bad input is a 400 naming the field; an unknown entitlement or mark is a 404', async () => {
    const body = { connectorId: member.connectorId, entitlementKey: member.entitlementKey, reason: 'x' };
    expect((await post('/api/privileged-marks', body, 'auditor')).statusCode).toBe(403);
    expect((await post('/api/privileged-marks', body, 'person')).statusCode).toBe(403);

    const noReason = await post('/api/privileged-marks', { ...body, reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('reason');
    const badConnector = await post('/api/privileged-marks', { ...body, connectorId: 'nope' });
    expect(badConnector.statusCode).toBe(400);
    expect(badConnector.body).toContain('connectorId');

    const unknown = await post('/api/privileged-marks', { ...body, entitlementKey: 'account:000000000000#member' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('entitlementKey');
    expect((await post('/api/privileged-marks/00000000-0000-4000-8000-000000000000/unmark', { reason: 'x' })).statusCode).toBe(404);
    expect((await post('/api/privileged-marks/00000000-0000-4000-8000-000000000000/unmark', {})).statusCode).toBe(400);
    // Nothing was written by the refused calls.
    expect((await get('/api/privileged-marks?history=true')).json<{ items: PrivilegedMarkView[] }>().items.filter((m) => m.reason === 'x')).toEqual([]);
  });
});
