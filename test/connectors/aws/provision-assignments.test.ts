/**
 * Account assignments as asynchronous AWS operations: following one across an abandoned attempt,
 * AWS's failure reason, and many at once against Identity Center's 15 operations in flight.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSimulator, MAX_OPERATIONS_IN_PROGRESS, type Simulator } from '../../../src/aws-sim/index.ts';
import { ASSIGNMENT_OPERATIONS_IN_FLIGHT, type AwsProvisioner } from '../../../src/connectors/aws/provision/provisioner.ts';
import { activeMemberAccountId, assignmentTarget, callsDuring, FAST, identityCenterOf, isAssigned, provisionerFor, rejectionOf } from '../../harness/aws-provision.ts';

/** Long enough that an operation stays IN_PROGRESS until the test moves the simulated clock. */
const SLOW_MS = 10 * 60_000;

describe('an assignment operation followed across attempts', () => {
  let sim: Simulator;
  let provisioner: AwsProvisioner;
  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: false, assignmentDelayMs: SLOW_MS, seed: { seed: 73, accounts: 3, users: 10, groups: 3, permissionSets: 3 } });
    provisioner = provisionerFor(sim);
  });
  afterAll(async () => {
    await provisioner.close();
    await sim.stop();
  });

  /** A permission set on a member account that `principalId` does not hold yet. */
  function freshTarget(userIndex: number) {
    const ic = identityCenterOf(sim);
    const accountId = activeMemberAccountId(sim);
    const principalId = [...ic.users.keys()][userIndex]!;
    const permissionSetArn = [...ic.permissionSets.keys()].find((arn) => !isAssigned(ic, accountId, arn, principalId))!;
    return { ic, accountId, principalId, permissionSetArn, target: assignmentTarget(ic, accountId, permissionSetArn, { type: 'USER', id: principalId }) };
  }

  test('a task abandoned while the creation is IN_PROGRESS resumes by following the same request: one operation, one assignment', async () => {
    const { ic, accountId, principalId, permissionSetArn, target } = freshTarget(0);
    const abandon = new AbortController();
    let captured: string | undefined;
    const first = provisioner.apply('grant', target, {
      signal: abandon.signal,
      onRequestId: async (requestId) => {
        captured = requestId;
        abandon.abort(new Error('worker stopped'));
      },
    });
    await expect(first).rejects.toThrow('worker stopped');
    expect(captured).toBeDefined();
    expect(ic.operations.get(captured!)?.status).toBe('IN_PROGRESS');
    expect(isAssigned(ic, accountId, permissionSetArn, principalId)).toBe(false);

    const resumed = provisioner.apply('grant', target, { resume: { requestId: captured! } });
    sim.advanceClock(SLOW_MS);
    expect(await resumed).toEqual({ outcome: 'applied', requestId: captured, verified: true });

    const operations = [...ic.operations.values()].filter((op) => op.kind === 'CREATE' && op.assignment.principalId === principalId && op.assignment.permissionSetArn === permissionSetArn);
    expect(operations.map((op) => op.requestId)).toEqual([captured]);
    expect([...ic.assignments.values()].filter((a) => a.principalId === principalId && a.permissionSetArn === permissionSetArn && a.accountId === accountId)).toHaveLength(1);
  });

  test('a request AWS does not know is judged by the state: already assigned is "already"', async () => {
    const { target } = freshTarget(1);
    const granting = provisioner.apply('grant', target, {});
    // The creation is IN_PROGRESS until the clock moves; move it once the request exists.
    await waitFor(() => [...identityCenterOf(sim).operations.values()].some((op) => op.status === 'IN_PROGRESS'));
    sim.advanceClock(SLOW_MS);
    expect(await granting).toMatchObject({ outcome: 'applied', verified: true });
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await provisioner.apply('grant', target, { resume: { requestId: unknown } })).toEqual({ outcome: 'already', verified: true });
  });

  test('a deletion is followed to its end as well, and its request id handed out first', async () => {
    const { target } = freshTarget(2);
    const granting = provisioner.apply('grant', target, {});
    await waitFor(() => [...identityCenterOf(sim).operations.values()].some((op) => op.status === 'IN_PROGRESS'));
    sim.advanceClock(SLOW_MS);
    await granting;

    const seen: string[] = [];
    const revoking = provisioner.apply('revoke', target, { onRequestId: async (id) => void seen.push(id) });
    await waitFor(() => seen.length > 0);
    expect(identityCenterOf(sim).operations.get(seen[0]!)).toMatchObject({ kind: 'DELETE', status: 'IN_PROGRESS' });
    sim.advanceClock(SLOW_MS);
    expect(await revoking).toEqual({ outcome: 'applied', requestId: seen[0], verified: true });
  });
});

describe('an assignment AWS fails', () => {
  let sim: Simulator;
  let provisioner: AwsProvisioner;
  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: false, assignmentDelayMs: 0, seed: { seed: 74, accounts: 2, users: 5, groups: 2, permissionSets: 2 } });
    provisioner = provisionerFor(sim);
  });
  afterAll(async () => {
    await provisioner.close();
    await sim.stop();
  });

  test('reports ASSIGNMENT_FAILED with AWS\'s reason and request id', async () => {
    const ic = identityCenterOf(sim);
    const accountId = activeMemberAccountId(sim);
    const principalId = [...ic.users.keys()][0]!;
    const permissionSetArn = [...ic.permissionSets.keys()].find((arn) => !isAssigned(ic, accountId, arn, principalId))!;
    const reason = 'Received a 404 status error: Not supported policy arn:aws:iam::aws:policy/Missing.';
    sim.injectFault({ operation: 'sso:CreateAccountAssignment', kind: 'assignment-failure', reason });
    let requestId: string | undefined;
    const error = await rejectionOf(provisioner.apply('grant', assignmentTarget(ic, accountId, permissionSetArn, { type: 'USER', id: principalId }), { onRequestId: async (id) => void (requestId = id) }));
    expect(error.code).toBe('ASSIGNMENT_FAILED');
    expect(error.message).toContain(reason);
    expect(error.message).toContain(requestId);
    expect(isAssigned(ic, accountId, permissionSetArn, principalId)).toBe(false);
  });
});

describe('many assignments at once', () => {
  const COUNT = 40;
  // Operations last two seconds: at Identity Center's 20 requests per second, far more than 15 could start meanwhile.
  const DELAY_MS = 2000;
  // Polls spaced as in production, scaled to the shorter operations, so they leave room in the 20 per second.
  const TUNING = { ...FAST, poll: { initialMs: 200, maxMs: 800 } };
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: true, assignmentDelayMs: DELAY_MS, seed: { seed: 75, accounts: 2, users: 2 * COUNT + 5, groups: 2, permissionSets: 3 } });
  });
  afterAll(() => sim.stop());

  /** COUNT users without `permissionSetArn` on the account, after skipping `skip` of them. */
  function grantsOf(permissionSetArn: string, skip: number) {
    const ic = identityCenterOf(sim);
    const accountId = activeMemberAccountId(sim);
    const userIds = [...ic.users.keys()].filter((id) => !isAssigned(ic, accountId, permissionSetArn, id)).slice(skip, skip + COUNT);
    expect(userIds).toHaveLength(COUNT);
    return { ic, accountId, userIds, targets: userIds.map((id) => assignmentTarget(ic, accountId, permissionSetArn, { type: 'USER', id })) };
  }

  /** Every creation of `userIds`' assignments, and the most that were IN_PROGRESS at once. */
  function creationsOf(userIds: string[], permissionSetArn: string) {
    const ops = [...identityCenterOf(sim).operations.values()].filter((op) => op.kind === 'CREATE' && op.assignment.permissionSetArn === permissionSetArn && userIds.includes(op.assignment.principalId));
    const events = ops.flatMap((op) => [{ at: op.createdDate.getTime(), delta: 1 }, { at: op.completesAt, delta: -1 }]).sort((x, y) => x.at - y.at || x.delta - y.delta);
    let inFlight = 0;
    let most = 0;
    for (const e of events) most = Math.max(most, (inFlight += e.delta));
    return { count: ops.length, most };
  }

  test(`one worker: ${COUNT} concurrent creations under AWS-like rate limits all succeed, each started once, at most ${ASSIGNMENT_OPERATIONS_IN_FLIGHT} in flight`, async () => {
    const permissionSetArn = [...identityCenterOf(sim).permissionSets.keys()][0]!;
    const { ic, accountId, userIds, targets } = grantsOf(permissionSetArn, 0);
    const provisioner = provisionerFor(sim, {}, { maxAttempts: 8 }, TUNING);
    try {
      let results: { outcome: string; verified: boolean }[] = [];
      const calls = await callsDuring(provisioner, async () => (results = await Promise.all(targets.map((t) => provisioner.apply('grant', t, {})))));
      expect(results.every((r) => r.outcome === 'applied' && r.verified)).toBe(true);
      expect(userIds.every((id) => isAssigned(ic, accountId, permissionSetArn, id))).toBe(true);
      const creations = creationsOf(userIds, permissionSetArn);
      expect(creations.count).toBe(COUNT);
      expect(creations.most).toBeLessThanOrEqual(ASSIGNMENT_OPERATIONS_IN_FLIGHT);
      // Rate-limit throttling may repeat a call, but no creation is started twice.
      expect(calls['sso:CreateAccountAssignment']).toBeGreaterThanOrEqual(COUNT);
    } finally {
      await provisioner.close();
    }
  });

  test(`two workers asking for 30 operations in flight where AWS allows ${MAX_OPERATIONS_IN_PROGRESS}: throttled creations wait, all ${COUNT} succeed, each started once`, async () => {
    const permissionSetArn = [...identityCenterOf(sim).permissionSets.keys()][1]!;
    const { ic, accountId, userIds, targets } = grantsOf(permissionSetArn, 0);
    // Each SDK call tries once, so every refusal reaches the provisioner's own waiting.
    const workers = [provisionerFor(sim, {}, { maxAttempts: 1 }, TUNING), provisionerFor(sim, {}, { maxAttempts: 1 }, TUNING)];
    try {
      const results = await Promise.all(targets.map((t, i) => workers[i % 2]!.apply('grant', t, {})));
      expect(results.every((r) => r.outcome === 'applied' && r.verified)).toBe(true);
      expect(userIds.every((id) => isAssigned(ic, accountId, permissionSetArn, id))).toBe(true);
      const creations = creationsOf(userIds, permissionSetArn);
      expect(creations.count).toBe(COUNT);
      expect(creations.most).toBeLessThanOrEqual(MAX_OPERATIONS_IN_PROGRESS);
      const refused = workers.reduce((n, w) => n + (w.apiCalls()['sso:CreateAccountAssignment'] ?? 0), 0) - COUNT;
      expect(refused).toBeGreaterThan(0);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  });
});

/** Waits (polling the in-process simulator) until `ready` holds. */
async function waitFor(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 5));
}
