import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { IdentitystoreClient, ListUsersCommand as ListIdentityStoreUsersCommand } from '@aws-sdk/client-identitystore';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { ListInstancesCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Simulator } from '../../src/aws-sim/index.ts';
import { isThrottlingError } from '../../src/connectors/index.ts';
import { asAdmin, startTestSimulator } from '../harness/aws-sim.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ seed: { seed: 11, accounts: 1 } });
});
afterAll(() => sim.stop());
beforeEach(() => {
  sim.clearFaults();
  sim.setRateLimits(false);
});

/** A token bucket that holds `burst` calls and refills too slowly to matter within a test. */
const nearlyNoRefill = (burst: number) => ({ ratePerSecond: 0.0001, burst });

describe('injected throttling and the SDK retry', () => {
  test('a burst of 2 throttled calls is retried by adaptive retry and succeeds on the third attempt', async () => {
    sim.injectFault({ operation: 'iam:ListUsers', kind: 'throttle', count: 2 });
    const iam = new IAMClient(asAdmin(sim, { retryMode: 'adaptive', maxAttempts: 5 }));
    const result = await iam.send(new ListUsersCommand({}));
    expect(result.$metadata.attempts).toBe(3);
    expect(result.Users?.length).toBeGreaterThan(0);
  });

  test('a burst longer than maxAttempts surfaces Throttling after every attempt', async () => {
    sim.injectFault({ operation: 'iam:ListUsers', kind: 'throttle', count: 10 });
    const iam = new IAMClient(asAdmin(sim, { retryMode: 'adaptive', maxAttempts: 3 }));
    await expect(iam.send(new ListUsersCommand({}))).rejects.toMatchObject({
      name: 'Throttling',
      $metadata: { httpStatusCode: 400, attempts: 3 },
    });
  });

  test('faults apply only to the operation they name', async () => {
    sim.injectFault({ operation: 'iam:GetUser', kind: 'throttle', count: 5 });
    const iam = new IAMClient(asAdmin(sim));
    expect((await iam.send(new ListUsersCommand({}))).$metadata.attempts).toBe(1);
  });
});

describe('rate limits', () => {
  test('IAM answers Throttling (400) once the account has spent its burst', async () => {
    sim.setRateLimits({ iam: nearlyNoRefill(2) });
    const iam = new IAMClient(asAdmin(sim));
    await iam.send(new ListUsersCommand({}));
    await iam.send(new ListUsersCommand({}));
    await expect(iam.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'Throttling', $metadata: { httpStatusCode: 400 } });
  });

  test('sso and identitystore draw on one Identity Center budget and answer ThrottlingException (400)', async () => {
    sim.setRateLimits({ identitycenter: nearlyNoRefill(2) });
    const ssoAdmin = new SSOAdminClient(asAdmin(sim));
    const identityStore = new IdentitystoreClient(asAdmin(sim));
    await ssoAdmin.send(new ListInstancesCommand({}));
    await identityStore.send(new ListIdentityStoreUsersCommand({ IdentityStoreId: sim.world.state.identityCenter!.identityStoreId }));
    await expect(ssoAdmin.send(new ListInstancesCommand({}))).rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    await expect(identityStore.send(new ListIdentityStoreUsersCommand({ IdentityStoreId: sim.world.state.identityCenter!.identityStoreId }))).rejects.toMatchObject({
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  test('Organizations answers TooManyRequestsException', async () => {
    sim.setRateLimits({ organizations: nearlyNoRefill(1) });
    const organizations = new OrganizationsClient(asAdmin(sim));
    await organizations.send(new ListAccountsCommand({}));
    await expect(organizations.send(new ListAccountsCommand({}))).rejects.toMatchObject({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
  });

  test('limits are per family: a throttled IAM leaves Identity Center alone', async () => {
    sim.setRateLimits({ iam: nearlyNoRefill(1) });
    const iam = new IAMClient(asAdmin(sim));
    await iam.send(new ListUsersCommand({}));
    await expect(iam.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'Throttling' });
    expect((await new SSOAdminClient(asAdmin(sim)).send(new ListInstancesCommand({}))).Instances).toHaveLength(1);
  });
});

/**
 * Identity Store and SSO Admin answer throttling with HTTP 400, not the 429 of their models; what keeps
 * the SDK's retries and RRCU's classification working is the error code.
 */
describe('Identity Center throttling answers 400 and is still retried as throttling', () => {
  const identityStoreId = () => sim.world.state.identityCenter!.identityStoreId;

  test('an injected throttle on Identity Store is a 400 ThrottlingException that the SDK retries and RRCU calls throttling', async () => {
    sim.injectFault({ operation: 'identitystore:ListUsers', kind: 'throttle', count: 1 });
    const single = new IdentitystoreClient(asAdmin(sim));
    const error = await single.send(new ListIdentityStoreUsersCommand({ IdentityStoreId: identityStoreId() })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 }, $retryable: { throttling: true } });
    expect(isThrottlingError(error)).toBe(true);

    sim.injectFault({ operation: 'identitystore:ListUsers', kind: 'throttle', count: 2 });
    const retrying = new IdentitystoreClient(asAdmin(sim, { maxAttempts: 3 }));
    expect((await retrying.send(new ListIdentityStoreUsersCommand({ IdentityStoreId: identityStoreId() }))).$metadata.attempts).toBe(3);
  });

  test('an injected throttle on SSO Admin is a 400 ThrottlingException that the SDK retries', async () => {
    sim.injectFault({ operation: 'sso:ListInstances', kind: 'throttle', count: 1 });
    const ssoAdmin = new SSOAdminClient(asAdmin(sim, { maxAttempts: 2 }));
    const result = await ssoAdmin.send(new ListInstancesCommand({}));
    expect(result.$metadata.attempts).toBe(2);
    sim.injectFault({ operation: 'sso:ListInstances', kind: 'throttle', count: 1 });
    await expect(new SSOAdminClient(asAdmin(sim)).send(new ListInstancesCommand({}))).rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
  });
});
