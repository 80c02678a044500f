import type { FastifyRequest } from 'fastify';
import { and, eq, isNull } from 'drizzle-orm';
import type { App } from '../../app.ts';
import { apiTokens, appUsers, sessions } from '../../store/schema/index.ts';
import { RrcuError } from '../../core/errors.ts';
import type { Caller } from '../caller.ts';
import { LOCAL_SUBJECT_PREFIX, lowerRole, oidcConfigured, sessionLimits, sha256Hex, TOKEN_PREFIX } from '../../identity/index.ts';
import { SESSION_COOKIE } from './session-cookie.ts';
import { AUTH_ERRORS } from './errors.ts';

// Writing last-use times on every request would turn each read into a write; a minute is precise enough.
const TOUCH_INTERVAL_MS = 60_000;

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Who is calling: an API token (`Authorization: Bearer rrcu_…`) or a browser session (`rrcu_session`).
 * Undefined when neither is valid. A request that sends an Authorization header is judged by it alone:
 * a wrong token never falls back to a cookie the browser happens to carry.
 */
export async function authenticateRequest(app: App, request: FastifyRequest): Promise<Caller | undefined> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const token = BEARER.exec(header)?.[1];
    return token?.startsWith(TOKEN_PREFIX) ? authenticateToken(app, token) : undefined;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? authenticateSession(app, cookie) : undefined;
}

/**
 * A token acts with the lower of its own role and its creator's role now, read at every request: a
 * demoted user's tokens are held to the new role at once, a disabled user's are refused. A token with no
 * creator was made on the server (`rrcu admin create-token`: shell access there is above every role) and
 * acts with its own role. Users are disabled, never deleted, so a token does not lose its creator.
 * While an IdP is configured local accounts are off, and so are the tokens they made (refused with
 * TOKEN_INVALID, saying why); creator-less tokens stay the way in.
 */
async function authenticateToken(app: App, token: string): Promise<Caller | undefined> {
  const db = app.store.db;
  const [row] = await db
    .select({ token: apiTokens, creator: { role: appUsers.role, disabled: appUsers.disabled, subject: appUsers.subject } })
    .from(apiTokens)
    .leftJoin(appUsers, eq(appUsers.id, apiTokens.createdBy))
    .where(eq(apiTokens.tokenHash, sha256Hex(token)));
  const now = Date.now();
  if (!row || row.token.revokedAt || (row.token.expiresAt && row.token.expiresAt.getTime() <= now)) return undefined;
  if (row.creator?.disabled) return undefined;
  if (row.creator?.subject.startsWith(LOCAL_SUBJECT_PREFIX) && oidcConfigured(app.config)) {
    throw new RrcuError(AUTH_ERRORS.TOKEN_INVALID, `This API token (${row.token.prefix}…) was made by a local user; local accounts and their tokens are off while sign-in goes through the identity provider (${app.config.oidcIssuer}).`, {
      fix: 'Sign in with your identity provider and create a new token under Settings → API tokens, or make one on the server with `rrcu admin create-token`.',
    });
  }
  if (!row.token.lastUsedAt || now - row.token.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db.update(apiTokens).set({ lastUsedAt: new Date(now) }).where(eq(apiTokens.id, row.token.id));
  }
  return {
    via: 'token',
    userId: row.token.createdBy,
    tokenId: row.token.id,
    role: row.creator ? lowerRole(row.token.role, row.creator.role) : row.token.role,
    // A token is not the person who made it: it has no access of its own to show.
    email: null,
    displayName: `API token ${row.token.name}`,
    actor: `token:${row.token.id}`,
    csrfToken: null,
    sessionIdHash: null,
  };
}

async function authenticateSession(app: App, cookieValue: string): Promise<Caller | undefined> {
  const db = app.store.db;
  const idHash = sha256Hex(cookieValue);
  const [row] = await db
    .select({ session: sessions, user: appUsers })
    .from(sessions)
    .innerJoin(appUsers, eq(appUsers.id, sessions.userId))
    .where(eq(sessions.idHash, idHash));
  const now = Date.now();
  const { idleMs: idle, maxMs } = sessionLimits(app.config);
  if (!row || row.session.revokedAt || row.user.disabled) return undefined;
  // Every limit: the stored expiry, and the idle time and absolute lifetime configured now (they may have been shortened since).
  const endsAt = row.session.createdAt.getTime() + maxMs;
  if (row.session.expiresAt.getTime() <= now || now - row.session.lastSeenAt.getTime() >= idle || endsAt <= now) return undefined;
  if (now - row.session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now), expiresAt: new Date(Math.min(now + idle, endsAt)) })
      .where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt)));
  }
  return sessionCaller(row.user, idHash, row.session.csrfToken);
}

/** The caller of a session, as authenticated requests and the sign-in answer see it. */
export function sessionCaller(user: typeof appUsers.$inferSelect, idHash: string, csrfToken: string): Caller {
  return {
    via: 'session',
    userId: user.id,
    tokenId: null,
    role: user.role,
    email: user.email,
    displayName: user.displayName,
    actor: `user:${user.id}`,
    csrfToken,
    sessionIdHash: idHash,
  };
}
