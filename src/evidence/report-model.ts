/**
 * What every evidence report is before it becomes files: the one model the PDF, CSV and JSON writers read,
 * so a report is written once (its queries) and rendered three ways. Rows come as an async iterable so a
 * 100k-row report is streamed from the store to each file and never held whole in memory.
 */

/** A report's kinds, in the order the auditor's list (issue #14) gives them. */
export const REPORT_KINDS = ['campaign', 'access_at', 'access_changes', 'jit_access', 'privileged_access', 'orphaned_identities'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export type ReportColumn = {
  /** The row's field, and the CSV header and JSON key. */
  key: string;
  /** What the PDF's table header says. */
  label: string;
  /** Relative width in the PDF table (default 1). */
  width?: number;
  /**
   * Shown in the PDF's table (default true). The CSV and JSON carry every column; A4 landscape holds about ten
   * readable ones, so a wide table keeps its ids and secondary fields off paper, and the PDF says so under its title.
   */
  pdf?: boolean;
};

/** A table of the report. Its rows are read once per file written, so `rows()` must give the same rows each call. */
export type ReportTable = {
  /** Stable id: the JSON key of the table, and the CSV file's name (`<name>.csv`). */
  name: string;
  title: string;
  columns: readonly ReportColumn[];
  rows: () => AsyncIterable<Record<string, ReportCell>>;
};

/** A cell as the writers take it: dates become ISO 8601 UTC in the CSV and JSON. */
export type ReportCell = string | number | boolean | Date | null;

export type Report = {
  kind: ReportKind;
  title: string;
  /** The organisation (connector) the report is about. */
  organisation: string;
  /** The period or instant covered, as people read it, e.g. "2026-01-01 – 2026-03-31 (UTC)". */
  period: string;
  /** The parameters it was asked with (they go into the manifest as they are). */
  parameters: Record<string, unknown>;
  generatedBy: string;
  generatedAt: Date;
  /** The sync runs the report rests on (ids), for the manifest. */
  syncRunIds: readonly number[];
  /** The figures an auditor quotes, on the PDF's summary page and at the top of the JSON. */
  summary: readonly { label: string; value: string | number }[];
  /** The first table is the report's main one: one row per item, the CSV every report has. */
  tables: readonly [ReportTable, ...ReportTable[]];
};
