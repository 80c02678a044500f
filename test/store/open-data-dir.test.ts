import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, expect, test } from 'vitest';
import { RrcuError } from '../../src/core/errors.ts';
import { openStore, queryRows } from '../../src/store/index.ts';

// A new data directory's cluster is created by a child process (open.ts, createClusterApart); these check the
// directory it leaves is the store, and that a creation that fails says where, as an open that fails does.
const dirs: string[] = [];
const newDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rrcu-open-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test('a new data directory is created, migrated and usable, and opens again with what was written', { timeout: 60_000 }, async () => {
  const dataDir = join(newDir(), 'data');
  const first = await openStore({ dataDir });
  expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
  // Made beside it and moved in: no staging directory is left.
  expect(readdirSync(dirname(dataDir))).toEqual(['data']);
  await first.db.execute(sql`insert into app_settings (key, value) values ('open-test', '"kept"'::jsonb)`);
  await first.close();

  const again = await openStore({ dataDir });
  try {
    const [row] = await queryRows<{ value: string }>(again.db, sql`select value from app_settings where key = 'open-test'`);
    expect(row?.value).toBe('kept');
  } finally {
    await again.close();
  }
});

test('a directory holding part of a cluster (a creation interrupted) is refused with what to do, nothing in it deleted, and is not locked after', { timeout: 60_000 }, async () => {
  const dataDir = newDir();
  mkdirSync(join(dataDir, 'base'));
  writeFileSync(join(dataDir, 'base', 'keep-me'), 'someone else may own this');
  const error = await openStore({ dataDir }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RrcuError);
  expect((error as RrcuError).code).toBe('DATA_DIR_UNREADABLE');
  expect((error as RrcuError).message).toContain(dataDir);
  expect((error as RrcuError).message).toContain('holds part of a database (base) but no PG_VERSION');
  expect(readFileSync(join(dataDir, 'base', 'keep-me'), 'utf8')).toBe('someone else may own this');
  expect(existsSync(join(dataDir, 'rrcu.pid'))).toBe(false);
});
