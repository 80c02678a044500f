import { desc } from 'drizzle-orm';
import { auditEvents, type Db } from '../store/index.ts';
import { GENESIS_HASH } from './chain.ts';

export type ChainHead = { seq: number; hash: string };

/**
 * The chain's last event, what a document made now rests on (an evidence pack names it): whoever later
 * walks the chain finds this event with this hash, or knows the log was altered. An empty log's head is
 * the genesis (seq 0).
 */
export async function auditChainHead(db: Db): Promise<ChainHead> {
  const [last] = await db.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  return last ?? { seq: 0, hash: GENESIS_HASH };
}
