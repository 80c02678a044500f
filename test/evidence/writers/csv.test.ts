import { parse } from 'csv-parse/sync';
import { expect, test } from 'vitest';
import { writeCsv } from '../../../src/evidence/writers/index.ts';
import { collector } from './collect.ts';
import { FORMULA, grantsTable, LONG_ARN, NAMES } from './sample-report.ts';

/** Read back by csv-parse (RFC 4180), not by our own code; every line must end in CRLF. */
function parseCsv(text: string): string[][] {
  expect(text.replace(/"[^"]*"/g, '').split('\r\n').at(-1)).toBe('');
  expect(text.replace(/"[^"]*"/g, '')).not.toMatch(/[^\r]\n/);
  return parse(text, { record_delimiter: '\r\n', relax_column_count: false }) as string[][];
}

test('writes UTF-8 with a BOM, the column keys as header, one row per item, ISO 8601 UTC times and formula cells guarded', async () => {
  const { out, bytes } = collector();
  await writeCsv(grantsTable(12), out);
  const buffer = await bytes;
  expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(buffer.subarray(3).toString('utf8'));
  expect(rows[0]).toEqual(['principal', 'account', 'entitlement', 'via', 'since', 'privileged', 'comment']);
  expect(rows).toHaveLength(13);
  expect(rows.slice(1, 7).map((r) => r[0])).toEqual([...NAMES]);
  expect(rows[1]).toEqual([NAMES[0], '111122223300', LONG_ARN, 'group', '2026-01-01T09:30:00.000Z', 'true', 'row 0']);
  // The spreadsheet sees text, not a formula: the cell starts with a quote, and nothing else is changed.
  expect(rows[2]![6]).toBe(`'${FORMULA}`);
  expect(rows[3]![6]).toBe('first line\nsecond line, with "quotes"');
  expect(rows[4]![6]).toBe('');
});

test('streams: a table of 20,000 rows is written without the rows being asked for again', async () => {
  const table = grantsTable(20_000);
  let reads = 0;
  const { out, bytes } = collector();
  await writeCsv({ ...table, rows: () => (reads++, table.rows()) }, out);
  const rows = parseCsv((await bytes).subarray(3).toString('utf8'));
  expect(reads).toBe(1);
  expect(rows).toHaveLength(20_001);
  expect(rows[20_000]![2]).toBe('AdministratorAccess-19999');
});
