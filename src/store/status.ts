import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER, appliedMigrations, type Store } from './open.ts';
import { queryRows } from './rows.ts';

export type StoreStatus = {
  backend: Store['backend'];
  location: string;
  /** Migrations applied / known to this version of RRCU, and the latest known one's name. */
  schema: { applied: number; known: number; latest: string };
  /** Row counts per table; current (open) rows for the versioned ones. Empty before the first migration. */
  rows: Record<string, number>;
};

const COUNTED = ['connectors', 'sync_runs', 'resources', 'entitlements', 'grants', 'people', 'audit_events'] as const;
const VERSIONED = new Set(['resources', 'entitlements', 'grants']);

export function knownMigrations(): string[] {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  return journal.entries.map((e) => e.tag);
}

export async function storeStatus(store: Store): Promise<StoreStatus> {
  const known = knownMigrations();
  const applied = await appliedMigrations(async (text) => ({ rows: await queryRows<{ n: number }>(store.db, sql.raw(text)) }));
  const rows: Record<string, number> = {};
  if (applied > 0) {
    for (const table of COUNTED) {
      const where = VERSIONED.has(table) ? sql` where seen_to is null` : sql``;
      const [row] = await queryRows<{ n: number }>(store.db, sql`select count(*)::int as n from ${sql.raw(table)}${where}`);
      rows[table] = row?.n ?? 0;
    }
  }
  return { backend: store.backend, location: store.location, schema: { applied, known: known.length, latest: known.at(-1) ?? '' }, rows };
}
