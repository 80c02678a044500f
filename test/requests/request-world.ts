import { waitForTask } from '../../src/provisioning/index.ts';
import { createRequestService, REQUEST_QUEUE_SPECS, type RequestCaller, type RequestDetail, type RequestService } from '../../src/requests/index.ts';
import type { RequestPolicyInput } from '../../src/requests/core/policy.ts';
import type { Store } from '../../src/store/index.ts';
import { startAwsWorld, type AwsWorld } from '../../harness/aws-connector.ts';
import { inventoryOf, ssoPeople, type SsoPerson } from './people.ts';

/** A synced simulated organisation with a requests service on a movable clock and one policy: any permission set on any account, approved by the first person. */
export type RequestWorld = {
  world: AwsWorld;
  requests: RequestService;
  people: SsoPerson[];
  approver: SsoPerson;
  /** The requests service's clock: tests move `clock.now`. */
  clock: { now: Date };
  as(p: SsoPerson): RequestCaller;
  admin: RequestCaller;
  /** Waits for every grant (or revoke) task of the request, then ticks at the clock. */
  settle(id: number, kind: 'grantTask' | 'revokeTask'): Promise<RequestDetail>;
};

export async function startRequestWorld(store: Store, policy: Partial<RequestPolicyInput> & { name: string }): Promise<RequestWorld> {
  const world = await startAwsWorld(store, { accounts: 3, users: 20, groups: 3, permissionSets: 3 });
  for (const q of REQUEST_QUEUE_SPECS) await world.engine.boss.createQueue(q.name);
  const clock = { now: new Date() };
  const requests = createRequestService({ db: store.db, provisioning: world.service, jobs: world.engine, now: () => clock.now });
  const people = await ssoPeople(store.db, world.connector.id);
  const approver = people[0]!;
  const { permissionSets } = await inventoryOf(store.db, world.connector.id);
  await requests.applyPolicy({
    connector: world.connector.id, eligibility: { everyone: true },
    requestable: permissionSets.map((ps) => ({ kind: 'permission_set' as const, permissionSet: ps.name, accounts: '*' as const })),
    approvalSteps: [{ approvers: [{ kind: 'people', emails: [approver.email] }], approvals: 1 }],
    maxDurationMinutes: 480, defaultDurationMinutes: 60, justificationRequired: false, ...policy,
  }, 'cli:admin');
  const admin: RequestCaller = { userId: null, personId: null, role: 'super_admin', actor: 'cli:admin' };
  return {
    world, requests, people, approver, clock, admin,
    as: (p) => ({ userId: null, personId: p.personId, role: 'person', actor: `user:${p.email}` }),
    async settle(id, kind) {
      for (const t of (await requests.getRequest(id, admin)).targets) if (t[kind]) await waitForTask(store.db, t[kind].id, { intervalMs: 100 });
      await requests.tick(clock.now);
      return requests.getRequest(id, admin);
    },
  };
}
