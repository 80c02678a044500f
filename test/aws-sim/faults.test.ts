import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import {
  CreateAccountAssignmentCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Simulator } from '../../src/aws-sim/index.ts';
import { asAdmin, startTestSimulator } from '../harness/aws-sim.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ seed: { seed: 5, accounts: 1 } });
});
afterAll(() => sim.stop());
beforeEach(() => sim.clearFaults());

const retrying = () => new IAMClient(asAdmin(sim, { retryMode: 'standard', maxAttempts: 3 }));

describe('server errors', () => {
  test.each([500, 503] as const)('a %i fault is retried by the SDK', async (status) => {
    sim.injectFault({ operation: 'iam:ListUsers', kind: 'server-error', status });
    const result = await retrying().send(new ListUsersCommand({}));
    expect(result.$metadata.attempts).toBe(2);
  });

  test('a lasting 5xx fault surfaces once attempts run out', async () => {
    sim.injectFault({ operation: 'iam:*', kind: 'server-error', count: -1 });
    await expect(retrying().send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'ServiceFailureException', $metadata: { httpStatusCode: 500, attempts: 3 } });
  });
});

describe('network faults', () => {
  test('a dropped connection is a network error the SDK retries', async () => {
    sim.injectFault({ operation: 'iam:ListUsers', kind: 'drop' });
    const result = await retrying().send(new ListUsersCommand({}));
    expect(result.$metadata.attempts).toBe(2);
  });

  test('a dropped connection with no retries left surfaces as a network error', async () => {
    sim.injectFault({ operation: 'iam:ListUsers', kind: 'drop' });
    const iam = new IAMClient(asAdmin(sim, { maxAttempts: 1 }));
    await expect(iam.send(new ListUsersCommand({}))).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|EPIPE|socket hang up/) });
  });

  test('a delayed call still answers', async () => {
    sim.injectFault({ operation: '*', kind: 'delay', delayMs: 50 });
    const result = await new IAMClient(asAdmin(sim)).send(new ListUsersCommand({}));
    expect(result.Users?.length).toBeGreaterThan(0);
  });
});

describe('assignment failures', () => {
  test('an injected assignment failure ends the operation FAILED with the given reason', async () => {
    const ic = sim.world.state.identityCenter!;
    const permissionSetArn = [...ic.permissionSets.keys()][0]!;
    const userId = [...ic.users.keys()][0]!;
    const accountId = sim.world.state.managementAccountId;
    sim.injectFault({ operation: 'sso:CreateAccountAssignment', kind: 'assignment-failure', reason: 'Simulated: the SAML provider is missing.' });
    const sso = new SSOAdminClient(asAdmin(sim));
    const created = await sso.send(
      new CreateAccountAssignmentCommand({
        InstanceArn: ic.instanceArn,
        PermissionSetArn: permissionSetArn,
        PrincipalType: 'USER',
        PrincipalId: userId,
        TargetType: 'AWS_ACCOUNT',
        TargetId: accountId,
      }),
    );
    sim.advanceClock(60_000);
    const status = await sso.send(
      new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn: ic.instanceArn, AccountAssignmentCreationRequestId: created.AccountAssignmentCreationStatus!.RequestId }),
    );
    expect(status.AccountAssignmentCreationStatus).toMatchObject({ Status: 'FAILED', FailureReason: 'Simulated: the SAML provider is missing.' });
  });
});

describe('admin endpoint', () => {
  test('faults injected over HTTP apply, and DELETE clears them', async () => {
    const injected = await fetch(`${sim.endpoint}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'iam:ListUsers', kind: 'throttle', count: 3 }),
    });
    expect(injected.status).toBe(200);
    expect(await injected.json()).toMatchObject({ faults: [{ operation: 'iam:ListUsers', kind: 'throttle', count: 3 }] });
    const iam = new IAMClient(asAdmin(sim));
    await expect(iam.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'Throttling' });
    expect((await fetch(`${sim.endpoint}/_sim/faults`, { method: 'DELETE' })).status).toBe(200);
    expect((await iam.send(new ListUsersCommand({}))).$metadata.httpStatusCode).toBe(200);
  });

  test('a malformed fault is refused with a message saying what is wrong', async () => {
    const answer = await fetch(`${sim.endpoint}/_sim/faults`, { method: 'POST', body: JSON.stringify({ operation: 'iam:ListUsers', kind: 'meteor' }) });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { message: string }).message).toContain('kind');
  });

  test('the clock moves forward and ground truth is served', async () => {
    const before = sim.now();
    const moved = await fetch(`${sim.endpoint}/_sim/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 3_600_000 }) });
    expect(new Date(((await moved.json()) as { now: string }).now).getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
    const truth = await fetch(`${sim.endpoint}/_sim/ground-truth`);
    expect(truth.status).toBe(200);
    expect(await truth.json()).toBeTypeOf('object');
  });

  test('rate limits can be set and read back', async () => {
    const set = await fetch(`${sim.endpoint}/_sim/rate-limits`, { method: 'POST', body: JSON.stringify({ iam: { ratePerSecond: 5, burst: 5 } }) });
    expect(((await set.json()) as { rateLimits: { iam: unknown } }).rateLimits.iam).toEqual({ ratePerSecond: 5, burst: 5 });
    await fetch(`${sim.endpoint}/_sim/rate-limits`, { method: 'POST', body: 'false' });
  });
});
