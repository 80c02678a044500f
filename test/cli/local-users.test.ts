import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { verifyLocalPassword } from '../../src/identity/index.ts';
import { openStore, appUsers } from '../../src/store/index.ts';
import { runCli } from '../harness/run-cli.ts';

describe('rrcu admin create-user and reset-password', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rrcu-cli-users-'));
    const pglite = await PGlite.create(join(dir, 'data'), { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await pglite.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = () => ({ RRCU_DATA_DIR: join(dir, 'data') });
  const oneTimePasswordIn = (stdout: string) => /One-time password for "[^"]+": ([0-9A-Za-z]{24})\n/.exec(stdout)?.[1];

  test('create-user prints a one-time password that signs in only to be replaced; reset-password <username> prints a new one', async () => {
    const created = await runCli(['admin', 'create-user', 'kim', '--role', 'auditor', '--name', 'Kim Auditor', '--email', 'kim@example.com'], env());
    expect(created.stderr).toContain('Local user "kim" (auditor');
    expect(created.code).toBe(0);
    const first = oneTimePasswordIn(created.stdout)!;
    expect(first).toBeDefined();
    expect(created.stdout).toContain('shown this once');

    const reset = await runCli(['admin', 'reset-password', 'kim'], env());
    expect(reset.code).toBe(0);
    const second = oneTimePasswordIn(reset.stdout)!;
    expect(second).not.toBe(first);

    const store = await openStore({ dataDir: join(dir, 'data') });
    try {
      const [kim] = await store.db.select().from(appUsers).where(eq(appUsers.subject, 'local:kim'));
      expect(kim).toMatchObject({ displayName: 'Kim Auditor', email: 'kim@example.com', role: 'auditor', mustChangePassword: true });
      expect((await verifyLocalPassword(store.db, 'kim', first)).matches).toBe(false);
      expect((await verifyLocalPassword(store.db, 'kim', second)).matches).toBe(true);
    } finally {
      await store.close();
    }
  });

  test('a bad username, a taken one and an unknown one exit 1 saying what is wrong', async () => {
    const bad = await runCli(['admin', 'create-user', 'Kim Lee', '--role', 'auditor'], env());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('<username>: use 1 to 64 lowercase letters');
    const badRole = await runCli(['admin', 'create-user', 'lee', '--role', 'root'], env());
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('--role:');

    expect((await runCli(['admin', 'create-user', 'lee', '--role', 'person'], env())).code).toBe(0);
    const taken = await runCli(['admin', 'create-user', 'lee', '--role', 'auditor'], env());
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('The username "lee" is taken');

    const unknown = await runCli(['admin', 'reset-password', 'nobody'], env());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No local user is named "nobody"');
  });

  test('with an identity provider configured, create-user is refused and says why', async () => {
    const r = await runCli(['admin', 'create-user', 'mia', '--role', 'auditor'], { ...env(), RRCU_OIDC_ISSUER: 'https://idp.example', RRCU_OIDC_CLIENT_ID: 'rrcu', RRCU_OIDC_CLIENT_SECRET: 'secret' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('local accounts are off');
    expect(r.stdout).toBe('');
  });
});
