/**
 * `rrcu start` as people run it: the real binary in its own process, on the embedded store with the
 * simulated organisation, and (with PostgreSQL under test) two processes sharing one database and its
 * job queues, each job done once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { startSimulator, type Simulator } from '../../src/aws-sim/index.ts';
import { freePort } from '../harness/free-port.ts';
import { adminQuery, withDatabase } from '../harness/global-setup.ts';
import { assignmentOperations } from '../../harness/aws-connector.ts';
import { RRCU_BIN, runCli } from '../harness/run-cli.ts';

type Started = { url: string; child: ChildProcess; output(): string; exited: Promise<number | string | null> };

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

/** Starts `rrcu start …` and resolves once it prints where it runs. */
function start(args: string[], env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [RRCU_BIN, 'start', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', RRCU_LOG_LEVEL: 'warn', ...env },
  });
  children.push(child);
  let out = '';
  const exited = new Promise<number | string | null>((resolve) => child.on('close', (code, signal) => resolve(code ?? signal)));
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const url = /RRCU is running at (\S+)/.exec(out)?.[1];
      if (url) resolve({ url, child, output: () => out, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    void exited.then((code) => reject(new Error(`rrcu start exited (${code}) before it was ready:\n${out}`)));
  });
}

async function json<T>(url: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as T };
}

describe('rrcu start on the embedded store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rrcu-start-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('serves on --port with the simulated organisation and a one-time password, stops cleanly on SIGTERM, and prints no password the second time', async () => {
    const pglite = await PGlite.create(join(dir, 'data'), { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await pglite.close();
    const port = await freePort();
    const env = { RRCU_DATA_DIR: join(dir, 'data') };
    const first = await start(['--port', String(port)], env);
    expect(first.url).toBe(`http://127.0.0.1:${port}`);
    expect(first.output()).toMatch(/One-time password of the local administrator[^\n]*\n\s+\S{16,}/);
    expect(first.output()).toContain('THIS IS A SIMULATED ORGANISATION');
    expect((await json(`${first.url}/api/health`)).body).toEqual({ ok: true });
    expect((await json<{ simulated: boolean }>(`${first.url}/api/auth/methods`)).body.simulated).toBe(true);
    expect((await fetch(`${first.url}/connectors`)).headers.get('content-type')).toMatch(/text\/html/);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await start(['--port', String(port)], env);
    expect(second.output()).not.toContain('One-time password');
    expect(second.output()).toContain('THIS IS A SIMULATED ORGANISATION');
    second.child.kill('SIGTERM');
    expect(await second.exited, second.output()).toBe(0);
  });
});

describe.runIf(inject('postgres'))('several rrcu start processes on one PostgreSQL', () => {
  let sim: Simulator;
  let database: string;
  const pg = inject('postgres')!;
  afterAll(async () => {
    await sim?.stop();
    if (database) await adminQuery(pg.url, `drop database if exists ${database} with (force)`);
  });

  test('share the queues: a sync requested of one runs once, and grants requested of one are each done once', async () => {
    database = `rrcu_t_${randomBytes(6).toString('hex')}`;
    await adminQuery(pg.url, `create database ${database} template ${pg.template}`);
    sim = await startSimulator({ rateLimits: false, assignmentDelayMs: 200, seed: { seed: 11, accounts: 3, users: 24, groups: 2, permissionSets: 2 } });
    const { rrcu } = sim.world;
    // Both processes run as the simulated RRCU host user, through the default credential chain.
    const env = {
      DATABASE_URL: withDatabase(pg.url, database),
      RRCU_SECRET_KEY: 'start-test-secret-key-0123456789abcdef',
      // The connector points at a simulator these processes do not serve themselves.
      RRCU_ALLOW_CUSTOM_ENDPOINTS: 'true',
      AWS_ACCESS_KEY_ID: rrcu.accessKeyId,
      AWS_SECRET_ACCESS_KEY: rrcu.secretAccessKey,
    };
    // Port 0: each takes a free port when it binds (a port probed beforehand can be taken in between).
    const [a, b] = await Promise.all([start(['--port', '0', '--no-simulator'], env), start(['--port', '0', '--no-simulator'], env)]);
    const created = await runCli(['admin', 'create-token', '--name', 'test', '--role', 'connector_admin'], env);
    expect(created.code).toBe(0);
    const token = /rrcu_[A-Za-z0-9]{40}/.exec(created.stdout)![0];
    const auth = { authorization: `Bearer ${token}` };
    const headers = { ...auth, 'content-type': 'application/json' };

    const connector = await json<{ id: string }>(`${a.url}/api/connectors`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'shared', config: { roleArn: rrcu.connectorRoleArn, externalId: rrcu.externalId, organizations: true, identityCenterRegion: 'us-east-1', endpoint: sim.endpoint } }),
    });
    expect(connector.status).toBe(201);
    const id = connector.body.id;
    expect((await json(`${b.url}/api/connectors/${id}/sync`, { method: 'POST', headers: auth })).status).toBe(202);
    const runs = async () => (await json<{ items: { status: string; error: { message: string } | null }[] }>(`${a.url}/api/syncs?connectorId=${id}`, { headers })).body.items;
    await expect.poll(async () => (await runs()).map((r) => r.error?.message ?? r.status), { timeout: 60_000, interval: 250 }).toEqual(['succeeded']);

    // Grants for every user on one account: spread over both processes' workers.
    const access = (await json<{ items: { principalType: string; principalId: string; resourceType: string; resourceName: string; entitlement: string }[] }>(`${a.url}/api/access?limit=5000`, { headers })).body.items;
    const users = [...new Set(access.filter((g) => g.principalType === 'sso_user').map((g) => g.principalId))];
    // The permission set on an account that the fewest of them hold already.
    const pairs = new Map<string, Set<string>>();
    for (const g of access.filter((g) => g.resourceType === 'account' && g.entitlement)) {
      const key = `${g.entitlement} on ${g.resourceName}`;
      pairs.set(key, (pairs.get(key) ?? new Set()).add(g.principalId));
    }
    const [entitlement, holders] = [...pairs].sort((x, y) => x[1].size - y[1].size)[0]!;
    const wanted = users.filter((u) => !holders.has(u));
    expect(wanted.length).toBeGreaterThan(3);
    const before = assignmentOperations(sim).ops.length;
    for (const [i, principal] of wanted.entries()) {
      const res = await json((i % 2 ? a : b).url + '/api/tasks', { method: 'POST', headers, body: JSON.stringify({ action: 'grant', connector: id, entitlement, principal }) });
      expect(res.status).toBe(202);
    }
    const tasks = async () => (await json<{ items: { status: string; attempts: number; outcome: string | null }[] }>(`${a.url}/api/tasks`, { headers })).body.items;
    await expect.poll(async () => (await tasks()).every((t) => t.status === 'succeeded'), { timeout: 90_000, interval: 500 }).toBe(true);
    const done = await tasks();
    expect(done).toHaveLength(wanted.length);
    expect(done.every((t) => t.attempts === 1 && t.outcome === 'applied')).toBe(true);
    expect(assignmentOperations(sim).ops.length - before).toBe(wanted.length);

    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
  }, 180_000);
});
