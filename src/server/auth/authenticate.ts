import type { FastifyRequest } from 'fastify';
import type { App } from '../../app.ts';
import { TOKEN_PREFIX } from '../../identity/index.ts';
import type { appUsers } from '../../store/index.ts';
import type { Caller } from '../caller.ts';
import { SESSION_COOKIE } from './session-cookie.ts';

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

async function authenticateToken(app: App, token: string): Promise<Caller | undefined> {
  const live = await app.identity.useApiToken(token);
  if (!live) return undefined;
  return {
    via: 'token',
    userId: live.createdBy,
    tokenId: live.id,
    role: live.role,
    // A token is not the person who made it: it has no access of its own to show.
    email: null,
    displayName: `API token ${live.name}`,
    actor: `token:${live.id}`,
    csrfToken: null,
    sessionIdHash: null,
  };
}

async function authenticateSession(app: App, cookieValue: string): Promise<Caller | undefined> {
  const live = await app.identity.useSession(cookieValue);
  return live && sessionCaller(live.user, live.idHash, live.csrfToken);
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
