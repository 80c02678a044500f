import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditChainHead, recordAuditEvent } from '../../audit/index.ts';
import { isRrcuError } from '../../core/errors.ts';
import { parseInput } from '../../core/parse-input.ts';
import type { Db } from '../../store/index.ts';
import { writePack, type PackWriters } from '../pack/index.ts';
import type { Producers } from '../producers.ts';
import type { ReportKind } from '../report-model.ts';
import { evidenceSigner } from '../signing/index.ts';
import { claimPack, failPack, setProgress, storeFinishedPack, type PackRow } from './rows.ts';

/** RRCU's version, as the manifest records it: the package's, read once. */
export const RRCU_VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export type MakeDeps = {
  db: Db;
  secretKey: string | undefined;
  producers: Producers;
  writers: PackWriters;
  /** How people read an actor (`user:<id>` → "Ada Lovelace <ada@…>"): identity's `actorNames`. */
  actorNames(actors: string[]): Promise<Map<string, string>>;
  now?: () => Date;
};

export type MadePack = { status: 'done'; sha256: string; size: number; zip: Buffer } | { status: 'failed'; error: string } | { status: 'not_claimed' };

/**
 * Makes one pack asked for earlier: claims its row, has the kind's producer build the report, writes and
 * signs the pack in a temporary folder, and stores the zip with `evidence.pack_made` in one transaction.
 * A failure ends the pack `failed` with its message (and `evidence.pack_failed`); it is not retried, since
 * the same parameters over the same store would fail again. The job and `rrcu evidence make` both call it.
 */
export async function makePack(deps: MakeDeps, packId: string): Promise<MadePack> {
  const now = deps.now ?? (() => new Date());
  const pack = await claimPack(deps.db, packId);
  if (!pack) return { status: 'not_claimed' };
  const dir = await mkdtemp(join(tmpdir(), 'rrcu-evidence-'));
  try {
    const made = await build(deps, pack, join(dir, 'pack.zip'), now);
    await deps.db.transaction(async (tx) => {
      await storeFinishedPack(tx, pack.id, made.zip, made.sha256, now());
      await recordAuditEvent(tx, {
        type: 'evidence.pack_made',
        actor: pack.madeBy,
        subject: `evidence_pack:${pack.id}`,
        data: { packId: pack.id, kind: pack.kind, parameters: pack.parameters, sha256: made.sha256, size: made.zip.length, syncRunIds: made.syncRunIds, auditChainHead: made.chainHead },
      });
    });
    return { status: 'done', sha256: made.sha256, size: made.zip.length, zip: made.zip };
  } catch (e) {
    const error = isRrcuError(e) ? e.message : `The pack could not be made: ${(e as Error).message}`;
    const ended = await deps.db.transaction(async (tx) => {
      // A second attempt at one pack (a job retried while the first still ran) fails on the stored zip: the pack stays done, nothing to record.
      if (!(await failPack(tx, pack.id, error, now()))) return false;
      await recordAuditEvent(tx, { type: 'evidence.pack_failed', actor: pack.madeBy, subject: `evidence_pack:${pack.id}`, data: { packId: pack.id, kind: pack.kind, error } });
      return true;
    });
    return ended ? { status: 'failed', error } : { status: 'not_claimed' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function build(deps: MakeDeps, pack: PackRow, zipPath: string, now: () => Date) {
  const producer = deps.producers[pack.kind as ReportKind];
  if (!producer) throw new Error(`no report of kind ${pack.kind} can be made by this version of RRCU`);
  const name = (await deps.actorNames([pack.madeBy])).get(pack.madeBy) ?? null;
  const madeAt = now();
  // Read before the report, so every event the report could show is at or before the head the manifest names.
  const chainHead = await auditChainHead(deps.db);
  const report = await producer.produce(deps.db, parseInput(producer.parameters, pack.parameters) as never, { actor: pack.madeBy, name: name ?? pack.madeBy }, madeAt);
  await setProgress(deps.db, pack.id, 10);
  const signer = await evidenceSigner(deps.db, deps.secretKey);
  const written = await writePack(report, zipPath, {
    packId: pack.id,
    madeBy: { actor: pack.madeBy, name },
    madeAt,
    chainHead,
    rrcuVersion: RRCU_VERSION,
    signer,
    writers: deps.writers,
    // The files are most of the work: 10–95 %.
    onProgress: (percent) => setProgress(deps.db, pack.id, 10 + percent * 0.85),
  });
  return { zip: await readFile(zipPath), sha256: written.sha256, syncRunIds: written.manifest.syncRunIds, chainHead };
}
