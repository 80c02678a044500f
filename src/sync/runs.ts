import { desc, eq } from 'drizzle-orm';
import type { Db } from '../store/db.ts';
import { syncRuns } from '../store/schema/index.ts';

export type SyncRun = typeof syncRuns.$inferSelect;

export async function createSyncRun(db: Db, connectorId: string, startedAt: Date = new Date()): Promise<SyncRun> {
  const [run] = await db.insert(syncRuns).values({ connectorId, startedAt }).returning();
  return run!;
}

export async function getSyncRun(db: Db, id: number): Promise<SyncRun | undefined> {
  const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, id));
  return run;
}

export async function listSyncRuns(db: Db, connectorId: string, limit = 50): Promise<SyncRun[]> {
  return db.select().from(syncRuns).where(eq(syncRuns.connectorId, connectorId)).orderBy(desc(syncRuns.id)).limit(limit);
}
