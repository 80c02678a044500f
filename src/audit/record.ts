import { desc, sql } from 'drizzle-orm';
import { auditEvents, type Db } from '../store/index.ts';
import { GENESIS_HASH, eventHash } from './chain.ts';

export type AuditEventInput = {
  /** Dotted, past tense: `connector.created`, `sync.failed`, `grant.revoked`. Never renamed once shipped. */
  type: string;
  /** `user:<id>`, `token:<id>`, `system`, `cli:<os user>`. */
  actor: string;
  subject?: string | null;
  data?: Record<string, unknown>;
};

export type AuditEvent = typeof auditEvents.$inferSelect;

// Writers serialise on this lock so sequence numbers are gap-free and each event chains to the last.
const AUDIT_LOCK_KEY = 7_231_000_002;

/**
 * Appends one event to the chain. Call it inside the transaction that makes the change it records,
 * so the event exists exactly when the change commits.
 */
export async function recordAuditEvent(db: Db, input: AuditEventInput, now: Date = new Date()): Promise<AuditEvent> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    const [last] = await tx.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    // Timestamps are kept to the millisecond on both sides of the hash, so what is stored re-hashes the same.
    const fields = {
      seq: (last?.seq ?? 0) + 1,
      occurredAt: new Date(now.getTime()),
      actor: input.actor,
      type: input.type,
      subject: input.subject ?? null,
      data: JSON.parse(JSON.stringify(input.data ?? {})) as Record<string, unknown>,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const [event] = await tx
      .insert(auditEvents)
      .values({ ...fields, hash: eventHash(fields) })
      .returning();
    return event!;
  });
}
