import { z } from 'zod';
import { recordAuditEvent } from '../../audit/index.ts';
import { RrcuError } from '../../core/errors.ts';
import { parseInput } from '../../core/parse-input.ts';
import type { JobEngine } from '../../jobs/index.ts';
import { EVIDENCE_ERRORS } from '../errors.ts';
import { REPORT_KINDS, type ReportKind } from '../report-model.ts';
import { assertCanSign, evidencePublicKey, type PublicKeyView } from '../signing/index.ts';
import { makePack, type MakeDeps } from './make.ts';
import { findPack, insertPack, listPacks, readZip, type PackRow } from './rows.ts';

/** A pack as the doors show it: what was asked, by whom, and how its making stands. Never its bytes. */
export const packViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number(),
  error: z.string().nullable(),
  madeBy: z.string(),
  /** Who made it, in words, when RRCU knows them. */
  madeByName: z.string().nullable(),
  madeAt: z.string(),
  finishedAt: z.string().nullable(),
  /** SHA-256 of the zip, hex, once done. */
  sha256: z.string().nullable(),
  size: z.number().nullable(),
});
export type PackView = z.infer<typeof packViewSchema>;

export const makePackInputSchema = z.object({
  kind: z.enum(REPORT_KINDS),
  parameters: z.record(z.string(), z.unknown()).default({}),
});
export type MakePackInput = z.input<typeof makePackInputSchema>;

export type PackDownload = { zip: Buffer; fileName: string; sha256: string };

/** Evidence packs without the job engine: reading, downloading, the public key, and making one in this process. */
export type EvidenceReads = {
  /** Kinds this process can make packs of, with each one's parameters' JSON Schema. */
  kinds(): { kind: ReportKind; parameters: unknown }[];
  list(options?: { limit?: number }): Promise<PackView[]>;
  get(id: string): Promise<PackView>;
  /** The zip, and `evidence.pack_downloaded` recorded for `actor`. */
  download(id: string, actor: string): Promise<PackDownload>;
  publicKey(): Promise<PublicKeyView>;
  /** Asks for a pack and makes it now, in this process (`rrcu evidence make`): the same making as the job's. */
  makeNow(input: MakePackInput, actor: string): Promise<PackView & { zip: Buffer | null }>;
};

/** With the engine: a pack asked for is made by a job, its progress on its row. */
export type EvidenceService = EvidenceReads & {
  request(input: MakePackInput, actor: string): Promise<PackView>;
};

export const EVIDENCE_QUEUE = 'evidence-pack';
export const evidenceJobSchema = z.object({ packId: z.uuid() });

export function createEvidenceReads(deps: MakeDeps): EvidenceReads {
  const { db } = deps;
  const view = async (rows: PackRow[]): Promise<PackView[]> => {
    const names = await deps.actorNames([...new Set(rows.map((r) => r.madeBy))]);
    return rows.map((r) => toPackView(r, names.get(r.madeBy) ?? null));
  };
  const found = async (id: string): Promise<PackRow> => {
    const row = z.uuid().safeParse(id).success ? await findPack(db, id) : undefined;
    if (!row) throw new RrcuError(EVIDENCE_ERRORS.PACK_NOT_FOUND, `No evidence pack has the id ${id}.`, { fix: 'List the packs (GET /api/evidence/packs, `rrcu evidence list`) for their ids.' });
    return row;
  };
  return {
    kinds: () => REPORT_KINDS.flatMap((kind) => (deps.producers[kind] ? [{ kind, parameters: z.toJSONSchema(deps.producers[kind].parameters, { io: 'input', unrepresentable: 'any' }) }] : [])),
    async list(options = {}) {
      return view(await listPacks(db, options.limit ?? 50));
    },
    async get(id) {
      return (await view([await found(id)]))[0]!;
    },
    async download(id, actor) {
      const pack = await found(id);
      const zip = pack.status === 'done' ? await readZip(db, pack.id) : undefined;
      if (!zip || !pack.sha256) {
        throw new RrcuError(EVIDENCE_ERRORS.PACK_NOT_READY, `Evidence pack ${id} is ${pack.status}${pack.error ? `: ${pack.error}` : ''}; there is no zip to download.`, {
          fix: pack.status === 'failed' ? 'Make a new pack; the error says what to change.' : 'Wait until it is done (its progress is on GET /api/evidence/packs/:id).',
        });
      }
      await recordAuditEvent(db, { type: 'evidence.pack_downloaded', actor, subject: `evidence_pack:${pack.id}`, data: { packId: pack.id, kind: pack.kind, sha256: pack.sha256 } });
      return { zip, sha256: pack.sha256, fileName: `rrcu-evidence-${pack.kind}-${pack.madeAt.toISOString().slice(0, 10)}-${pack.id.slice(0, 8)}.zip` };
    },
    publicKey: () => evidencePublicKey(db, deps.secretKey),
    async makeNow(input, actor) {
      const pack = await ask(deps, input, actor);
      const made = await makePack(deps, pack.id);
      return { ...(await view([(await findPack(db, pack.id))!]))[0]!, zip: made.status === 'done' ? made.zip : null };
    },
  };
}

export function createEvidenceService(deps: MakeDeps & { jobs: JobEngine }): EvidenceService {
  const reads = createEvidenceReads(deps);
  return {
    ...reads,
    async request(input, actor) {
      const pack = await ask(deps, input, actor, (tx, id) => deps.jobs.sendInTransaction(tx, EVIDENCE_QUEUE, [{ id, data: { packId: id } }]));
      return reads.get(pack.id);
    },
  };
}

/**
 * The pack's row, once its kind and parameters are read by the kind's producer (the same refusal on every
 * door), written with its job when there is one: the job exists exactly when the row commits.
 */
async function ask(deps: MakeDeps, input: MakePackInput, actor: string, enqueue?: (tx: MakeDeps['db'], id: string) => Promise<void>): Promise<PackRow> {
  const { kind, parameters } = parseInput(makePackInputSchema, input);
  assertCanSign(deps.secretKey);
  const producer = deps.producers[kind];
  if (!producer) {
    throw new RrcuError(EVIDENCE_ERRORS.REPORT_KIND_UNAVAILABLE, `Reports of kind ${kind} cannot be made by this version of RRCU yet.`, {
      fix: `Ask for one of: ${REPORT_KINDS.filter((k) => deps.producers[k]).join(', ')}.`,
      fields: ['kind'],
    });
  }
  // Checked now, so a wrong parameter is the caller's 400 and not a failed pack; stored as asked, the producer reads it again in the job.
  parseInput(producer.parameters, parameters, 'parameters');
  return deps.db.transaction(async (tx) => {
    const row = await insertPack(tx, { kind, parameters, madeBy: actor });
    await enqueue?.(tx, row.id);
    return row;
  });
}

export function toPackView(row: PackRow, madeByName: string | null): PackView {
  return {
    id: row.id,
    kind: row.kind,
    parameters: row.parameters,
    status: row.status,
    progress: row.progress,
    error: row.error,
    madeBy: row.madeBy,
    madeByName,
    madeAt: row.madeAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    sha256: row.sha256,
    size: row.size,
  };
}
