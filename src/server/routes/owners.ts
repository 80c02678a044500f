import { z } from 'zod';
import type { App } from '../../app.ts';
import { ownableResourceTypeSchema, ownerViewSchema, resourceRefSchema, setOwnerInputSchema } from '../../ownership/index.ts';
import type { ServerApp } from '../server-app.ts';
import { OPERATORS, READERS } from '../auth/access.ts';

export function ownerRoutes(server: ServerApp, app: App): void {
  server.get('/api/owners', {
    config: { access: READERS },
    schema: {
      operationId: 'listOwners',
      tags: ['owners'],
      summary: "Owners of a connector's accounts, permission sets and groups: set in RRCU, and read from the connector's owner tag",
      querystring: z.object({
        connectorId: resourceRefSchema.shape.connectorId,
        resourceType: ownableResourceTypeSchema.optional(),
        resourceId: resourceRefSchema.shape.resourceId.optional(),
        history: z.enum(['true', 'false']).optional().describe('Include removed owners (default false)'),
      }),
      response: { 200: z.object({ items: z.array(ownerViewSchema) }) },
    },
  }, async (request) => {
    const { connectorId, resourceType, resourceId, history } = request.query;
    await app.connectors.find(connectorId);
    const items = await app.ownership.listOwners({
      connectorId,
      ...(resourceType ? { resourceType } : {}),
      ...(resourceId ? { resourceId } : {}),
      includeRemoved: history === 'true',
    });
    return { items };
  });

  server.post('/api/owners', {
    config: { access: OPERATORS },
    schema: {
      operationId: 'setOwner',
      tags: ['owners'],
      summary: 'Make a person an owner of an account, permission set or group (audited)',
      body: setOwnerInputSchema,
      response: { 201: ownerViewSchema },
    },
  }, async (request, reply) => reply.status(201).send(await app.ownership.setOwner(request.body, { actor: request.caller!.actor })));

  server.post('/api/owners/:id/remove', {
    config: { access: OPERATORS },
    schema: {
      operationId: 'removeOwner',
      tags: ['owners'],
      summary: 'End an owner record (kept, with who removed it and when; audited)',
      params: z.object({ id: z.uuid() }),
      response: { 200: ownerViewSchema },
    },
  }, async (request) => app.ownership.removeOwner(request.params.id, { actor: request.caller!.actor }));
}
