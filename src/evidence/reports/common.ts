import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { COMMON_ERRORS, RrcuError } from '../../core/errors.ts';
import { connectors, type Db } from '../../store/index.ts';
import type { Report, ReportCell, ReportColumn } from '../report-model.ts';

/** Who asks for a report: the audit log's actor (`user:<id>`, `cli:<os user>`) and how people read it. */
export type ReportBy = { actor: string; name: string };

/** A report's parameters (its zod schema, which every door validates with) and how it is made from the store. */
export type ReportProducer<S extends z.ZodType = z.ZodType> = {
  parameters: S;
  produce(db: Db, parameters: z.output<S>, by: ReportBy, now: Date): Promise<Report>;
};

export type Row = Record<string, ReportCell>;

/**
 * Rows read from the store a page at a time: how many a page holds (some 15 MB of grant rows). Each page
 * of grants costs a scan of the answer (keyset: filter, then the first N after the cursor), so the pages
 * are large: over 101k grants on PGlite the access_at report's 11 pages took 43.0 s where one grantsAt
 * call for the whole answer took 39.8 s (and held ~130 MB of rows).
 */
export const PAGE_SIZE = 10_000;

export const connectorIdSchema = z.uuid('connectorId is a connector id (UUID)');
/** An instant as ISO 8601 (or anything `Date` reads), bounded to years the store's timestamps hold. */
export const instantSchema = z.coerce.date().min(new Date('1970-01-01T00:00:00Z'), 'is before 1970').max(new Date('9999-12-31T00:00:00Z'), 'is after 9999')
  // What its JSON Schema (the kinds' parameters: GET /api/evidence/kinds, `rrcu report list`) says of it, a coerced date having no type there.
  .meta({ description: 'an instant, ISO 8601, e.g. 2026-03-31T23:59:59Z' });

/** The connector's name, the organisation a report is about; NOT_FOUND naming the id otherwise. */
export async function organisationOf(db: Db, connectorId: string): Promise<string> {
  const [row] = await db.select({ name: connectors.name }).from(connectors).where(eq(connectors.id, connectorId));
  if (!row) throw new RrcuError(COMMON_ERRORS.NOT_FOUND, `connectorId: no connector with id ${connectorId}.`, { fix: 'List connectors with `rrcu connector list` or GET /api/connectors.' });
  return row.name;
}

/** Who made the report and when, as every report states it. */
export const generated = (by: ReportBy, now: Date) => ({ generatedBy: `${by.name} (${by.actor})`, generatedAt: now });

/**
 * Rows read page by page, each page asked after the previous one's cursor (`next`; undefined on the last
 * page), so a table is never whole in memory. Each call starts again from the first page, as the model asks.
 */
export function paged<C, T>(page: (after: C | undefined) => Promise<{ rows: readonly T[]; next: C | undefined }>, toRow: (item: T) => Row): () => AsyncIterable<Row> {
  return async function* () {
    let after: C | undefined;
    do {
      const read = await page(after);
      for (const item of read.rows) yield toRow(item);
      after = read.next;
    } while (after !== undefined);
  };
}

/** Rows of an answer read whole (small ones: a campaign's timeline, its reviewers), read again on each call. */
export function listed<T>(read: () => Promise<readonly T[]> | readonly T[], toRow: (item: T) => Row): () => AsyncIterable<Row> {
  return async function* () {
    for (const item of await read()) yield toRow(item);
  };
}

/** Columns from `[key, label, width?]` triples: a table's columns read as one list. Their keys stay known to the type, for `onPaper`. */
export const columns = <const K extends string>(...specs: readonly (readonly [K, string, number?])[]): (ReportColumn & { key: K })[] =>
  specs.map(([key, label, width]) => ({ key, label, ...(width === undefined ? {} : { width }) }));

/** The columns, in their order, with only those of `keys` shown in the PDF; the CSV and JSON keep every one (`ReportColumn.pdf`). */
export const onPaper = <K extends string>(all: readonly (ReportColumn & { key: K })[], keys: readonly NoInfer<K>[]): ReportColumn[] =>
  all.map((c) => (keys.includes(c.key) ? c : { ...c, pdf: false }));

/** `2026-03-31 14:05 UTC`: an instant as a period line reads it. */
export const utc = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A date the store gave as text or Date, or null. */
export const dateOf = (v: string | Date | null | undefined): Date | null => (v === null || v === undefined ? null : new Date(v));

/** Whole days from `since` to `now`. */
export const daysBetween = (since: Date, now: Date) => Math.floor((now.getTime() - since.getTime()) / 86_400_000);
