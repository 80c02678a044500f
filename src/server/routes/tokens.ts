import { z } from 'zod';
import type { App } from '../../app.ts';
import type { ServerApp } from '../server-app.ts';
import { APP_ROLES, tokenViewSchema as tokenSchema, type TokenOwnership } from '../../identity/index.ts';
import { allows, ADMINS } from '../auth/access.ts';
import type { Caller } from '../caller.ts';

/**
 * API tokens. Every signed-in person manages their own (a reviewer scripts `rrcu review decide` with one),
 * never above their own role; the Super Administrator sees and revokes everyone's. A token's caller is its
 * maker, so a token sees its maker's tokens.
 */
export function tokenRoutes(server: ServerApp, app: App): void {
  const ownership = (caller: Caller): TokenOwnership => (allows(ADMINS, caller.role) ? { all: true } : { createdBy: caller.userId });

  server.get('/api/tokens', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'listTokens',
      tags: ['tokens'],
      summary: "API tokens, newest first: the caller's own, or every token for the Super Administrator (the tokens themselves are never shown again)",
      response: { 200: z.object({ items: z.array(tokenSchema) }) },
    },
  }, async (request) => ({ items: await app.identity.listApiTokens(ownership(request.caller!)) }));

  server.post('/api/tokens', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'createToken',
      tags: ['tokens'],
      summary: "Create an API token for scripts, acting as the caller with one role at or below the caller's; the answer is the only time the token is shown",
      body: z.object({
        name: z.string().trim().min(1).max(100),
        role: z.enum(APP_ROLES),
        expiresInDays: z.number().int().min(1).max(3650).optional(),
      }),
      response: { 201: z.object({ token: z.string(), item: tokenSchema }) },
    },
  }, async (request, reply) => {
    const caller = request.caller!;
    const created = await app.identity.createApiToken(request.body, { actor: caller.actor, userId: caller.userId, role: caller.role });
    return reply.status(201).send(created);
  });

  server.delete('/api/tokens/:id', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'revokeToken',
      tags: ['tokens'],
      summary: "Revoke an API token (the caller's own; any for the Super Administrator): its next request is refused",
      params: z.object({ id: z.uuid() }),
      response: { 204: z.null() },
    },
  }, async (request, reply) => {
    await app.identity.revokeApiToken(request.params.id, { actor: request.caller!.actor, ownership: ownership(request.caller!) });
    return reply.status(204).send(null);
  });
}
