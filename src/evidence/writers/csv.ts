import type { Writable } from 'node:stream';
import { csvRow } from '../../core/csv.ts';
import type { ReportTable } from '../report-model.ts';
import { ChunkedWriter } from './stream.ts';

/**
 * UTF-8 starts with a byte order mark: Excel, where auditors open CSVs, reads a file without one in the
 * machine's legacy code page and shows "Ελένη" as mojibake; csv-parse, Python's utf-8-sig and pandas skip it.
 */
const UTF8_BOM = '\uFEFF';

/**
 * One table as CSV: a header of the column keys, one CRLF line per row, dates in ISO 8601 UTC, and every cell
 * (header too) through the one formula-injection guard of src/core/csv.ts. Ends `out`.
 */
export async function writeCsv(table: ReportTable, out: Writable): Promise<void> {
  const writer = new ChunkedWriter(out);
  const keys = table.columns.map((c) => c.key);
  await writer.write(`${UTF8_BOM}${csvRow(keys)}\r\n`);
  for await (const row of table.rows()) await writer.write(`${csvRow(keys.map((k) => row[k]))}\r\n`);
  await writer.end();
}
