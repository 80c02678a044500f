/**
 * The evidence writers: a `Report` (src/evidence/report-model.ts) turned into the pack's files, each
 * streamed from the report's rows into a Writable, which the writer ends and waits to finish.
 */
export { writeCsv } from './csv.ts';
export { writeJson } from './json.ts';
export { reportJsonSchema, reportJsonSchemaDocument, type ReportJson } from './json-schema.ts';
export { writePdf } from './pdf.ts';
export { WRITER_ERRORS } from './errors.ts';
// The model the writers read, so that a caller of the writers alone (the benchmark) needs no other import.
export type { Report, ReportCell, ReportColumn, ReportTable } from '../report-model.ts';
