import { z } from 'zod';
import type { App } from '../../app.ts';
import type { ServerApp } from '../server-app.ts';
import { APP_ROLES, tokenViewSchema as tokenSchema } from '../../identity/index.ts';
import { ADMINS } from '../auth/access.ts';

export function tokenRoutes(server: ServerApp, app: App): void {
  server.get('/api/tokens', {
    config: { access: ADMINS },
    schema: { operationId: 'listTokens', tags: ['tokens'], summary: 'API tokens, newest first (the tokens themselves are never shown again)', response: { 200: z.object({ items: z.array(tokenSchema) }) } },
  }, async () => ({ items: await app.identity.listApiTokens() }));

  server.post('/api/tokens', {
    config: { access: ADMINS },
    schema: {
      operationId: 'createToken',
      tags: ['tokens'],
      summary: 'Create an API token for scripts, limited to one role; the answer is the only time the token is shown',
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
    config: { access: ADMINS },
    schema: { operationId: 'revokeToken', tags: ['tokens'], summary: 'Revoke an API token: its next request is refused', params: z.object({ id: z.uuid() }), response: { 204: z.null() } },
  }, async (request, reply) => {
    await app.identity.revokeApiToken(request.params.id, { actor: request.caller!.actor });
    return reply.status(204).send(null);
  });
}
