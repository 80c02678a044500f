import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { z } from 'zod';
import { listAuditEvents } from '../../src/audit/index.ts';
import { createEvidenceReads, verifyPack, type MakeDeps, type Producer } from '../../src/evidence/index.ts';
import { queryRows } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { rejects } from '../harness/rejects.ts';
import { SECRET_KEY } from '../../harness/server.ts';
import { smallReport, standInWriters } from './pack/pack-fixtures.ts';

/** A report kind for this test alone: its rows say what it was asked, or it fails as asked. */
const testProducer: Producer = {
  parameters: z.object({ rows: z.number().int().min(0).max(1000), fail: z.boolean().optional() }),
  async produce(_db, parameters: { rows: number; fail?: boolean }) {
    if (parameters.fail) throw new Error('the store said no');
    return smallReport(parameters.rows);
  },
};

describeStore('evidence packs: made, stored, signed, audited', (store) => {
  const deps = (over: Partial<MakeDeps> = {}): MakeDeps => ({
    db: store().db,
    secretKey: SECRET_KEY,
    producers: { access_at: testProducer },
    writers: standInWriters,
    actorNames: async (actors) => new Map(actors.map((a) => [a, `Name of ${a}`])),
    ...over,
  });

  test('a pack made now is stored done, verifies with the public key RRCU serves, and its making is audited', async () => {
    const evidence = createEvidenceReads(deps());
    const made = await evidence.makeNow({ kind: 'access_at', parameters: { rows: 3 } }, 'cli:auditor');
    expect(made).toMatchObject({ kind: 'access_at', status: 'done', progress: 100, madeBy: 'cli:auditor', madeByName: 'Name of cli:auditor', error: null });
    const key = await evidence.publicKey();
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const verdict = await verifyPack(made.zip!, { publicKeyPem: key.publicKeyPem });
    expect(verdict).toMatchObject({ ok: true, fingerprint: key.fingerprint, manifest: { packId: made.id, madeBy: { actor: 'cli:auditor', name: 'Name of cli:auditor' }, rrcuVersion: expect.any(String) } });

    const download = await evidence.download(made.id, 'user:reader');
    expect(download.zip.equals(made.zip!)).toBe(true);
    expect(download.sha256).toBe(made.sha256);
    const events = (await listAuditEvents(store().db, { subject: `evidence_pack:${made.id}` })).items.map((e) => [e.type, e.actor]);
    expect(events).toEqual([['evidence.pack_downloaded', 'user:reader'], ['evidence.pack_made', 'cli:auditor']]);
    // The manifest's chain head is the log as it was before the pack's own event.
    const made_ = (await listAuditEvents(store().db, { subject: `evidence_pack:${made.id}`, type: 'evidence.pack_made' })).items[0]!;
    expect(verdict.ok && verdict.manifest.auditChainHead.seq).toBe(made_.seq - 1);
  });

  test('the signing key is made once, its private half stored sealed, never in the clear', async () => {
    const a = await createEvidenceReads(deps()).publicKey();
    const b = await createEvidenceReads(deps()).publicKey();
    expect(b).toEqual(a);
    const rows = await queryRows<{ sealed: string }>(store().db, sql`select private_key_sealed as sealed from evidence_signing_keys where name = 'evidence'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sealed).toMatch(/^v1\./);
    expect(rows[0]!.sealed).not.toContain('PRIVATE KEY');
    await rejects(createEvidenceReads(deps({ secretKey: undefined })).publicKey(), 'SIGNING_KEY_UNAVAILABLE');
    // Without the key nothing could sign the pack: refused when asked, not made and then failed.
    const before = (await createEvidenceReads(deps()).list({ limit: 200 })).length;
    await rejects(createEvidenceReads(deps({ secretKey: undefined })).makeNow({ kind: 'access_at', parameters: { rows: 1 } }, 'cli:auditor'), 'SIGNING_KEY_UNAVAILABLE');
    expect((await createEvidenceReads(deps()).list({ limit: 200 })).length).toBe(before);
  });

  test('a failing report ends its pack failed with the message, audited; it has nothing to download', async () => {
    const evidence = createEvidenceReads(deps());
    const made = await evidence.makeNow({ kind: 'access_at', parameters: { rows: 1, fail: true } }, 'cli:auditor');
    expect(made).toMatchObject({ status: 'failed', error: 'The pack could not be made: the store said no', zip: null });
    await rejects(evidence.download(made.id, 'cli:auditor'), 'PACK_NOT_READY');
    const types = (await listAuditEvents(store().db, { subject: `evidence_pack:${made.id}` })).items.map((e) => e.type);
    expect(types).toEqual(['evidence.pack_failed']);
  });

  test('a kind without a producer, parameters its producer refuses, an unknown pack: refused before anything is stored', async () => {
    const evidence = createEvidenceReads(deps());
    const before = (await evidence.list({ limit: 200 })).length;
    await rejects(evidence.makeNow({ kind: 'campaign', parameters: {} }, 'cli:auditor'), 'REPORT_KIND_UNAVAILABLE');
    await rejects(evidence.makeNow({ kind: 'access_at', parameters: { rows: -1 } }, 'cli:auditor'), 'INVALID_INPUT');
    expect((await evidence.list({ limit: 200 })).length).toBe(before);
    await rejects(evidence.get('00000000-0000-4000-8000-000000000000'), 'PACK_NOT_FOUND');
    await rejects(evidence.get('not-a-uuid'), 'PACK_NOT_FOUND');
  });
});
