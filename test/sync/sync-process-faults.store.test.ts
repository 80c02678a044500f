import { spawn } from 'node:child_process';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { grantsAt } from '../../src/access/index.ts';
import { exportGroundTruth, type Simulator } from '../../src/aws-sim/index.ts';
import type { ConnectorRecord } from '../../src/connectors/index.ts';
import { syncRuns, type Store } from '../../src/store/index.ts';
import { getSyncRun } from '../../src/sync/index.ts';
import { RRCU_BIN, runCli } from '../harness/run-cli.ts';
import { expectedGrants, observed } from '../../harness/ground-truth-grants.ts';
import { SECRET_KEY } from '../../harness/aws-connector.ts';
import { openPostgresSyncFixture, type PostgresSyncFixture } from '../harness/postgres-sync-fixture.ts';

/**
 * `rrcu sync` as a process on PostgreSQL, when things go wrong.
 *
 * Killed (-9) in the middle of a sync on PostgreSQL, then run again: the second process
 * resumes the same run from its checkpoints and the inventory ends equal to the simulator's world.
 * PostgreSQL only: its `now()` has microseconds, which is what the claim of an interrupted run got
 * wrong (PGlite's resume is covered by the sync runner's store tests).
 */
const postgres = inject('postgres');

describe.skipIf(!postgres)('a sync process killed mid-sync [postgres]', () => {
  let sim: Simulator;
  let store: Store;
  let databaseUrl: string;
  let connector: ConnectorRecord;
  let fixture: PostgresSyncFixture | undefined;

  beforeAll(async () => {
    fixture = await openPostgresSyncFixture(postgres!, { seed: { seed: 31, accounts: 4, users: 24, groups: 5, permissionSets: 3, iamUsersPerAccount: 2 }, poolSize: 2, connectorName: 'killed-sync' });
    ({ sim, store, databaseUrl, connector } = fixture);
  });

  afterAll(async () => {
    await fixture?.close();
  });

  const env = () => ({
    DATABASE_URL: databaseUrl,
    RRCU_SECRET_KEY: SECRET_KEY,
    RRCU_ALLOW_CUSTOM_ENDPOINTS: 'true',
    AWS_ACCESS_KEY_ID: sim.world.rrcu.accessKeyId,
    AWS_SECRET_ACCESS_KEY: sim.world.rrcu.secretAccessKey,
  });

  test('the next sync resumes the same run from its checkpoints and ends equal to the ground truth', async () => {
    // IAM roles are never listed: Identity Center's stages finish and are checkpointed while IAM waits.
    sim.injectFault({ operation: 'iam:ListRoles', kind: 'delay', delayMs: 300_000, count: 100_000 });
    const child = spawn(process.execPath, [RRCU_BIN, 'sync', connector.name], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...env() },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<string | number | null>((resolve) => child.on('close', (code, signal) => resolve(signal ?? code)));

    const checkpointed = async () => {
      const [run] = await store.db.select().from(syncRuns).where(eq(syncRuns.connectorId, connector.id));
      return run?.checkpoint?.done ?? [];
    };
    await expect.poll(checkpointed, { timeout: 45_000, interval: 100 }).toContain('sso-groups');
    child.kill('SIGKILL');
    expect(await exited, output).toBe('SIGKILL');
    sim.clearFaults();

    const [killed] = await store.db.select().from(syncRuns).where(eq(syncRuns.connectorId, connector.id));
    expect(killed).toMatchObject({ status: 'running' });
    const stored = killed!.checkpoint!.done;
    expect(stored).toEqual(expect.arrayContaining(['accounts', 'permission-sets', 'sso-users', 'sso-groups']));
    expect(stored.some((m) => m.startsWith('iam:'))).toBe(false);

    // Its heartbeat is recent: for all anyone knows, that sync is still alive.
    const refused = await runCli(['sync', connector.name], env());
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toContain('already running');

    // Stands in for the minute of silence after which a run counts as interrupted; the shift keeps the
    // microseconds PostgreSQL wrote.
    await store.db.execute(sql`update sync_runs set heartbeat_at = heartbeat_at - interval '61 seconds' where id = ${killed!.id}`);
    // `rrcu runs` says so, instead of showing it running for ever.
    const runs = await runCli(['runs', connector.name], env());
    expect(runs.stdout).toMatch(new RegExp(`^\\s*${killed!.id}  interrupted `, 'm'));
    expect(runs.stdout).toMatch(/no sign of life for \d+ (s|min): its process most likely died; the next sync resumes it/);
    const listed = await runCli(['runs', connector.name, '--json'], env());
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: killed!.id, status: 'running', stale: true })]);

    const resumed = await runCli(['sync', connector.name, '--json'], env());
    expect(resumed.code, resumed.stderr).toBe(0);
    const [outcome] = JSON.parse(resumed.stdout) as [{ resumed: boolean; run: { id: number; status: string } }];
    expect(outcome).toMatchObject({ resumed: true, run: { id: killed!.id, status: 'succeeded' } });

    expect(observed(await grantsAt(store.db, { connectorId: connector.id }))).toEqual(expectedGrants(exportGroundTruth(sim.world.state), true));
    expect(await store.db.select({ id: syncRuns.id }).from(syncRuns).where(eq(syncRuns.connectorId, connector.id))).toEqual([{ id: killed!.id }]);
    expect((await getSyncRun(store.db, killed!.id))?.status).toBe('succeeded');
  }, 120_000);

  test('a sync failing on a database error prints its reason in a few lines, never the SQL or the synced data', async () => {
    // PostgreSQL refuses a NUL character in jsonb, so staging this user fails.
    const user = [...sim.world.state.identityCenter!.users.values()][0]!;
    const displayName = user.displayName;
    user.displayName = `${displayName}\u0000`;
    try {
      const failed = await runCli(['sync', connector.name], env());
      expect(failed.code).toBe(1);
      const error = failed.stderr.slice(failed.stderr.indexOf('error:'));
      // It used to print the whole failed INSERT with its parameters: every item of the batch.
      expect(error.length, failed.stderr).toBeLessThan(1024);
      expect(error).toMatch(/^error: A database statement failed during the sync \(stage [\w-]+\), at insert into snapshot_items: unsupported Unicode escape sequence \(SQLSTATE 22P05\)\.\nfix: /);
      for (const u of sim.world.state.identityCenter!.users.values()) expect(error).not.toContain(u.userName);
    } finally {
      user.displayName = displayName;
    }
  });
});
