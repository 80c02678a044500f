/**
 * The calls account-assignment tasks share: the first look for an operation's end is its read-back (one
 * read of an (account, permission set) pair serves the tasks on it), one status listing follows every
 * operation still in flight after it, and the read before acting is skipped where the inventory answers
 * it and AWS's call is idempotent. Each task still has its own request id and is verified by reading the
 * assignment back.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../../src/aws-sim/index.ts';
import type { AwsProvisioner, ProvisioningTarget } from '../../../src/connectors/index.ts';
import { allowOptionalActions } from '../../../harness/sim-session.ts';
import { activeMemberAccountId, assignmentTarget, callsDuring, FAST, identityCenterOf, isAssigned, provisionerFor, rejectionOf } from '../../harness/aws-provision.ts';

const DELAY_MS = 300;
/** First look at AWS's typical completion time, as in production, scaled to the simulator's shorter operations. */
const TUNING = { ...FAST, poll: { initialMs: DELAY_MS, maxMs: 1000 }, pollGapMs: 50 };
/** AWS slower than the first look: the read-back misses and the listing (or, without it, Describe) follows. */
const SLOW_AWS = { ...TUNING, poll: { initialMs: DELAY_MS / 4, maxMs: 1000 } };
const COUNT = 12;
const LISTINGS = ['sso:ListAccountAssignmentCreationStatus', 'sso:ListAccountAssignmentDeletionStatus'];

function world(seed: number) {
  return startSimulator({ rateLimits: false, assignmentDelayMs: DELAY_MS, seed: { seed, accounts: 2, users: COUNT + 6, groups: 2, permissionSets: 3 } });
}

/** COUNT users without `permissionSetArn` on the account, as targets whose inventory says they lack it. */
function newAccess(sim: Simulator, permissionSetIndex: number) {
  const ic = identityCenterOf(sim);
  const accountId = activeMemberAccountId(sim);
  const permissionSetArn = [...ic.permissionSets.keys()][permissionSetIndex]!;
  const userIds = [...ic.users.keys()].filter((id) => !isAssigned(ic, accountId, permissionSetArn, id)).slice(0, COUNT);
  expect(userIds).toHaveLength(COUNT);
  const targets = userIds.map((id): ProvisioningTarget => ({ ...assignmentTarget(ic, accountId, permissionSetArn, { type: 'USER', id }), heldAtLastSync: false }));
  return { ic, accountId, permissionSetArn, userIds, targets };
}

describe('with the status listings allowed (RRCU\'s optional actions)', () => {
  let sim: Simulator;
  let provisioner: AwsProvisioner;
  beforeAll(async () => {
    sim = await world(81);
    await allowOptionalActions(sim, LISTINGS);
    provisioner = provisionerFor(sim, {}, {}, TUNING);
  });
  afterAll(async () => {
    await provisioner.close();
    await sim.stop();
  });

  test(`${COUNT} grants at once on one pair: each with its own request id, read back at the typical time (which ends it: no listing, no Describe), a few read-backs for all, no read before acting`, async () => {
    const { ic, accountId, permissionSetArn, userIds, targets } = newAccess(sim, 0);
    const saved: string[] = [];
    let results: { outcome: string; requestId?: string; verified: boolean }[] = [];
    const calls = await callsDuring(provisioner, async () => (results = await Promise.all(targets.map((t) => provisioner.apply('grant', t, { onRequestId: async (id) => void saved.push(id) })))));
    expect(results.every((r) => r.outcome === 'applied' && r.verified)).toBe(true);
    expect(new Set(results.map((r) => r.requestId)).size).toBe(COUNT);
    expect(saved.sort()).toEqual(results.map((r) => r.requestId!).sort());
    expect(userIds.every((id) => isAssigned(ic, accountId, permissionSetArn, id))).toBe(true);
    expect(calls['sso:CreateAccountAssignment']).toBe(COUNT);
    expect(calls['sso:DescribeAccountAssignmentCreationStatus']).toBeUndefined();
    expect(calls['sso:ListAccountAssignmentCreationStatus']).toBeUndefined();
    // Shared: fewer read-backs than operations. How many fewer depends on how close together the twelve creates
    // land, which the machine's load decides (a full CI run on two loaded cores saw 10 where a quiet one sees ≤ 6).
    expect(calls['sso:ListAccountAssignments']).toBeLessThan(COUNT);

    const gone = assignmentTarget(ic, accountId, permissionSetArn, { type: 'USER', id: [...ic.users.keys()].find((id) => !isAssigned(ic, accountId, permissionSetArn, id))! });
    const revokes = await callsDuring(provisioner, async () => (results = await Promise.all([...targets, gone].map((t) => provisioner.apply('revoke', t, {})))));
    expect(results.slice(0, COUNT).every((r) => r.outcome === 'applied' && r.verified && r.requestId)).toBe(true);
    // AWS refuses at once to delete what does not exist: that answer is the check.
    expect(results[COUNT]).toEqual({ outcome: 'already', verified: true });
    expect(userIds.some((id) => isAssigned(ic, accountId, permissionSetArn, id))).toBe(false);
    expect(revokes['sso:DeleteAccountAssignment']).toBe(COUNT + 1);
    expect(revokes['sso:DescribeAccountAssignmentDeletionStatus']).toBeUndefined();
    expect(revokes['sso:ListAccountAssignments']).toBeLessThan(COUNT);
  });

  test('operations slower than the first look: the read-back misses, one listing follows them all, then each is read back; no Describe', async () => {
    const slow = provisionerFor(sim, {}, {}, SLOW_AWS);
    try {
      const { ic, accountId, permissionSetArn, userIds, targets } = newAccess(sim, 2);
      let results: { outcome: string; requestId?: string; verified: boolean }[] = [];
      const calls = await callsDuring(slow, async () => (results = await Promise.all(targets.map((t) => slow.apply('grant', t, {})))));
      expect(results.every((r) => r.outcome === 'applied' && r.verified && r.requestId)).toBe(true);
      expect(userIds.every((id) => isAssigned(ic, accountId, permissionSetArn, id))).toBe(true);
      expect(calls['sso:ListAccountAssignmentCreationStatus']).toBeGreaterThanOrEqual(1);
      expect(calls['sso:ListAccountAssignmentCreationStatus']).toBeLessThanOrEqual(COUNT / 2);
      expect(calls['sso:DescribeAccountAssignmentCreationStatus']).toBeUndefined();
      const revokes = await callsDuring(slow, async () => (results = await Promise.all(targets.map((t) => slow.apply('revoke', t, {})))));
      expect(results.every((r) => r.outcome === 'applied' && r.verified)).toBe(true);
      expect(revokes['sso:ListAccountAssignmentDeletionStatus']).toBeGreaterThanOrEqual(1);
    } finally {
      await slow.close();
    }
  });

  test('the inventory decides whether to read first: held → read and "already" without acting; not held but present → one idempotent creation, read back', async () => {
    const { ic, accountId, permissionSetArn, userIds, targets } = newAccess(sim, 1);
    await provisioner.apply('grant', targets[0]!, {});
    const operations = () => [...ic.operations.values()].filter((op) => op.kind === 'CREATE' && op.assignment.principalId === userIds[0] && op.assignment.permissionSetArn === permissionSetArn).length;
    expect(operations()).toBe(1);

    const held = await callsDuring(provisioner, async () => expect(await provisioner.apply('grant', { ...targets[0]!, heldAtLastSync: true }, {})).toEqual({ outcome: 'already', verified: true }));
    expect(held).toEqual({ 'sso:ListAccountAssignments': 1 });
    // Inventory older than the change: AWS is asked to create what exists, which changes nothing.
    const stale = await callsDuring(provisioner, async () => expect(await provisioner.apply('grant', targets[0]!, {})).toMatchObject({ outcome: 'applied', verified: true }));
    expect(stale['sso:CreateAccountAssignment']).toBe(1);
    expect(stale['sso:ListAccountAssignments']).toBe(1);
    expect(operations()).toBe(2);
    expect([...ic.assignments.values()].filter((a) => a.accountId === accountId && a.permissionSetArn === permissionSetArn && a.principalId === userIds[0])).toHaveLength(1);
    // Nobody looked at the inventory (or a retry): read first, as before.
    expect(await provisioner.apply('grant', assignmentTarget(ic, accountId, permissionSetArn, { type: 'USER', id: userIds[0]! }), {})).toEqual({ outcome: 'already', verified: true });
    expect(await provisioner.apply('grant', targets[0]!, { retry: true })).toEqual({ outcome: 'already', verified: true });
    expect(operations()).toBe(2);
  });

  test('an operation that ended without the change shown is described: AWS\'s failure reason and request id are reported', async () => {
    const { ic, accountId, permissionSetArn, userIds, targets } = newAccess(sim, 2);
    const reason = 'Received a 404 status error: Not supported policy arn:aws:iam::aws:policy/Missing.';
    sim.injectFault({ operation: 'sso:CreateAccountAssignment', kind: 'assignment-failure', reason });
    let requestId: string | undefined;
    const error = await rejectionOf(provisioner.apply('grant', targets[0]!, { onRequestId: async (id) => void (requestId = id) }));
    expect(error.code).toBe('ASSIGNMENT_FAILED');
    expect(error.message).toContain(reason);
    expect(error.message).toContain(requestId);
    expect(isAssigned(ic, accountId, permissionSetArn, userIds[0]!)).toBe(false);
  });
});

describe('without the status listings (the setup guide\'s policy)', () => {
  let sim: Simulator;
  let provisioner: AwsProvisioner;
  beforeAll(async () => {
    sim = await world(82);
    provisioner = provisionerFor(sim, {}, {}, SLOW_AWS);
  });
  afterAll(async () => {
    await provisioner.close();
    await sim.stop();
  });

  test('operations slower than the first look are described on their own after one denied listing, with the same outcome', async () => {
    const { ic, accountId, permissionSetArn, userIds, targets } = newAccess(sim, 0);
    let results: { outcome: string; requestId?: string; verified: boolean }[] = [];
    const calls = await callsDuring(provisioner, async () => (results = await Promise.all(targets.map((t) => provisioner.apply('grant', t, {})))));
    expect(results.every((r) => r.outcome === 'applied' && r.verified && r.requestId)).toBe(true);
    expect(userIds.every((id) => isAssigned(ic, accountId, permissionSetArn, id))).toBe(true);
    expect(calls['sso:ListAccountAssignmentCreationStatus']).toBe(1);
    expect(calls['sso:DescribeAccountAssignmentCreationStatus']).toBeGreaterThanOrEqual(COUNT);
  });
});
