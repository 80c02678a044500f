import { lt } from 'drizzle-orm';
import { slackSeenSignatures, type Db } from '../store/index.ts';
import { SLACK_SIGNATURE_WINDOW_SECONDS } from './core/signature.ts';

/**
 * A signature is valid while its timestamp is within the window of now on either side, so for up to
 * twice the window; a minute more covers the clocks of several processes.
 */
const REMEMBER_MS = (2 * SLACK_SIGNATURE_WINDOW_SECONDS + 60) * 1000;

/**
 * Whether this is the first time RRCU sees a Slack request with this (verified) signature: true once,
 * false for any replay of it, whichever process received the first. Forgets what can no longer be replayed.
 */
export async function firstSightOfSlackRequest(db: Db, signature: string, now: Date): Promise<boolean> {
  await db.delete(slackSeenSignatures).where(lt(slackSeenSignatures.seenAt, new Date(now.getTime() - REMEMBER_MS)));
  const inserted = await db.insert(slackSeenSignatures).values({ signature, seenAt: now }).onConflictDoNothing().returning({ signature: slackSeenSignatures.signature });
  return inserted.length === 1;
}
