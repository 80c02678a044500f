/**
 * The stores a store benchmark runs on: PGlite in a temporary data directory, then PostgreSQL in a database of its own that
 * the bench creates and drops (on the server at BENCH_POSTGRES_URL, default the local trust-auth one CI
 * starts). A PostgreSQL that does not answer is reported and skipped, not a failure. BENCH_ENGINES
 * (`pglite`, `postgres`, or both comma-separated, the default) picks the engines.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { InventoryItem } from '../src/core/inventory-items.ts';
import { AWS_RESOURCE_TYPES } from '../src/connectors/index.ts';
import { commitSnapshot, connectors, openStore, resourceTypes, stageItems, type Db, type Store } from '../src/store/index.ts';
import { createSyncRun, linkPeople } from '../src/sync/index.ts';
import { generatedItems, type GeneratedOrg } from './generated-org.ts';

/** `where` is how another process opens the same store (openStore's options), once this one has closed it for PGlite. */
export type BenchStore = { label: string; store: Store; where: { dataDir: string } | { databaseUrl: string } };

const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function withDatabase(database: string): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Opens each engine in turn for `use`, closing (and for PostgreSQL dropping) it before the next. `use` may
 * close the store early to hand it to a child process (PGlite's data directory admits one process at a time).
 */
export async function onEachEngine(database: string, use: (bench: BenchStore) => Promise<void>): Promise<void> {
  const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',');
  if (engines.includes('pglite')) {
    // On disk, as RRCU runs PGlite (a data directory), not in memory.
    const dataDir = mkdtempSync(join(tmpdir(), `${database}-`));
    const pglite = await openStore({ dataDir });
    try {
      await use({ label: 'PGlite (data directory on disk)', store: pglite, where: { dataDir } });
    } finally {
      await pglite.close().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (!engines.includes('postgres')) return;
  try {
    await adminQuery(`drop database if exists ${database} with (force)`);
    await adminQuery(`create database ${database}`);
  } catch (e) {
    process.stdout.write(`\nPostgreSQL at ${POSTGRES_URL} not usable (${(e as Error).message}); skipped. Set BENCH_POSTGRES_URL.\n`);
    return;
  }
  const databaseUrl = withDatabase(database);
  const postgres = await openStore({ databaseUrl });
  try {
    await use({ label: `PostgreSQL (database ${database}, dropped after)`, store: postgres, where: { databaseUrl } });
  } finally {
    await postgres.close().catch(() => {});
    await adminQuery(`drop database if exists ${database} with (force)`);
  }
}

const seconds = (t: number) => (performance.now() - t) / 1000;

/** Stages `items` through the store's snapshot API as runSync does (batches of 500), then commits; timed apart. */
export async function stageAndCommit(db: Db, connectorId: string, items: Iterable<InventoryItem>): Promise<{ stageSeconds: number; commitSeconds: number; opened: number; closed: number }> {
  // As runSync registers the connector's resource types (which of them are principals) before staging.
  await db.insert(resourceTypes).values(AWS_RESOURCE_TYPES.map((t) => ({ id: t.id, displayName: t.displayName, isPrincipal: t.isPrincipal }))).onConflictDoNothing();
  const run = await createSyncRun(db, connectorId);
  let t = performance.now();
  let batch: InventoryItem[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === 500) {
      await stageItems(db, run.id, batch);
      batch = [];
    }
  }
  await stageItems(db, run.id, batch);
  const stageSeconds = seconds(t);
  t = performance.now();
  const changes = await commitSnapshot(db, run.id);
  return { stageSeconds, commitSeconds: seconds(t), opened: changes['opened:grant'], closed: changes['closed:grant'] };
}

/**
 * The evidence benches' store: `org` committed on a new connector, then a second snapshot without every 50th
 * grant item (which closes those and what they expand to), its people linked. `between` is an instant between
 * the two snapshots, `now` one after both.
 */
export async function twoSnapshotsOf(db: Db, org: GeneratedOrg): Promise<{ connectorId: string; between: Date; now: Date; closed: number }> {
  const [row] = await db.insert(connectors).values({ kind: 'aws', name: 'bench' }).returning({ id: connectors.id });
  const connectorId = row!.id;
  await stageAndCommit(db, connectorId, generatedItems(org));
  const between = new Date();
  await new Promise((resolve) => setTimeout(resolve, 10));
  function* withoutEvery50thGrant() {
    let n = 0;
    for (const item of generatedItems(org)) if (item.kind !== 'grant' || ++n % 50 !== 0) yield item;
  }
  const second = await stageAndCommit(db, connectorId, withoutEvery50thGrant());
  await linkPeople(db, connectorId);
  return { connectorId, between, now: new Date(), closed: second.closed };
}
