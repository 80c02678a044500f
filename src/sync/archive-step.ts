import { and, eq } from 'drizzle-orm';
import { CONNECTOR_ERRORS, type ArchiveContext, type ArchiveStep } from '../connectors/index.ts';
import { RrcuError } from '../core/errors.ts';
import { discardKeptStaging, failSnapshot, syncRuns } from '../store/index.ts';
import { clearRunProgress, isStaleRun } from './runs.ts';

const runningRun = async ({ tx, connector }: ArchiveContext) => (await tx.select().from(syncRuns).where(and(eq(syncRuns.connectorId, connector.id), eq(syncRuns.status, 'running'))))[0];

/**
 * What archiving a connector ends of its syncs. A sync running now refuses the archive: its outcome would
 * land on a connector that no longer takes any. A run abandoned by a dead process is marked failed, and
 * what its runs staged (for committing or resuming) is discarded: no run of the connector will use it.
 */
export const syncArchiveStep: ArchiveStep = {
  async refuseWhileBusy(ctx) {
    const running = await runningRun(ctx);
    if (running && !isStaleRun(running, ctx.archivedAt)) {
      throw new RrcuError(CONNECTOR_ERRORS.SYNC_RUNNING_CONFLICT, `Connector ${ctx.connector.name} is syncing right now (run ${running.id}).`, {
        fix: 'Wait for the sync to finish (a minute or so for a small organisation), then archive the connector.',
      });
    }
  },
  async end(ctx) {
    const running = await runningRun(ctx);
    if (running) {
      await failSnapshot(ctx.tx, running.id, { code: 'CONNECTOR_ARCHIVED', message: `The sync was interrupted and never resumed; connector ${ctx.connector.name} was archived before it could be.` });
      await clearRunProgress(ctx.tx, running.id);
    }
    // What failed runs staged for a resume that will never come.
    await discardKeptStaging(ctx.tx, ctx.connector.id);
    return running ? { abandonedRunId: running.id } : {};
  },
};
