import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { RrcuError } from '../core/errors.ts';
import type { Db } from './db.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import * as schema from './schema/index.ts';
import { STORE_ERRORS } from './errors.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

// Any fixed number: every RRCU process that migrates takes this lock, so two starting at once
// against one PostgreSQL run the migrations one after the other instead of racing.
const MIGRATION_LOCK_KEY = 7_231_000_001;

export type StoreOptions = {
  /** A PostgreSQL URL; without it, the embedded PGlite store in `dataDir`. */
  databaseUrl?: string | undefined;
  /** PGlite's data directory; `memory://` for a throwaway store. */
  dataDir?: string;
  /** Run pending migrations on open (default true). */
  migrate?: boolean;
  /** Start PGlite from a dump (`dumpDataDir`), e.g. a migrated template in tests. */
  loadDataDir?: Blob;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
};

export type Store = {
  db: Db;
  backend: 'pglite' | 'postgres';
  /** The data directory, or the URL without its password. */
  location: string;
  /** The embedded engine, when `backend` is `pglite` (pg-boss and dumps need it). */
  pglite?: PGlite;
  /** The connection pool, when `backend` is `postgres`. */
  pool?: pg.Pool;
  close(): Promise<void>;
};

/** Opens the store: PostgreSQL when a URL is given, else PGlite in the data directory; migrates it. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const store = options.databaseUrl ? await openPostgres(options.databaseUrl, options.poolSize ?? 10) : await openPglite(options);
  if (options.migrate !== false) {
    try {
      await migrateStore(store);
    } catch (e) {
      await store.close();
      throw e;
    }
  }
  return store;
}

/** Applies pending migrations; returns how many this call applied (0 when another process had). */
export async function migrateStore(store: Store): Promise<number> {
  if (store.pglite) {
    // One process owns a PGlite directory (see data-dir-lock.ts), so no lock is needed here.
    const before = await appliedMigrations((q) => store.pglite!.query<{ n: number }>(q));
    await migratePglite(drizzlePglite(store.pglite, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    return (await appliedMigrations((q) => store.pglite!.query<{ n: number }>(q))) - before;
  }
  const client = await store.pool!.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      // Counted under the lock, so of two processes starting at once exactly one reports the work.
      const before = await appliedMigrations((q) => client.query<{ n: number }>(q));
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
      return (await appliedMigrations((q) => client.query<{ n: number }>(q))) - before;
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } catch (e) {
    throw new RrcuError(STORE_ERRORS.MIGRATION_FAILED, `Migrating the database at ${store.location} failed: ${(e as Error).message}`, {
      fix: 'Check that the database user may create tables and schemas, then run `rrcu db migrate` again.',
      cause: e,
    });
  } finally {
    client.release();
  }
}

/** Migrations recorded in drizzle's journal table; 0 before the first. */
export async function appliedMigrations(query: (text: string) => Promise<{ rows: { n: number }[] }>): Promise<number> {
  // Two statements: PostgreSQL resolves table names when it parses, even in a branch never taken.
  const { rows } = await query("select (to_regclass('drizzle.__drizzle_migrations') is not null)::int as n");
  if (rows[0]?.n !== 1) return 0;
  return (await query('select count(*)::int as n from drizzle.__drizzle_migrations')).rows[0]?.n ?? 0;
}

async function openPostgres(url: string, poolSize: number): Promise<Store> {
  const location = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that errors (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // A client checked out for a transaction has no listener of the pool's: when the server ends its
  // connection, node-postgres emits `error` on it, and an unheard `error` crashes the process. The
  // statement that was running already fails with the reason, and the pool drops the broken client.
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end();
    throw new RrcuError(STORE_ERRORS.DATABASE_UNREACHABLE, `Cannot connect to PostgreSQL at ${location}: ${(e as Error).message}`, {
      fix: 'Check DATABASE_URL (host, port, user, database) and that the server is running, or unset DATABASE_URL to use the embedded store.',
      cause: e,
    });
  }
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  keepTransactionFailures(db as unknown as Transactional);
  return {
    db,
    backend: 'postgres',
    location,
    pool,
    close: () => pool.end(),
  };
}

type Transactional = { transaction<R>(fn: (tx: Transactional) => Promise<R>, config?: unknown): Promise<R> };

/**
 * When the connection dies inside a transaction, the statement that was running fails with the
 * server's reason (57P01 "terminating connection due to administrator command"), then the ROLLBACK
 * Drizzle sends fails too ("not queryable") and replaces it. Here a transaction (or savepoint) whose
 * body failed rethrows the body's error, whatever its rollback did.
 */
function keepTransactionFailures(db: Transactional): void {
  const begin = db.transaction.bind(db);
  db.transaction = async (fn, config) => {
    let failed: { error: unknown } | undefined;
    try {
      return await begin(async (tx) => {
        keepTransactionFailures(tx);
        try {
          return await fn(tx);
        } catch (e) {
          failed = { error: e };
          throw e;
        }
      }, config);
    } catch (e) {
      throw failed ? failed.error : e;
    }
  };
}

async function openPglite(options: StoreOptions): Promise<Store> {
  const dataDir = options.dataDir ?? './.rrcu/data';
  const inMemory = dataDir.startsWith('memory://');
  const location = inMemory ? dataDir : resolve(dataDir);
  let lock: DataDirLock | undefined;
  if (!inMemory) {
    try {
      mkdirSync(location, { recursive: true });
    } catch (e) {
      throw new RrcuError(STORE_ERRORS.DATA_DIR_UNWRITABLE, `Cannot create the data directory ${location}: ${(e as Error).message}`, {
        fix: 'Set RRCU_DATA_DIR to a writable directory.',
        cause: e,
      });
    }
    lock = acquireDataDirLock(location);
  }
  let pglite: PGlite;
  try {
    if (!inMemory && !options.loadDataDir && !existsSync(join(location, 'PG_VERSION'))) await createClusterApart(location);
    pglite = await PGlite.create(inMemory ? undefined : location, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  } catch (e) {
    lock?.release();
    throw new RrcuError(STORE_ERRORS.DATA_DIR_UNREADABLE, `Cannot open the embedded database in ${location}: ${(e as Error).message}`, {
      fix: 'If the directory holds something other than an RRCU store, point RRCU_DATA_DIR elsewhere.',
      cause: e,
    });
  }
  return {
    db: drizzlePglite(pglite, { schema }) as unknown as Db,
    backend: 'pglite',
    location,
    pglite,
    async close() {
      await pglite.close();
      lock?.release();
    },
  };
}

/**
 * Creates a new data directory's database cluster (PGlite's initdb) in a short-lived child process. Done
 * in this process, initdb's own WebAssembly instance stays in memory until some later major collection
 * happens to free it: a new store's process started ~430 MB larger than one opening an existing
 * directory (870 MB against 390 MB), which set the peak of a first sync (bench/sync.bench.ts).
 *
 * The cluster is made in a sibling directory and moved in, PG_VERSION last: a creation killed half-way
 * leaves no PG_VERSION, so the next start knows the directory holds no store. One that died while moving
 * leaves part of a cluster, which is refused with what to do, never deleted (the directory may be
 * someone's). The child is given a time limit and is killed if this process exits first.
 */
async function createClusterApart(location: string): Promise<void> {
  const partial = CLUSTER_MARKERS.filter((entry) => existsSync(join(location, entry)));
  if (partial.length > 0) {
    throw new Error(
      `it holds part of a database (${partial.join(', ')}) but no PG_VERSION: an earlier creation was interrupted, or the directory is not an RRCU store. Empty the directory (or set RRCU_DATA_DIR to a new one) to start a new store`,
    );
  }
  const staging = mkdtempSync(`${location}.creating-`);
  try {
    const script = `const { PGlite } = await import(${JSON.stringify(import.meta.resolve('@electric-sql/pglite'))});
      const { inspect } = await import('node:util');
      try { const db = await PGlite.create(${JSON.stringify(staging)}); await db.close(); }
      catch (e) { process.stderr.write('${CHILD_ERROR}' + (e?.message || inspect(e, { breakLength: Infinity })) + '\\n'); process.exit(1); }`;
    await new Promise<void>((done, fail) => {
      const child = execFile(process.execPath, ['--input-type=module', '--eval', script], { maxBuffer: 1 << 20, timeout: CLUSTER_CREATION_TIMEOUT_MS, killSignal: 'SIGKILL' }, (error, _stdout, stderr) => {
        process.off('exit', kill);
        if (!error) return done();
        // The child's own line when it reached its catch; else the last thing it said (not Node's version banner).
        const lines = stderr.split('\n').map((line) => line.trim()).filter((line) => line && !/^Node\.js v\d/.test(line));
        const said = lines.find((line) => line.startsWith(CHILD_ERROR))?.slice(CHILD_ERROR.length) ?? lines.at(-1);
        fail(new Error(error.killed ? `creating it took longer than ${CLUSTER_CREATION_TIMEOUT_MS / 1000} s` : (said ?? error.message).slice(0, 500), { cause: error }));
      });
      const kill = () => child.kill('SIGKILL');
      process.once('exit', kill);
    });
    const entries = readdirSync(staging).filter((entry) => entry !== 'PG_VERSION');
    for (const entry of [...entries, 'PG_VERSION']) renameSync(join(staging, entry), join(location, entry));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** What PGlite's initdb writes first: present without PG_VERSION, the directory holds an unfinished cluster. */
const CLUSTER_MARKERS = ['base', 'global', 'pg_wal', 'pg_xact'];
const CHILD_ERROR = 'RRCU-INITDB-ERROR: ';
/** initdb takes a few seconds; two minutes is a hung child, not a slow disk. */
const CLUSTER_CREATION_TIMEOUT_MS = 120_000;

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
