import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { waitUntilIdle } from '../../src/provisioning/index.ts';
import { createRequestService, REQUEST_QUEUE_SPECS, type RequestCaller, type RequestService } from '../../src/requests/index.ts';
import { queryRows } from '../../src/store/index.ts';
import { startAwsWorld, type AwsWorld } from '../../harness/aws-connector.ts';
import { describeStore } from '../harness/store-test.ts';
import { holdersOf, inventoryOf, ssoPeople, type SsoPerson } from './people.ts';

const MINUTE = 60_000;

// Regression: the tick's 15-minute notices were sent from the rows it read at its start, before its time-out and
// end batches ran, so a request revoked meanwhile still got "Expiring soon… ends at T".
describeStore('the tick\'s "expiring soon" notice', (store) => {
  let world: AwsWorld;
  let requests: RequestService;
  let clock: Date;
  /** Runs once, while the tick's end batch asks for its revokes: after the tick read its rows, before its notices. */
  let duringEndBatch: (() => Promise<void>) | undefined;
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
    requests = createRequestService({ db: db(), provisioning, jobs: world.engine, now: () => clock });
  }, 120_000);
  afterAll(async () => {
    await world?.stop();
  });

  test('is not sent for a request revoked after the tick read it, while its earlier batches ran', async () => {
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
});
