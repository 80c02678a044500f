import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { exportGroundTruth, startSimulator, trustRelationships, type Simulator } from '../../../src/aws-sim/index.ts';
import { createAwsConnector } from '../../../src/connectors/aws/index.ts';
import { queryRows } from '../../../src/store/index.ts';
import { runSync } from '../../../src/sync/index.ts';
import { describeStore } from '../../harness/store-test.ts';
import { createTestConnector } from '../../harness/inventory-fixtures.ts';
import { configFor } from '../../../harness/sim-session.ts';
import { expectedTrustPrincipal, iamSyncedAccounts } from '../../../harness/ground-truth-grants.ts';

const line = (principal: string, roleArn: string, external: boolean, permissionSetArn: unknown) =>
  `${principal} may assume ${roleArn}${external ? ' (external)' : ''}${typeof permissionSetArn === 'string' ? ` for ${permissionSetArn}` : ''}`;

describeStore('"may assume" grants from a sync', (store) => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: { seed: 31, accounts: 4, users: 12, groups: 3, permissionSets: 3, iamUsersPerAccount: 2 }, rateLimits: false });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  test('equal the simulator\'s trust relationships: principal, external flag, and the permission set of Identity Center\'s roles', async () => {
    const { db } = store();
    const { accessKeyId, secretAccessKey, scimToken } = sim.world.rrcu;
    const connectorId = await createTestConnector(db);
    const connector = createAwsConnector(configFor(sim), { baseCredentials: { accessKeyId, secretAccessKey }, scimToken, now: () => sim.now() });
    const outcome = await runSync(db, connectorId, connector, { actor: 'test' });
    await connector.close();
    expect(outcome.run.status).toBe('succeeded');

    const truth = exportGroundTruth(sim.world.state);
    const synced = new Set(iamSyncedAccounts(truth, true).map((a) => a.id));
    const relationships = trustRelationships(truth).filter((r) => synced.has(r.accountId));
    // The seeds trust principals of every kind: in the organisation, outside it, services, identity providers.
    expect(new Set(relationships.map((r) => `${r.principalType}:${r.external}`))).toEqual(new Set(['AWS:false', 'AWS:true', 'Service:false', 'Federated:false']));
    expect(relationships.some((r) => r.permissionSetArn !== undefined)).toBe(true);
    // A principal named in two statements of one role is one grant.
    const expected = [...new Set(relationships.map((r) => line(expectedTrustPrincipal(r), r.roleArn, r.external, r.permissionSetArn)))].sort();

    const rows = await queryRows<Record<string, unknown>>(db, sql`
      select g.principal_type_id, g.principal_external_id, e.resource_external_id, g.attributes as grant_attributes, e.attributes as entitlement_attributes,
             exists (select 1 from resources p where p.connector_id = g.connector_id and p.resource_type_id = g.principal_type_id
                       and p.external_id = g.principal_external_id and p.seen_to is null) as principal_exists
      from grants g join entitlements e on e.connector_id = g.connector_id and e.key = g.entitlement_key and e.seen_to is null
      where g.connector_id = ${connectorId} and g.seen_to is null and e.slug = 'assume'`);
    const attributes = (v: unknown) => (v ?? {}) as Record<string, unknown>;
    const observed = rows
      .map((r) => line(`${String(r.principal_type_id)}:${String(r.principal_external_id)}`, String(r.resource_external_id), attributes(r.grant_attributes).external === true, attributes(r.entitlement_attributes).permissionSetArn))
      .sort();
    expect(observed).toEqual(expected);
    // Every principal a grant names is in the inventory, external ones included.
    expect(rows.filter((r) => r.principal_exists !== true).map((r) => `${String(r.principal_type_id)}:${String(r.principal_external_id)}`)).toEqual([]);
  });
});
