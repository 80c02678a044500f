import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { RrcuError } from '../../core/errors.ts';
import type { ChainHead } from '../../audit/index.ts';
import { EVIDENCE_ERRORS } from '../errors.ts';
import type { Report, ReportTable } from '../report-model.ts';
import type { EvidenceSigner } from '../signing/index.ts';
import { MANIFEST_FORMAT, manifestBytes, PACK_FILES, type Manifest, type ManifestFile } from './manifest.ts';

/** What turns a report into its files (src/evidence/writers): each streams into `out` and ends it. */
export type PackWriters = {
  pdf(report: Report, out: Writable, options: { dataDigest: string }): Promise<unknown>;
  csv(table: ReportTable, out: Writable): Promise<void>;
  json(report: Report, out: Writable): Promise<void>;
};

export type PackContext = {
  packId: string | null;
  madeBy: { actor: string; name: string | null };
  madeAt: Date;
  chainHead: ChainHead;
  rrcuVersion: string;
  signer: EvidenceSigner;
  writers: PackWriters;
  /** Told as each file is done (0–100 of the files' share of the work). */
  onProgress?: (percent: number) => Promise<void> | void;
};

export type WrittenPack = { sha256: string; size: number; manifest: Manifest };

// A table's name becomes a file name in the zip: nothing that could leave the pack's folder or clash with its fixed files.
const TABLE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

/**
 * Writes one report's pack to `zipPath`: each file is streamed by its writer to a temporary folder (the
 * rows are read once per file, never held whole), hashed from the disk, listed in the manifest, which is
 * signed; then the files are streamed into the zip. The folder is removed whatever happens.
 */
export async function writePack(report: Report, zipPath: string, ctx: PackContext): Promise<WrittenPack> {
  const csvNames = report.tables.map((t) => `${t.name}.csv`);
  const bad = report.tables.find((t) => !TABLE_NAME.test(t.name) || t.name === 'manifest');
  if (bad || new Set(csvNames).size !== csvNames.length) {
    throw new RrcuError(EVIDENCE_ERRORS.REPORT_MALFORMED, `The ${report.kind} report has a table named "${bad?.name ?? 'twice'}", which cannot be a file of its pack.`, {
      fix: 'Name each table with letters, digits, - and _ only, each name once (report-model.ts).',
    });
  }
  const dir = await mkdtemp(join(tmpdir(), 'rrcu-pack-'));
  try {
    const files: ManifestFile[] = [];
    const steps = 2 + report.tables.length;
    const done = async (file: ManifestFile) => {
      files.push(file);
      await ctx.onProgress?.(Math.round((files.length / steps) * 100));
    };
    // The JSON first: its digest is the data's, which the PDF's cover prints.
    const json = await writeOne(dir, PACK_FILES.json, (out) => ctx.writers.json(report, out));
    await done(json);
    for (const table of report.tables) await done(await writeOne(dir, `${table.name}.csv`, (out) => ctx.writers.csv(table, out)));
    await done(await writeOne(dir, PACK_FILES.pdf, (out) => ctx.writers.pdf(report, out, { dataDigest: json.sha256 })));
    await writeFile(join(dir, PACK_FILES.publicKey), ctx.signer.publicKeyPem);
    files.push(await describe(dir, PACK_FILES.publicKey));

    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      packId: ctx.packId,
      report: { kind: report.kind, title: report.title, organisation: report.organisation, period: report.period, parameters: report.parameters },
      rrcuVersion: ctx.rrcuVersion,
      madeAt: ctx.madeAt.toISOString(),
      madeBy: ctx.madeBy,
      syncRunIds: [...report.syncRunIds],
      auditChainHead: ctx.chainHead,
      dataDigest: json.sha256,
      publicKeyFingerprint: ctx.signer.fingerprint,
      files,
    };
    const bytes = manifestBytes(manifest);
    await writeFile(join(dir, PACK_FILES.manifest), bytes);
    await writeFile(join(dir, PACK_FILES.signature), ctx.signer.sign(bytes));
    const zip = await zipFiles(dir, [PACK_FILES.manifest, PACK_FILES.signature, ...files.map((f) => f.name)], zipPath, ctx.madeAt);
    return { ...zip, manifest };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One file written by `write`, which ends the stream (or leaves it to be ended here), then described from the disk. */
async function writeOne(dir: string, name: string, write: (out: Writable) => Promise<unknown>): Promise<ManifestFile> {
  const out = createWriteStream(join(dir, name));
  try {
    await write(out);
    if (!out.writableEnded) out.end();
    await finished(out);
  } finally {
    out.destroy();
  }
  return describe(dir, name);
}

async function describe(dir: string, name: string): Promise<ManifestFile> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(join(dir, name))) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { name, size, sha256: hash.digest('hex') };
}

/** The files into one zip, streamed from the disk, each dated `at` so the zip says when the pack was made. */
async function zipFiles(dir: string, names: readonly string[], zipPath: string, at: Date): Promise<{ sha256: string; size: number }> {
  const zip = new yazl.ZipFile();
  for (const name of names) zip.addFile(join(dir, name), name, { mtime: at, mode: 0o100644, compress: true });
  zip.end();
  const hash = createHash('sha256');
  let size = 0;
  const out = createWriteStream(zipPath);
  await pipeline(
    zip.outputStream,
    async function* (chunks: AsyncIterable<Buffer | string>) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        size += Buffer.byteLength(chunk);
        yield chunk;
      }
    },
    out,
  );
  return { sha256: hash.digest('hex'), size };
}
