import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Config } from '../config/index.ts';
import { appUsers, sessions, type Db } from '../store/index.ts';
import { LAST_USE_PRECISION_MS } from './last-use.ts';
import { randomUrlToken, sha256Hex } from './secrets.ts';

const ENDED_SESSIONS_KEPT_MS = 30 * 24 * 3_600_000;

/**
 * How long a session lives: `idleMs` without a request (sliding), and `maxMs` at most from sign-in, used
 * or not, so a stolen cookie kept busy still dies.
 */
export type SessionLimits = { idleMs: number; maxMs: number };

export function sessionLimits(config: Pick<Config, 'sessionIdleHours' | 'sessionMaxDays'>): SessionLimits {
  return { idleMs: config.sessionIdleHours * 3_600_000, maxMs: config.sessionMaxDays * 86_400_000 };
}

/**
 * Starts a session for `userId`. Always a new random id: signing in never reuses an id the browser had
 * before (session fixation). Returns the value the browser keeps (its cookie); the table keeps its SHA-256 only.
 */
export async function createSession(
  db: Db,
  userId: string,
  options: SessionLimits & { userAgent?: string | undefined; ip?: string | undefined },
): Promise<{ cookieValue: string; idHash: string; csrfToken: string }> {
  const cookieValue = randomUrlToken(32);
  const idHash = sha256Hex(cookieValue);
  const csrfToken = randomUrlToken(32);
  const now = new Date();
  // Sessions that ended long ago are dropped as their user signs in again: the table stays the size of
  // its users' recent sign-ins without a sweeper, and a month of ended ones is kept to look back at.
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), sql`coalesce(${sessions.revokedAt}, ${sessions.expiresAt}) < ${new Date(now.getTime() - ENDED_SESSIONS_KEPT_MS).toISOString()}::timestamptz`));
  await db.insert(sessions).values({
    idHash,
    userId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + Math.min(options.idleMs, options.maxMs)),
    userAgent: options.userAgent?.slice(0, 512) ?? null,
    ip: options.ip ?? null,
  });
  return { cookieValue, idHash, csrfToken };
}

/**
 * The live session whose browser holds `cookieValue`, with its user, and its last use noted (sliding its
 * expiry); undefined when it is unknown, revoked, past any limit, or its user is disabled. Every limit
 * counts: the stored expiry, and the idle time and absolute lifetime configured now (they may have been
 * shortened since).
 */
export async function useSession(db: Db, cookieValue: string, limits: SessionLimits): Promise<{ user: typeof appUsers.$inferSelect; idHash: string; csrfToken: string } | undefined> {
  const idHash = sha256Hex(cookieValue);
  const [row] = await db
    .select({ session: sessions, user: appUsers })
    .from(sessions)
    .innerJoin(appUsers, eq(appUsers.id, sessions.userId))
    .where(eq(sessions.idHash, idHash));
  const now = Date.now();
  const { idleMs: idle, maxMs } = limits;
  if (!row || row.session.revokedAt || row.user.disabled) return undefined;
  const endsAt = row.session.createdAt.getTime() + maxMs;
  if (row.session.expiresAt.getTime() <= now || now - row.session.lastSeenAt.getTime() >= idle || endsAt <= now) return undefined;
  if (now - row.session.lastSeenAt.getTime() >= LAST_USE_PRECISION_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now), expiresAt: new Date(Math.min(now + idle, endsAt)) })
      .where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt)));
  }
  return { user: row.user, idHash, csrfToken: row.session.csrfToken };
}

/** Ends one session; true when it was live. */
export async function revokeSession(db: Db, idHash: string): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt)))
    .returning({ idHash: sessions.idHash });
  return rows.length > 0;
}

/** Ends every live session of a user (optionally but one); returns how many were live. */
export async function revokeUserSessions(db: Db, userId: string, options: { except?: string | undefined } = {}): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), sql`${sessions.expiresAt} > now()`, options.except ? ne(sessions.idHash, options.except) : undefined))
    .returning({ idHash: sessions.idHash });
  return rows.length;
}
