import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../src/aws-sim/index.ts';
import { createApp, type App } from '../../src/app.ts';
import type { ConnectorRecord } from '../../src/connectors/index.ts';
import { waitForTask } from '../../src/provisioning/index.ts';
import type { RequestCaller } from '../../src/requests/index.ts';
import { queryRows } from '../../src/store/index.ts';
import { baseCredentialsOf, createConnectorFor, syncFromSim } from '../../harness/aws-connector.ts';
import { testConfig } from '../../harness/server.ts';
import { identityCenterOf } from '../harness/aws-provision.ts';
import { describeStore } from '../harness/store-test.ts';
import { holdersOf, inventoryOf, ssoPeople } from './people.ts';

const MINUTE = 60_000;

describeStore('access requests across a restart: what fell due while RRCU was down is revoked at start-up', (store) => {
  let sim: Simulator;
  let connector: ConnectorRecord;
  const apps: App[] = [];
  async function start(clock: () => Date): Promise<App> {
    const app = await createApp({ config: testConfig(), store: store(), simulation: { endpoint: sim.endpoint, credentials: baseCredentialsOf(sim), connectorId: connector.id }, now: clock });
    apps.push(app);
    await app.startWorkers();
    return app;
  }

  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: false, assignmentDelayMs: 0, seed: { accounts: 2, users: 12, groups: 2, permissionSets: 2 } });
    connector = await createConnectorFor(store(), sim, 'restart');
    await syncFromSim(store(), sim, connector);
  }, 120_000);
  afterAll(async () => {
    for (const app of apps) await app.stop({ timeoutMs: 1000 }).catch(() => undefined);
    await sim?.stop();
  });

  test('a request active when the server stopped, due while it was down, is expired and removed by the next server before anything else', async () => {
    const t0 = new Date();
    const first = await start(() => t0);
    const db = store().db;
    const people = await ssoPeople(db, connector.id);
    const { accounts, permissionSets } = await inventoryOf(db, connector.id);
    const [ps, account] = [permissionSets[0]!, accounts[0]!];
    const holders = await holdersOf(db, connector.id, [`account:${account.id}#${ps.arn}`]);
    const approver = people[0]!;
    const requester = people.find((p) => p !== approver && !holders.has(p.userId))!;
    const as = (p: typeof approver): RequestCaller => ({ userId: null, personId: p.personId, role: 'person', actor: `user:${p.email}` });
    await first.requests.applyPolicy({
      name: 'Restart', connector: connector.id, requestable: [{ kind: 'permission_set', permissionSet: ps.name, accounts: '*' }], eligibility: { everyone: true },
      approvalSteps: [{ approvers: [{ kind: 'people', emails: [approver.email] }], approvals: 1 }], maxDurationMinutes: 60, defaultDurationMinutes: 30, justificationRequired: false,
    }, 'cli:admin');
    const { request } = await first.requests.submit({ entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [account.id] } }, as(requester));
    // A grant that takes a while in AWS, so the watch looks several times.
    sim.injectFault({ operation: 'sso:CreateAccountAssignment', kind: 'delay', delayMs: 7000 });
    const approved = await first.requests.approve(request.id, {}, as(approver));
    await waitForTask(db, approved.targets[0]!.grantTask!.id, { intervalMs: 100 });
    // The watch job makes it active within seconds, with no tick.
    const deadline = Date.now() + 30_000;
    while ((await first.requests.getRequest(request.id, as(requester))).status !== 'active' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect((await first.requests.getRequest(request.id, as(requester))).status).toBe('active');
    const has = () => [...identityCenterOf(sim).assignments.values()].some((a) => a.principalType === 'USER' && a.principalId === requester.userId && a.accountId === account.id && a.permissionSetArn === ps.arn);
    expect(has()).toBe(true);
    // One watch while the grant ran, sending itself again every 2 s: not a new one at each look.
    const [watches] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from pgboss.job where name = 'request-watch' and (data->>'requestId')::bigint = ${request.id}`);
    expect(watches!.n).toBeLessThanOrEqual(6);
    await first.stop({ timeoutMs: 1000 });

    // Down past the end: the next server's first tick (before its workers take jobs) expires it and asks the revoke.
    const later = new Date(t0.getTime() + 2 * 60 * MINUTE);
    const second = await start(() => later);
    const ended = await second.requests.getRequest(request.id, as(requester));
    expect(ended.status).toBe('expired');
    expect(ended.targets[0]!.revokeTask).not.toBeNull();
    await waitForTask(db, ended.targets[0]!.revokeTask!.id, { intervalMs: 100 });
    expect(has()).toBe(false);
    const [event] = await queryRows<{ actor: string }>(db, sql`select actor from audit_events where type = 'request.expired' and subject = ${`access_request:${request.id}`}`);
    expect(event?.actor).toBe('system');
  }, 120_000);
});
