import { expect, test } from 'vitest';
import { answerAccess, diffRuns, findNamed, grantsAt } from '../../../src/access/index.ts';
import type { InventoryItem } from '../../../src/core/inventory-items.ts';
import { AWS_RESOURCE_TYPES, ref } from '../../../src/connectors/aws/resource-types.ts';
import { trustItems } from '../../../src/connectors/aws/sync/iam-trust.ts';
import { recordSnapshot, resourceTypes } from '../../../src/store/index.ts';
import { createSyncRun, linkPeople } from '../../../src/sync/index.ts';
import { describeStore } from '../../harness/store-test.ts';
import { createTestConnector } from '../../harness/inventory-fixtures.ts';

const T0 = new Date('2026-03-01T10:00:00Z');
const ORG = new Set(['111111111111', '222222222222']);
const ROLE = { arn: 'arn:aws:iam::111111111111:role/Deploy', name: 'Deploy' };

const trust = (...principals: object[]) => ({ Version: '2012-10-17', Statement: principals.map((Principal) => ({ Effect: 'Allow', Principal, Action: 'sts:AssumeRole' })) });

function snapshot(trustPolicy: unknown): InventoryItem[] {
  return [
    { kind: 'resource', resourceType: 'account', externalId: '111111111111', displayName: 'warehouse-prod' },
    { kind: 'resource', resourceType: 'account', externalId: '222222222222', displayName: 'tooling' },
    { kind: 'resource', resourceType: 'iam_role', externalId: ROLE.arn, parent: ref('account', '111111111111'), displayName: ROLE.name },
    ...trustItems('111111111111', { ...ROLE, trustPolicy }, ORG),
  ];
}

/** The inventory's reading of "may assume" grants: principals outside the organisation, AWS services and identity providers. */
describeStore('trust principals in the inventory', (store) => {
  test('"may assume" grants to external principals are filtered by external, read as sentences in diffs, found by name, and link to no person', async () => {
    const { db } = store();
    // As a sync registers its connector's types: the new principal types are principals with readable names.
    await db.insert(resourceTypes).values(AWS_RESOURCE_TYPES.map((t) => ({ id: t.id, displayName: t.displayName, isPrincipal: t.isPrincipal }))).onConflictDoNothing();
    const connectorId = await createTestConnector(db);
    const runA = await createSyncRun(db, connectorId, T0);
    await recordSnapshot(db, runA.id, snapshot(trust({ Service: 'ec2.amazonaws.com' }, { AWS: 'arn:aws:iam::222222222222:root' })));
    const runB = await createSyncRun(db, connectorId, new Date(T0.getTime() + 3_600_000));
    await recordSnapshot(db, runB.id, snapshot(trust({ Service: 'ec2.amazonaws.com' }, { AWS: 'arn:aws:iam::222222222222:root' }, { AWS: 'arn:aws:iam::999988887777:root' }, { Federated: 'arn:aws:iam::111111111111:saml-provider/Okta' })));

    const all = await grantsAt(db, { connectorId });
    expect(all.map((r) => `${r.principalType}:${r.principalName} ${r.entitlement} ${r.resourceName}`).sort()).toEqual([
      'account:tooling may assume Deploy',
      'aws_service:ec2.amazonaws.com may assume Deploy',
      'external_principal:999988887777:root may assume Deploy',
      'identity_provider:Okta may assume Deploy',
    ]);
    const external = await grantsAt(db, { connectorId, external: true });
    expect(external.map((r) => r.principalId)).toEqual(['arn:aws:iam::999988887777:root']);
    // As `rrcu access --external` and `?external=true` ask it, with a name to narrow by.
    expect((await answerAccess(db, { connectorId, external: true, principal: '999988887777:root' })).map((r) => r.resourceName)).toEqual(['Deploy']);
    expect(await answerAccess(db, { connectorId, external: true, principal: 'ec2.amazonaws.com' })).toEqual([]);

    const diff = await diffRuns(db, runA.id, runB.id);
    expect(diff.grants.added.map((c) => c.after!.summary).sort()).toEqual([
      'External principal 999988887777:root — may assume role Deploy in warehouse-prod',
      'Identity provider Okta — may assume role Deploy in warehouse-prod',
    ]);

    await linkPeople(db, connectorId);
    const [found] = await findNamed(db, 'principal', '999988887777:root', { connectorId });
    expect(found).toMatchObject({ resourceType: 'external_principal', externalId: 'arn:aws:iam::999988887777:root', attributes: { external: true, accountId: '999988887777' } });
    expect(external.every((r) => r.personId === null)).toBe(true);
  });
});
