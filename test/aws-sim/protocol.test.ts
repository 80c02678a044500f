import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { ListInstancesCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NodeSha256 } from '../../src/aws-sim/sigv4.ts';
import type { Simulator } from '../../src/aws-sim/index.ts';
import { asAdmin, clientConfig, startTestSimulator } from '../harness/aws-sim.ts';

let sim: Simulator;
/** The same kind of world without signature checks, for raw requests that carry a made-up signature. */
let unsigned: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ seed: { seed: 2, accounts: 1 } });
  unsigned = await startTestSimulator({ seed: { seed: 2, accounts: 1 }, verifySignatures: false });
});
afterAll(async () => {
  await sim.stop();
  await unsigned.stop();
});

/** A raw request as a client signing for `service` would send it; the signature is not checked on `unsigned`. */
function raw(service: string, body: string, headers: Record<string, string> = {}) {
  const key = unsigned.world.admin.accessKeyId;
  return fetch(unsigned.endpoint, {
    method: 'POST',
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=${key}/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
      'x-amz-date': '20260101T000000Z',
      ...headers,
    },
    body,
  });
}

describe('signatures and keys', () => {
  test('a request signed with the wrong secret is refused with SignatureDoesNotMatch (IAM)', async () => {
    const iam = new IAMClient(clientConfig(sim, { accessKeyId: sim.world.admin.accessKeyId, secretAccessKey: 'wrong-secret' }));
    await expect(iam.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
  });

  test('a request signed with the wrong secret is refused with InvalidSignatureException (JSON services)', async () => {
    const sso = new SSOAdminClient(clientConfig(sim, { accessKeyId: sim.world.admin.accessKeyId, secretAccessKey: 'wrong-secret' }));
    await expect(sso.send(new ListInstancesCommand({}))).rejects.toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 400 } });
  });

  test('an unknown access key is InvalidClientTokenId for STS and UnrecognizedClientException for JSON services', async () => {
    const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
    await expect(new STSClient(clientConfig(sim, credentials)).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    await expect(new SSOAdminClient(clientConfig(sim, credentials)).send(new ListInstancesCommand({}))).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
  });

  test('a session token that does not belong to the key is refused', async () => {
    const credentials = { ...sim.world.admin, sessionToken: 'not-a-token' };
    await expect(new STSClient(clientConfig(sim, credentials)).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
  });

  test('a request signed without x-amz-content-sha256, as botocore and the AWS CLI sign, is accepted', async () => {
    const url = new URL(sim.endpoint);
    const signer = new SignatureV4({ service: 'sts', region: 'us-east-1', credentials: sim.world.admin, sha256: NodeSha256, applyChecksum: false });
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      path: '/',
      query: {},
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
    });
    const answer = await fetch(sim.endpoint, { method: 'POST', headers: signed.headers, body });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain(`<Arn>arn:aws:iam::${sim.world.state.managementAccountId}:root</Arn>`);
  });

  test('every SDK response carries the request id AWS puts in x-amzn-RequestId', async () => {
    const result = await new IAMClient(asAdmin(sim)).send(new ListUsersCommand({}));
    expect(result.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('awsQuery wire format', () => {
  test('results are wrapped in <XResponse><XResult> with list items as <member>', async () => {
    const answer = await raw('iam', 'Action=ListUsers&Version=2010-05-08&MaxItems=1');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-amzn-requestid')).toBeTruthy();
    const xml = await answer.text();
    expect(xml).toMatch(/^<ListUsersResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><ListUsersResult><Users><member><Path>\/<\/Path>/);
    expect(xml).toMatch(/<CreateDate>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z<\/CreateDate>/);
    expect(xml).toMatch(/<ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/ListUsersResponse>$/);
  });

  test('errors are <ErrorResponse> with Type, Code and Message, and the status AWS uses', async () => {
    const answer = await raw('iam', 'Action=GetUser&Version=2010-05-08&UserName=ghost');
    expect(answer.status).toBe(404);
    expect(await answer.text()).toMatch(
      /^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type><Code>NoSuchEntity<\/Code><Message>The user with name ghost cannot be found\.<\/Message><\/Error><RequestId>/,
    );
  });

  test('STS answers in its own namespace', async () => {
    const xml = await (await raw('sts', 'Action=GetCallerIdentity&Version=2011-06-15')).text();
    expect(xml).toContain('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>');
  });

  test('flattened list members (Tags.member.N.Key) are read as lists', async () => {
    const created = await raw('iam', 'Action=CreateUser&Version=2010-05-08&UserName=tagged&Tags.member.1.Key=team&Tags.member.1.Value=ops&Tags.member.2.Key=env&Tags.member.2.Value=prod');
    expect(created.status).toBe(200);
    const user = unsigned.world.state.accounts.get(unsigned.world.state.managementAccountId)!.iam.users.get('tagged');
    expect(user?.tags).toEqual([
      { Key: 'team', Value: 'ops' },
      { Key: 'env', Value: 'prod' },
    ]);
  });

  test('an unknown action is InvalidAction', async () => {
    const answer = await raw('iam', 'Action=LaunchRocket&Version=2010-05-08');
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('<Code>InvalidAction</Code>');
  });
});

describe('awsJson1_1 wire format', () => {
  const json = { 'content-type': 'application/x-amz-json-1.1' };

  test('timestamps are epoch seconds', async () => {
    const answer = await raw('organizations', '{}', { ...json, 'x-amz-target': 'AWSOrganizationsV20161128.ListAccounts' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    const body = (await answer.json()) as { Accounts: { JoinedTimestamp: unknown }[] };
    expect(typeof body.Accounts[0]!.JoinedTimestamp).toBe('number');
  });

  test('errors carry __type, Message and the x-amzn-ErrorType header', async () => {
    const answer = await raw('sso', '{}', { ...json, 'x-amz-target': 'SWBExternalService.LaunchRocket' });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await answer.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  test('a body that is not JSON is a SerializationException', async () => {
    const answer = await raw('identitystore', '{not json', { ...json, 'x-amz-target': 'AWSIdentityStore.ListUsers' });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ __type: 'SerializationException' });
  });
});
