import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openStore } from '../../src/store/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dump of a migrated PGlite, so each test file starts in ~1 s instead of a 5–9 s initdb. */
    pgliteTemplate: string;
    /** TEST_DATABASE_URL and the migrated template database each test file clones, when PostgreSQL is under test. */
    postgres: { url: string; template: string } | null;
  }
}

/** Builds the migrated templates once per test run (STACK.md §1, STYLE.md item 11). */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'rrcu-test-'));
  const store = await openStore({ dataDir: 'memory://' });
  const dump = await store.pglite!.dumpDataDir('gzip');
  await store.close();
  const file = join(dir, 'template.tar.gz');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);

  const url = process.env.TEST_DATABASE_URL;
  let template: string | null = null;
  if (url) {
    template = `rrcu_template_${process.pid}`;
    await adminQuery(url, `drop database if exists ${template}`);
    await adminQuery(url, `create database ${template}`);
    const tplStore = await openStore({ databaseUrl: withDatabase(url, template), poolSize: 1 });
    await tplStore.close();
    project.provide('postgres', { url, template });
  } else {
    project.provide('postgres', null);
  }
  process.stdout.write(`store tests run on: PGlite${url ? ` and PostgreSQL (${url})` : ' only (set TEST_DATABASE_URL to add PostgreSQL)'}\n`);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url && template) await adminQuery(url, `drop database if exists ${template}`);
  };
}

export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
