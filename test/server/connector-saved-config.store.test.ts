/**
 * A connector whose saved settings today's rules refuse (saved by an older RRCU, or edited in the
 * database) still lists everywhere, with its problems named; what needs its settings whole (sync,
 * provisioning's opening, the connection test, the setup documents) refuses it with
 * SAVED_CONFIG_INVALID, a scheduled sync records that as a failed run once per streak (not on every
 * tick) and the other connectors still sync; editing it with valid settings clears it. The rows are
 * written straight into the table, as an older version would have left them.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { listAuditEvents } from '../../src/audit/index.ts';
import { isRrcuError } from '../../src/core/errors.ts';
import { connectors, queryRows } from '../../src/store/index.ts';
import { listSyncRuns } from '../../src/sync/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

const SEED = { seed: 83, accounts: 1, users: 3, groups: 1, permissionSets: 1, iamUsersPerAccount: 1 };

type Problem = { field: string; message: string };
type View = { id: string; name: string; config: Record<string, unknown>; configProblems: Problem[] };
type ErrorBody = { error: { code: string; message: string; fix?: string } };

describeStore('a connector whose saved settings no longer pass today\'s rules', (store) => {
  let t: TestServer;
  let legacyId: string;
  let lostIdId: string;
  const call = async (role: 'connector_admin' | 'auditor', method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.server.inject({ method, url, headers: await t.as(role), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await startTestServer(store(), { sim: SEED, workers: true });
    const good = t.connector!;
    // A region an older RRCU let through, and an owner tag saved as a number (a hand edit): one readable as
    // a string and shown, one not. The rest as the simulator's connector has them (but SCIM, whose token
    // this row lacks), so once corrected it syncs.
    const { scimEndpoint: _scim, ...settings } = good.config;
    const [legacy] = await store()
      .db.insert(connectors)
      .values({ kind: 'aws', name: 'legacy', owners: [], config: { ...settings, region: 'us-east-1a', ownerTag: 42 } })
      .returning();
    legacyId = legacy!.id;
    // A field since renamed: the External ID saved under another name, so RRCU finds none.
    const [lostId] = await store()
      .db.insert(connectors)
      .values({ kind: 'aws', name: 'renamed-field', owners: [], config: { roleArn: 'arn:aws:iam::123456789012:role/RRCU', external_id: 'abc123', organizations: false } })
      .returning();
    lostIdId = lostId!.id;
  });
  afterAll(async () => {
    await t?.close();
  });
  const syncFailedNotices = async (connectorId: string) =>
    (await queryRows<{ run_id: string }>(store().db, sql`select payload->>'runId' as run_id from notifications where kind = 'sync.failed' and payload->>'connectorId' = ${connectorId} order by created_at`)).map((n) => n.run_id);

  test('lists and reads back (200) with its problems by field, the others with none', async () => {
    const listed = await t.app.connectors.list();
    expect(listed.map((c) => c.name).sort()).toEqual(['legacy', 'renamed-field', t.connector!.name].sort());
    const legacy = await t.app.connectors.find('legacy');
    expect(legacy.configProblems).toEqual([
      { field: 'config.ownerTag', message: expect.stringContaining('expected string, received number') },
      { field: 'config.region', message: 'must be an AWS region such as us-east-1 (saved: "us-east-1a")' },
    ]);
    // What could be read: the region as saved (for the operator to see), the number-typed tag left out.
    expect(legacy.config).toMatchObject({ region: 'us-east-1a', externalId: t.connector!.config.externalId });
    expect(legacy.config.ownerTag).toBeUndefined();

    const all = await call('auditor', 'GET', '/api/connectors');
    expect(all.statusCode, all.body).toBe(200);
    const views = all.json<{ items: View[] }>().items;
    expect(views.find((v) => v.id === t.connector!.id)!.configProblems).toEqual([]);
    expect(views.find((v) => v.id === legacyId)!.configProblems.map((p) => p.field)).toEqual(['config.ownerTag', 'config.region']);
    expect(views.find((v) => v.id === lostIdId)!.configProblems).toEqual([{ field: 'config.externalId', message: 'is missing' }]);

    const one = await call('auditor', 'GET', `/api/connectors/${legacyId}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json<View>()).toMatchObject({ name: 'legacy', config: { region: 'us-east-1a' }, configProblems: [{ field: 'config.ownerTag' }, { field: 'config.region' }] });
  });

  test('a sync, the connection test, the setup documents and opening it to provision are refused with SAVED_CONFIG_INVALID naming the fields, never a 500', async () => {
    for (const [method, url] of [['POST', 'sync'], ['POST', 'test'], ['GET', 'setup']] as const) {
      const res = await call('connector_admin', method, `/api/connectors/${legacyId}/${url}`);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(409);
      const { error } = res.json<ErrorBody>();
      expect(error).toMatchObject({ code: 'SAVED_CONFIG_INVALID', message: expect.stringContaining('config.region must be an AWS region') });
      expect(error.fix).toMatch(/^Edit the connector and save valid config\.ownerTag, config\.region/);
      expect(res.body).not.toMatch(/ZodError|\bat .*\.ts:\d+/);
    }
    await expect(t.app.connectors.open(await t.app.connectors.find('legacy'))).rejects.toSatisfy((e) => isRrcuError(e, 'SAVED_CONFIG_INVALID'));
  });

  test('each tick of the schedule is refused, but records one failed run and one notice per streak; the other connector still syncs; asking by hand is refused every time', async () => {
    const good = t.connector!.id;
    // Before, every tick recorded another failed run with its sync.failed notice to the Connector Administrators.
    for (let tick = 1; tick <= 3; tick++) {
      expect(await t.app.syncs.tick()).toMatchObject({ requested: 1 });
      // The other connector syncs on each tick (its sync done before the next, so each tick asks for a new one).
      await expect.poll(async () => (await listSyncRuns(store().db, good)).map((r) => r.status), { timeout: 30_000, interval: 200 }).toEqual(Array(tick).fill('succeeded'));
    }
    const runs = await listSyncRuns(store().db, legacyId);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'failed', error: { code: 'SAVED_CONFIG_INVALID', message: expect.stringContaining('Connector legacy has saved settings') } });
    expect(runs[0]!.error!.fix).toContain('config.region');
    const missing = await listSyncRuns(store().db, lostIdId);
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ status: 'failed', error: { code: 'SAVED_CONFIG_INVALID', fix: expect.stringContaining('add a new connector') } });
    const events = (await listAuditEvents(store().db, { type: 'sync.failed', subject: `connector:${legacyId}` })).items;
    expect(events.map((e) => e.data)).toEqual([expect.objectContaining({ runId: runs[0]!.id, error: expect.objectContaining({ code: 'SAVED_CONFIG_INVALID' }) })]);
    expect(await syncFailedNotices(legacyId)).toEqual([String(runs[0]!.id)]);

    // Asked by hand (rrcu sync, the API), it is refused with the error each time; the streak's run stays the one.
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(t.app.syncRunner.runNow(legacyId, 'cli:test')).rejects.toSatisfy((e) => isRrcuError(e, 'SAVED_CONFIG_INVALID'));
      const res = await call('connector_admin', 'POST', `/api/connectors/${legacyId}/sync`);
      expect(res.statusCode, res.body).toBe(409);
    }
    expect(await listSyncRuns(store().db, legacyId)).toHaveLength(1);
    expect(await syncFailedNotices(legacyId)).toHaveLength(1);

    const view = (await call('auditor', 'GET', `/api/connectors/${legacyId}`)).json<{ status: string; lastRun: { error: { code: string } } }>();
    expect(view).toMatchObject({ status: 'error', lastRun: { error: { code: 'SAVED_CONFIG_INVALID' } } });
  });

  test('a change that leaves a refused setting as saved is refused by today\'s rules (strict on write); one that corrects it clears the problems, and the connector syncs', async () => {
    const renamed = await call('connector_admin', 'PATCH', `/api/connectors/${legacyId}`, { name: 'legacy-2' });
    expect(renamed.statusCode, renamed.body).toBe(400);
    expect(renamed.json<ErrorBody>().error).toMatchObject({ code: 'INVALID_CONNECTOR_CONFIG', message: expect.stringMatching(/^region: /) });

    const fixed = await call('connector_admin', 'PATCH', `/api/connectors/${legacyId}`, { config: { region: 'us-east-1' } });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json<View>()).toMatchObject({ configProblems: [], config: { region: 'us-east-1', externalId: t.connector!.config.externalId } });
    expect(fixed.json<View>().config.ownerTag).toBeUndefined();
    const [row] = await store().db.select().from(connectors).where(eq(connectors.id, legacyId));
    expect(row!.config).not.toHaveProperty('ownerTag');
    const [event] = (await listAuditEvents(store().db, { type: 'connector.updated', subject: `connector:${legacyId}` })).items;
    expect(event!.data).toMatchObject({ changed: expect.arrayContaining(['config.region', 'config.ownerTag']) });

    // The next tick of the schedule syncs it.
    expect(await t.app.syncs.tick()).toMatchObject({ requested: 2 });
    await expect.poll(async () => (await listSyncRuns(store().db, legacyId)).map((r) => r.status), { timeout: 30_000, interval: 200 }).toEqual(['succeeded', 'failed']);
  });

  test('a saved External ID that cannot be read is not corrected by an edit: the refusal says to add a new connector', async () => {
    const res = await call('connector_admin', 'PATCH', `/api/connectors/${lostIdId}`, { config: { organizations: true } });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json<ErrorBody>().error).toMatchObject({ code: 'SAVED_CONFIG_INVALID', fix: expect.stringContaining('add a new connector') });
  });
});
