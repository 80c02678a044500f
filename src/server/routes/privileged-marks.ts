import { z } from 'zod';
import type { App } from '../../app.ts';
import { markPrivilegedInputSchema, privilegedMarkViewSchema, toPrivilegedMarkView, unmarkPrivilegedInputSchema } from '../../access/index.ts';
import type { ServerApp } from '../server-app.ts';
import { OPERATORS, READERS } from '../auth/access.ts';

/** Administrators' marks: who reads the inventory reads them; who changes access (and the Super Administrator) marks. */
export function privilegedMarkRoutes(server: ServerApp, app: App): void {
  server.get('/api/privileged-marks', {
    config: { access: READERS },
    schema: {
      operationId: 'listPrivilegedMarks',
      tags: ['access'],
      summary: 'Entitlements administrators marked privileged, newest first; with history=true the unmarked ones too',
      querystring: z.object({
        connectorId: z.uuid().optional(),
        history: z.enum(['true', 'false']).optional().describe('Include unmarked marks (default false)'),
      }),
      response: { 200: z.object({ items: z.array(privilegedMarkViewSchema) }) },
    },
  }, async (request) => {
    const { connectorId, history } = request.query;
    if (connectorId) await app.connectors.find(connectorId);
    const marks = await app.access.listPrivilegedMarks({ ...(connectorId ? { connectorId } : {}), history: history === 'true' });
    return { items: marks.map(toPrivilegedMarkView) };
  });

  server.post('/api/privileged-marks', {
    config: { access: OPERATORS },
    schema: {
      operationId: 'markPrivileged',
      tags: ['access'],
      summary: "Mark an entitlement of a connector's current inventory privileged, with a reason; the access explorer counts it privileged from now",
      body: markPrivilegedInputSchema,
      response: { 201: privilegedMarkViewSchema },
    },
  }, async (request, reply) => {
    const mark = await app.access.markPrivileged(request.body, request.caller!.actor);
    return reply.status(201).send(toPrivilegedMarkView(mark));
  });

  server.post('/api/privileged-marks/:id/unmark', {
    config: { access: OPERATORS },
    schema: {
      operationId: 'unmarkPrivileged',
      tags: ['access'],
      summary: 'End a privileged mark, with a reason; the mark stays in the history',
      params: z.object({ id: z.uuid() }),
      body: unmarkPrivilegedInputSchema,
      response: { 200: privilegedMarkViewSchema },
    },
  }, async (request) => toPrivilegedMarkView(await app.access.unmarkPrivileged(request.params.id, request.body, request.caller!.actor)));
}
