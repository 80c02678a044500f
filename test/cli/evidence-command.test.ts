import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { SECRET_KEY } from '../../harness/server.ts';
import { baseResources } from '../harness/inventory-fixtures.ts';
import { createConnectorRow, syncInventory } from '../harness/provisioning.ts';
import { runCli } from '../harness/run-cli.ts';
import { entriesOf, zipOf } from '../evidence/pack/zip-entries.ts';

/** `rrcu evidence`: make a pack in the process, list it, verify it (and a tampered copy) offline. */
describe('rrcu evidence', () => {
  let dir: string;
  let connectorId: string;
  const env = () => ({ RRCU_DATA_DIR: join(dir, 'data'), RRCU_SECRET_KEY: SECRET_KEY });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rrcu-evidence-cli-'));
    // A data directory from the migrated template, with one connector and a committed sync of a small inventory.
    const store = await openStore({ dataDir: join(dir, 'data'), loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]), migrate: false });
    connectorId = await createConnectorRow(store.db, 'evidence-cli');
    await syncInventory(store.db, connectorId, baseResources());
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('make writes a pack that verifies with the public key RRCU prints; list shows it; a changed copy fails naming the file', async () => {
    const out = join(dir, 'pack.zip');
    const made = await runCli(['evidence', 'make', 'access_at', '--param', `connectorId=${connectorId}`, '--param', `at=${new Date().toISOString()}`, '--out', out], env());
    expect(made.stderr).toBe('');
    expect(made.stdout).toMatch(/^Evidence pack [0-9a-f-]{36} \(access_at\) written to .*pack\.zip: \d+ bytes, SHA-256 [0-9a-f]{64}\n$/);
    expect(made.code).toBe(0);

    const key = await runCli(['evidence', 'public-key'], env());
    expect(key.code).toBe(0);
    const keyFile = join(dir, 'rrcu-public-key.pem');
    writeFileSync(keyFile, key.stdout);
    const good = await runCli(['evidence', 'verify', out, '--public-key', keyFile]);
    expect(good.stdout).toContain('pack.zip verifies:');
    expect(good.code).toBe(0);

    const list = await runCli(['evidence', 'list'], env());
    expect(list.stdout).toMatch(/access_at\s+done\s+by cli:/);

    const tampered = join(dir, 'tampered.zip');
    const entries = await entriesOf(readFileSync(out));
    writeFileSync(tampered, await zipOf(entries.map(([n, b]) => [n, n === 'report.json' ? Buffer.concat([b, Buffer.from(' ')]) : b])));
    const bad = await runCli(['evidence', 'verify', tampered, '--public-key', keyFile]);
    expect(bad.stderr).toContain('does not verify: report.json: SHA-256 differs from the manifest.');
    expect(bad.code).toBe(1);
  });

  test('make refuses a kind it cannot make and parameters the kind refuses, exiting 1', async () => {
    const kind = await runCli(['evidence', 'make', 'who_knows', '--out', join(dir, 'x.zip')], env());
    expect(kind.code).toBe(1);
    expect(kind.stderr).toMatch(/kind.*campaign.*jit_access/s);
    const params = await runCli(['evidence', 'make', 'access_at', '--param', 'connectorId=nope', '--out', join(dir, 'x.zip')], env());
    expect(params.code).toBe(1);
    expect(params.stderr).toContain('connectorId');
  });

  test('report list names each kind with its parameters', async () => {
    const list = await runCli(['report', 'list'], env());
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^access_at\n {2}--param connectorId=<uuid> \(required\)/m);
    expect(list.stdout).toMatch(/^access_changes$/m);
  });

  test('report writes one file of the pack it makes and stores: the CSV and JSON to standard output, the PDF to --out', async () => {
    const params = ['--param', `connectorId=${connectorId}`, '--param', `at=${new Date().toISOString()}`];
    const csv = await runCli(['report', 'access_at', ...params, '--format', 'csv'], env());
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.replace(/^\uFEFF/, '').trim().split('\r\n');
    // The inventory holds no grant: the header alone.
    expect(lines).toEqual([expect.stringMatching(/^principalType,principalId,principal,/)]);
    expect(csv.stderr).toMatch(/^access\.csv of evidence pack [0-9a-f-]{36} \(access_at, SHA-256 [0-9a-f]{64}\) written to standard output/);

    const json = await runCli(['report', 'access_at', ...params, '--format', 'json'], env());
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ kind: 'access_at' });

    const out = join(dir, 'report.pdf');
    const pdf = await runCli(['report', 'access_at', ...params, '--format', 'pdf', '--out', out], env());
    expect(pdf.code, pdf.stderr).toBe(0);
    expect(pdf.stdout).toBe('');
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    // Each is a pack like any other, listed under Evidence.
    const listed = await runCli(['evidence', 'list', '--json'], env());
    expect(JSON.parse(listed.stdout).filter((p: { kind: string }) => p.kind === 'access_at').length).toBeGreaterThanOrEqual(3);
  });

  test('report refuses a format it does not write and a table the report does not have, exiting 1', async () => {
    const params = ['--param', `connectorId=${connectorId}`, '--param', `at=${new Date().toISOString()}`];
    const format = await runCli(['report', 'access_at', ...params, '--format', 'xml'], env());
    expect(format.code).toBe(1);
    expect(format.stderr).toContain('--format is xml');
    const table = await runCli(['report', 'access_at', ...params, '--format', 'csv', '--table', 'nope'], env());
    expect(table.code).toBe(1);
    expect(table.stderr).toContain('no table nope: access');
  });
});
