import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { openStore, people } from '../../src/store/index.ts';
import { ADMINS, baseResources } from '../harness/inventory-fixtures.ts';
import { createConnectorRow, syncInventory } from '../harness/provisioning.ts';
import { runCli } from '../harness/run-cli.ts';

describe('rrcu owners', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rrcu-cli-owners-'));
    const pglite = await PGlite.create(join(dir, 'data'), { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await pglite.close();
    const store = await openStore({ dataDir: join(dir, 'data') });
    try {
      const connectorId = await createConnectorRow(store.db, 'owned');
      await syncInventory(store.db, connectorId, baseResources());
      await store.db.insert(people).values({ displayName: 'Gus', email: 'gus@corp.example' });
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = () => ({ RRCU_DATA_DIR: join(dir, 'data') });

  test('set by email, list (text and JSON), remove by id; a bad type exits 1 naming --type', { timeout: 300_000 }, async () => {
    const set = await runCli(['owners', 'set', '--connector', 'owned', '--type', 'sso_group', '--resource', ADMINS.externalId, '--email', 'gus@corp.example'], env());
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/Admins \(sso_group g-admins\) {2}Gus <gus@corp.example> — set by cli:/);

    const listed = await runCli(['owners', 'list', '--connector', 'owned', '--json'], env());
    const items = JSON.parse(listed.stdout) as { id: string; source: string; person: { displayName: string } }[];
    expect(items).toEqual([expect.objectContaining({ source: 'rrcu', person: expect.objectContaining({ displayName: 'Gus' }) })]);

    const removed = await runCli(['owners', 'remove', items[0]!.id], env());
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('Removed:');
    expect((await runCli(['owners', 'list', '--connector', 'owned', '--history'], env())).stdout).toContain(', removed ');

    const bad = await runCli(['owners', 'set', '--connector', 'owned', '--type', 'iam_user', '--resource', 'x', '--email', 'gus@corp.example'], env());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--type:');
  });
});
