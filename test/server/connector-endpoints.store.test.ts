/**
 * Where a connector may send RRCU's requests and its stored SCIM token: a changed SCIM endpoint needs
 * its token again, a host that is not AWS's is never quoted back, and an AWS endpoint override is
 * refused (when saved and when used) unless RRCU_ALLOW_CUSTOM_ENDPOINTS allows it. A local HTTP server
 * stands for the foreign host and records every request that reaches it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { listAuditEvents } from '../../src/audit/index.ts';
import { createConnectors } from '../../src/app.ts';
import type { ConnectorRecord } from '../../src/connectors/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, testConfig, type TestServer } from '../../harness/server.ts';

const SEED = { seed: 61, accounts: 1, users: 3, groups: 1, permissionSets: 1, iamUsersPerAccount: 1 };
const MARKER = 'FOREIGN-HOST-SAYS-CLICK-HERE';

type Recorded = { method: string; url: string; authorization: string | undefined };
type ErrorBody = { error: { code: string; message: string; fix?: string } };
type Check = { action: string; status: string; message: string; fix?: string };

/** A host that is not AWS: answers every request with `answer`, and keeps what it was sent. */
async function foreignHost() {
  const requests: Recorded[] = [];
  let answer = { status: 200, type: 'text/html', body: `<html>${MARKER}</html>` };
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    answer: (status: number, type: string, body: string) => void (answer = { status, type, body }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describeStore('the SCIM token goes only where it was saved for, and foreign answers are not quoted', (store) => {
  let t: TestServer;
  let host: Awaited<ReturnType<typeof foreignHost>>;
  const call = async (method: 'POST' | 'PATCH', url: string, payload?: object) =>
    t.server.inject({ method, url, headers: await t.as('connector_admin'), ...(payload ? { payload } : {}) });
  const scimCheck = async () => {
    const res = await call('POST', `/api/connectors/${t.connector!.id}/test`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ checks: Check[] }>().checks.find((c) => c.action === 'scim:ListUsers')!;
  };

  beforeAll(async () => {
    t = await startTestServer(store(), { sim: SEED });
    host = await foreignHost();
  });
  afterAll(async () => {
    await host?.close();
    await t?.close();
  });
  beforeEach(() => {
    host.requests.length = 0;
  });

  test('changing the SCIM endpoint without giving the token again is refused (400 naming scimToken), and the saved token is never sent to the new URL', async () => {
    expect(t.connector!.hasScimToken).toBe(true);
    const moved = await call('PATCH', `/api/connectors/${t.connector!.id}`, { config: { scimEndpoint: `${host.url}/scim/v2` } });
    expect(moved.statusCode).toBe(400);
    expect(moved.json<ErrorBody>().error).toMatchObject({ code: 'SCIM_TOKEN_REQUIRED', message: expect.stringMatching(/^scimToken: /) });
    expect((await scimCheck()).status).toBe('ok');
    expect(host.requests).toEqual([]);

    const withToken = await call('PATCH', `/api/connectors/${t.connector!.id}`, { config: { scimEndpoint: `${host.url}/scim/v2` }, scimToken: 'token-for-the-new-endpoint' });
    expect(withToken.statusCode).toBe(200);
    const [event] = (await listAuditEvents(store().db, { type: 'connector.updated', subject: `connector:${t.connector!.id}` })).items;
    expect(event!.data).toMatchObject({ changed: expect.arrayContaining(['config.scimEndpoint', 'scimToken']) });
    await scimCheck();
    expect(host.requests.length).toBeGreaterThan(0);
    expect(host.requests.map((r) => r.authorization)).toEqual(host.requests.map(() => 'Bearer token-for-the-new-endpoint'));
    expect(JSON.stringify(host.requests)).not.toContain(t.sim!.world.rrcu.scimToken);
  });

  test.each([
    [401, 'application/json', JSON.stringify({ detail: MARKER, status: '401' })],
    [404, 'text/html', `<h1>${MARKER}</h1>`],
    [200, 'text/html', `<p>${MARKER}</p>`],
  ])("a foreign host's answer (HTTP %i, %s) is described by its status and what RRCU expected, never quoted", async (status, type, body) => {
    host.answer(status, type, body);
    const res = await call('POST', `/api/connectors/${t.connector!.id}/test`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(MARKER);
    const check = (res.json<{ checks: Check[] }>()).checks.find((c) => c.action === 'scim:ListUsers')!;
    expect(check.status).not.toBe('ok');
    if (status === 404) expect(check.message).toMatch(/HTTP 404, where RRCU expected a SCIM list of users/);
    if (status === 200) expect(check.message).toMatch(/not JSON, where RRCU expected a SCIM list of users/);
    expect(host.requests.length).toBeGreaterThan(0);
  });
});

describeStore('an AWS endpoint override needs RRCU_ALLOW_CUSTOM_ENDPOINTS', (store) => {
  let t: TestServer;
  let host: Awaited<ReturnType<typeof foreignHost>>;
  let saved: ConnectorRecord;
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.server.inject({ method, url, headers: await t.as('connector_admin'), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    // The setting off, as in a real deployment; the test server's own simulator is this process's.
    t = await startTestServer(store(), { sim: SEED, config: { allowCustomEndpoints: false } });
    host = await foreignHost();
    // Saved while the setting was on.
    const settingOn = await createConnectors({ config: testConfig({ allowCustomEndpoints: true }), store: store() });
    saved = await settingOn.create({ kind: 'aws', name: 'saved-with-override', config: { endpoint: host.url } }, 'test');
  });
  afterAll(async () => {
    await host?.close();
    await t?.close();
  });

  test('creating or changing a connector to a foreign endpoint is a 400 naming the field, with the setting in the fix; AWS hosts are accepted', async () => {
    const created = await call('POST', '/api/connectors', { name: 'elsewhere', config: { endpoint: host.url } });
    expect(created.statusCode).toBe(400);
    expect(created.json<ErrorBody>().error).toMatchObject({ code: 'CUSTOM_ENDPOINT_NOT_ALLOWED', message: expect.stringMatching(/^config\.endpoint: /), fix: expect.stringContaining('RRCU_ALLOW_CUSTOM_ENDPOINTS') });

    const scim = await call('POST', '/api/connectors', { name: 'elsewhere', config: { identityCenterRegion: 'us-east-1', scimEndpoint: `${host.url}/scim/v2` }, scimToken: 'tok' });
    expect(scim.statusCode).toBe(400);
    expect(scim.json<ErrorBody>().error.message).toMatch(/^config\.scimEndpoint: /);

    const aws = await call('POST', '/api/connectors', { name: 'aws-scim', config: { identityCenterRegion: 'us-east-1', scimEndpoint: 'https://scim.us-east-1.amazonaws.com/a1b2c3/scim/v2' }, scimToken: 'tok' });
    expect(aws.statusCode).toBe(201);
    const moved = await call('PATCH', `/api/connectors/${aws.json<{ id: string }>().id}`, { config: { endpoint: host.url } });
    expect(moved.statusCode).toBe(400);
    expect(moved.json<ErrorBody>().error.code).toBe('CUSTOM_ENDPOINT_NOT_ALLOWED');
    expect(host.requests).toEqual([]);
  });

  test('a connector saved with an override while the setting was on is not used: sync, test, setup and provisioning refuse before any request leaves', async () => {
    for (const [method, url] of [['POST', `/api/connectors/${saved.id}/sync`], ['POST', `/api/connectors/${saved.id}/test`], ['GET', `/api/connectors/${saved.id}/setup`]] as const) {
      const res = await call(method, url);
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(res.json<ErrorBody>().error).toMatchObject({ code: 'CUSTOM_ENDPOINT_NOT_ALLOWED', message: expect.stringContaining('nothing was sent there') });
    }
    await expect(t.app.connectors.open(saved)).rejects.toMatchObject({ code: 'CUSTOM_ENDPOINT_NOT_ALLOWED' });
    // The schedule's tick passes over it and still asks for the others (the simulator's connector, the AWS one).
    expect(await t.app.syncs.requestAll('system')).toBe(2);
    expect(host.requests).toEqual([]);
    // Removing the override is how it comes back to AWS.
    expect((await call('PATCH', `/api/connectors/${saved.id}`, { config: { endpoint: null } })).statusCode).toBe(200);
  });

  test("the built-in simulator this process serves needs no setting: its connector syncs", async () => {
    expect((await t.app.syncs.runNow(t.connector!.id, 'system')).run.status).toBe('succeeded');
  });
});
