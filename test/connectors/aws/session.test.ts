import { ListUsersCommand } from '@aws-sdk/client-iam';
import { ListUsersCommand as ListIdentityStoreUsersCommand } from '@aws-sdk/client-identitystore';
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { ListInstancesCommand } from '@aws-sdk/client-sso-admin';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Simulator } from '../../../src/aws-sim/index.ts';
import { isRrcuError } from '../../../src/core/errors.ts';
import type { AwsSession } from '../../../src/connectors/aws/session/session.ts';
import { sessionFor, simSession, type SimSession } from '../../../harness/sim-session.ts';

let world: SimSession;
let sim: Simulator;
beforeAll(async () => {
  world = await simSession({ seed: 21, accounts: 2, users: 4, groups: 2, permissionSets: 2, iamUsersPerAccount: 2 });
  sim = world.sim;
});
afterAll(() => world.close());
beforeEach(() => sim.clearFaults());

const memberAccounts = () => [...sim.world.state.accounts.values()].filter((a) => a.id !== sim.world.state.managementAccountId && !a.outsideOrganization);
const userNames = async (session: AwsSession, accountId: string) =>
  ((await (await session.iamIn(accountId)).send(new ListUsersCommand({}))).Users ?? []).map((u) => u.UserName).sort();

/** Sessions of the connector role the simulator has issued (each AssumeRole adds one). */
const connectorSessions = () => [...sim.world.state.accessKeys.values()].filter((k) => k.kind === 'assumed-role' && k.principalName === 'RRCUIntegration').length;

describe('one session, one AssumeRole', () => {
  test('every client of a session shares one assumed-role session', async () => {
    const before = connectorSessions();
    const session = await sessionFor(sim);
    try {
      const { iam, organizations, sso, identityStore } = session.clients;
      await Promise.all([iam.send(new ListUsersCommand({})), organizations.send(new ListAccountsCommand({})), sso!.send(new ListInstancesCommand({}))]);
      await identityStore!.send(new ListIdentityStoreUsersCommand({ IdentityStoreId: sim.world.state.identityCenter!.identityStoreId }));
      expect(session.caller).toEqual({ accountId: sim.world.state.managementAccountId, arn: expect.stringMatching(/assumed-role\/RRCUIntegration\/rrcu-sync$/) });
      expect(session.apiCalls()['sts:AssumeRole']).toBe(1);
      expect(connectorSessions() - before).toBe(1);
    } finally {
      session.close();
    }
  });

  test('without a role ARN the base credentials are used as they are', async () => {
    const session = await sessionFor(sim, { roleArn: undefined, organizations: false });
    try {
      expect(session.caller.arn).toBe(sim.world.rrcu.arn);
      expect(session.apiCalls()['sts:AssumeRole']).toBeUndefined();
    } finally {
      session.close();
    }
  });
});

describe('call counting', () => {
  test('counts each call under its IAM action name', async () => {
    const session = await sessionFor(sim);
    try {
      await session.clients.iam.send(new ListUsersCommand({}));
      await session.clients.iam.send(new ListUsersCommand({}));
      await session.clients.organizations.send(new ListAccountsCommand({}));
      await session.clients.sso!.send(new ListInstancesCommand({}));
      session.countCall('scim:ListUsers');
      expect(session.apiCalls()).toEqual({
        'sts:AssumeRole': 1,
        'sts:GetCallerIdentity': 1,
        'iam:ListUsers': 2,
        'organizations:ListAccounts': 1,
        'sso:ListInstances': 1,
        'scim:ListUsers': 1,
      });
    } finally {
      session.close();
    }
  });

  test('counts every attempt of a throttled call, and each retry after throttling, across services', async () => {
    const session = await sessionFor(sim, {}, { maxAttempts: 5 });
    try {
      sim.injectFault([
        { operation: 'iam:ListUsers', kind: 'throttle', count: 2 },
        { operation: 'organizations:ListAccounts', kind: 'throttle', count: 1 },
        { operation: 'sso:ListInstances', kind: 'throttle', count: 1 },
      ]);
      await session.clients.iam.send(new ListUsersCommand({}));
      await session.clients.organizations.send(new ListAccountsCommand({}));
      await session.clients.sso!.send(new ListInstancesCommand({}));
      expect(session.apiCalls()).toMatchObject({
        'iam:ListUsers': 3,
        'throttled:iam:ListUsers': 2,
        'organizations:ListAccounts': 2,
        'throttled:organizations:ListAccounts': 1,
        'sso:ListInstances': 2,
        'throttled:sso:ListInstances': 1,
      });
    } finally {
      session.close();
    }
  });
});

describe('member accounts', () => {
  test('IAM of a member account is read through its cross-account role, assumed once per account', async () => {
    const session = await sessionFor(sim);
    try {
      const [member] = memberAccounts();
      expect(await userNames(session, member!.id)).toEqual([...member!.iam.users.keys()].sort());
      await session.iamIn(member!.id);
      expect(session.apiCalls()['sts:AssumeRole']).toBe(2);
      expect(await session.iamIn(sim.world.state.managementAccountId)).toBe(session.clients.iam);
    } finally {
      session.close();
    }
  });

  test('without a cross-account role name, a member account is refused with the setting to change', async () => {
    const session = await sessionFor(sim, { crossAccountRoleName: undefined });
    try {
      const error = await session.iamIn(memberAccounts()[0]!.id).catch((e: unknown) => e);
      expect(isRrcuError(error, 'CROSS_ACCOUNT_NOT_CONFIGURED')).toBe(true);
    } finally {
      session.close();
    }
  });
});

/**
 * Time passes for RRCU and AWS alike: the host clock (which the simulator's clock follows) moves.
 * Moving the simulator's clock alone would look like a host clock an hour slow, which AWS refuses until
 * the SDK corrects the skew, and each correction would be one more attempt counted.
 */
function passTime(ms: number): void {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(Date.now() + ms);
}

describe('credential refresh', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  // Last in the file: it moves the clock past every session issued so far.
  test('after the hour, the session and member-account credentials are assumed again and calls go on', async () => {
    const session = await sessionFor(sim);
    try {
      const [member] = memberAccounts();
      await userNames(session, member!.id);
      expect(session.apiCalls()['sts:AssumeRole']).toBe(2);
      passTime(3601_000);
      await session.clients.iam.send(new ListUsersCommand({}));
      expect(await userNames(session, member!.id)).toEqual([...member!.iam.users.keys()].sort());
      expect(session.apiCalls()['sts:AssumeRole']).toBe(4);
      // Inside the five minutes before expiry, the cache renews ahead of time rather than signing with a dying key.
      passTime(3600_000 - 4 * 60_000);
      await session.clients.iam.send(new ListUsersCommand({}));
      expect(session.apiCalls()['sts:AssumeRole']).toBe(5);
    } finally {
      session.close();
    }
  });
});
