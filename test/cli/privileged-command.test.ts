/**
 * `rrcu privileged` as people run it: the real binary against a PGlite store holding a connector synced
 * from the simulator (in this process, answering the child over HTTP).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { AccessRecord, PrivilegedMarkView } from '../../src/access/index.ts';
import { startSimulator, type Simulator } from '../../src/aws-sim/index.ts';
import { runCli } from '../harness/run-cli.ts';

describe('rrcu privileged', () => {
  let dir: string;
  let sim: Simulator;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rrcu-privileged-'));
    const pglite = await PGlite.create(join(dir, 'data'), { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await pglite.close();
    sim = await startSimulator({ rateLimits: false, seed: { seed: 7, accounts: 1, users: 3, groups: 2, permissionSets: 1, iamUsersPerAccount: 0 } });
    const { rrcu } = sim.world;
    env = { RRCU_DATA_DIR: join(dir, 'data'), RRCU_ALLOW_CUSTOM_ENDPOINTS: 'true', RRCU_LOG_LEVEL: 'warn', AWS_ACCESS_KEY_ID: rrcu.accessKeyId, AWS_SECRET_ACCESS_KEY: rrcu.secretAccessKey, AWS_REGION: sim.region };
    const ic = sim.world.state.identityCenter!;
    const add = await runCli(['connector', 'add', 'aws', '--name', 'sim', '--role-arn', rrcu.connectorRoleArn, '--external-id', rrcu.externalId, '--organizations', '--identity-center-region', ic.region, '--endpoint', sim.endpoint], env);
    expect(add.code, add.stderr).toBe(0);
    const sync = await runCli(['sync', 'sim'], env);
    expect(sync.code, sync.stderr).toBe(0);
    // Two CLI processes, each starting Node and opening PGlite, the second syncing: a minute or more on a busy two-core machine.
  }, 300_000);
  afterAll(async () => {
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('marks an entitlement privileged, lists it, unmarks it with a reason and keeps it in the history', async () => {
    const listed = await runCli(['access', '--json'], env);
    expect(listed.code, listed.stderr).toBe(0);
    const access = JSON.parse(listed.stdout) as AccessRecord[];
    const member = access.find((r) => r.entitlement === 'member')!;
    expect(member).toBeDefined();

    const refused = await runCli(['privileged', 'mark', '--entitlement', member.entitlementKey, '--reason', ' '], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--reason');

    const marked = await runCli(['privileged', 'mark', '--entitlement', member.entitlementKey, '--reason', 'break-glass group', '--json'], env);
    expect(marked.code, marked.stderr).toBe(0);
    const mark = JSON.parse(marked.stdout) as PrivilegedMarkView;
    expect(mark).toMatchObject({ entitlementKey: member.entitlementKey, reason: 'break-glass group', markedBy: expect.stringMatching(/^cli:/) });

    const privileged = JSON.parse((await runCli(['access', '--privileged', '--json'], env)).stdout) as AccessRecord[];
    expect(privileged.filter((r) => r.entitlementKey === member.entitlementKey).every((r) => r.privilegedMark?.id === mark.id)).toBe(true);
    expect(privileged.some((r) => r.entitlementKey === member.entitlementKey)).toBe(true);

    const list = await runCli(['privileged', 'list'], env);
    expect(list.stdout).toContain(`${mark.id}  ${mark.entitlementName}  marked by ${mark.markedByName}`);

    const unmarked = await runCli(['privileged', 'unmark', mark.id, '--reason', 'retired'], env);
    expect(unmarked.code, unmarked.stderr).toBe(0);
    expect((await runCli(['privileged', 'list'], env)).stdout).toBe('No active privileged marks.\n');
    const history = JSON.parse((await runCli(['privileged', 'list', '--history', '--json'], env)).stdout) as PrivilegedMarkView[];
    expect(history).toEqual([expect.objectContaining({ id: mark.id, unmarkReason: 'retired' })]);
    // Eight CLI processes, each starting Node and opening PGlite: minutes on a busy two-core machine.
  }, 300_000);
});
