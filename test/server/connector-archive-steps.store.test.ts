/** What the steps of sync and provisioning add to the `connector.archived` event never replaces what the archive records. */
import { expect, test } from 'vitest';
import { listAuditEvents } from '../../src/audit/index.ts';
import { createConnectorService } from '../../src/connectors/index.ts';
import { createConnectorRow } from '../harness/provisioning.ts';
import { describeStore } from '../harness/store-test.ts';

describeStore('archive steps', (store) => {
  test("a step answering name, archivedAt or closedRows adds its other fields and leaves the archive's own", async () => {
    const id = await createConnectorRow(store().db, 'steps-overlap');
    const service = createConnectorService({
      db: store().db,
      secretKey: undefined,
      endpoints: { allowCustomEndpoints: false },
      archiveSteps: [{ refuseWhileBusy: async () => {}, end: async () => ({ name: 'step', archivedAt: 'step', closedRows: 'step', ended: 1 }) }],
    });
    const archived = await service.archive(id, 'cli:test');
    const [event] = (await listAuditEvents(store().db, { type: 'connector.archived', subject: `connector:${id}` })).items;
    expect(event!.data).toEqual({
      name: 'steps-overlap',
      archivedAt: archived.archivedAt!.toISOString(),
      closedRows: { resources: 0, entitlements: 0, grants: 0 },
      ended: 1,
    });
  });
});
