import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';
import { runCli } from '../harness/run-cli.ts';

describeStore('rrcu api: the API of a running server with an API token', (store) => {
  let t: TestServer;
  let url: string;
  beforeAll(async () => {
    t = await startTestServer(store());
    await t.server.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.server.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t?.close();
  });

  test("reads with the token's role and prints the JSON answer", async () => {
    const { token } = await t.app.identity.createApiToken({ name: 'script', role: 'auditor' }, { actor: 'test', userId: null });
    const res = await runCli(['api', 'get', '/api/connectors'], { RRCU_URL: url, RRCU_TOKEN: token });
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({ items: [] });
  });

  test('an answer refused by the role prints its message and fix and exits 1', async () => {
    const { token } = await t.app.identity.createApiToken({ name: 'reader', role: 'auditor' }, { actor: 'test', userId: null });
    const res = await runCli(['api', 'POST', '/api/connectors', '--data', '{"name":"x","config":{}}'], { RRCU_URL: url, RRCU_TOKEN: token });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/error: Your role \(auditor\) may not POST \/api\/connectors/);
    expect(res.stderr).toMatch(/fix: +Ask a Super Administrator/);
  });

  test('without a token, or with no server there, it says what to do', async () => {
    const missing = await runCli(['api', 'GET', '/api/syncs'], { RRCU_URL: url });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/RRCU_TOKEN is not set/);
    const unreachable = await runCli(['api', 'GET', '/api/syncs'], { RRCU_URL: 'http://127.0.0.1:9', RRCU_TOKEN: 'rrcu_x' });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/No RRCU server answers at http:\/\/127\.0\.0\.1:9/);
  });
});
