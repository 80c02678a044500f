import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { COMMON_ERRORS, isRrcuError, RrcuError } from '../../core/errors.ts';
import type { ServerApp } from '../server-app.ts';
import { signInLocal } from '../auth/local-sign-in.ts';
import { oidcConfigured, sha256Hex, type SignInMeta } from '../../identity/index.ts';
import { beginOidcSignIn, completeOidcSignIn, OIDC_FLOW_COOKIE, OIDC_FLOW_TTL_MS } from '../auth/oidc.ts';
import { SESSION_COOKIE, sessionCookieOptions } from '../auth/session-cookie.ts';
import { createSignInLimiter } from '../auth/sign-in-limiter.ts';
import type { Caller } from '../caller.ts';
import { meSchema, toMe } from './me.ts';
import { HTTP_ERRORS } from '../errors.ts';

function signInMeta(request: FastifyRequest): SignInMeta {
  const previous = request.cookies[SESSION_COOKIE];
  return { ip: request.ip, userAgent: request.headers['user-agent'], previousSessionIdHash: previous ? sha256Hex(previous) : undefined };
}

function sessionOf(caller: Caller): { userId: string; idHash: string } {
  if (caller.via !== 'session' || !caller.userId || !caller.sessionIdHash) {
    throw new RrcuError(HTTP_ERRORS.NOT_A_SESSION, 'This request is authenticated with an API token, which has no session to sign out of.', {
      fix: 'Revoke the token instead (DELETE /api/tokens/:id).',
    });
  }
  return { userId: caller.userId, idHash: caller.sessionIdHash };
}

export function authRoutes(server: ServerApp, app: App): void {
  // One limiter per server: failed local sign-ins are counted in this process's memory only.
  const limiter = createSignInLimiter();
  const cookieOptions = sessionCookieOptions(app.config);
  const flowCookieOptions = { ...cookieOptions, path: '/api/auth/oidc', maxAge: OIDC_FLOW_TTL_MS / 1000 };
  const setSession = (reply: FastifyReply, cookieValue: string) => reply.setCookie(SESSION_COOKIE, cookieValue, cookieOptions);

  server.get('/api/auth/methods', {
    config: { access: 'anyone' },
    schema: {
      operationId: 'getAuthMethods',
      tags: ['auth'],
      summary: 'How to sign in here: local accounts (when no IdP is configured) or the OpenID Connect IdP',
      response: { 200: z.object({ local: z.boolean(), oidc: z.object({ issuer: z.string() }).nullable(), simulated: z.boolean() }) },
    },
  }, async () => ({
    local: !oidcConfigured(app.config),
    oidc: app.config.oidcIssuer ? { issuer: app.config.oidcIssuer } : null,
    simulated: (await app.activeSimulation()) !== undefined,
  }));

  server.post('/api/auth/local', {
    config: { access: 'anyone' },
    schema: {
      operationId: 'signInLocal',
      tags: ['auth'],
      summary: 'Sign in with a local account; with a one-time password, `newPassword` sets your own',
      security: [],
      body: z.object({
        username: z.string().trim().min(1).max(200),
        // Passwords are taken as typed: no trimming.
        password: z.string().min(1).max(1024),
        newPassword: z.string().min(1).max(1024).optional(),
      }),
      response: { 200: meSchema },
    },
  }, async (request, reply) => {
    const { caller, cookieValue } = await signInLocal(app, request.body, signInMeta(request), limiter);
    setSession(reply, cookieValue);
    return await toMe(app, caller);
  });

  server.get('/api/auth/oidc/login', {
    config: { access: 'anyone' },
    schema: {
      operationId: 'signInOidc',
      tags: ['auth'],
      summary: 'Start signing in at the identity provider (a browser navigation: answers with a redirect)',
      security: [],
      querystring: z.object({ returnTo: z.string().max(2048).optional().describe('A path on RRCU to come back to; anything else means /') }),
    },
  }, async (request, reply) => {
    refuseWithoutOidc(app);
    try {
      const { url, flowCookie } = await beginOidcSignIn(app, { requestOrigin: `${request.protocol}://${request.host}`, returnTo: request.query.returnTo });
      reply.setCookie(OIDC_FLOW_COOKIE, flowCookie, flowCookieOptions);
      return reply.redirect(url, 302);
    } catch (e) {
      return failedSignIn(request, reply, e);
    }
  });

  server.get('/api/auth/oidc/callback', {
    config: { access: 'anyone' },
    schema: {
      operationId: 'oidcCallback',
      tags: ['auth'],
      summary: 'Where the identity provider sends the browser back (a redirect to where sign-in started, or to /sign-in?error=…)',
      security: [],
      querystring: z.looseObject({
        code: z.string().max(4096).optional(),
        state: z.string().max(1024).optional(),
        error: z.string().max(256).optional(),
      }),
    },
  }, async (request, reply) => {
    refuseWithoutOidc(app);
    const flowCookie = request.cookies[OIDC_FLOW_COOKIE];
    // The flow is single-use, whatever the outcome.
    reply.clearCookie(OIDC_FLOW_COOKIE, flowCookieOptions);
    try {
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      const { cookieValue, returnTo } = await completeOidcSignIn(app, { query, flowCookie, meta: signInMeta(request) });
      setSession(reply, cookieValue);
      return reply.redirect(returnTo, 302);
    } catch (e) {
      return failedSignIn(request, reply, e);
    }
  });

  server.post('/api/auth/logout', {
    config: { access: 'signed-in' },
    schema: { operationId: 'signOut', tags: ['auth'], summary: 'End this session', response: { 204: z.null() } },
  }, async (request, reply) => {
    const caller = request.caller!;
    const session = sessionOf(caller);
    await app.identity.signOut(session.idHash, { actor: caller.actor });
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.status(204).send(null);
  });

  server.post('/api/auth/logout-everywhere', {
    config: { access: 'signed-in' },
    schema: { operationId: 'signOutEverywhere', tags: ['auth'], summary: 'End every session of the signed-in user, in every browser', response: { 204: z.null() } },
  }, async (request, reply) => {
    const caller = request.caller!;
    const session = sessionOf(caller);
    await app.identity.signOutEverywhere(session.userId, { actor: caller.actor });
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.status(204).send(null);
  });
}

/** Without an IdP these addresses do not exist: a plain 404, nothing for the log. */
function refuseWithoutOidc(app: App): void {
  if (oidcConfigured(app.config)) return;
  throw new RrcuError(COMMON_ERRORS.NOT_FOUND, 'Sign-in through an identity provider is not configured on this RRCU.', {
    fix: 'Sign in as a local user (GET /api/auth/methods says how), or set RRCU_OIDC_ISSUER, RRCU_OIDC_CLIENT_ID and RRCU_OIDC_CLIENT_SECRET and restart RRCU.',
  });
}

/** A browser navigation cannot show a JSON error: back to the sign-in page, with the code it explains. */
function failedSignIn(request: FastifyRequest, reply: FastifyReply, e: unknown): FastifyReply {
  const code = isRrcuError(e) ? e.code : 'OIDC_CALLBACK_FAILED';
  // An expected refusal is logged by its code and message (which quote the IdP's answer); only the unexpected get a stack.
  if (isRrcuError(e) && e.code !== 'OIDC_STATE_MISSING' && e.code !== 'OIDC_STATE_MISMATCH') request.log.warn({ code: e.code, reason: e.message }, 'OpenID Connect sign-in failed');
  else if (!isRrcuError(e)) request.log.error({ err: e }, 'OpenID Connect sign-in failed');
  return reply.redirect(`/sign-in?error=${encodeURIComponent(code)}`, 302);
}
