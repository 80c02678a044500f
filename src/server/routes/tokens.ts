import { z } from 'zod';
import type { App } from '../../app.ts';
import type { ServerApp } from '../server-app.ts';
import { APP_ROLES, tokenViewSchema as tokenSchema, type TokenOwnership } from '../../identity/index.ts';
import { allows, ADMINS } from '../auth/access.ts';
import type { Caller } from '../caller.ts';
import { RrcuError } from '../../core/errors.ts';
import { HTTP_ERRORS } from '../errors.ts';

/** The caller, when a signed-in session: a token is refused (see tokenRoutes). */
function sessionCaller(caller: Caller): Caller {
  if (caller.via !== 'session') {
    throw new RrcuError(HTTP_ERRORS.SESSION_REQUIRED, 'API tokens are managed from a signed-in session, not with an API token.', {
      fix: 'Sign in in the browser (Settings → API tokens), or run `rrcu admin create-token` on the RRCU server.',
    });
  }
  return caller;
}

/**
 * API tokens. Every signed-in person manages their own (a reviewer scripts `rrcu review decide` with one),
 * never above their own role; the Super Administrator sees and revokes everyone's. Only from a signed-in
 * session: a token acts as its maker, so a token managing tokens would mint a replacement without its own
 * expiry, or reach its maker's tokens above its own role. Scripts on the server use `rrcu admin create-token`.
 */
export function tokenRoutes(server: ServerApp, app: App): void {
  const ownership = (caller: Caller): TokenOwnership => (allows(ADMINS, caller.role) ? { all: true } : { createdBy: caller.userId });

  server.get('/api/tokens', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'listTokens',
      tags: ['tokens'],
      summary: "API tokens, newest first: the caller's own, or every token for the Super Administrator (the tokens themselves are never shown again). From a signed-in session only",
      response: { 200: z.object({ items: z.array(tokenSchema) }) },
    },
  }, async (request) => ({ items: await app.identity.listApiTokens(ownership(sessionCaller(request.caller!))) }));

  server.post('/api/tokens', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'createToken',
      tags: ['tokens'],
      summary: "Create an API token for scripts, acting as the caller with one role at or below the caller's; the answer is the only time the token is shown. From a signed-in session only",
      body: z.object({
        name: z.string().trim().min(1).max(100),
        role: z.enum(APP_ROLES),
        expiresInDays: z.number().int().min(1).max(3650).optional(),
      }),
      response: { 201: z.object({ token: z.string(), item: tokenSchema }) },
    },
  }, async (request, reply) => {
    const caller = sessionCaller(request.caller!);
    const created = await app.identity.createApiToken(request.body, { actor: caller.actor, userId: caller.userId, role: caller.role });
    return reply.status(201).send(created);
  });

  server.delete('/api/tokens/:id', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'revokeToken',
      tags: ['tokens'],
      summary: "Revoke an API token (the caller's own; any for the Super Administrator): its next request is refused. From a signed-in session only",
      params: z.object({ id: z.uuid() }),
      response: { 204: z.null() },
    },
  }, async (request, reply) => {
    const caller = sessionCaller(request.caller!);
    await app.identity.revokeApiToken(request.params.id, { actor: caller.actor, ownership: ownership(caller) });
    return reply.status(204).send(null);
  });
}
