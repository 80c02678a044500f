export { recordAuditEvent, recordAuditEvents, type AuditEvent, type AuditEventInput } from './record.ts';
export { chainVerdictSchema, verifyAuditChain, type ChainVerdict } from './verify-chain.ts';
export { auditChainHead, type ChainHead } from './chain-head.ts';
export { listAuditEvents, type AuditEventFilter, type AuditEventPage } from './list-events.ts';
export { createAuditService, type AuditService, type AuditServiceDeps } from './service.ts';
