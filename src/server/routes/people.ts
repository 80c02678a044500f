import { z } from 'zod';
import type { App } from '../../app.ts';
import type { ServerApp } from '../server-app.ts';
import { personViewSchema as personSchema } from '../../access/index.ts';
import { READERS } from '../auth/access.ts';

export function peopleRoutes(server: ServerApp, app: App): void {
  server.get('/api/people', {
    config: { access: READERS },
    schema: {
      operationId: 'listPeople',
      tags: ['people'],
      summary: 'People (matched across IAM and Identity Center by email or user name) with their current principals',
      querystring: z.object({
        q: z.string().trim().min(1).max(200).optional().describe('Part of a display name, email or user name'),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
      response: { 200: z.object({ items: z.array(personSchema) }) },
    },
  }, async (request) => ({ items: await app.access.listPeople({ ...(request.query.q ? { q: request.query.q } : {}), limit: request.query.limit }) }));

  server.get('/api/people/:id', {
    config: { access: READERS },
    schema: {
      operationId: 'getPerson',
      tags: ['people'],
      summary: 'One person with their current principals',
      params: z.object({ id: z.string().trim().min(1).max(100) }),
      response: { 200: personSchema },
    },
  }, async (request) => app.access.getPerson(request.params.id));
}
