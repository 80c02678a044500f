import { asc, gt } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvents, type Db } from '../store/index.ts';
import { GENESIS_HASH, eventHash } from './chain.ts';

/** Whether the chain holds, and if not the first event that breaks it; the API answers with it. */
export const chainVerdictSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), events: z.number(), lastHash: z.string() }),
  z.object({ ok: z.literal(false), events: z.number(), badSeq: z.number(), reason: z.string() }),
]);
export type ChainVerdict = z.infer<typeof chainVerdictSchema>;

const PAGE = 1000;

/**
 * Walks the audit chain from the first event and names the first that does not hold: a gap in the
 * sequence, a broken link to the previous hash, or content that no longer matches its own hash.
 */
export async function verifyAuditChain(db: Db): Promise<ChainVerdict> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const page = await db.select().from(auditEvents).where(gt(auditEvents.seq, expectedSeq - 1)).orderBy(asc(auditEvents.seq)).limit(PAGE);
    for (const e of page) {
      if (e.seq !== expectedSeq) {
        return { ok: false, events: checked, badSeq: expectedSeq, reason: `event ${expectedSeq} is missing (next present is ${e.seq})` };
      }
      if (e.prevHash !== prevHash) {
        return { ok: false, events: checked, badSeq: e.seq, reason: `event ${e.seq} does not link to event ${e.seq - 1} (previous hash differs)` };
      }
      if (eventHash(e) !== e.hash) {
        return { ok: false, events: checked, badSeq: e.seq, reason: `event ${e.seq} was altered after it was written (its content no longer matches its hash)` };
      }
      prevHash = e.hash;
      expectedSeq++;
      checked++;
    }
    if (page.length < PAGE) return { ok: true, events: checked, lastHash: prevHash };
  }
}
