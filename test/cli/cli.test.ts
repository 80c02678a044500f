import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, test, vi } from 'vitest';
import { recordAuditEvent } from '../../src/audit/index.ts';
import { runWorker } from '../../src/cli/commands/worker.ts';
import { openStore, queryRows } from '../../src/store/index.ts';
import { runCli } from '../harness/run-cli.ts';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('rrcu command line', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rrcu-cli-'));
    // A data directory from the migrated template, so the CLI does not spend seconds on initdb.
    const pglite = await PGlite.create(join(dir, 'data'), { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await pglite.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = () => ({ RRCU_DATA_DIR: join(dir, 'data') });

  test('--help and --version exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('audit');
    const v = await runCli(['--version']);
    expect(v).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  test('usage errors exit 2', async () => {
    expect((await runCli(['no-such-command'])).code).toBe(2);
    expect((await runCli(['db', 'status', '--no-such-flag'])).code).toBe(2);
    expect((await runCli(['db'])).code).toBe(2);
  });

  test('a bad setting exits 1 naming the variable and the fix', async () => {
    const r = await runCli(['db', 'status'], { ...env(), RRCU_PORT: 'eighty' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('RRCU_PORT="eighty"');
    expect(r.stderr).toContain('fix:');
  });

  test('an unreachable PostgreSQL exits 1 saying what to check', async () => {
    const r = await runCli(['db', 'status'], { DATABASE_URL: 'postgres://rrcu:secret@127.0.0.1:1/rrcu' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Cannot connect to PostgreSQL at postgres://rrcu:***@127.0.0.1:1/rrcu');
    expect(r.stderr).not.toContain('secret');
  });

  test('db migrate, db status and audit verify on a good chain', async () => {
    const migrate = await runCli(['db', 'migrate'], env());
    expect(migrate.stdout).toContain('already up to date');
    expect(migrate.code).toBe(0);
    const status = await runCli(['db', 'status', '--json'], env());
    expect(status.code).toBe(0);
    const known = (JSON.parse(readFileSync(new URL('../../src/store/migrations/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] }).entries.length;
    expect(JSON.parse(status.stdout)).toMatchObject({ backend: 'pglite', schema: { applied: known, known }, rows: { audit_events: 0, grants: 0 } });
    const verify = await runCli(['audit', 'verify'], env());
    expect(verify).toMatchObject({ code: 0, stdout: expect.stringContaining('Audit chain intact: 0 event(s)') });
  });

  test('audit verify fails with the sequence number of an event edited behind the application’s back', async () => {
    const store = await openStore({ dataDir: join(dir, 'data') });
    for (let i = 0; i < 4; i++) await recordAuditEvent(store.db, { type: 'sync.succeeded', actor: 'system', data: { run: i } });
    await store.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update audit_events set actor = 'user:mallory' where seq = 3`);
    });
    await store.close();
    const verify = await runCli(['audit', 'verify'], env());
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('Audit chain BROKEN at event #3');
    const json = await runCli(['audit', 'verify', '--json'], env());
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, badSeq: 3 });
  });

  test('rrcu sync and rrcu grant without a connector say so, and neither starts the job engine', async () => {
    const sync = await runCli(['sync'], env());
    expect(sync.code).toBe(1);
    expect(sync.stderr).toContain('There is no connector to sync.');
    const grant = await runCli(['grant', '--entitlement', 'Admins', '--principal', 'jane@example.com'], env());
    expect(grant.code).toBe(1);
    expect(grant.stderr).toContain('There is no connector yet.');
    // pg-boss creates its schema when it starts: none means no engine ran.
    const store = await openStore({ dataDir: join(dir, 'data') });
    try {
      const [row] = await queryRows<{ n: number }>(store.db, sql`select count(*)::int as n from information_schema.schemata where schema_name = 'pgboss'`);
      expect(row!.n).toBe(0);
    } finally {
      await store.close();
    }
  });

  test('rrcu worker stopped (Ctrl-C) before its store was open ends without taking work instead of waiting forever', async () => {
    vi.stubEnv('RRCU_DATA_DIR', join(dir, 'data'));
    vi.stubEnv('DATABASE_URL', undefined);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const stop = new AbortController();
      stop.abort();
      // Before: the wait listened for an abort that had already happened, so this never resolved.
      await runWorker({ untilIdle: false, signal: stop.signal });
      expect(stderr).not.toHaveBeenCalledWith(expect.stringContaining('worker: running'));
    } finally {
      stderr.mockRestore();
      vi.unstubAllEnvs();
    }
  });

  test('a second process on the same embedded store is refused, naming the holder', async () => {
    const store = await openStore({ dataDir: join(dir, 'data') });
    try {
      const r = await runCli(['db', 'status'], env());
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`in use by process ${process.pid}`);
    } finally {
      await store.close();
    }
  });
});
