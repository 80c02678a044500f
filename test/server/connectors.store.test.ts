/**
 * Connectors and syncs over HTTP, against the simulator: create and change a connector, its setup
 * documents, "Test connection", a sync requested through the queue and followed as the web UI follows
 * it, the diff of a second sync; and one sync per connector however often and from however many
 * processes it is requested.
 */
import { CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { SeedOptions } from '../../src/aws-sim/index.ts';
import { createApp, type App } from '../../src/app.ts';
import { listAuditEvents } from '../../src/audit/index.ts';
import { isRrcuError } from '../../src/core/errors.ts';
import { SYNC_QUEUES, createSyncRun, listSyncRuns, type SyncRunView } from '../../src/sync/index.ts';
import { failSnapshot, syncRuns } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, testConfig, type TestServer } from '../../harness/server.ts';

const SEED: SeedOptions = { seed: 57, accounts: 2, users: 6, groups: 2, permissionSets: 2, iamUsersPerAccount: 1 };

type ConnectorView = {
  id: string;
  name: string;
  owners: string[];
  config: Record<string, unknown> & { externalId: string };
  hasScimToken: boolean;
  status: string;
  lastRun: SyncRunView | null;
  simulated: boolean;
};
type Changes = { added: { key: string; type: string; externalId: string; displayName: string | null; summary: string; cause: unknown }[]; removed: unknown[]; changed: unknown[]; counts: { added: number; removed: number; changed: number } };
type Diff = { fromRunId: number | null; toRunId: number; resources: Changes; entitlements: Changes; grants: Changes };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeStore('connectors and syncs over HTTP', (store) => {
  let t: TestServer;
  const call = async (role: 'connector_admin' | 'auditor', method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.server.inject({ method, url, headers: await t.as(role), ...(payload ? { payload } : {}) });
  const get = (url: string) => call('auditor', 'GET', url);
  const connectorView = async (id: string) => (await get(`/api/connectors/${id}`)).json<ConnectorView>();

  /** Requests a sync over HTTP and follows it as the web UI does, noting every connector status seen on the way. */
  async function syncAndFollow(connectorId: string) {
    const before = new Set((await listSyncRuns(store().db, connectorId)).map((r) => r.id));
    const requested = await call('connector_admin', 'POST', `/api/connectors/${connectorId}/sync`);
    expect(requested.statusCode).toBe(202);
    const statuses: string[] = [];
    let sawProgress = false;
    for (;;) {
      statuses.push((await connectorView(connectorId)).status);
      const runs = (await get(`/api/syncs?connectorId=${connectorId}`)).json<{ items: SyncRunView[] }>().items.filter((r) => !before.has(r.id));
      const run = runs[0];
      if (run?.status === 'running' && run.progress) sawProgress = true;
      if (run && run.status !== 'running') {
        statuses.push((await connectorView(connectorId)).status);
        return { run, statuses, sawProgress, job: requested.json<{ jobId: string; alreadyQueued: boolean }>() };
      }
      await sleep(100);
    }
  }

  beforeAll(async () => {
    t = await startTestServer(store(), { sim: SEED, workers: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  test('creating a connector generates its External ID; a malformed role ARN is a 400 naming the field; auditors may not create', async () => {
    const bad = await call('connector_admin', 'POST', '/api/connectors', { name: 'prod', config: { roleArn: 'arn:aws:iam::123:user/nope' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string; fields: { field: string }[] } }>().error).toMatchObject({ code: 'INVALID_INPUT', fields: [{ field: 'body.config.roleArn' }] });

    const forbidden = await call('auditor', 'POST', '/api/connectors', { name: 'prod', config: {} });
    expect(forbidden.statusCode).toBe(403);

    const created = await call('connector_admin', 'POST', '/api/connectors', {
      name: 'prod',
      owners: [' Alice@Example.com ', 'alice@example.com', 'bob@example.com'],
      config: { roleArn: 'arn:aws:iam::123456789012:role/RRCUIntegration', organizations: true, identityCenterRegion: 'eu-west-1' },
    });
    expect(created.statusCode).toBe(201);
    const view = created.json<ConnectorView>();
    expect(view).toMatchObject({ name: 'prod', owners: ['alice@example.com', 'bob@example.com'], status: 'not_connected', lastRun: null, simulated: false, hasScimToken: false });
    expect(view.config).toMatchObject({ roleArn: 'arn:aws:iam::123456789012:role/RRCUIntegration', organizations: true, identityCenterRegion: 'eu-west-1', region: 'us-east-1' });
    expect(view.config.externalId).toMatch(/^[A-Za-z0-9]{32}$/);

    const again = await call('connector_admin', 'POST', '/api/connectors', { name: 'prod', config: {} });
    expect(again.statusCode).toBe(409);
    const scimWithoutRegion = await call('connector_admin', 'POST', '/api/connectors', { name: 'other', config: { scimEndpoint: 'https://scim.example.com/x/scim/v2' }, scimToken: 'tok' });
    expect(scimWithoutRegion.statusCode).toBe(400);
    expect(scimWithoutRegion.json<{ error: { code: string } }>().error.code).toBe('INVALID_CONNECTOR_CONFIG');
  });

  test('PATCH changes name, owners and settings, removes a setting set to null, keeps the External ID, and never shows or audits the token', async () => {
    const { items } = (await get('/api/connectors')).json<{ items: ConnectorView[] }>();
    const prod = items.find((c) => c.name === 'prod')!;

    const patched = await call('connector_admin', 'PATCH', `/api/connectors/${prod.id}`, {
      name: 'production',
      owners: ['carol@example.com'],
      config: { organizations: null, identityCenterRegion: 'us-west-2', scimEndpoint: 'https://scim.us-west-2.amazonaws.com/t1/scim/v2', externalId: 'attacker-chosen' },
      scimToken: 'secret-scim-token-123',
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.body).not.toContain('secret-scim-token-123');
    const view = patched.json<ConnectorView>();
    expect(view).toMatchObject({ name: 'production', owners: ['carol@example.com'], hasScimToken: true });
    expect(view.config).toMatchObject({ organizations: false, identityCenterRegion: 'us-west-2', externalId: prod.config.externalId });

    const [event] = (await listAuditEvents(store().db, { type: 'connector.updated', subject: `connector:${prod.id}` })).items;
    expect(event!.data).toMatchObject({ changed: expect.arrayContaining(['name', 'owners', 'config.organizations', 'config.identityCenterRegion', 'config.scimEndpoint', 'scimToken']) });
    expect(JSON.stringify(event)).not.toContain('secret-scim-token-123');

    // Removing the SCIM endpoint removes its token too.
    const removed = await call('connector_admin', 'PATCH', `/api/connectors/${prod.id}`, { config: { scimEndpoint: null } });
    expect(removed.json<ConnectorView>()).toMatchObject({ hasScimToken: false, config: { externalId: prod.config.externalId } });
    expect(removed.json<ConnectorView>().config.scimEndpoint).toBeUndefined();

    const badRegion = await call('connector_admin', 'PATCH', `/api/connectors/${prod.id}`, { config: { region: 'moon-1' } });
    expect(badRegion.statusCode).toBe(400);
    expect(badRegion.json<{ error: { fields: { field: string }[] } }>().error.fields[0]!.field).toBe('body.config.region');

    // Removing archives: the connector stays readable, marked archived.
    expect((await call('connector_admin', 'DELETE', `/api/connectors/${prod.id}`)).statusCode).toBe(204);
    expect((await get(`/api/connectors/${prod.id}`)).json<{ archivedAt: string | null }>().archivedAt).not.toBeNull();
  });

  test('the setup documents name the External ID and the identity RRCU runs as in the trust policy', async () => {
    const res = await get(`/api/connectors/${t.connector!.id}/setup`);
    expect(res.statusCode).toBe(200);
    const setup = res.json<{ externalId: string; rrcuIdentity: string | null; trustPolicy: object; inlinePolicy: object; terraform: string; actions: { action: string }[] }>();
    expect(setup.externalId).toBe(t.connector!.config.externalId);
    expect(setup.rrcuIdentity).toBe(t.sim!.world.rrcu.arn);
    expect(JSON.stringify(setup.trustPolicy)).toContain(`"sts:ExternalId":"${t.connector!.config.externalId}"`);
    expect(JSON.stringify(setup.trustPolicy)).toContain(t.sim!.world.rrcu.arn);
    expect(setup.terraform).toContain(t.connector!.config.externalId);
    expect(setup.actions.map((a) => a.action)).toContain('sso:ListAccountAssignments');
  });

  test("Test connection is ok against the simulator's connector", async () => {
    const res = await call('connector_admin', 'POST', `/api/connectors/${t.connector!.id}/test`);
    expect(res.statusCode).toBe(200);
    const result = res.json<{ ok: boolean; checks: { action: string; status: string }[] }>();
    expect(result.ok).toBe(true);
    expect(result.checks[0]).toMatchObject({ action: 'sts:AssumeRole', status: 'ok' });
    expect(result.checks.find((c) => c.action === 'scim:ListUsers')?.status).toBe('ok');
    expect((await call('auditor', 'POST', `/api/connectors/${t.connector!.id}/test`)).statusCode).toBe(403);
  });

  test('a requested sync appears, shows its progress while it runs and succeeds; the connector goes from not connected to connected', async () => {
    const id = t.connector!.id;
    expect((await connectorView(id)).simulated).toBe(true);
    // One slow answer keeps the sync running long enough to be seen running.
    t.sim!.injectFault({ operation: 'iam:ListUsers', kind: 'delay', delayMs: 1500 });
    const { run, statuses, sawProgress, job } = await syncAndFollow(id);

    expect(job.alreadyQueued).toBe(false);
    expect(run.status).toBe('succeeded');
    expect(run.progress).toBeNull();
    expect(sawProgress).toBe(true);
    expect(statuses[0]).toBe('not_connected');
    expect(statuses).toContain('syncing');
    expect(statuses.at(-1)).toBe('connected');
    expect(statuses.every((s) => ['not_connected', 'syncing', 'connected'].includes(s))).toBe(true);

    const one = (await get(`/api/syncs/${run.id}`)).json<SyncRunView>();
    expect(one).toMatchObject({ id: run.id, connectorId: id, connectorName: t.connector!.name, status: 'succeeded', error: null });
    expect(one.durationMs).toBeGreaterThanOrEqual(0);
    expect(one.apiCalls.total).toBeGreaterThan(0);
    expect(one.apiCalls.total).toBe(one.apiCalls.operations.reduce((n, o) => n + o.calls, 0));
    expect(one.apiCalls.operations.map((o) => o.operation)).toContain('iam:ListUsers');
    expect(one.counts.grant).toBeGreaterThan(0);

    const first = (await get(`/api/syncs/${run.id}/diff`)).json<Diff>();
    expect(first.fromRunId).toBeNull();
    expect((await get('/api/syncs/999999')).statusCode).toBe(404);
  });

  test('the diff of a second sync lists what changed in AWS between them, limited per list with whole counts', async () => {
    const id = t.connector!.id;
    const iam = new IAMClient({ region: t.sim!.region, endpoint: t.sim!.endpoint, credentials: { ...t.sim!.world.admin }, maxAttempts: 1 });
    await iam.send(new CreateUserCommand({ UserName: 'new.hire' }));
    await iam.send(new CreateUserCommand({ UserName: 'second.hire' }));
    iam.destroy();

    const previous = (await listSyncRuns(store().db, id))[0]!;
    const { run } = await syncAndFollow(id);
    expect(run.status).toBe('succeeded');
    const diff = (await get(`/api/syncs/${run.id}/diff`)).json<Diff>();
    expect(diff).toMatchObject({ fromRunId: previous.id, toRunId: run.id });
    const users = diff.resources.added.filter((r) => r.type === 'iam_user').map((r) => r.displayName);
    expect(users).toEqual(expect.arrayContaining(['new.hire', 'second.hire']));
    // Named for people, with the type and the account by name; no task made it.
    const management = t.sim!.world.state.accounts.get(t.sim!.world.state.managementAccountId)!.name;
    expect(diff.resources.added.find((r) => r.displayName === 'new.hire')).toMatchObject({ summary: `new.hire (IAM user in ${management})`, typeName: 'IAM user', cause: null });

    const limited = (await get(`/api/syncs/${run.id}/diff?limit=1`)).json<Diff>();
    expect(limited.resources.added).toHaveLength(1);
    expect(limited.resources.counts.added).toBe(diff.resources.counts.added);
    expect(limited.resources.counts.added).toBeGreaterThanOrEqual(2);
  });

  test('a running run that stopped beating is shown as stale, with its last heartbeat; a beating one is not', async () => {
    const id = (await call('connector_admin', 'POST', '/api/connectors', { name: 'stale-run-connector', config: {} })).json<ConnectorView>().id;
    // A run whose process died five minutes ago: still `running` in the table, nothing will finish it.
    const [dead] = await store().db.insert(syncRuns).values({ connectorId: id, status: 'running', heartbeatAt: sql`now() - interval '5 minutes'` }).returning();
    const listed = (await get(`/api/syncs?connectorId=${id}`)).json<{ items: SyncRunView[] }>().items;
    expect(listed).toEqual([expect.objectContaining({ id: dead!.id, status: 'running', stale: true, heartbeatAt: dead!.heartbeatAt.toISOString() })]);
    expect((await get(`/api/syncs/${dead!.id}`)).json<SyncRunView>()).toMatchObject({ stale: true, heartbeatAt: dead!.heartbeatAt.toISOString() });
    expect(await connectorView(id)).toMatchObject({ status: 'not_connected', lastRun: { id: dead!.id, stale: true } });

    await failSnapshot(store().db, dead!.id, { code: 'TEST', message: 'ended by the test' });
    const beating = await createSyncRun(store().db, id);
    expect((await get(`/api/syncs/${beating.id}`)).json<SyncRunView>()).toMatchObject({ status: 'running', stale: false });
    expect((await connectorView(id)).status).toBe('syncing');
    expect((await get(`/api/syncs/${dead!.id}`)).json<SyncRunView>()).toMatchObject({ status: 'failed', stale: false });
    await failSnapshot(store().db, beating.id, { code: 'TEST', message: 'ended by the test' });
  });

  test('a connector that is syncing cannot be removed (archived; 409 with what to do); once the sync ends it can', async () => {
    const created = await call('connector_admin', 'POST', '/api/connectors', { name: 'busy-connector', config: {} });
    const id = created.json<ConnectorView>().id;
    // A run as a live worker holds it: running, heartbeat fresh.
    const run = await createSyncRun(store().db, id);
    const refused = await call('connector_admin', 'DELETE', `/api/connectors/${id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'SYNC_RUNNING_CONFLICT', fix: expect.stringContaining('Wait for the sync to finish') } });
    await failSnapshot(store().db, run.id, { code: 'TEST', message: 'ended by the test' });
    expect((await call('connector_admin', 'DELETE', `/api/connectors/${id}`)).statusCode).toBe(204);
  });
});

describeStore('one sync per connector, however often requested', (store, engine) => {
  let t: TestServer;
  const others: App[] = [];

  beforeAll(async () => {
    // No workers yet: the requests are all made before any worker may take one.
    t = await startTestServer(store(), { sim: { ...SEED, accounts: 1 }, workers: false });
  });
  afterAll(async () => {
    for (const app of others) await app.stop();
    await t?.close();
  });

  /** Resolves when the sync job has completed (or failed) in the queue. */
  async function jobDone(jobId: string) {
    for (;;) {
      const job = await t.app.jobs.boss.getJobById(SYNC_QUEUES.sync, jobId);
      if (job && (job.state === 'completed' || job.state === 'failed')) return job;
      await sleep(100);
    }
  }

  test('requesting a sync twice quickly gives the waiting one back, and one run', async () => {
    const id = t.connector!.id;
    const headers = await t.as('connector_admin');
    const first = (await t.server.inject({ method: 'POST', url: `/api/connectors/${id}/sync`, headers })).json<{ jobId: string; alreadyQueued: boolean }>();
    const second = (await t.server.inject({ method: 'POST', url: `/api/connectors/${id}/sync`, headers })).json<{ jobId: string; alreadyQueued: boolean }>();
    expect(first.alreadyQueued).toBe(false);
    expect(second).toEqual({ jobId: first.jobId, alreadyQueued: true });

    await t.app.startWorkers();
    expect((await jobDone(first.jobId)).state).toBe('completed');
    const runs = await listSyncRuns(store().db, id);
    expect(runs.map((r) => r.status)).toEqual(['succeeded']);
    expect(await t.app.jobs.boss.findJobs(SYNC_QUEUES.sync, { key: id, queued: true })).toEqual([]);
  });

  test.skipIf(engine === 'pglite')('two processes on one PostgreSQL, each asked once, run one sync, and never two at once', async () => {
    const id = t.connector!.id;
    const before = (await listSyncRuns(store().db, id)).length;
    // A second process: its own job engine (pg-boss with its own pool) and services on the same database.
    const other = await createApp({ config: testConfig(), store: store(), simulation: t.app.simulation });
    others.push(other);
    const fromOther = await other.syncs.request(id, 'system');
    const fromFirst = await t.app.syncs.request(id, 'system');
    expect(fromOther.alreadyQueued).toBe(false);
    expect(fromFirst).toEqual({ jobId: fromOther.jobId, alreadyQueued: true });
    await other.startWorkers();
    expect((await jobDone(fromOther.jobId)).state).toBe('completed');
    expect((await listSyncRuns(store().db, id)).length).toBe(before + 1);

    // Outside the queue (the CLI), two syncs at once: the one-running-run index lets one through.
    const outcomes = await Promise.allSettled([t.app.syncs.runNow(id, 'cli:a'), other.syncs.runNow(id, 'cli:b')]);
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(refused.every((e) => isRrcuError(e, 'SYNC_ALREADY_RUNNING'))).toBe(true);
    const runs = (await listSyncRuns(store().db, id)).reverse();
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    for (const [i, run] of runs.entries()) if (i > 0) expect(run.startedAt.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.finishedAt!.getTime());
  });
});
