import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../src/aws-sim/index.ts';
import { createApp, type App } from '../../src/app.ts';
import type { ConnectorRecord } from '../../src/connectors/index.ts';
import type { RequestCaller } from '../../src/requests/index.ts';
import { queryRows } from '../../src/store/index.ts';
import { baseCredentialsOf, createConnectorFor, syncFromSim } from '../../harness/aws-connector.ts';
import { testConfig } from '../../harness/server.ts';
import { describeStore } from '../harness/store-test.ts';
import { holdersOf, inventoryOf, ssoPeople } from './people.ts';

const N = 40;

// Many requests approved at once (bench/requests.bench.ts measures 500): their watches and expiry jobs keep up
// with provisioning, rather than taking one request at a time at the queue's polling interval.
describeStore('many access requests at once: the watches and the expiry jobs follow them all within seconds', (store) => {
  let sim: Simulator;
  let connector: ConnectorRecord;
  let app: App;

  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: false, assignmentDelayMs: 0, seed: { accounts: 3, users: 2 * N, groups: 4, permissionSets: 3 } });
    connector = await createConnectorFor(store(), sim, 'many');
    await syncFromSim(store(), sim, connector);
    app = await createApp({ config: testConfig(), store: store(), simulation: { endpoint: sim.endpoint, credentials: baseCredentialsOf(sim), connectorId: connector.id } });
    await app.startWorkers();
  }, 120_000);
  afterAll(async () => {
    await app?.stop({ timeoutMs: 1000 }).catch(() => undefined);
    await sim?.stop();
  });

  test(`${N} requests approved at once are all active within seconds of their grants, with no tick`, async () => {
    const db = store().db;
    const people = await ssoPeople(db, connector.id);
    const { accounts, permissionSets } = await inventoryOf(db, connector.id);
    const pairs = accounts.filter((a) => a.id !== sim.world.state.managementAccountId).flatMap((account) => permissionSets.map((ps) => ({ account, ps })));
    const holders = new Map<string, Set<string>>();
    for (const { account, ps } of pairs) holders.set(`${account.id}#${ps.arn}`, await holdersOf(db, connector.id, [`account:${account.id}#${ps.arn}`]));
    const approver = people[0]!;
    // Each requester asks for a permission set on an account they do not hold yet.
    const asks = people.slice(1).flatMap((p) => {
      const pair = pairs.find(({ account, ps }) => !holders.get(`${account.id}#${ps.arn}`)!.has(p.userId));
      return pair ? [{ person: p, ...pair }] : [];
    }).slice(0, N);
    expect(asks.length).toBe(N);
    const as = (p: typeof approver): RequestCaller => ({ userId: null, personId: p.personId, role: 'person', actor: `user:${p.email}` });
    await app.requests.applyPolicy({
      name: 'Many', connector: connector.id, requestable: permissionSets.map((ps) => ({ kind: 'permission_set' as const, permissionSet: ps.name, accounts: '*' as const })), eligibility: { everyone: true },
      approvalSteps: [{ approvers: [{ kind: 'people', emails: [approver.email] }], approvals: 1 }], maxDurationMinutes: 60, defaultDurationMinutes: 30, justificationRequired: false,
    }, 'cli:admin');
    const ids: number[] = [];
    for (const a of asks) ids.push((await app.requests.submit({ entitlement: { kind: 'permission_set', permissionSet: a.ps.arn, accounts: [a.account.id] } }, as(a.person))).request.id);
    for (const id of ids) await app.requests.approve(id, {}, as(approver));

    const active = async () => Number((await queryRows<{ n: number }>(db, sql`
      select count(*)::int as n from access_requests where status = 'active' and id = any(${`{${ids.join(',')}}`}::bigint[])`))[0]!.n);
    const grantsDone = async () => Number((await queryRows<{ n: number }>(db, sql`
      select count(*)::int as n from provisioning_tasks where trigger = 'request' and status = 'succeeded' and trigger_ref = any(${`{${ids.map((i) => `request:${i}`).join(',')}}`}::text[])`))[0]!.n);
    const deadline = Date.now() + 60_000;
    while ((await grantsDone()) < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await grantsDone()).toBe(N);
    // The grants are done in AWS: every request follows within a few watch intervals (2 s each), not one request a second.
    const done = Date.now();
    while ((await active()) < N && Date.now() - done < 15_000) await new Promise((r) => setTimeout(r, 100));
    expect(await active()).toBe(N);
    expect(Date.now() - done).toBeLessThan(8_000);
  }, 120_000);
});
