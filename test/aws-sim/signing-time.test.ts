/**
 * The signing time against the simulated clock: AWS refuses a SigV4 signature dated outside its window
 * (5 minutes for the JSON services, 15 for STS and IAM), and answers every request with a Date header
 * that the SDK uses to correct a client whose clock is off and retry.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ListInstancesCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatAmzDate, NodeSha256 } from '../../src/aws-sim/sigv4.ts';
import type { Simulator } from '../../src/aws-sim/index.ts';
import { asAdmin, startTestSimulator } from '../harness/aws-sim.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ seed: { seed: 4, accounts: 1 } });
});
afterAll(() => sim.stop());

const MINUTE = 60_000;

/** Sends one request signed with the admin key at `signedAt` (ms), as a client whose clock reads that would. */
async function signedAt(signingMs: number, request: { service: 'sso' | 'sts'; body: string; headers: Record<string, string> }) {
  const url = new URL(sim.endpoint);
  const signer = new SignatureV4({ service: request.service, region: sim.region, credentials: sim.world.admin, sha256: NodeSha256, applyChecksum: false });
  const signed = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: url.hostname, path: '/', query: {}, headers: { host: url.host, ...request.headers }, body: request.body },
    { signingDate: new Date(signingMs) },
  );
  return fetch(sim.endpoint, { method: 'POST', headers: signed.headers, body: request.body });
}

const listInstances = { service: 'sso' as const, body: '{}', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'SWBExternalService.ListInstances' } };
const getCallerIdentity = { service: 'sts' as const, body: 'Action=GetCallerIdentity&Version=2011-06-15', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } };

describe('a signature dated outside the window', () => {
  test('six minutes old is refused by a JSON service with InvalidSignatureException, in AWS’s words', async () => {
    const signing = sim.now() - 6 * MINUTE;
    const answer = await signedAt(signing, listInstances);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    const { message } = (await answer.json()) as { message: string };
    expect(message).toMatch(new RegExp(`^Signature expired: ${formatAmzDate(signing)} is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 5 min\\.\\)$`));
  });

  test('six minutes in the future is refused as not yet current', async () => {
    const answer = await signedAt(sim.now() + 6 * MINUTE, listInstances);
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { message: string }).message).toMatch(/^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)$/);
  });

  test('STS allows fifteen minutes and then answers SignatureDoesNotMatch (403)', async () => {
    expect((await signedAt(sim.now() - 10 * MINUTE, getCallerIdentity)).status).toBe(200);
    const answer = await signedAt(sim.now() - 16 * MINUTE, getCallerIdentity);
    expect(answer.status).toBe(403);
    const xml = await answer.text();
    expect(xml).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(xml).toMatch(/<Message>Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)<\/Message>/);
  });

  test('within the window is accepted', async () => {
    expect((await signedAt(sim.now() - 4 * MINUTE, listInstances)).status).toBe(200);
  });
});

describe('the Date header and the SDK’s clock-skew correction', () => {
  test('every answer carries the simulated clock in its Date header', async () => {
    const answer = await signedAt(sim.now(), listInstances);
    const date = Date.parse(answer.headers.get('date') ?? '');
    expect(Math.abs(date - sim.now())).toBeLessThan(MINUTE);
  });

  test('an SDK client whose clock is ten minutes slow is refused once, corrects from the Date header and succeeds', async () => {
    const sso = new SSOAdminClient({ ...asAdmin(sim, { maxAttempts: 3 }), systemClockOffset: -10 * MINUTE });
    const result = await sso.send(new ListInstancesCommand({}));
    expect(result.$metadata.attempts).toBe(2);
    expect(Math.abs(await sso.config.systemClockOffset)).toBeLessThan(MINUTE);
    // Without a retry the refusal is what the caller sees.
    const once = new SSOAdminClient({ ...asAdmin(sim), systemClockOffset: -10 * MINUTE });
    await expect(once.send(new ListInstancesCommand({}))).rejects.toMatchObject({ name: 'InvalidSignatureException', message: expect.stringMatching(/^Signature expired: /) });
  });

  test('after the simulated clock jumps an hour ahead, SDK clients catch up through the same correction', async () => {
    const own = await startTestSimulator({ seed: { seed: 4, accounts: 1 } });
    try {
      own.advanceClock(60 * MINUTE);
      const sts = new STSClient(asAdmin(own, { maxAttempts: 3 }));
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      expect(identity.Account).toBe(own.world.state.managementAccountId);
      expect(identity.$metadata.attempts).toBe(2);
    } finally {
      await own.stop();
    }
  });
});
