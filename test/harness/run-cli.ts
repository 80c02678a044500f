import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { expect, inject } from 'vitest';
import { startSimulator, type SeedOptions, type Simulator } from '../../src/aws-sim/index.ts';
import { fileURLToPath } from 'node:url';

export const RRCU_BIN = fileURLToPath(new URL('../../bin/rrcu.js', import.meta.url));

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** Runs the real `rrcu` binary in a child process with only the given environment on top of PATH. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RRCU_BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * A PGlite data directory (from the migrated template) holding a connector `sim` synced by the real
 * binary from a simulator in this process (answering the child over HTTP), and the environment `rrcu`
 * needs for both. Two CLI processes, each starting Node and opening PGlite, the second syncing: a minute
 * or more on a busy two-core machine.
 */
export async function syncedCliStore(prefix: string, seed: SeedOptions): Promise<{ dir: string; sim: Simulator; env: Record<string, string>; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const pglite = await PGlite.create(join(dir, 'data'), { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
  await pglite.close();
  const sim = await startSimulator({ rateLimits: false, seed });
  const { rrcu } = sim.world;
  const env = { RRCU_DATA_DIR: join(dir, 'data'), RRCU_ALLOW_CUSTOM_ENDPOINTS: 'true', RRCU_LOG_LEVEL: 'warn', AWS_ACCESS_KEY_ID: rrcu.accessKeyId, AWS_SECRET_ACCESS_KEY: rrcu.secretAccessKey, AWS_REGION: sim.region };
  const ic = sim.world.state.identityCenter!;
  const add = await runCli(['connector', 'add', 'aws', '--name', 'sim', '--role-arn', rrcu.connectorRoleArn, '--external-id', rrcu.externalId, '--organizations', '--identity-center-region', ic.region, '--endpoint', sim.endpoint], env);
  expect(add.code, add.stderr).toBe(0);
  const sync = await runCli(['sync', 'sim'], env);
  expect(sync.code, sync.stderr).toBe(0);
  return {
    dir,
    sim,
    env,
    async stop() {
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
