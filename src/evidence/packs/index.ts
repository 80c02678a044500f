export { makePack, RRCU_VERSION, type MadePack, type MakeDeps } from './make.ts';
export {
  createEvidenceReads,
  createEvidenceService,
  EVIDENCE_QUEUE,
  evidenceJobSchema,
  makePackInputSchema,
  packViewSchema,
  toPackView,
  type EvidenceReads,
  type EvidenceService,
  type MakePackInput,
  type PackDownload,
  type PackView,
} from './service.ts';
