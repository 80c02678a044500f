import { bindDb, type Db } from '../store/index.ts';
import { listAuditEvents } from './list-events.ts';
import { verifyAuditChain } from './verify-chain.ts';

export type AuditServiceDeps = { db: Db };

/**
 * Reading the app's audit log. Writing stays `recordAuditEvent(tx, …)`: an event is recorded inside the
 * transaction of the change it records, which only the capability making the change holds.
 */
export function createAuditService({ db }: AuditServiceDeps) {
  return {
    listEvents: bindDb(db, listAuditEvents),
    verifyChain: bindDb(db, verifyAuditChain),
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
