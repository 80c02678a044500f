import { createHash } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json.ts';

/** The hash of the (absent) event before the first one. */
export const GENESIS_HASH = '0'.repeat(64);

export type ChainedFields = {
  seq: number;
  occurredAt: Date;
  actor: string;
  type: string;
  subject: string | null;
  data: Record<string, unknown>;
  prevHash: string;
};

/** SHA-256 over the canonical JSON of the event and the previous event's hash. */
export function eventHash(e: ChainedFields): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        seq: e.seq,
        occurredAt: e.occurredAt.toISOString(),
        actor: e.actor,
        type: e.type,
        subject: e.subject,
        data: e.data,
        prevHash: e.prevHash,
      }),
    )
    .digest('hex');
}
