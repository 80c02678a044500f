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
    const [event] = await tx.insert(auditEvents).values(chained(last, [input], now)).returning();
    return event!;
  });
}

const BATCH = 1000;

/**
 * Appends `inputs` to the chain in their order, as many `recordAuditEvent` calls would (the same
 * sequence numbers and hashes), under one lock and one read of the chain's end: for the changes of a
 * bulk action, in the transaction that makes them. Returns how many were written.
 */
export async function recordAuditEvents(db: Db, inputs: readonly AuditEventInput[], now: Date = new Date()): Promise<number> {
  if (inputs.length === 0) return 0;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    const [last] = await tx.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    const rows = chained(last, inputs, now);
    for (let i = 0; i < rows.length; i += BATCH) await tx.insert(auditEvents).values(rows.slice(i, i + BATCH));
    return rows.length;
  });
}

/** `inputs` as rows chained after `last` (none: the genesis), each to the one before it. */
function chained(last: { seq: number; hash: string } | undefined, inputs: readonly AuditEventInput[], now: Date) {
  let prev = { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
  return inputs.map((input) => {
    // Timestamps are kept to the millisecond on both sides of the hash, so what is stored re-hashes the same.
    const fields = {
      seq: prev.seq + 1,
      occurredAt: new Date(now.getTime()),
      actor: input.actor,
      type: input.type,
      subject: input.subject ?? null,
      data: JSON.parse(JSON.stringify(input.data ?? {})) as Record<string, unknown>,
      prevHash: prev.hash,
    };
    const row = { ...fields, hash: eventHash(fields) };
    prev = row;
    return row;
  });
}
