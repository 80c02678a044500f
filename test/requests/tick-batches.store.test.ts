import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { waitUntilIdle } from '../../src/provisioning/index.ts';
import { createRequestService, REQUEST_QUEUE_SPECS, type RequestCaller, type RequestService } from '../../src/requests/index.ts';
import { queryRows } from '../../src/store/index.ts';
import { startAwsWorld, type AwsWorld } from '../../harness/aws-connector.ts';
import { describeStore } from '../harness/store-test.ts';
import { holdersOf, inventoryOf, ssoPeople, type SsoPerson } from './people.ts';

const MINUTE = 60_000;

// The minute's tick settles what fell due a batch to a transaction (service.ts, `tick`); these drive it at a known
// point: while its end batch asks provisioning for the revokes.
describeStore("the minute's tick, a batch at a time", (store) => {
  let world: AwsWorld;
  let requests: RequestService;
  let clock: Date;
  /** Runs once, while the tick's end batch asks for its revokes: after the tick read its rows, before its notices. */
  let duringEndBatch: (() => Promise<void>) | undefined;
  const lines: string[] = [];
  const db = () => store().db;
  const as = (p: SsoPerson): RequestCaller => ({ userId: null, personId: p.personId, role: 'person', actor: `user:${p.email}` });

  beforeAll(async () => {
    world = await startAwsWorld(store(), { accounts: 2, users: 16, groups: 1, permissionSets: 2 });
    for (const q of REQUEST_QUEUE_SPECS) await world.engine.boss.createQueue(q.name);
    clock = new Date();
    const provisioning = {
      requestGrant: world.service.requestGrant,
      requestRevokes: async (inputs: Parameters<typeof world.service.requestRevokes>[0]) => {
        const hook = duringEndBatch;
        duringEndBatch = undefined;
        await hook?.();
        return world.service.requestRevokes(inputs);
      },
    };
    requests = createRequestService({ db: db(), provisioning, jobs: world.engine, now: () => clock, log: (line) => lines.push(line) });
  }, 120_000);
  afterAll(async () => {
    await world?.stop();
  });

  // Regression: the notices were sent from the rows the tick read at its start, before its time-out and end
  // batches ran, so a request revoked meanwhile still got "Expiring soon… ends at T".
  test('no "expiring soon" notice for a request revoked after the tick read it, while its earlier batches ran', async () => {
    const people = await ssoPeople(db(), world.connector.id);
    const { accounts, permissionSets } = await inventoryOf(db(), world.connector.id);
    const ps = permissionSets[0]!;
    const account = accounts.find((a) => a.id !== world.sim.world.state.managementAccountId)!;
    const holders = await holdersOf(db(), world.connector.id, [`account:${account.id}#${ps.arn}`]);
    const [ending, noticed] = people.filter((p) => !holders.has(p.userId));
    await requests.applyPolicy({
      name: 'Notice', connector: world.connector.id, eligibility: { everyone: true }, justificationRequired: false, maxDurationMinutes: 480, defaultDurationMinutes: 30,
      requestable: [{ kind: 'permission_set', permissionSet: ps.name, accounts: '*' }], autoApproval: [{}],
    }, 'cli:admin');
    const submit = async (p: SsoPerson, durationMinutes: number) =>
      (await requests.submit({ connector: world.connector.id, entitlement: { kind: 'permission_set', permissionSet: ps.arn, accounts: [account.id] }, durationMinutes }, as(p))).request.id;
    const endingId = await submit(ending!, 30);
    const noticedId = await submit(noticed!, 40);
    await waitUntilIdle(db(), { intervalMs: 200 });
    expect(await requests.tick(clock)).toMatchObject({ activated: 2 });

    // 31 minutes on: the first has ended, the second ends in 9 minutes (notice due). The second's requester
    // revokes it while the tick ends the first.
    clock = new Date(clock.getTime() + 31 * MINUTE);
    duringEndBatch = async () => {
      await requests.revoke(noticedId, { reason: 'done early' }, as(noticed!));
    };
    const summary = await requests.tick(clock);
    expect(duringEndBatch).toBeUndefined();
    expect(summary).toMatchObject({ expired: 1, warned: 0 });
    const statuses = await queryRows<{ id: number; status: string }>(db(), sql`select id, status from access_requests where id in (${endingId}, ${noticedId}) order by id`);
    expect(statuses.map((r) => r.status)).toEqual(['expired', 'revoked']);
    expect(await queryRows(db(), sql`select title from notifications where kind = 'request.expiring' and (payload->>'requestId')::bigint = ${noticedId}`)).toEqual([]);
  }, 300_000);

  // Regression: a batch that failed was done again request by request without a trace of why it failed.
  test('a batch that fails is logged once, naming its step, its requests and the error, and each request is then settled on its own', async () => {
    const people = await ssoPeople(db(), world.connector.id);
    const { accounts, permissionSets } = await inventoryOf(db(), world.connector.id);
    const ps = permissionSets[1]!;
    await requests.applyPolicy({
      name: 'Batch failure', connector: world.connector.id, eligibility: { everyone: true }, justificationRequired: false, maxDurationMinutes: 480, defaultDurationMinutes: 30,
      requestable: [{ kind: 'permission_set', permissionSet: ps.name, accounts: '*' }], autoApproval: [{}],
    }, 'cli:admin');
    // Two people asking for access neither holds yet.
    const asks: { person: SsoPerson; account: string }[] = [];
    for (const a of accounts.filter((acc) => acc.id !== world.sim.world.state.managementAccountId)) {
      const holders = await holdersOf(db(), world.connector.id, [`account:${a.id}#${ps.arn}`]);
      for (const p of people) if (!holders.has(p.userId) && asks.length < 2) asks.push({ person: p, account: a.id });
    }
    const ids: number[] = [];
    for (const { person, account } of asks) {
      ids.push((await requests.submit({ connector: world.connector.id, entitlement: { kind: 'permission_set', permissionSet: ps.arn, accounts: [account] } }, as(person))).request.id);
    }
    expect(ids).toHaveLength(2);
    await waitUntilIdle(db(), { intervalMs: 200 });
    expect(await requests.tick(clock)).toMatchObject({ activated: 2 });

    clock = new Date(clock.getTime() + 31 * MINUTE);
    lines.length = 0;
    duringEndBatch = async () => {
      throw new Error('provisioning is unavailable');
    };
    expect(await requests.tick(clock)).toMatchObject({ expired: 2, revokesAsked: 2 });
    expect(lines).toEqual([`request-tick: the ends of request(s) #${ids[0]}, #${ids[1]} failed together, so each is done on its own: provisioning is unavailable`]);
    expect(await queryRows(db(), sql`select status from access_request_targets where request_id in (${ids[0]}, ${ids[1]})`)).toEqual([{ status: 'revoking' }, { status: 'revoking' }]);
  }, 300_000);
});
