/**
 * The evidence reports (issue #14), each a producer: its parameters (a zod schema every door validates
 * with) and `produce`, which reads the store through the capabilities' surfaces and returns the report
 * model the PDF, CSV and JSON writers read, its rows streamed. What each shows: docs/evidence.md.
 */
import type { ReportKind } from '../report-model.ts';
import { accessAtReport } from './access-at.ts';
import { accessChangesReport } from './access-changes.ts';
import { campaignReport } from './campaign.ts';
import type { ReportProducer } from './common.ts';
import { jitAccessReport } from './jit-access.ts';
import { orphanedIdentitiesReport } from './orphaned-identities.ts';
import { privilegedAccessReport } from './privileged-access.ts';

export type { ReportBy, ReportProducer } from './common.ts';

export const REPORT_PRODUCERS = {
  campaign: campaignReport,
  access_at: accessAtReport,
  access_changes: accessChangesReport,
  jit_access: jitAccessReport,
  privileged_access: privilegedAccessReport,
  orphaned_identities: orphanedIdentitiesReport,
} as const satisfies Partial<Record<ReportKind, ReportProducer>>;

export type ProducedKind = keyof typeof REPORT_PRODUCERS;
