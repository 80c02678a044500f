import { z } from 'zod';
import { toCsv } from '../core/csv.ts';
import { REVIEW_DECISIONS } from './core/decisions.ts';
import { REVIEW_ITEM_KINDS } from './core/scope.ts';
import { REMEDIATION_STATE_VALUES, type ExportRow } from './service-types.ts';

/** One line of a campaign's export, the evidence an auditor keeps: the API publishes it, the API and `rrcu review export` write it as CSV in this column order. */
export const exportRowSchema = z.object({
  campaignId: z.string(),
  campaignName: z.string(),
  itemId: z.string(),
  key: z.string(),
  kind: z.enum(REVIEW_ITEM_KINDS),
  principalType: z.string(),
  principalId: z.string(),
  principalName: z.string().nullable(),
  personEmail: z.string().nullable(),
  resourceType: z.string(),
  resourceId: z.string(),
  resourceName: z.string().nullable(),
  entitlement: z.string().nullable(),
  stage: z.number(),
  reviewerEmail: z.string().nullable(),
  reviewerName: z.string().nullable(),
  decision: z.enum(REVIEW_DECISIONS).nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
  outcome: z.string(),
  reassignments: z.string().describe('`from → to (reason)` per step, in order'),
  remediationState: z.enum(REMEDIATION_STATE_VALUES).nullable(),
  remediationTaskId: z.string().nullable(),
  observedSyncRunId: z.number().nullable(),
  observedAt: z.string().nullable(),
});

/** The export as CSV: one line per item, the columns of the JSON export in its order (cells defused for spreadsheets). */
export function reviewExportCsv(rows: readonly ExportRow[]): string {
  const columns = exportRowSchema.keyof().options;
  return toCsv(columns, rows.map((row) => columns.map((c) => row[c])));
}
