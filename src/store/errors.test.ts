import { expect, test } from 'vitest';
import { statementOf } from './errors.ts';

test.each([
  ['insert into "snapshot_items" ("sync_run_id", "kind") values ($1, $2), ($3, $4)', 'insert into snapshot_items'],
  ['with seen as (select key from snapshot_items where sync_run_id = $1) update grants t set seen_to = $2', 'update grants'],
  ['select "id" from "sync_runs" where "id" = $1 for update', 'select from sync_runs'],
  ['delete from "snapshot_items" where "sync_run_id" = $1', 'delete from snapshot_items'],
  ['rollback', 'rollback'],
])('names the statement %j without its text: %s', (query, expected) => {
  expect(statementOf(query)).toBe(expected);
});
