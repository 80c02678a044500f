import { and, eq, inArray } from 'drizzle-orm';
import { CONNECTOR_ERRORS, type ArchiveStep } from '../connectors/index.ts';
import { RrcuError } from '../core/errors.ts';
import { provisioningTasks } from '../store/index.ts';
import { cancelledByArchive } from './tasks.ts';

/**
 * What archiving a connector ends of its provisioning. A task running now refuses the archive: it may be
 * changing AWS this moment. Pending tasks are cancelled (failed with CONNECTOR_ARCHIVED; AWS was not
 * changed by them, unless AWS had started an operation for one, which its error then says).
 */
export const provisioningArchiveStep: ArchiveStep = {
  async refuseWhileBusy({ tx, connector }) {
    const [busy] = await tx
      .select({ id: provisioningTasks.id })
      .from(provisioningTasks)
      .where(and(eq(provisioningTasks.connectorId, connector.id), eq(provisioningTasks.status, 'running')))
      .limit(1);
    if (busy) {
      throw new RrcuError(CONNECTOR_ERRORS.PROVISIONING_RUNNING_CONFLICT, `Connector ${connector.name} is changing access in AWS right now (task ${busy.id}).`, {
        fix: 'Wait for its running provisioning tasks to finish (`rrcu tasks`), then archive the connector.',
      });
    }
  },
  async end({ tx, connector, archivedAt }) {
    const cancelled = await tx
      .update(provisioningTasks)
      .set({ status: 'failed', finishedAt: archivedAt, error: cancelledByArchive(connector.name, null) })
      .where(and(eq(provisioningTasks.connectorId, connector.id), inArray(provisioningTasks.status, ['pending'])))
      .returning({ id: provisioningTasks.id, awsRequestId: provisioningTasks.awsRequestId });
    // A pending task with an AWS request id was interrupted after AWS started its operation: say so.
    for (const t of cancelled.filter((t) => t.awsRequestId !== null)) {
      await tx.update(provisioningTasks).set({ error: cancelledByArchive(connector.name, t.awsRequestId) }).where(eq(provisioningTasks.id, t.id));
    }
    return { cancelledTaskIds: cancelled.map((t) => t.id) };
  },
};
