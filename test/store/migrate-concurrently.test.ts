import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, inject, test } from 'vitest';
import { openStore, storeStatus } from '../../src/store/index.ts';
import { adminQuery, withDatabase } from '../harness/global-setup.ts';
import { runCli } from '../harness/run-cli.ts';

const pgInfo = inject('postgres');

// PGlite is single-process by design (see data-dir-lock.ts); the race only exists on PostgreSQL.
test.skipIf(!pgInfo)('two processes migrating one empty PostgreSQL database at once both succeed', async () => {
  const name = `rrcu_race_${randomBytes(4).toString('hex')}`;
  await adminQuery(pgInfo!.url, `create database ${name}`);
  const url = withDatabase(pgInfo!.url, name);
  try {
    const [a, b] = await Promise.all([runCli(['db', 'migrate'], { DATABASE_URL: url }), runCli(['db', 'migrate'], { DATABASE_URL: url })]);
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
    // Exactly one of them applied the migrations; the other found them done.
    expect([a.stdout, b.stdout].filter((s) => s.includes('already up to date'))).toHaveLength(1);
    const store = await openStore({ databaseUrl: url, migrate: false });
    try {
      const known = (JSON.parse(readFileSync(new URL('../../src/store/migrations/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] }).entries.length;
      expect((await storeStatus(store)).schema).toMatchObject({ applied: known, known });
    } finally {
      await store.close();
    }
  } finally {
    await adminQuery(pgInfo!.url, `drop database if exists ${name}`);
  }
});
