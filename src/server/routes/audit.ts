import { z } from 'zod';
import type { App } from '../../app.ts';
import type { ServerApp } from '../server-app.ts';
import { chainVerdictSchema } from '../../audit/index.ts';
import { READERS } from '../auth/access.ts';

const auditEventSchema = z.object({
  seq: z.number(),
  occurredAt: z.string(),
  actor: z.string(),
  /** Who the actor is, in words (a user's name and email, a token's name); null for `system` and the CLI. */
  actorName: z.string().nullable(),
  type: z.string(),
  subject: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  hash: z.string(),
});

export function auditRoutes(server: ServerApp, app: App): void {
  server.get('/api/audit', {
    config: { access: READERS },
    schema: {
      operationId: 'listAuditEvents',
      tags: ['audit'],
      summary: 'The audit log, newest first; page backwards with `before` = the previous page\'s `nextBefore`',
      querystring: z.object({
        type: z.string().trim().min(1).max(200).optional().describe('An event type (`provisioning.requested`) or a family (`provisioning`)'),
        actor: z.string().trim().min(1).max(300).optional().describe('`user:<id>`, `token:<id>`, `system`, `cli:<os user>`'),
        subject: z.string().trim().min(1).max(300).optional().describe('e.g. `connector:<id>`, `provisioning_task:<id>`'),
        before: z.coerce.number().int().min(1).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { 200: z.object({ items: z.array(auditEventSchema), nextBefore: z.number().nullable() }) },
    },
  }, async (request) => {
    const { type, actor, subject, before, limit } = request.query;
    const page = await app.audit.listEvents({
      ...(type ? { type } : {}),
      ...(actor ? { actor } : {}),
      ...(subject ? { subject } : {}),
      ...(before !== undefined ? { before } : {}),
      limit,
    });
    const names = await app.identity.actorNames(page.items.map((e) => e.actor));
    return {
      items: page.items.map((e) => ({
        seq: e.seq,
        occurredAt: e.occurredAt.toISOString(),
        actor: e.actor,
        actorName: names.get(e.actor) ?? null,
        type: e.type,
        subject: e.subject,
        data: e.data,
        hash: e.hash,
      })),
      nextBefore: page.nextBefore,
    };
  });

  server.get('/api/audit/verify', {
    config: { access: READERS },
    schema: {
      operationId: 'verifyAuditChain',
      tags: ['audit'],
      summary: 'Walk the hash chain from the first event; names the first event that does not hold',
      response: { 200: chainVerdictSchema },
    },
  }, async () => app.audit.verifyChain());
}
