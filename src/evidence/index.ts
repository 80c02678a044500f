/**
 * Evidence (issue #14), on top of every capability: reports built from the store (`reports/`), written as
 * PDF, CSV and JSON (`writers/`), packed and signed (`pack/`, `signing/`), stored and made by a job
 * (`packs/`, `jobs.ts`). Nothing imports it but the composition root and the doors.
 */
export { PACK_WRITERS } from './default-writers.ts';
export { EVIDENCE_ERRORS } from './errors.ts';
export { EVIDENCE_QUEUES, EVIDENCE_QUEUE_SPECS, startEvidenceWorkers } from './jobs.ts';
export { manifestSchema, PACK_FILES, packFiles, verifyPack, type Manifest, type PackVerdict, type PackWriters } from './pack/index.ts';
export {
  createEvidenceReads,
  createEvidenceService,
  makePackInputSchema,
  packViewSchema,
  RRCU_VERSION,
  type EvidenceReads,
  type EvidenceService,
  type MakeDeps,
  type MakePackInput,
  type PackDownload,
  type PackView,
} from './packs/index.ts';
export type { Producer, Producers } from './producers.ts';
// The registration point of report kinds: each report's producer, in its registry (reports/index.ts), is makeable as a pack.
export { REPORT_PRODUCERS } from './reports/index.ts';
export { REPORT_KINDS, type Report, type ReportKind } from './report-model.ts';
export { publicKeyFingerprint, type PublicKeyView } from './signing/index.ts';
