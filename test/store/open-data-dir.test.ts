import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

test('a data directory whose cluster cannot be created is a DATA_DIR_UNREADABLE naming the directory, and is not locked after', { timeout: 60_000 }, async () => {
  const dataDir = newDir();
  // initdb needs base/ as a directory: a file there makes it fail in the child.
  writeFileSync(join(dataDir, 'base'), 'not a directory');
  const error = await openStore({ dataDir }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RrcuError);
  expect((error as RrcuError).code).toBe('DATA_DIR_UNREADABLE');
  expect((error as RrcuError).message).toContain(dataDir);
  expect(existsSync(join(dataDir, 'rrcu.pid'))).toBe(false);
});
