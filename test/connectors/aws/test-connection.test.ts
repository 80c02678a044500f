/**
 * "Test connection" against the simulator, set up as a customer following the guide would, and then
 * broken the ways customers break it.
 */
import { CreateRoleCommand, GetRolePolicyCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { afterEach, expect, test } from 'vitest';
import { startSimulator, type SeedOptions, type Simulator } from '../../../src/aws-sim/index.ts';
import { AWS_ACTIONS } from '../../../src/connectors/aws/actions.ts';
import type { AwsConnectorConfig } from '../../../src/connectors/aws/config.ts';
import { NOT_TRIED_WRITE, testAwsConnection, type ConnectionCheck } from '../../../src/connectors/aws/setup/test-connection.ts';
import { allowOptionalActions, configFor } from '../../../harness/sim-session.ts';
import { managementOperator } from '../../harness/aws-sim.ts';

const SMALL: SeedOptions = { seed: 41, accounts: 2, users: 3, groups: 2, permissionSets: 2, iamUsersPerAccount: 1 };

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function startSim(seed: SeedOptions = SMALL): Promise<Simulator> {
  const sim = await startSimulator({ rateLimits: false, assignmentDelayMs: 0, seed });
  cleanup.push(() => sim.stop());
  return sim;
}

function run(sim: Simulator, overrides: Partial<AwsConnectorConfig> = {}, scimToken: string | undefined = sim.world.rrcu.scimToken) {
  const { accessKeyId, secretAccessKey } = sim.world.rrcu;
  return testAwsConnection(configFor(sim, overrides), { scimToken, baseCredentials: { accessKeyId, secretAccessKey }, now: () => sim.now() });
}

const byAction = (checks: ConnectionCheck[], action: string, required?: boolean) =>
  checks.find((c) => c.action === action && (required === undefined || c.required === required));

const adminIam = (sim: Simulator, credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider = { ...sim.world.admin }) =>
  new IAMClient({ region: sim.region, endpoint: sim.endpoint, credentials, maxAttempts: 1 });

test("with the guide's policy every required action is allowed; optional ones are denied naming their feature; writes are not tried", async () => {
  const sim = await startSim();
  const result = await run(sim);

  expect(result.ok).toBe(true);
  expect(result.checks[0]).toMatchObject({ action: 'sts:AssumeRole', status: 'ok' });
  expect(result.checks[0]!.message).toContain(sim.world.rrcu.externalId);
  for (const c of result.checks.filter((c) => c.required)) expect([c.action, c.status]).toEqual([c.action, expect.stringMatching(/^(ok|not_checked)$/)]);
  // Every required read the sync makes is really called.
  for (const spec of AWS_ACTIONS.filter((a) => a.use === 'sync' && a.required)) expect(byAction(result.checks, spec.action, true)?.status).toBe('ok');
  expect(byAction(result.checks, 'sso:CreateAccountAssignment')).toMatchObject({ status: 'not_checked', message: NOT_TRIED_WRITE });

  const tags = byAction(result.checks, 'iam:ListUserTags')!;
  expect(tags).toMatchObject({ status: 'denied', required: false, feature: 'IAM user emails from tags' });
  expect(tags.message).toContain('iam:ListUserTags');
  expect(tags.fix).toContain('"Action": "iam:ListUserTags"');
  // Allowed on Identity Center's roles by the guide, optional (and denied) on the others.
  expect(byAction(result.checks, 'iam:ListRolePolicies', true)?.status).toBe('ok');
  expect(byAction(result.checks, 'iam:ListRolePolicies', false)?.status).toBe('denied');
  expect(byAction(result.checks, 'scim:ListUsers')).toMatchObject({ status: 'ok' });
});

test('with the optional actions allowed too, nothing is denied or failed', async () => {
  const sim = await startSim();
  await allowOptionalActions(sim, AWS_ACTIONS.filter((a) => !a.required).map((a) => a.action));
  const result = await run(sim);
  expect(result.ok).toBe(true);
  expect(result.checks.filter((c) => c.status === 'denied' || c.status === 'failed')).toEqual([]);
  expect(byAction(result.checks, 'iam:ListUserTags')?.status).toBe('ok');
  expect(byAction(result.checks, 'organizations:DescribeOrganizationalUnit')?.status).toBe('ok');
});

test('a required action denied makes the test fail, naming the feature and the policy line', async () => {
  const sim = await startSim();
  const iam = adminIam(sim);
  const { PolicyDocument } = await iam.send(new GetRolePolicyCommand({ RoleName: 'RRCUIntegration', PolicyName: 'RRCUPermissions' }));
  const policy = JSON.parse(decodeURIComponent(PolicyDocument!)) as { Statement: { Sid?: string; Action: string[] }[] };
  const read = policy.Statement.find((s) => s.Sid === 'ConductorOneReadAccess')!;
  read.Action = read.Action.filter((a) => a !== 'sso:DescribePermissionSet');
  await iam.send(new PutRolePolicyCommand({ RoleName: 'RRCUIntegration', PolicyName: 'RRCUPermissions', PolicyDocument: JSON.stringify(policy) }));

  const result = await run(sim);
  expect(result.ok).toBe(false);
  const denied = byAction(result.checks, 'sso:DescribePermissionSet')!;
  expect(denied).toMatchObject({ status: 'denied', required: true, feature: 'permission sets' });
  expect(denied.message).toMatch(/syncs fail without it/);
  expect(denied.fix).toContain('add "sso:DescribePermissionSet" to the Action list of the "RRCUReadAccess" statement');
});

test('a throttled optional call that outlasts the retries is failed, not denied', async () => {
  const sim = await startSim();
  sim.injectFault({ operation: 'iam:ListUserTags', kind: 'throttle', count: Infinity });
  const result = await run(sim);
  expect(byAction(result.checks, 'iam:ListUserTags')).toMatchObject({ status: 'failed', required: false });
  expect(result.ok).toBe(true);
});

test('a wrong External ID fails the first check with the trust policy to set, and stops', async () => {
  const sim = await startSim();
  const result = await run(sim, { externalId: 'not-the-external-id' });
  expect(result.ok).toBe(false);
  expect(result.checks).toHaveLength(1);
  const [first] = result.checks;
  expect(first).toMatchObject({ action: 'sts:AssumeRole', status: 'denied', required: true });
  expect(first!.message).toContain('not-the-external-id');
  expect(first!.fix).toContain('"sts:ExternalId": "not-the-external-id"');
  expect(first!.fix).toContain(sim.world.rrcu.arn);
});

test('a role in a member account with Organizations on is told to move to the management account', async () => {
  const sim = await startSim();
  const memberId = [...sim.world.state.accounts.keys()].find((id) => id !== sim.world.state.managementAccountId)!;
  const memberAdmin = fromTemporaryCredentials({
    params: { RoleArn: `arn:aws:iam::${memberId}:role/OrganizationAccountAccessRole`, RoleSessionName: 'admin' },
    // AWS refuses AssumeRole to root, so a management-account administrator role goes in.
    masterCredentials: managementOperator(sim),
    clientConfig: { region: sim.region, endpoint: sim.endpoint },
  });
  const { PolicyDocument } = await adminIam(sim).send(new GetRolePolicyCommand({ RoleName: 'RRCUIntegration', PolicyName: 'RRCUPermissions' }));
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: sim.world.rrcu.arn }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': sim.world.rrcu.externalId } } }] };
  const memberIam = adminIam(sim, memberAdmin);
  const { Role } = await memberIam.send(new CreateRoleCommand({ RoleName: 'RRCUIntegration', AssumeRolePolicyDocument: JSON.stringify(trust) }));
  await memberIam.send(new PutRolePolicyCommand({ RoleName: 'RRCUIntegration', PolicyName: 'RRCUPermissions', PolicyDocument: decodeURIComponent(PolicyDocument!) }));

  const result = await run(sim, { roleArn: Role!.Arn!, organizations: true, crossAccountRoleName: undefined, identityCenterRegion: undefined, scimEndpoint: undefined });
  expect(result.ok).toBe(false);
  const accounts = byAction(result.checks, 'organizations:ListAccounts')!;
  expect(accounts.status).toBe('denied');
  expect(accounts.message).toContain(`account ${memberId}, a member account`);
  expect(accounts.fix).toMatch(/management account/);
});

test('Organizations support on an account outside any organisation says to turn it off', async () => {
  const sim = await startSim({ ...SMALL, organizations: false });
  const result = await run(sim, { organizations: true });
  const accounts = byAction(result.checks, 'organizations:ListAccounts')!;
  expect(accounts).toMatchObject({ status: 'failed', required: true });
  expect(accounts.fix).toMatch(/Turn off AWS Organizations support/);
  expect(byAction(result.checks, 'organizations:DescribeOrganizationalUnit')?.status).toBe('not_checked');
});

test('a SCIM token the endpoint rejects is denied with how to renew it', async () => {
  const sim = await startSim();
  const result = await run(sim, {}, 'not-a-valid-token');
  expect(byAction(result.checks, 'scim:ListUsers')).toMatchObject({ status: 'denied', required: false });
  expect(byAction(result.checks, 'scim:ListUsers')?.fix).toMatch(/access token/);
});
