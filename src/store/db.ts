import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema/index.ts';

/** The database handle every query function takes first; a transaction (`tx`) is one too. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * A query function with its database given: what a capability's service offers for each of its
 * functions, so the service adds wiring only and the function keeps its one signature.
 */
export function bindDb<A extends unknown[], R>(db: Db, fn: (db: Db, ...args: A) => R): (...args: A) => R {
  return (...args) => fn(db, ...args);
}
