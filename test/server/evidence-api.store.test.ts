import { afterAll, beforeAll, expect, test } from 'vitest';
import { verifyPack, type PackView } from '../../src/evidence/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

/** The evidence doors over HTTP, with the workers running: a pack asked for is made by its job, downloaded and verified. */
describeStore('evidence packs over the API', (store) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(store(), { sim: { seed: 11, accounts: 2, users: 4, groups: 2, permissionSets: 2, iamUsersPerAccount: 1 }, workers: true });
    expect((await t.app.syncs.runNow(t.connector!.id, 'system')).run.status).toBe('succeeded');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The pack's view once its job has finished it (the job runs in this process). */
  async function finished(id: string, headers: Record<string, string>): Promise<PackView> {
    for (;;) {
      const pack = (await t.server.inject({ method: 'GET', url: `/api/evidence/packs/${id}`, headers })).json<PackView>();
      if (pack.status === 'done' || pack.status === 'failed') return pack;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  test('an auditor asks for a pack, its job makes it, the zip downloads and verifies with the public key served', async () => {
    const auditor = await t.as('auditor');
    const asked = await t.server.inject({
      method: 'POST',
      url: '/api/evidence/packs',
      headers: auditor,
      payload: { kind: 'access_at', parameters: { connectorId: t.connector!.id, at: new Date().toISOString() } },
    });
    expect(asked.statusCode, asked.body).toBe(202);
    const queued = asked.json<PackView>();
    expect(queued).toMatchObject({ kind: 'access_at', status: 'queued', progress: 0, madeByName: expect.stringContaining('test auditor') });

    const pack = await finished(queued.id, auditor);
    expect(pack).toMatchObject({ status: 'done', progress: 100, error: null, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const list = (await t.server.inject({ method: 'GET', url: '/api/evidence/packs', headers: auditor })).json<{ items: PackView[] }>();
    expect(list.items[0]).toMatchObject({ id: pack.id, status: 'done' });

    const download = await t.server.inject({ method: 'GET', url: `/api/evidence/packs/${pack.id}/download`, headers: auditor });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="rrcu-evidence-access_at-\d{4}-\d\d-\d\d-[0-9a-f]{8}\.zip"$/);
    expect(download.headers['x-content-sha256']).toBe(pack.sha256);
    const key = (await t.server.inject({ method: 'GET', url: '/api/evidence/public-key', headers: auditor })).json<{ publicKeyPem: string; fingerprint: string }>();
    const verdict = await verifyPack(download.rawPayload, { publicKeyPem: key.publicKeyPem });
    expect(verdict).toMatchObject({ ok: true, fingerprint: key.fingerprint, manifest: { packId: pack.id, report: { kind: 'access_at' } } });
    expect(verdict.ok && verdict.manifest.files.map((f) => f.name)).toEqual(expect.arrayContaining(['report.pdf', 'report.json', 'public-key.pem']));
    expect(verdict.ok && verdict.manifest.syncRunIds.length).toBeGreaterThan(0);
  });

  test('refused at the door: an unknown kind, parameters the kind refuses, a pack not done', async () => {
    const admin = await t.as('connector_admin');
    const kind = await t.server.inject({ method: 'POST', url: '/api/evidence/packs', headers: admin, payload: { kind: 'nonsense', parameters: {} } });
    expect(kind.statusCode).toBe(400);
    const params = await t.server.inject({ method: 'POST', url: '/api/evidence/packs', headers: admin, payload: { kind: 'access_at', parameters: { connectorId: 'x' } } });
    expect(params.statusCode).toBe(400);
    expect(params.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/connectorId/) });
    // Named by its whole path in the body, so the form's Parameters box shows it.
    expect(params.json<{ error: { fields?: { field: string }[] } }>().error.fields).toEqual([expect.objectContaining({ field: 'parameters.connectorId' })]);
    const missing = await t.server.inject({ method: 'GET', url: '/api/evidence/packs/00000000-0000-4000-8000-000000000000/download', headers: admin });
    expect(missing.statusCode).toBe(404);
  });
});
