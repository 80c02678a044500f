import { bigint, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { syncRuns } from './connectors.ts';

/**
 * The explorer's totals of a connector's big answers (every grant, the privileged ones, a permission
 * set's on every account) as they stood after one committed sync run: counting them means aggregating every grant (seconds at 1M), and
 * the answer cannot change until the next run commits (rows open and close only at a run's start
 * instant), so access/ counts once per run and keeps the result here. `marks` is a digest of the
 * administrators' marks live at the instant counted (they make entitlements privileged between runs);
 * '' when the question is not about privileged access. Never updated; deleted with the run.
 */
export const grantTotals = pgTable(
  'grant_totals',
  {
    syncRunId: bigint('sync_run_id', { mode: 'number' })
      .notNull()
      .references(() => syncRuns.id, { onDelete: 'cascade' }),
    /** The filters counted, canonical (`{}`, `{"privileged":true}`, `{"permissionSet":"…"}`). */
    question: text('question').notNull(),
    marks: text('marks').notNull().default(''),
    grants: integer('grants').notNull(),
    principals: integer('principals').notNull(),
    resources: integer('resources').notNull(),
    entitlements: integer('entitlements').notNull(),
    direct: integer('direct').notNull(),
    countedAt: timestamp('counted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.syncRunId, t.question, t.marks] })],
);
