import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { startSimulator, type Simulator } from '../../src/aws-sim/index.ts';
import { listTasks } from '../../src/provisioning/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { engines, freshStore, type Engine } from '../harness/store-test.ts';
import { RRCU_BIN, runCli } from '../harness/run-cli.ts';
import { identityCenterOf, isAssigned } from '../harness/aws-provision.ts';
import { SECRET_KEY, createConnectorFor, syncFromSim } from '../../harness/aws-connector.ts';

/**
 * The worker process dies (kill -9) while AWS is still creating an account assignment it asked for;
 * a new worker resumes the task by following the saved request id: one operation, one assignment.
 *
 *   rrcu grant --wait ──CreateAccountAssignment──▶ IN_PROGRESS (4 s) ── kill -9
 *   rrcu worker --until-idle ──DescribeAccountAssignmentCreationStatus(request id)──▶ SUCCEEDED
 */
let sim: Simulator;
const CONNECTOR = 'crash-test';

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: false, assignmentDelayMs: 4000, seed: { accounts: 1, users: 5, groups: 1, permissionSets: 2, iamUsersPerAccount: 1 } });
});

afterAll(async () => {
  await sim?.stop();
});

/**
 * Where the processes keep their data: a PGlite directory, which only one process opens at a time (the
 * setup closes it before the children start), or a fresh PostgreSQL database they share.
 */
async function storeFor(engine: Engine): Promise<{ env: Record<string, string>; open(): Promise<Store>; dispose(): Promise<void> }> {
  if (engine === 'postgres') {
    const store = await freshStore('postgres');
    return { env: { DATABASE_URL: store.pool!.options.connectionString! }, open: async () => store, dispose: () => store.close() };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'rrcu-crash-'));
  return {
    env: { RRCU_DATA_DIR: dataDir },
    open: () => openStore({ dataDir, ...(existsSync(join(dataDir, 'PG_VERSION')) ? {} : { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) }), migrate: false }),
    dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

describe.each(engines())('on %s', (engine) => {
  let where: Awaited<ReturnType<typeof storeFor>>;
  beforeAll(async () => {
    where = await storeFor(engine);
    const store = await where.open();
    try {
      await syncFromSim(store, sim, await createConnectorFor(store, sim, CONNECTOR));
    } finally {
      if (engine === 'pglite') await store.close();
    }
  });
  afterAll(async () => {
    await where?.dispose();
  });

  const env = () => ({
    ...where.env,
    RRCU_SECRET_KEY: SECRET_KEY,
    RRCU_ALLOW_CUSTOM_ENDPOINTS: 'true',
    AWS_ACCESS_KEY_ID: sim.world.rrcu.accessKeyId,
    AWS_SECRET_ACCESS_KEY: sim.world.rrcu.secretAccessKey,
  });

  test('a worker killed while AWS creates an assignment is resumed by the next one: the task completes once, one operation, one assignment', async () => {
    const ic = identityCenterOf(sim);
    const accountId = [...sim.world.state.accounts.values()].find((a) => a.id !== sim.world.state.managementAccountId && a.status === 'ACTIVE')!.id;
    const userId = [...ic.users.keys()].find((u) => [...ic.permissionSets.keys()].some((arn) => !isAssigned(ic, accountId, arn, u)))!;
    const arn = [...ic.permissionSets.keys()].find((a) => !isAssigned(ic, accountId, a, userId))!;
    const creations = () => [...ic.operations.values()].filter((o) => o.kind === 'CREATE' && o.assignment.accountId === accountId && o.assignment.permissionSetArn === arn && o.assignment.principalId === userId);

    const child = spawn(process.execPath, [RRCU_BIN, 'grant', '--connector', CONNECTOR, '--entitlement', `account:${accountId}#${arn}`, '--principal', userId, '--wait'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...env() },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (_code, signal) => resolve(signal === 'SIGKILL' ? -9 : _code)));

    await expect.poll(() => creations().length, { timeout: 60_000, interval: 50 }).toBe(1);
    expect(creations()[0]!.status).toBe('IN_PROGRESS');
    // The request id is saved right after AWS answers; give the worker a moment to have written it, well
    // inside the 4 s the operation stays in progress.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(creations()[0]!.status, output).toBe('IN_PROGRESS');
    child.kill('SIGKILL');
    expect(await exited).toBe(-9);
    const killedAt = performance.now();

    const worker = await runCli(['worker', '--until-idle'], env());
    expect(worker.code, worker.stderr).toBe(0);
    // Not asserted (no timed assertions): how long the task waited between the kill and its completion.
    process.stdout.write(`[${engine}] killed task completed by the next worker ${((performance.now() - killedAt) / 1000).toFixed(1)} s after the kill\n`);

    const ops = creations();
    expect(ops.map((o) => o.status)).toEqual(['SUCCEEDED']);
    expect([...ic.assignments.values()].filter((a) => a.accountId === accountId && a.permissionSetArn === arn && a.principalId === userId)).toHaveLength(1);
    const store = await where.open();
    try {
      const [task] = await listTasks(store.db);
      expect(task).toMatchObject({ status: 'succeeded', outcome: 'applied', attempts: 2, awsRequestId: ops[0]!.requestId, verified: true });
    } finally {
      if (engine === 'pglite') await store.close();
    }
    const listed = await runCli(['tasks', '--json'], env());
    expect(JSON.parse(listed.stdout)).toMatchObject([{ status: 'succeeded', attempts: 2, awsRequestId: ops[0]!.requestId }]);
  });
});
