import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { waitForTask } from '../../src/provisioning/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { startAwsWorld, type AwsWorld } from '../../harness/aws-connector.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';
import { identityCenterOf, isAssigned, activeMemberAccountId } from '../harness/aws-provision.ts';
import { runCli } from '../harness/run-cli.ts';

/**
 * While a server (as `rrcu start`) holds the embedded store, a second rrcu process cannot open it: the
 * read commands then read through the server's API (RRCU_URL, RRCU_TOKEN) and print what they print
 * from the store. PGlite only: PostgreSQL lets every process open the store, so nothing is busy there.
 */
describe('read commands through the API of a server holding the embedded store', () => {
  let dir: string;
  let store: Store | undefined;
  let world: AwsWorld | undefined;
  let server: TestServer | undefined;
  let api: Record<string, string>;
  let connectorName: string;
  const at = new Date().toISOString();
  const dataDir = () => join(dir, 'data');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rrcu-read-api-'));
    // A data directory from the migrated template, so opening it does not spend seconds on initdb.
    const pglite = await PGlite.create(dataDir(), { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await pglite.close();
    store = await openStore({ dataDir: dataDir() });
    world = await startAwsWorld(store, { accounts: 2, users: 12, groups: 3, permissionSets: 3, iamUsersPerAccount: 1 });
    connectorName = world.connector.name;
    // A grant RRCU made between the two syncs, so the diff and the task list have something to say.
    const ic = identityCenterOf(world.sim);
    const accountId = activeMemberAccountId(world.sim);
    const accountName = world.sim.world.state.accounts.get(accountId)!.name;
    const user = [...ic.users.values()].find((u) => [...ic.permissionSets.values()].some((p) => !isAssigned(ic, accountId, p.arn, u.userId)))!;
    const ps = [...ic.permissionSets.values()].find((p) => !isAssigned(ic, accountId, p.arn, user.userId))!;
    const { task } = await world.service.requestGrant({ connector: world.connector.id, entitlement: `${ps.name} on ${accountName}`, principal: user.userName, reason: 'incident 7', actor: 'cli:ops' });
    expect(await waitForTask(store.db, task.id, { intervalMs: 100 })).toMatchObject({ status: 'succeeded' });
    world.sim.advanceClock(5_000);
    await world.sync();
    server = await startTestServer(store);
    await server.server.listen({ port: 0, host: '127.0.0.1' });
    const { authorization } = await server.as('auditor');
    api = { RRCU_URL: `http://127.0.0.1:${(server.server.server.address() as AddressInfo).port}`, RRCU_TOKEN: authorization.slice('Bearer '.length) };
  });

  const stopServer = async () => {
    await server?.close();
    await world?.stop();
    await store?.close();
    server = world = store = undefined;
  };
  afterAll(async () => {
    await stopServer();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a second process on the busy store is told the holder and to set RRCU_URL and RRCU_TOKEN', async () => {
    const r = await runCli(['runs'], { RRCU_DATA_DIR: dataDir() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`is in use by process ${process.pid} (a running \`rrcu start\`, or another rrcu command)`);
    expect(r.stderr).toMatch(/fix: +To read while `rrcu start` runs, set RRCU_URL .* and RRCU_TOKEN .*: `rrcu access`, `diff`, `runs` and `tasks` then read through its API/);
  });

  test('RRCU_URL without RRCU_TOKEN, or not a URL, is refused with the fix', async () => {
    const r = await runCli(['tasks'], { RRCU_URL: api.RRCU_URL! });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/RRCU_TOKEN is not set/);
    const bad = await runCli(['runs'], { RRCU_URL: 'localhost:8080', RRCU_TOKEN: api.RRCU_TOKEN! });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('error: RRCU_URL="localhost:8080" is not an http:// or https:// URL.');
    expect(bad.stderr).toMatch(/fix: +Set RRCU_URL to the address of a running RRCU server/);
  });

  test('access, runs, tasks and diff print the same through the API as from the store, in every format', async () => {
    const commands = [
      ['access'],
      ['access', '--json'],
      ['access', '--csv'],
      ['access', '--at', at, '--connector', connectorName],
      ['runs'],
      ['runs', connectorName, '--json'],
      ['tasks'],
      ['tasks', '--json', '--status', 'succeeded'],
      ['diff'],
      ['diff', connectorName, '--keys'],
      ['diff', '--json'],
    ];
    const throughApi: string[] = [];
    for (const args of commands) {
      const r = await runCli(args, api);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stderr).toBe(`Reading through the API of ${api.RRCU_URL} (RRCU_URL).\n`);
      throughApi.push(r.stdout);
    }
    expect(throughApi[6]).toMatch(/grant +\S+ on \S+ to \S+ — succeeded \(applied, read back, seen by sync run \d+\)/);
    expect(throughApi[8]).toMatch(/\[task \S+ by cli:ops: incident 7\]/);

    await stopServer();
    for (const [i, args] of commands.entries()) {
      const r = await runCli(args, { RRCU_DATA_DIR: dataDir() });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      // JSON alike; the API writes an object's keys in its schema's order.
      if (args.includes('--json')) expect(JSON.parse(r.stdout), args.join(' ')).toEqual(JSON.parse(throughApi[i]!));
      else expect(r.stdout, args.join(' ')).toBe(throughApi[i]);
    }
    // 22 CLI processes, each starting Node and half of them opening PGlite: minutes on a busy two-core machine.
  }, 300_000);
});
