import { z } from 'zod';
import type { App } from '../../app.ts';
import { makePackInputSchema, packViewSchema, REPORT_KINDS } from '../../evidence/index.ts';
import type { ServerApp } from '../server-app.ts';
import { READERS } from '../auth/access.ts';

const idParams = z.object({ id: z.string().trim().min(1).max(100) });

/**
 * Evidence packs: Super and Connector Administrators and Auditors make them, list them, download them.
 * Making one answers at once with the queued pack; a job makes it, its progress on its row.
 */
export function evidenceRoutes(server: ServerApp, app: App): void {
  server.get('/api/evidence/public-key', {
    config: { access: READERS },
    schema: {
      operationId: 'getEvidencePublicKey',
      tags: ['evidence'],
      summary: 'The Ed25519 public key evidence packs are signed with (PEM) and its fingerprint (SHA-256 of its DER, hex): verify a pack with it, not with the key the pack carries',
      response: { 200: z.object({ algorithm: z.literal('ed25519'), publicKeyPem: z.string(), fingerprint: z.string() }) },
    },
  }, async () => app.evidence.publicKey());

  server.get('/api/evidence/kinds', {
    config: { access: READERS },
    schema: {
      operationId: 'listEvidenceKinds',
      tags: ['evidence'],
      summary: 'The report kinds packs can be made of, each with its parameters as a JSON Schema',
      response: { 200: z.object({ items: z.array(z.object({ kind: z.enum(REPORT_KINDS), parameters: z.unknown() })) }) },
    },
  }, async () => ({ items: app.evidence.kinds() }));

  server.post('/api/evidence/packs', {
    config: { access: READERS },
    schema: {
      operationId: 'makeEvidencePack',
      tags: ['evidence'],
      summary: 'Ask for an evidence pack of a report: a job makes it (status queued → running → done or failed, with progress); the parameters are the report kind\'s',
      body: makePackInputSchema.extend({ parameters: z.record(z.string().max(100), z.unknown()).default({}) }),
      response: { 202: packViewSchema },
    },
  }, async (request, reply) => reply.status(202).send(await app.evidence.request(request.body, request.caller!.actor)));

  server.get('/api/evidence/packs', {
    config: { access: READERS },
    schema: {
      operationId: 'listEvidencePacks',
      tags: ['evidence'],
      summary: 'Evidence packs, newest first: who made each and when, its status and progress',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: z.object({ items: z.array(packViewSchema) }) },
    },
  }, async (request) => ({ items: await app.evidence.list({ limit: request.query.limit }) }));

  server.get('/api/evidence/packs/:id', {
    config: { access: READERS },
    schema: {
      operationId: 'getEvidencePack',
      tags: ['evidence'],
      summary: 'One evidence pack: what was asked, by whom, its status and progress, and once done its SHA-256 and size',
      params: idParams,
      response: { 200: packViewSchema },
    },
  }, async (request) => app.evidence.get(request.params.id));

  server.get('/api/evidence/packs/:id/download', {
    config: { access: READERS },
    schema: {
      operationId: 'downloadEvidencePack',
      tags: ['evidence'],
      summary: 'The pack\'s zip (recorded in the audit log as evidence.pack_downloaded); 409 while it is not done',
      params: idParams,
      produces: ['application/zip'],
    },
  }, async (request, reply) => {
    const pack = await app.evidence.download(request.params.id, request.caller!.actor);
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="${pack.fileName}"`)
      .header('x-content-sha256', pack.sha256)
      .send(pack.zip);
  });
}
