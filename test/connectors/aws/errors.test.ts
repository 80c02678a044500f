/**
 * Each way the setup can go wrong, provoked on the simulator as a customer would get there (through
 * the IAM API with an administrator's key), gives an error that names what was asked and found and
 * says what to change.
 */
import { createServer } from 'node:net';
import { CreateRoleCommand, GetRolePolicyCommand, IAMClient, PutRolePolicyCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { afterEach, describe, expect, test } from 'vitest';
import { startSimulator, type SeedOptions, type Simulator } from '../../../src/aws-sim/index.ts';
import { RrcuError } from '../../../src/core/errors.ts';
import { syncAccounts } from '../../../src/connectors/aws/sync/accounts.ts';
import { createAwsSession } from '../../../src/connectors/aws/session/clients.ts';
import { syncIam } from '../../../src/connectors/aws/sync/iam.ts';
import type { AccountInfo } from '../../../src/connectors/aws/resource-types.ts';
import type { AwsSession } from '../../../src/connectors/aws/session/session.ts';
import { configFor, drain, recordingContext, sessionFor } from '../../../harness/sim-session.ts';
import { managementOperator } from '../../harness/aws-sim.ts';

const SMALL: SeedOptions = { seed: 31, accounts: 1, users: 2, groups: 1, permissionSets: 1, iamUsersPerAccount: 1 };

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function startSim(seed: SeedOptions = SMALL): Promise<Simulator> {
  const sim = await startSimulator({ rateLimits: false, seed });
  cleanup.push(() => sim.stop());
  return sim;
}

async function open(sim: Simulator, ...args: Parameters<typeof sessionFor> extends [Simulator, ...infer R] ? R : never): Promise<AwsSession> {
  const session = await sessionFor(sim, ...args);
  cleanup.push(() => session.close());
  return session;
}

/** What rejecting `promise` threw, which must be an RrcuError. */
async function rrcuErrorOf(promise: Promise<unknown>): Promise<RrcuError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RrcuError);
  return error as RrcuError;
}

const adminIam = (sim: Simulator, credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider = { ...sim.world.admin }) =>
  new IAMClient({ region: sim.region, endpoint: sim.endpoint, credentials, maxAttempts: 1 });

/** The administrator of a member account: a management-account administrator through OrganizationAccountAccessRole (AWS refuses AssumeRole to root). */
function memberAdmin(sim: Simulator, accountId: string): AwsCredentialIdentityProvider {
  return fromTemporaryCredentials({
    params: { RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`, RoleSessionName: 'admin' },
    masterCredentials: managementOperator(sim),
    clientConfig: { region: sim.region, endpoint: sim.endpoint },
  });
}

const managementAccount = (sim: Simulator): AccountInfo => ({ id: sim.world.state.managementAccountId, name: 'management', status: 'ACTIVE' });
const memberAccount = (sim: Simulator): AccountInfo => {
  const a = [...sim.world.state.accounts.values()].find((x) => x.id !== sim.world.state.managementAccountId && !x.outsideOrganization)!;
  return { id: a.id, name: a.name, status: a.status };
};

describe('the connector role cannot be assumed', () => {
  test('a wrong External ID names the role, the identity RRCU runs as and the External ID, and gives the trust policy to paste', async () => {
    const sim = await startSim();
    const error = await rrcuErrorOf(open(sim, { externalId: 'not-the-right-one' }));
    expect(error.code).toBe('ROLE_NOT_ASSUMABLE');
    expect(error.message).toContain(sim.world.rrcu.connectorRoleArn);
    expect(error.message).toContain(sim.world.rrcu.arn);
    expect(error.message).toContain('"not-the-right-one"');
    expect(JSON.parse(error.fix!.slice(error.fix!.indexOf('{'), error.fix!.lastIndexOf('}') + 1))).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: sim.world.rrcu.arn }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'not-the-right-one' } } },
      ],
    });
  });

  test('a trust policy that names another principal gives the same diagnosis', async () => {
    const sim = await startSim();
    const other = `arn:aws:iam::${sim.world.state.managementAccountId}:root`;
    await adminIam(sim).send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: 'RRCUIntegration',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: other }, Action: 'sts:AssumeRole' }] }),
      }),
    );
    const error = await rrcuErrorOf(open(sim));
    expect(error.code).toBe('ROLE_NOT_ASSUMABLE');
    expect(error.fix).toContain(`"AWS": "${sim.world.rrcu.arn}"`);
    expect(error.fix).toContain(`"sts:ExternalId": "${sim.world.rrcu.externalId}"`);
  });
});

test('a required action missing from the policy names the action and the statement to add it to', async () => {
  const sim = await startSim();
  const iam = adminIam(sim);
  const { PolicyDocument } = await iam.send(new GetRolePolicyCommand({ RoleName: 'RRCUIntegration', PolicyName: 'RRCUPermissions' }));
  const policy = JSON.parse(decodeURIComponent(PolicyDocument!)) as { Statement: { Sid?: string; Action: string[] }[] };
  const read = policy.Statement.find((s) => s.Sid === 'ConductorOneReadAccess')!;
  read.Action = read.Action.filter((a) => a !== 'iam:ListUsers');
  await iam.send(new PutRolePolicyCommand({ RoleName: 'RRCUIntegration', PolicyName: 'RRCUPermissions', PolicyDocument: JSON.stringify(policy) }));

  const session = await open(sim);
  const error = await rrcuErrorOf(drain(syncIam({ session, ctx: recordingContext().ctx }, managementAccount(sim))));
  expect(error.code).toBe('ACTION_DENIED');
  expect(error.message).toContain('iam:ListUsers');
  expect(error.message).toContain(sim.world.rrcu.connectorRoleArn);
  expect(error.fix).toBe(`In the inline policy of ${sim.world.rrcu.connectorRoleArn}, add "iam:ListUsers" to the Action list of the "RRCUReadAccess" statement.`);
});

test('Organizations support with the role in a member account says the role belongs in the management account', async () => {
  const sim = await startSim();
  const member = memberAccount(sim);
  // The member account's administrator sets RRCU up there, following the guide in the wrong account.
  const memberIam = adminIam(sim, memberAdmin(sim, member.id));
  const { PolicyDocument } = await adminIam(sim).send(new GetRolePolicyCommand({ RoleName: 'RRCUIntegration', PolicyName: 'RRCUPermissions' }));
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: sim.world.rrcu.arn }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': sim.world.rrcu.externalId } } }] };
  const { Role } = await memberIam.send(new CreateRoleCommand({ RoleName: 'RRCUIntegration', AssumeRolePolicyDocument: JSON.stringify(trust) }));
  await memberIam.send(new PutRolePolicyCommand({ RoleName: 'RRCUIntegration', PolicyName: 'RRCUPermissions', PolicyDocument: decodeURIComponent(PolicyDocument!) }));

  const session = await open(sim, { roleArn: Role!.Arn!, organizations: true });
  expect(session.caller.accountId).toBe(member.id);
  const error = await rrcuErrorOf(drain(syncAccounts({ session, ctx: recordingContext().ctx })));
  expect(error.code).toBe('ROLE_NOT_IN_MANAGEMENT_ACCOUNT');
  expect(error.message).toContain(Role!.Arn!);
  expect(error.message).toContain(`account ${member.id}`);
  expect(error.fix).toMatch(/management account/);
});

test('Organizations support on an account outside any organisation says to turn it off or create one', async () => {
  const sim = await startSim({ ...SMALL, organizations: false });
  const session = await open(sim, { organizations: true });
  const error = await rrcuErrorOf(drain(syncAccounts({ session, ctx: recordingContext().ctx })));
  expect(error.code).toBe('ORGANIZATIONS_NOT_IN_USE');
  expect(error.message).toContain(sim.world.state.managementAccountId);
  expect(error.fix).toMatch(/Turn off AWS Organizations support/);
});

test('an unreachable endpoint is named', async () => {
  const closed = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  const sim = await startSim();
  const endpoint = `http://127.0.0.1:${closed}`;
  const error = await rrcuErrorOf(
    createAwsSession(configFor(sim, { endpoint }), { baseCredentials: { accessKeyId: sim.world.rrcu.accessKeyId, secretAccessKey: sim.world.rrcu.secretAccessKey }, maxAttempts: 1 }),
  );
  expect(error.code).toBe('AWS_UNREACHABLE');
  expect(error.message).toContain(endpoint);
  expect(error.fix).toContain(endpoint);
});

test('throttling that outlasts the throttling budget is THROTTLED, naming the action', async () => {
  const sim = await startSim();
  // No time for throttling at all: the first throttled answer is final (the default budget is minutes).
  const session = await open(sim, {}, { maxAttempts: 2, throttleBudgetMs: 0 });
  sim.injectFault({ operation: 'iam:ListUsers', kind: 'throttle', count: 10 });
  const error = await rrcuErrorOf(drain(syncIam({ session, ctx: recordingContext().ctx }, managementAccount(sim))));
  expect(error.code).toBe('THROTTLED');
  expect(error.message).toContain('iam:ListUsers');
  expect(session.apiCalls()).toMatchObject({ 'iam:ListUsers': 1 });
});

test('a member account whose cross-account role refuses RRCU fails alone, naming the account and the role', async () => {
  const sim = await startSim();
  const member = memberAccount(sim);
  const lockedOut = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${member.id}:root` }, Action: 'sts:AssumeRole' }] };
  await adminIam(sim, memberAdmin(sim, member.id)).send(new UpdateAssumeRolePolicyCommand({ RoleName: 'OrganizationAccountAccessRole', PolicyDocument: JSON.stringify(lockedOut) }));

  const session = await open(sim);
  const ctx = recordingContext().ctx;
  const error = await rrcuErrorOf(drain(syncIam({ session, ctx }, member)));
  expect(error.code).toBe('CROSS_ACCOUNT_ROLE_UNAVAILABLE');
  expect(error.message).toContain(member.id);
  expect(error.message).toContain(`arn:aws:iam::${member.id}:role/OrganizationAccountAccessRole`);
  // The management account is unaffected.
  expect((await drain(syncIam({ session, ctx }, managementAccount(sim)))).items.length).toBeGreaterThan(0);
});

test('expired credentials from the base chain are named as such', async () => {
  const sim = await startSim();
  // A session of the connector role, kept past its hour by a base chain that does not refresh it.
  const { accessKeyId, secretAccessKey, sessionToken } = await fromTemporaryCredentials({
    params: { RoleArn: sim.world.rrcu.connectorRoleArn, RoleSessionName: 'stale', ExternalId: sim.world.rrcu.externalId },
    masterCredentials: { accessKeyId: sim.world.rrcu.accessKeyId, secretAccessKey: sim.world.rrcu.secretAccessKey },
    clientConfig: { region: sim.region, endpoint: sim.endpoint },
  })();
  sim.advanceClock(3601_000);
  const error = await rrcuErrorOf(createAwsSession(configFor(sim, { roleArn: undefined }), { baseCredentials: { accessKeyId, secretAccessKey, sessionToken }, maxAttempts: 1 }));
  expect(error.code).toBe('AWS_CREDENTIALS_EXPIRED');
});

test('an unknown access key is named as invalid credentials', async () => {
  const sim = await startSim();
  const error = await rrcuErrorOf(createAwsSession(configFor(sim), { baseCredentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x'.repeat(40) }, maxAttempts: 1 }));
  // AssumeRole signed with an unknown key fails before any trust policy is read.
  expect(error.code).toBe('AWS_CREDENTIALS_INVALID');
});

test('an error nobody anticipated keeps AWS’s code and message and its cause', async () => {
  const sim = await startSim();
  const session = await open(sim);
  sim.injectFault({ operation: 'iam:ListUsers', kind: 'server-error', count: 10 });
  const error = await rrcuErrorOf(drain(syncIam({ session, ctx: recordingContext().ctx }, managementAccount(sim))));
  expect(error.code).toBe('AWS_ERROR');
  expect(error.message).toMatch(/iam:ListUsers failed as .*: \w+ \(HTTP 500\)/);
  expect(error.cause).toBeInstanceOf(Error);
});
