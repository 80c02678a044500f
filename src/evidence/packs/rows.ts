import { desc, eq, sql } from 'drizzle-orm';
import { evidencePackFiles, evidencePacks, type Db } from '../../store/index.ts';

export type PackRow = Omit<typeof evidencePacks.$inferSelect, never>;

/** The columns of a pack without its zip (which lives in evidence_pack_files). */
export async function findPack(db: Db, id: string): Promise<PackRow | undefined> {
  const [row] = await db.select().from(evidencePacks).where(eq(evidencePacks.id, id));
  return row;
}

export async function listPacks(db: Db, limit: number): Promise<PackRow[]> {
  return db.select().from(evidencePacks).orderBy(desc(evidencePacks.madeAt), desc(evidencePacks.id)).limit(limit);
}

export async function insertPack(db: Db, values: { kind: string; parameters: Record<string, unknown>; madeBy: string }): Promise<PackRow> {
  const [row] = await db.insert(evidencePacks).values(values).returning();
  return row!;
}

/**
 * Claims the pack for making: queued → running, or running again after a crash (the job is retried). A pack
 * already done or failed is not claimed: the job that finds it so has nothing to do.
 */
export async function claimPack(db: Db, id: string): Promise<PackRow | undefined> {
  const [row] = await db
    .update(evidencePacks)
    .set({ status: 'running', progress: sql`greatest(${evidencePacks.progress}, 1)` })
    .where(sql`${evidencePacks.id} = ${id} and ${evidencePacks.status} in ('queued', 'running')`)
    .returning();
  return row;
}

/** Progress only goes up (the table's trigger refuses less): a restarted job reports from where the last one got. */
export async function setProgress(db: Db, id: string, progress: number): Promise<void> {
  await db
    .update(evidencePacks)
    .set({ progress: sql`greatest(${evidencePacks.progress}, ${Math.min(99, Math.max(0, Math.round(progress)))})` })
    .where(sql`${evidencePacks.id} = ${id} and ${evidencePacks.status} = 'running'`);
}

/** The finished pack: its zip stored once, its digest and size on its row. Call inside the transaction that audits it. */
export async function storeFinishedPack(tx: Db, id: string, zip: Buffer, sha256: string, at: Date): Promise<void> {
  // Sent as base64 text and decoded by the database: PGlite encodes a bytea parameter byte by byte, which for
  // a 9 MB zip took 8–11 s and ~550 MB of memory (bench/evidence.bench.ts); as text, under 1 s. PostgreSQL alike.
  await tx.insert(evidencePackFiles).values({ packId: id, zip: sql`decode(${zip.toString('base64')}, 'base64')` });
  await tx.update(evidencePacks).set({ status: 'done', progress: 100, sha256, size: zip.length, finishedAt: at, error: null }).where(eq(evidencePacks.id, id));
}

/** Ends an unfinished pack failed; false when it had already finished (another attempt got there first). */
export async function failPack(tx: Db, id: string, error: string, at: Date): Promise<boolean> {
  const ended = await tx
    .update(evidencePacks)
    .set({ status: 'failed', error, finishedAt: at })
    .where(sql`${evidencePacks.id} = ${id} and ${evidencePacks.status} in ('queued', 'running')`)
    .returning({ id: evidencePacks.id });
  return ended.length > 0;
}

export async function readZip(db: Db, id: string): Promise<Buffer | undefined> {
  const [row] = await db.select({ zip: evidencePackFiles.zip }).from(evidencePackFiles).where(eq(evidencePackFiles.packId, id));
  return row?.zip;
}
