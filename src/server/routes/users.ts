import { z } from 'zod';
import type { App } from '../../app.ts';
import type { ServerApp } from '../server-app.ts';
import { APP_ROLES, newLocalUserSchema, toUserView, userViewSchema as userSchema } from '../../identity/index.ts';
import { ADMINS } from '../auth/access.ts';

// The one-time password is in this answer only: RRCU keeps its hash, and no later answer or audit event carries it.
const withOneTimePasswordSchema = z.object({
  user: userSchema,
  oneTimePassword: z.string().describe('Shown once: give it to the user, who must replace it at their first sign-in'),
});

export function userRoutes(server: ServerApp, app: App): void {
  server.get('/api/users', {
    config: { access: ADMINS },
    schema: { operationId: 'listUsers', tags: ['users'], summary: 'Everyone who has signed in to RRCU, with their role and live sessions', response: { 200: z.object({ items: z.array(userSchema) }) } },
  }, async () => ({ items: await app.identity.listUsers() }));

  server.patch('/api/users/:id', {
    config: { access: ADMINS },
    schema: {
      operationId: 'updateUser',
      tags: ['users'],
      summary: "Set a user's role or disable them (disabling ends their sessions); nobody changes their own",
      params: z.object({ id: z.uuid() }),
      body: z.object({ role: z.enum(APP_ROLES).optional(), disabled: z.boolean().optional() }),
      response: { 200: userSchema },
    },
  }, async (request) => {
    const caller = request.caller!;
    return app.identity.updateUser(request.params.id, request.body, { actor: caller.actor, userId: caller.userId });
  });

  server.post('/api/users', {
    config: { access: ADMINS },
    schema: {
      operationId: 'createLocalUser',
      tags: ['users'],
      summary: 'Create a local user (no identity provider configured) with a role and a one-time password, returned this once',
      body: newLocalUserSchema,
      response: { 201: withOneTimePasswordSchema },
    },
  }, async (request, reply) => {
    const { user, password } = await app.identity.createLocalUser(request.body, { actor: request.caller!.actor });
    return reply.status(201).send({ user: toUserView(user, 0), oneTimePassword: password });
  });

  server.post('/api/users/:id/reset-password', {
    config: { access: ADMINS },
    schema: {
      operationId: 'resetLocalUserPassword',
      tags: ['users'],
      summary: "Give a local user a new one-time password, returned this once; their sessions end and the old password stops working",
      params: z.object({ id: z.uuid() }),
      response: { 200: withOneTimePasswordSchema },
    },
  }, async (request) => {
    const caller = request.caller!;
    const { user, password } = await app.identity.resetLocalUserPassword(request.params.id, { actor: caller.actor, userId: caller.userId });
    return { user: toUserView(user, 0), oneTimePassword: password };
  });

  server.post('/api/users/:id/revoke-sessions', {
    config: { access: ADMINS },
    schema: {
      operationId: 'revokeUserSessions',
      tags: ['users'],
      summary: 'Sign a user out of every browser',
      params: z.object({ id: z.uuid() }),
      response: { 200: z.object({ revoked: z.number() }) },
    },
  }, async (request) => app.identity.revokeSessionsOfUser(request.params.id, { actor: request.caller!.actor }));
}
