import { z } from 'zod';
import { accessRecordSchema, accessTotalsSchema, toAccessRecord } from '../../access/index.ts';
import type { App } from '../../app.ts';
import { instantSchema } from '../../core/instant.ts';
import type { ServerApp } from '../server-app.ts';
import { APP_ROLES, ROLE_LABELS } from '../../identity/index.ts';
import type { Caller } from '../caller.ts';

export const meSchema = z.object({
  user: z.object({ id: z.string().nullable(), displayName: z.string(), email: z.string().nullable(), role: z.enum(APP_ROLES), roleLabel: z.string() }),
  via: z.enum(['session', 'token']),
  csrfToken: z.string().nullable(),
  simulation: z.object({ endpoint: z.string(), connectorId: z.string() }).nullable(),
});

export type Me = z.infer<typeof meSchema>;

/** Who the caller is, as the UI needs it after sign-in and on every load. */
export async function toMe(app: App, caller: Caller): Promise<Me> {
  const simulation = await app.activeSimulation();
  return {
    user: { id: caller.userId, displayName: caller.displayName, email: caller.email, role: caller.role, roleLabel: ROLE_LABELS[caller.role] },
    via: caller.via,
    csrfToken: caller.csrfToken,
    simulation: simulation ? { endpoint: simulation.endpoint, connectorId: simulation.connectorId } : null,
  };
}

export function meRoutes(server: ServerApp, app: App): void {
  server.get('/api/me', {
    config: { access: 'signed-in' },
    schema: { operationId: 'getMe', tags: ['auth'], summary: 'Who is signed in, their role, and the CSRF token to send on changes', response: { 200: meSchema } },
  }, async (request) => toMe(app, request.caller!));

  server.get('/api/me/access', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'getMyAccess',
      tags: ['auth'],
      summary: "The caller's own access: the person of the inventory with the caller's email, and what they hold",
      querystring: z.object({ at: instantSchema.optional().describe('Answer as of this instant (default: now)') }),
      response: {
        200: z.object({
          at: z.string(),
          person: z.object({ id: z.string(), displayName: z.string(), email: z.string().nullable() }).nullable(),
          totals: accessTotalsSchema,
          firstSyncAt: z.string().nullable().describe('When the first successful sync started: history starts there, nothing is known before it. Null before any sync'),
          items: z.array(accessRecordSchema),
        }),
      },
    },
  }, async (request) => {
    const at = request.query.at ? new Date(request.query.at) : new Date();
    const email = request.caller!.email;
    const [person, firstSyncAt] = await Promise.all([email ? app.access.personWithEmail(email) : undefined, app.access.firstSyncAt()]);
    const history = { firstSyncAt: firstSyncAt?.toISOString() ?? null };
    if (!person) return { at: at.toISOString(), person: null, totals: { grants: 0, principals: 0, resources: 0, entitlements: 0, direct: 0, viaGroup: 0 }, ...history, items: [] };
    const [rows, totals] = await Promise.all([app.access.grantsAt({ at, personId: person.id }), app.access.grantTotals({ at, personId: person.id })]);
    return { at: at.toISOString(), person, totals, ...history, items: rows.map(toAccessRecord) };
  });
}
