import { z } from 'zod';
import { REPORT_KINDS } from '../report-model.ts';

/** A cell as report.json holds it: dates are ISO 8601 UTC strings by then. */
const jsonCell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * report.json, as writeJson writes it. The pack's verifier and an auditor's own tools read it; the JSON Schema
 * document below is derived from this one schema, so the two cannot drift.
 */
export const reportJsonSchema = z
  .object({
    kind: z.enum(REPORT_KINDS),
    title: z.string(),
    organisation: z.string(),
    period: z.string(),
    parameters: z.record(z.string(), z.unknown()),
    generatedBy: z.string(),
    generatedAt: z.iso.datetime(),
    syncRunIds: z.array(z.number().int()),
    summary: z.array(z.object({ label: z.string(), value: z.union([z.string(), z.number()]) }).strict()),
    tables: z.record(
      z.string(),
      z
        .object({
          title: z.string(),
          columns: z.array(z.object({ key: z.string(), label: z.string(), width: z.number().positive().optional() }).strict()),
          rows: z.array(z.record(z.string(), jsonCell)),
        })
        .strict(),
    ),
  })
  .strict()
  .meta({ title: 'RRCU evidence report', description: 'report.json of an RRCU evidence pack: the report parameters, its summary and every table with all its rows.' });

export type ReportJson = z.infer<typeof reportJsonSchema>;

/** The JSON Schema (draft 2020-12) of report.json, for a pack or for anyone validating one without RRCU. */
export function reportJsonSchemaDocument(): Record<string, unknown> {
  return z.toJSONSchema(reportJsonSchema) as Record<string, unknown>;
}
