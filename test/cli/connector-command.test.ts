/**
 * `rrcu connector` from the command line: an endpoint override needs RRCU_ALLOW_CUSTOM_ENDPOINTS,
 * `remove` archives, and `purge` deletes an archived connector's data only with its name typed again.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { runCli } from '../harness/run-cli.ts';

describe('rrcu connector', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rrcu-connector-'));
    const pglite = await PGlite.create(join(dir, 'data'), { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await pglite.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Keys that exist nowhere and an endpoint that refuses connections: naming RRCU's identity fails at once.
  const env = (extra: Record<string, string> = {}) => ({ RRCU_DATA_DIR: join(dir, 'data'), AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example', ...extra });
  const add = (name: string, extra: Record<string, string> = {}) => runCli(['connector', 'add', 'aws', '--name', name, '--endpoint', 'http://127.0.0.1:1'], env(extra));

  test('add with --endpoint is refused without RRCU_ALLOW_CUSTOM_ENDPOINTS, naming the field and the setting', async () => {
    const refused = await add('edge');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('config.endpoint: http://127.0.0.1:1');
    expect(refused.stderr).toContain('RRCU_ALLOW_CUSTOM_ENDPOINTS');
  });

  test('remove archives (listed as archived); purge wants the name typed, then deletes the data', async () => {
    expect((await add('edge', { RRCU_ALLOW_CUSTOM_ENDPOINTS: 'true' })).code).toBe(0);
    const removed = await runCli(['connector', 'remove', 'edge'], env());
    expect(removed).toMatchObject({ code: 0, stdout: expect.stringContaining('Archived connector edge') });
    expect((await runCli(['connector', 'list'], env())).stdout).toMatch(/^edge\taws\tarchived /m);

    const wrong = await runCli(['connector', 'purge', 'edge', '--confirm', 'yes'], env());
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('confirm: type the connector\'s name, "edge"');
    const purged = await runCli(['connector', 'purge', 'edge', '--confirm', 'edge'], env());
    expect(purged).toMatchObject({ code: 0, stdout: expect.stringContaining('Deleted the data of connector edge') });
    expect((await runCli(['connector', 'list'], env())).stdout).not.toContain('edge');
    // Six processes, each opening the embedded store.
  }, 240_000);
});
