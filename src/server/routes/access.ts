import { z } from 'zod';
import { accessCsv, accessRecordSchema, accessTotalsSchema, SEARCH_KINDS, toAccessRecord, type AccessQuestion } from '../../access/index.ts';
import type { App } from '../../app.ts';
import { instantSchema } from '../../core/instant.ts';
import type { ServerApp } from '../server-app.ts';
import { READERS } from '../auth/access.ts';

const name = z.string().trim().min(1).max(500);

const questionSchema = z.object({
  person: name.optional().describe('Email, display name or user name of a person: everything they can reach'),
  principal: name.optional().describe('Id (ARN, Identity Center id) or name of a user, group or role: what it holds'),
  account: name.optional().describe('Account id or name: who holds what on it'),
  group: name.optional().describe('Group id or name: its members'),
  permissionSet: name.optional().describe('Permission set name or ARN: who holds it, on which accounts'),
  privileged: z.enum(['true']).optional().describe('`true`: only grants whose entitlement is privileged (docs/privileged-access.md)'),
  external: z.enum(['true']).optional().describe('`true`: only grants to principals outside the organisation (roles other accounts, or anyone, may assume)'),
  connectorId: z.uuid().optional(),
  at: instantSchema.optional().describe('Answer as of this instant (default: now)'),
});

type Question = z.infer<typeof questionSchema>;

/** One page of an access answer, as the explorer and a review item's holder access give it. */
export const accessPageSchema = z.object({
  at: z.string(),
  total: z.number().describe('Rows in the whole answer, for paging: totals.grants, plus the rows shown revoked by a task no sync has seen yet'),
  totals: accessTotalsSchema,
  firstSyncAt: z.string().nullable().describe('When the first successful sync of the connector(s) asked about started: history starts there, nothing is known before it. Null before any sync'),
  items: z.array(accessRecordSchema),
});

export const accessPagingSchema = z.object({
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

/** The query string as an access question, the connector checked to exist so a typo is a 404, not an empty answer. */
async function toQuestion(app: App, q: Question): Promise<AccessQuestion & { at: Date }> {
  if (q.connectorId) await app.connectors.find(q.connectorId);
  return {
    at: q.at ? new Date(q.at) : new Date(),
    ...(q.connectorId ? { connectorId: q.connectorId } : {}),
    ...(q.person ? { person: q.person } : {}),
    ...(q.principal ? { principal: q.principal } : {}),
    ...(q.account ? { account: q.account } : {}),
    ...(q.group ? { group: q.group } : {}),
    ...(q.permissionSet ? { permissionSet: q.permissionSet } : {}),
    ...(q.privileged ? { privileged: true } : {}),
    ...(q.external ? { external: true } : {}),
  };
}

export function accessRoutes(server: ServerApp, app: App): void {
  server.get('/api/access', {
    config: { access: READERS },
    schema: {
      operationId: 'listAccess',
      tags: ['access'],
      summary: 'Who has access to what, now or at an instant, directly or via which group',
      querystring: questionSchema.extend(accessPagingSchema.shape),
      response: { 200: accessPageSchema },
    },
  }, async (request) => {
    const { limit, offset, ...rest } = request.query;
    const question = await toQuestion(app, rest);
    const { totals, rows, rowCount, firstSyncAt } = await app.access.answerAccessPage(question, { limit, offset });
    return { at: question.at.toISOString(), total: rowCount, totals, firstSyncAt: firstSyncAt?.toISOString() ?? null, items: rows.map(toAccessRecord) };
  });

  server.get('/api/access.csv', {
    config: { access: READERS },
    schema: {
      operationId: 'exportAccessCsv',
      tags: ['access'],
      summary: 'The same answer as GET /api/access, every row, as a CSV download (cells a spreadsheet would run as formulas are defused)',
      querystring: questionSchema,
      produces: ['text/csv'],
    },
  }, async (request, reply) => {
    const question = await toQuestion(app, request.query);
    const rows = await app.access.answerAccess(question);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="rrcu-access-${question.at.toISOString().slice(0, 10)}.csv"`)
      .send(accessCsv(rows.map(toAccessRecord)));
  });

  server.get('/api/search', {
    config: { access: READERS },
    schema: {
      operationId: 'search',
      tags: ['access'],
      summary: 'Suggestions for an access question: people, principals, accounts, groups and permission sets whose name, id or email contains q; those equal to q (case aside) first, then those starting with it',
      querystring: z.object({
        q: z.string().trim().min(1).max(200),
        limit: z.coerce.number().int().min(1).max(50).default(10).describe('At most this many of each kind'),
      }),
      response: {
        200: z.object({
          items: z.array(z.object({
            kind: z.enum(SEARCH_KINDS).describe('The GET /api/access parameter `value` goes in'),
            value: z.string(),
            label: z.string(),
            detail: z.string(),
          })),
        }),
      },
    },
  }, async (request) => ({ items: await app.access.searchInventory(request.query.q, request.query.limit) }));
}
