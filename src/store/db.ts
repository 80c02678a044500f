import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema/index.ts';

/** The database handle every query function takes first; a transaction (`tx`) is one too. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
