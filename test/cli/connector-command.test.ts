/**
 * `rrcu connector` from the command line: an endpoint override needs RRCU_ALLOW_CUSTOM_ENDPOINTS,
 * `remove` archives, and `purge` deletes an archived connector's data only with its name typed again;
 * a connector whose saved settings today's rules refuse lists and shows with what to fix, and is not synced.
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

  test('a connector saved under older rules lists and shows with the settings to fix; rrcu sync refuses it with SAVED_CONFIG_INVALID', async () => {
    // As an older RRCU (or a hand edit) left it: a region today's rule refuses.
    const pglite = await PGlite.create(join(dir, 'data'));
    await pglite.query(`insert into connectors (kind, name, config) values ('aws', 'legacy', '{"externalId": "legacy-external-id", "region": "us-east-1a"}')`);
    await pglite.close();

    const listed = await runCli(['connector', 'list'], env());
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^legacy\taws\tlive\t.*\n {2}settings to fix: config\.region must be an AWS region such as us-east-1 \(saved: "us-east-1a"\)$/m);
    const shown = await runCli(['connector', 'show', 'legacy'], env());
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('Settings to fix:\n  config.region must be an AWS region');
    expect(shown.stdout).toContain('Edit the connector and save valid config.region');
    const synced = await runCli(['sync', 'legacy'], env());
    expect(synced.code).toBe(1);
    expect(synced.stderr).toContain("Connector legacy has saved settings that RRCU's rules now refuse: config.region");
    expect(synced.stderr).not.toContain('ZodError');
  }, 240_000);
});
