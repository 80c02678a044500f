import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CreateRoleCommand, IAMClient, ListUsersCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Simulator } from '../../src/aws-sim/index.ts';
import { asAdmin, asRrcu, clientConfig, managementOperator, startTestSimulator } from '../harness/aws-sim.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ seed: { seed: 7, accounts: 2 } });
});
afterAll(() => sim.stop());

function memberAccountId(): string {
  const id = [...sim.world.state.accounts.values()].find((a) => a.id !== sim.world.state.managementAccountId && !a.outsideOrganization)?.id;
  if (!id) throw new Error('seeded world has no member account');
  return id;
}

async function assumeConnector(sessionName = 'rrcu-sync') {
  const sts = new STSClient(asRrcu(sim));
  const { rrcu } = sim.world;
  return sts.send(new AssumeRoleCommand({ RoleArn: rrcu.connectorRoleArn, RoleSessionName: sessionName, ExternalId: rrcu.externalId }));
}

describe('GetCallerIdentity', () => {
  test('names the RRCU host user for its access key', async () => {
    const id = await new STSClient(asRrcu(sim)).send(new GetCallerIdentityCommand({}));
    expect(id.Arn).toBe(sim.world.rrcu.arn);
    expect(id.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/);
    expect(id.Account).toBe(sim.world.rrcu.arn.split(':')[4]);
  });

  test('names the account root for a root key', async () => {
    const id = await new STSClient(asAdmin(sim)).send(new GetCallerIdentityCommand({}));
    const account = sim.world.state.managementAccountId;
    expect(id).toMatchObject({ Account: account, Arn: `arn:aws:iam::${account}:root`, UserId: account });
  });

  test('names the assumed-role session for temporary credentials', async () => {
    const assumed = await assumeConnector('who-am-i');
    const creds = assumed.Credentials!;
    const sts = new STSClient(clientConfig(sim, { accessKeyId: creds.AccessKeyId!, secretAccessKey: creds.SecretAccessKey!, sessionToken: creds.SessionToken! }));
    const id = await sts.send(new GetCallerIdentityCommand({}));
    const account = sim.world.state.managementAccountId;
    expect(id.Arn).toBe(`arn:aws:sts::${account}:assumed-role/RRCUIntegration/who-am-i`);
    expect(id.UserId).toMatch(/^AROA[A-Z0-9]{17}:who-am-i$/);
    expect(id.Account).toBe(account);
  });
});

describe('AssumeRole', () => {
  test('with the right External ID returns temporary credentials bound to the role', async () => {
    const before = sim.now();
    const assumed = await assumeConnector();
    expect(assumed.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(assumed.Credentials?.SessionToken).toBeTruthy();
    const lifetime = assumed.Credentials!.Expiration!.getTime() - before;
    expect(lifetime).toBeGreaterThan(3590_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000);
    expect(assumed.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${sim.world.state.managementAccountId}:assumed-role/RRCUIntegration/rrcu-sync`);
    expect(assumed.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z0-9]{17}:rrcu-sync$/);
  });

  test('credentials from fromTemporaryCredentials sign later calls as the role', async () => {
    const { rrcu } = sim.world;
    const credentials = fromTemporaryCredentials({
      params: { RoleArn: rrcu.connectorRoleArn, RoleSessionName: 'provider', ExternalId: rrcu.externalId, DurationSeconds: 900 },
      masterCredentials: { accessKeyId: rrcu.accessKeyId, secretAccessKey: rrcu.secretAccessKey },
      clientConfig: { region: sim.region, endpoint: sim.endpoint },
    });
    const id = await new STSClient(clientConfig(sim, credentials)).send(new GetCallerIdentityCommand({}));
    expect(id.Arn).toMatch(/assumed-role\/RRCUIntegration\/provider$/);
    const users = await new IAMClient(clientConfig(sim, credentials)).send(new ListUsersCommand({}));
    expect(users.Users?.length).toBeGreaterThan(0);
  });

  test.each([
    ['a wrong External ID', 'not-the-external-id'],
    ['no External ID', undefined],
  ])('with %s is refused with AccessDenied naming sts:AssumeRole', async (_case, externalId) => {
    const sts = new STSClient(asRrcu(sim));
    const { rrcu } = sim.world;
    const attempt = sts.send(new AssumeRoleCommand({ RoleArn: rrcu.connectorRoleArn, RoleSessionName: 's1', ExternalId: externalId }));
    await expect(attempt).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
      message: `User: ${rrcu.arn} is not authorized to perform: sts:AssumeRole on resource: ${rrcu.connectorRoleArn}`,
    });
  });

  test('by a caller the trust policy does not name is refused', async () => {
    // An administrator of the management account, allowed everything, is still not the RRCU host user the connector role trusts.
    const attempt = new STSClient(clientConfig(sim, managementOperator(sim))).send(
      new AssumeRoleCommand({ RoleArn: sim.world.rrcu.connectorRoleArn, RoleSessionName: 's1', ExternalId: sim.world.rrcu.externalId }),
    );
    await expect(attempt).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 }, message: expect.stringContaining('is not authorized to perform: sts:AssumeRole') });
  });

  test('by the root user is refused, whatever the trust policy says, as AWS refuses it', async () => {
    // OrganizationAccountAccessRole trusts the management account itself, root included in IAM's terms.
    const member = memberAccountId();
    const attempt = new STSClient(asAdmin(sim)).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`, RoleSessionName: 'root' }));
    await expect(attempt).rejects.toMatchObject({ name: 'AccessDenied', message: 'Roles may not be assumed by root accounts.', $metadata: { httpStatusCode: 403 } });
  });

  test('of a role that does not exist is refused as AccessDenied, not NoSuchEntity', async () => {
    const roleArn = `arn:aws:iam::${sim.world.state.managementAccountId}:role/NoSuchRole`;
    const attempt = new STSClient(asRrcu(sim)).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 's1', ExternalId: sim.world.rrcu.externalId }));
    await expect(attempt).rejects.toMatchObject({ name: 'AccessDenied', message: expect.stringContaining(`sts:AssumeRole on resource: ${roleArn}`) });
  });

  test('outside 900..MaxSessionDuration seconds is a ValidationError', async () => {
    const sts = new STSClient(asRrcu(sim));
    const { rrcu } = sim.world;
    for (const DurationSeconds of [300, 7200]) {
      const attempt = sts.send(new AssumeRoleCommand({ RoleArn: rrcu.connectorRoleArn, RoleSessionName: 's1', ExternalId: rrcu.externalId, DurationSeconds }));
      await expect(attempt).rejects.toMatchObject({ name: 'ValidationError', $metadata: { httpStatusCode: 400 } });
    }
  });

  test('chains across accounts: a management-account role session assumes OrganizationAccountAccessRole in a member', async () => {
    const management = sim.world.state.managementAccountId;
    const adminIam = new IAMClient(asAdmin(sim));
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${management}:root` }, Action: 'sts:AssumeRole' }] };
    await adminIam.send(new CreateRoleCommand({ RoleName: 'Operator', AssumeRolePolicyDocument: JSON.stringify(trust) }));
    await adminIam.send(
      new PutRolePolicyCommand({
        RoleName: 'Operator',
        PolicyName: 'assume-member-roles',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/OrganizationAccountAccessRole' }] }),
      }),
    );
    const operator = fromTemporaryCredentials({
      params: { RoleArn: `arn:aws:iam::${management}:role/Operator`, RoleSessionName: 'operator' },
      masterCredentials: managementOperator(sim),
      clientConfig: { region: sim.region, endpoint: sim.endpoint },
    });
    const member = memberAccountId();
    const inMember = fromTemporaryCredentials({
      params: { RoleArn: `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`, RoleSessionName: 'cross-account' },
      masterCredentials: operator,
      clientConfig: { region: sim.region, endpoint: sim.endpoint },
    });
    const id = await new STSClient(clientConfig(sim, inMember)).send(new GetCallerIdentityCommand({}));
    expect(id.Account).toBe(member);
    expect(id.Arn).toBe(`arn:aws:sts::${member}:assumed-role/OrganizationAccountAccessRole/cross-account`);
  });

  test('a cross-account caller whose own policy does not allow sts:AssumeRole is refused', async () => {
    const management = sim.world.state.managementAccountId;
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: management }, Action: 'sts:AssumeRole' }] };
    await new IAMClient(asAdmin(sim)).send(new CreateRoleCommand({ RoleName: 'NoPermissions', AssumeRolePolicyDocument: JSON.stringify(trust) }));
    const bare = fromTemporaryCredentials({
      params: { RoleArn: `arn:aws:iam::${management}:role/NoPermissions`, RoleSessionName: 'bare' },
      masterCredentials: managementOperator(sim),
      clientConfig: { region: sim.region, endpoint: sim.endpoint },
    });
    // The member role trusts the management account, so only the caller's identity policy is missing.
    const roleArn = `arn:aws:iam::${memberAccountId()}:role/OrganizationAccountAccessRole`;
    const refused = new STSClient(clientConfig(sim, bare)).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'refused' }));
    await expect(refused).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:sts::${management}:assumed-role/NoPermissions/bare is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    });
  });

  test('an expired session is refused with ExpiredToken', async () => {
    const assumed = await assumeConnector('short');
    const creds = assumed.Credentials!;
    sim.advanceClock(3601_000);
    const sts = new STSClient(clientConfig(sim, { accessKeyId: creds.AccessKeyId!, secretAccessKey: creds.SecretAccessKey!, sessionToken: creds.SessionToken! }));
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'ExpiredToken', $metadata: { httpStatusCode: 403 } });
  });
});
