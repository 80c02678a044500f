import type { Writable } from 'node:stream';
import type { Report, ReportCell } from '../report-model.ts';
import { ChunkedWriter } from './stream.ts';

/**
 * report.json (its schema: json-schema.ts), written row by row: the head and each table's title and columns
 * are small and stringified whole, the rows one per line as they come. Ends `out`.
 */
export async function writeJson(report: Report, out: Writable): Promise<void> {
  const writer = new ChunkedWriter(out);
  const head = {
    kind: report.kind,
    title: report.title,
    organisation: report.organisation,
    period: report.period,
    parameters: report.parameters,
    generatedBy: report.generatedBy,
    generatedAt: report.generatedAt.toISOString(),
    syncRunIds: report.syncRunIds,
    summary: report.summary.map(({ label, value }) => ({ label, value })),
  };
  await writer.write(`${JSON.stringify(head).slice(0, -1)},"tables":{`);
  for (const [i, table] of report.tables.entries()) {
    const columns = table.columns.map(({ key, label, width }) => (width === undefined ? { key, label } : { key, label, width }));
    await writer.write(`${i === 0 ? '' : ','}\n${JSON.stringify(table.name)}:{"title":${JSON.stringify(table.title)},"columns":${JSON.stringify(columns)},"rows":[`);
    let first = true;
    for await (const row of table.rows()) {
      const cells: Record<string, JsonCell> = {};
      for (const { key } of table.columns) cells[key] = jsonCell(row[key]);
      await writer.write(`${first ? '' : ','}\n${JSON.stringify(cells)}`);
      first = false;
    }
    await writer.write(']}');
  }
  await writer.write('}}\n');
  await writer.end();
}

type JsonCell = string | number | boolean | null;

/** Dates as ISO 8601 UTC; a number JSON cannot hold (NaN, Infinity) and a missing cell as null. */
function jsonCell(cell: ReportCell | undefined): JsonCell {
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === 'number' && !Number.isFinite(cell)) return null;
  return cell ?? null;
}
