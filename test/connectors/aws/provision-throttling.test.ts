import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../../src/aws-sim/index.ts';
import { createAwsProvisioner } from '../../../src/connectors/aws/provision/provisioner.ts';
import { activeMemberAccountId, assignmentTarget, FAST, identityCenterOf, isAssigned } from '../../harness/aws-provision.ts';
import { configFor } from '../../../harness/sim-session.ts';

const TASKS = 15;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ rateLimits: false, assignmentDelayMs: 0, seed: { seed: 41, accounts: 2, users: TASKS + 5, groups: 2, permissionSets: 2 } });
});
afterAll(async () => {
  await sim?.stop();
});

// Pins a regression: the Identity Center instance lookup all tasks of a provisioner share was given
// the SDK's 8 attempts, throttling included, so a storm on sso:ListInstances failed 15 tasks at once.
test(`${TASKS} tasks started together under a throttle storm on their shared sso:ListInstances lookup all succeed, each assignment created once`, async () => {
  const ic = identityCenterOf(sim);
  const accountId = activeMemberAccountId(sim);
  const permissionSetArn = [...ic.permissionSets.keys()][0]!;
  const userIds = [...ic.users.keys()].filter((id) => !isAssigned(ic, accountId, permissionSetArn, id)).slice(0, TASKS);
  expect(userIds).toHaveLength(TASKS);
  // As many throttled answers in a row as the SDK's default attempts.
  sim.injectFault({ operation: 'sso:ListInstances', kind: 'throttle', count: 8 });
  // The production defaults for retries; only the provisioner's own polling is shortened.
  const provisioner = createAwsProvisioner(configFor(sim), { baseCredentials: { ...sim.world.rrcu }, now: () => sim.now() }, FAST);
  try {
    const results = await Promise.all(userIds.map((id) => provisioner.apply('grant', assignmentTarget(ic, accountId, permissionSetArn, { type: 'USER', id }), {})));
    expect(results.map((r) => r.outcome)).toEqual(userIds.map(() => 'applied'));
    expect(provisioner.apiCalls()).toMatchObject({ 'sso:ListInstances': 9, 'throttled:sso:ListInstances': 8, 'sso:CreateAccountAssignment': TASKS });
  } finally {
    sim.clearFaults();
    await provisioner.close();
  }
  expect(userIds.every((id) => isAssigned(ic, accountId, permissionSetArn, id))).toBe(true);
});
