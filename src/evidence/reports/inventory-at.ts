import { COMMON_ERRORS, RrcuError } from '../../core/errors.ts';
import { cursorOf, firstSyncAt, grantsAt, syncRunInForce, type AccessCursor, type AccessFilter, type AccessRow } from '../../access/index.ts';
import type { Db } from '../../store/index.ts';
import { getSyncRun, type SyncRun } from '../../sync/index.ts';
import { organisationOf, paged, PAGE_SIZE, utc, type Row } from './common.ts';

/**
 * The sync run whose inventory stood at `at` on the connector (its last succeeded run started by then):
 * what a point-in-time report rests on. Before the first sync RRCU knows nothing, which is not "nothing
 * was held", so that is refused, naming when history starts.
 */
export async function runAt(db: Db, connectorId: string, at: Date): Promise<SyncRun> {
  const inForce = await syncRunInForce(db, at.toISOString(), connectorId);
  const run = inForce ? await getSyncRun(db, inForce.id) : undefined;
  if (!run) {
    const first = await firstSyncAt(db, connectorId);
    throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `at: ${at.toISOString()} is before the inventory of connector ${connectorId} starts (${first ? `first sync ${first.toISOString()}` : 'no sync has succeeded'}), or after it was archived.`, {
      fix: first ? `Ask about an instant from ${first.toISOString()} on.` : 'Run a sync first (rrcu sync).',
    });
  }
  return run;
}

/** What a point-in-time report is about: the organisation (connector) and the sync run in force at `at`. */
export async function pointInTime(db: Db, connectorId: string, at: Date): Promise<{ organisation: string; run: SyncRun }> {
  const organisation = await organisationOf(db, connectorId);
  return { organisation, run: await runAt(db, connectorId, at) };
}

/** How a grant is held: direct, via group, or via the just-in-time request holding it at the instant, until its end. */
export const pathOf = (row: AccessRow): string =>
  row.via !== null ? 'via group' : row.request ? `via request #${row.request.id}${row.request.expiresAt ? ` until ${utc(row.request.expiresAt)}` : ''}` : 'direct';

/**
 * The grants `filter` selects, a page at a time (`grantsAt` after the last row read), leaving out the rows a
 * revoke task removed that no sync has seen yet: shown by the explorer, they were not held at the instant.
 */
export function grantPages(db: Db, filter: AccessFilter, toRow: (page: readonly AccessRow[]) => Promise<Row[]> | Row[]): () => AsyncIterable<Row> {
  return paged<AccessCursor, Row>(async (after) => {
    const page = await grantsAt(db, { ...filter, limit: PAGE_SIZE, ...(after ? { after } : {}) });
    const held = page.filter((r) => r.pending?.kind !== 'revoke');
    return { rows: await toRow(held), next: page.length === PAGE_SIZE ? cursorOf(page.at(-1)!) : undefined };
  }, (row) => row);
}

/** The run's population per type, as the sync counted it (`resource:<type>`, `grant`). */
export function populationOf(run: SyncRun): { label: string; value: number }[] {
  const counts = run.counts ?? {};
  return Object.keys(counts).sort().map((k) => ({ label: `Sync #${run.id} counted ${k.replace(':', ' ')}`, value: Number(counts[k]) }));
}

export const runLine = (run: SyncRun) => `#${run.id}, started ${utc(run.startedAt)}${run.finishedAt ? `, finished ${utc(run.finishedAt)}` : ''}`;
