import type { SQL } from 'drizzle-orm';
import type { Db } from './db.ts';

/**
 * Runs raw SQL and returns its rows. Both drivers answer `execute` with an object holding `rows`
 * (node-postgres' QueryResult, PGlite's Results); this is the one place that relies on it.
 */
export async function queryRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
