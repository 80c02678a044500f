/**
 * A small report, writers that stand in for src/evidence/writers where a test is about the pack and not
 * the documents, and a pack made from them in a temporary folder.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePack, type PackWriters, type WrittenPack } from '../../../src/evidence/pack/index.ts';
import type { Report } from '../../../src/evidence/report-model.ts';
import { signerOf, type EvidenceSigner } from '../../../src/evidence/signing/index.ts';
import { writeCsv } from '../../../src/evidence/writers/index.ts';

export function smallReport(rows = 5): Report {
  return {
    kind: 'access_at',
    title: 'Access at a point in time',
    organisation: 'Example Org',
    period: '2026-03-31 (UTC)',
    parameters: { at: '2026-03-31T00:00:00.000Z' },
    generatedBy: 'Ελένη',
    generatedAt: new Date('2026-04-01T08:00:00.000Z'),
    syncRunIds: [7],
    summary: [{ label: 'Grants', value: rows }],
    tables: [
      {
        name: 'grants',
        title: 'Grants',
        columns: [{ key: 'principal', label: 'Principal' }, { key: 'account', label: 'Account' }],
        async *rows() {
          for (let i = 0; i < rows; i++) yield { principal: `user-${i}`, account: `11112222333${i % 10}` };
        },
      },
    ],
  };
}

/** The pack's files without the real PDF: the JSON and a stand-in PDF whose text names the data's digest. */
export const standInWriters: PackWriters = {
  csv: writeCsv,
  async json(report, out) {
    const tables: Record<string, unknown[]> = {};
    for (const t of report.tables) {
      tables[t.name] = [];
      for await (const row of t.rows()) tables[t.name]!.push(row);
    }
    out.end(JSON.stringify({ kind: report.kind, summary: report.summary, tables }));
  },
  async pdf(report, out, { dataDigest }) {
    out.end(`%PDF-1.4\n% ${report.title} ${dataDigest}\n%%EOF\n`);
  },
};

export function newSigner(): EvidenceSigner {
  return signerOf(generateKeyPairSync('ed25519').privateKey);
}

/** Makes a pack of `report` and gives its bytes and where it was written (removed by `cleanup`). */
export async function makePack(report: Report, signer: EvidenceSigner, writers: PackWriters = standInWriters): Promise<{ bytes: Buffer; path: string; written: WrittenPack; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'rrcu-pack-test-'));
  const path = join(dir, 'pack.zip');
  const written = await writePack(report, path, {
    packId: null,
    madeBy: { actor: 'cli:test', name: null },
    madeAt: new Date('2026-04-01T08:00:00.000Z'),
    chainHead: { seq: 3, hash: 'a'.repeat(64) },
    rrcuVersion: '0.1.0',
    signer,
    writers,
  });
  return { bytes: await readFile(path), path, written, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
