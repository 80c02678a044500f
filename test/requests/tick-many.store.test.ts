import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { waitUntilIdle } from '../../src/provisioning/index.ts';
import { createRequestService, REQUEST_QUEUE_SPECS, type RequestCaller, type RequestService } from '../../src/requests/index.ts';
import { queryRows } from '../../src/store/index.ts';
import { startAwsWorld, type AwsWorld } from '../../harness/aws-connector.ts';
import { identityCenterOf } from '../harness/aws-provision.ts';
import { describeStore } from '../harness/store-test.ts';
import { holdersOf, inventoryOf, ssoPeople, type SsoPerson } from './people.ts';

const MINUTE = 60_000;
const ENDING = 200;
const PENDING = 60;

// Hundreds of requests due at the same minute (bench/requests.bench.ts measures 500): the tick settles them a
// batch to a transaction. There is no query-counting wrapper in the store, so this proves the outcomes: each one
// settled exactly once, with a tick and a request's own settle racing over them, and a second tick doing nothing.
describeStore(`the minute's tick with ${ENDING} requests ending and ${PENDING} timing out at once`, (store) => {
  let world: AwsWorld;
  let requests: RequestService;
  let clock: Date;
  let people: SsoPerson[];
  const db = () => store().db;
  const as = (p: SsoPerson): RequestCaller => ({ userId: null, personId: p.personId, role: 'person', actor: `user:${p.email}` });

  beforeAll(async () => {
    world = await startAwsWorld(store(), { accounts: 3, users: 90, groups: 3, permissionSets: 3 });
    for (const q of REQUEST_QUEUE_SPECS) await world.engine.boss.createQueue(q.name);
    clock = new Date();
    requests = createRequestService({ db: db(), provisioning: world.service, jobs: world.engine, now: () => clock });
    people = await ssoPeople(db(), world.connector.id);
  }, 120_000);
  afterAll(async () => {
    await world?.stop();
  });

  test('each is settled once: expired with its revoke asked once, or timed out; the requester told once; a second tick finds nothing to do', async () => {
    const { accounts, permissionSets } = await inventoryOf(db(), world.connector.id);
    const members = accounts.filter((a) => a.id !== world.sim.world.state.managementAccountId);
    const [quick, slow] = [permissionSets.slice(0, 2), permissionSets[2]!];
    const approver = people[0]!;
    await requests.applyPolicy({
      name: 'Granted at once', connector: world.connector.id, eligibility: { everyone: true }, justificationRequired: false, maxDurationMinutes: 480, defaultDurationMinutes: 30,
      requestable: quick.map((ps) => ({ kind: 'permission_set' as const, permissionSet: ps.name, accounts: '*' as const })), autoApproval: [{}],
    }, 'cli:admin');
    await requests.applyPolicy({
      name: 'Waits for an approver', connector: world.connector.id, eligibility: { everyone: true }, justificationRequired: false, maxDurationMinutes: 480, defaultDurationMinutes: 30,
      requestable: [{ kind: 'permission_set', permissionSet: slow.name, accounts: '*' }], approvalSteps: [{ approvers: [{ kind: 'people', emails: [approver.email] }], approvals: 1 }], pendingTimeoutHours: 1,
    }, 'cli:admin');
    // Requests for access nobody holds yet, so each end removes what its request made.
    const asks = async (sets: typeof permissionSets, n: number) => {
      const out: { person: SsoPerson; account: string; ps: string }[] = [];
      for (const ps of sets) {
        for (const a of members) {
          const holders = await holdersOf(db(), world.connector.id, [`account:${a.id}#${ps.arn}`]);
          for (const p of people.slice(1)) if (!holders.has(p.userId) && out.length < n) out.push({ person: p, account: a.id, ps: ps.arn });
        }
      }
      expect(out.length).toBe(n);
      return out;
    };
    const ending: number[] = [];
    for (const a of await asks(quick, ENDING)) {
      ending.push((await requests.submit({ connector: world.connector.id, entitlement: { kind: 'permission_set', permissionSet: a.ps, accounts: [a.account] } }, as(a.person))).request.id);
    }
    const pending: number[] = [];
    for (const a of await asks([slow], PENDING)) {
      pending.push((await requests.submit({ connector: world.connector.id, entitlement: { kind: 'permission_set', permissionSet: a.ps, accounts: [a.account] } }, as(a.person))).request.id);
    }
    await waitUntilIdle(db(), { intervalMs: 200 });
    expect(await requests.tick(clock)).toMatchObject({ activated: ENDING });
    const statuses = async (ids: number[]) => Object.fromEntries((await queryRows<{ status: string; n: number }>(db(), sql`
      select status, count(*)::int as n from access_requests where id = any(${`{${ids.join(',')}}`}::bigint[]) group by status`)).map((r) => [r.status, Number(r.n)]));
    expect(await statuses(ending)).toEqual({ active: ENDING });
    expect(await statuses(pending)).toEqual({ pending: PENDING });

    // Every end and every deadline passed: one tick, with some of the requests' own settles (their expiry jobs) racing it.
    clock = new Date(clock.getTime() + 2 * 60 * MINUTE);
    const racing = [...ending.slice(0, 5), ...ending.slice(-5), ...pending.slice(0, 3)];
    const [summary] = await Promise.all([requests.tick(clock), ...racing.map((id) => requests.settle(id, clock))]);
    expect(await statuses(ending)).toEqual({ expired: ENDING });
    expect(await statuses(pending)).toEqual({ timed_out: PENDING });
    // What the racing settles did is theirs: the tick counts the rest, and together they are every request.
    expect(summary.expired).toBeGreaterThanOrEqual(ENDING - 10);
    expect(summary.timedOut).toBeGreaterThanOrEqual(PENDING - 3);

    const all = [...ending, ...pending];
    const perRequest = async (query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(db(), query)).map((r) => Number(r.n));
    // One audit event and one notice per request, one revoke task per expired request's account, each target revoking.
    expect(await perRequest(sql`select count(*)::int as n from audit_events where type in ('request.expired', 'request.timed_out') and (data->>'requestId')::bigint = any(${`{${all.join(',')}}`}::bigint[]) group by data->>'requestId'`))
      .toEqual(all.map(() => 1));
    expect(await perRequest(sql`select count(*)::int as n from notifications where kind in ('request.expired', 'request.timed_out') and (payload->>'requestId')::bigint = any(${`{${all.join(',')}}`}::bigint[]) group by payload->>'requestId'`))
      .toEqual(all.map(() => 1));
    const revokeTasks = sql`select count(*)::int as n from provisioning_tasks where trigger = 'request' and action = 'revoke' and trigger_ref = any(${`{${ending.map((i) => `request:${i}`).join(',')}}`}::text[]) group by trigger_ref`;
    expect(await perRequest(revokeTasks)).toEqual(ending.map(() => 1));
    expect(await queryRows(db(), sql`select status, count(*)::int as n from access_request_targets where request_id = any(${`{${ending.join(',')}}`}::bigint[]) group by status`))
      .toEqual([{ status: 'revoking', n: ENDING }]);

    // Again at the same minute: nothing more is ended, timed out, told or asked.
    expect(await requests.tick(clock)).toMatchObject({ expired: 0, timedOut: 0, warned: 0, revokesAsked: 0, ended: 0 });
    expect(await perRequest(revokeTasks)).toEqual(ending.map(() => 1));

    // The revokes run; the next tick follows them: every access the requests made is gone from AWS.
    await waitUntilIdle(db(), { intervalMs: 200 });
    await requests.tick(clock);
    expect(await queryRows(db(), sql`select status, count(*)::int as n from access_request_targets where request_id = any(${`{${ending.join(',')}}`}::bigint[]) group by status`))
      .toEqual([{ status: 'removed', n: ENDING }]);
    const byRequest = await queryRows<{ principal_id: string; resource_id: string; entitlement_key: string }>(db(), sql`
      select principal_id, resource_id, entitlement_key from access_request_targets where request_id = any(${`{${ending.join(',')}}`}::bigint[])`);
    const assignments = [...identityCenterOf(world.sim).assignments.values()];
    expect(byRequest.filter((t) => assignments.some((a) => a.principalId === t.principal_id && a.accountId === t.resource_id && t.entitlement_key.endsWith(`#${a.permissionSetArn}`)))).toEqual([]);
  }, 600_000);
});
