import { beforeAll, expect, test } from 'vitest';
import { getPerson, listPeople } from '../../src/access/index.ts';
import { AWS_RESOURCE_TYPES } from '../../src/connectors/index.ts';
import type { InventoryItem } from '../../src/core/inventory-items.ts';
import { recordSnapshot, resourceTypes, type Db } from '../../src/store/index.ts';
import { createSyncRun, linkPeople } from '../../src/sync/index.ts';
import { createTestConnector } from '../harness/inventory-fixtures.ts';
import { describeStore } from '../harness/store-test.ts';

const enterprise = { department: 'Payments', division: 'Technology', organization: 'Acme', costCenter: 'CC-1100', employeeNumber: '1042' };

function users(alice: Record<string, unknown>): InventoryItem[] {
  return [
    { kind: 'resource', resourceType: 'sso_user', externalId: 'u-dana', displayName: 'dlee', attributes: { email: 'dana.lee@corp.example', userName: 'dlee', displayName: 'Dana Lee', title: 'Chief Executive Officer' } },
    { kind: 'resource', resourceType: 'sso_user', externalId: 'u-alice', displayName: 'asmith', attributes: { email: 'alice.smith@corp.example', userName: 'asmith', displayName: 'Alice Smith', ...alice } },
    { kind: 'resource', resourceType: 'iam_user', externalId: 'arn:aws:iam::111122223333:user/asmith', displayName: 'asmith', attributes: { userName: 'asmith', email: 'alice.smith@corp.example' } },
    { kind: 'resource', resourceType: 'iam_user', externalId: 'arn:aws:iam::111122223333:user/deployer', displayName: 'deployer', attributes: { userName: 'deployer' } },
  ];
}

async function personByEmail(db: Db, email: string) {
  const [person] = await listPeople(db, { q: email });
  return getPerson(db, person!.id);
}

describeStore('people take their Identity Center user\'s enterprise attributes and manager', (store) => {
  let connectorId: string;
  const sync = async (items: InventoryItem[], at: string) => {
    const { db } = store();
    await recordSnapshot(db, (await createSyncRun(db, connectorId, new Date(at))).id, items);
    await linkPeople(db, connectorId);
  };
  beforeAll(async () => {
    const { db } = store();
    await db.insert(resourceTypes).values(AWS_RESOURCE_TYPES.map((t) => ({ ...t }))).onConflictDoNothing();
    connectorId = await createTestConnector(db);
    await sync(users({ title: 'Staff Engineer', ...enterprise, managerId: 'u-dana', managerName: 'Dana Lee' }), '2026-03-01T10:00:00Z');
  });

  test('a person carries title, department, division, organisation, cost centre and employee number, and their manager\'s person', async () => {
    const { db } = store();
    const dana = await personByEmail(db, 'dana.lee@corp.example');
    const alice = await personByEmail(db, 'alice.smith@corp.example');
    expect(alice).toMatchObject({ displayName: 'Alice Smith', attributes: { title: 'Staff Engineer', ...enterprise }, manager: { id: dana.id, displayName: 'Dana Lee', email: 'dana.lee@corp.example' } });
    expect(dana).toMatchObject({ attributes: { title: 'Chief Executive Officer' }, manager: null });
    // The list answers the same.
    expect((await listPeople(db, { q: 'alice' }))[0]).toEqual(alice);
    // A person with no Identity Center user has nothing of the kind.
    expect((await listPeople(db, { q: 'deployer' }))[0]).toMatchObject({ attributes: {}, manager: null });
  });

  test('the next sync replaces what changed: a new department, no manager any more', async () => {
    const { db } = store();
    await sync(users({ title: 'Principal Engineer', department: 'Platform' }), '2026-03-02T10:00:00Z');
    const alice = await personByEmail(db, 'alice.smith@corp.example');
    expect(alice).toMatchObject({ attributes: { title: 'Principal Engineer', department: 'Platform' }, manager: null });
    expect(alice.attributes).not.toHaveProperty('costCenter');
  });

  test('an IAM user principal carries its credential facts (MFA, password, access keys); a user whose facts were not read has none', async () => {
    const { db } = store();
    const facts = {
      passwordEnabled: true, passwordLastUsed: '2026-03-01T08:00:00.000Z', mfaActive: false,
      accessKeys: [{ active: true, lastRotated: '2025-01-01T00:00:00.000Z', lastUsedDate: '2026-03-02T09:00:00.000Z', lastUsedService: 's3', lastUsedRegion: 'eu-west-1' }],
    };
    const items = users({ title: 'Principal Engineer', department: 'Platform' }).map((i) =>
      i.kind === 'resource' && i.externalId.endsWith('user/asmith') ? { ...i, attributes: { ...i.attributes, ...facts } } : i,
    );
    await sync(items, '2026-03-03T10:00:00Z');
    const alice = await personByEmail(db, 'alice.smith@corp.example');
    expect(alice.principals.find((p) => p.resourceType === 'iam_user')).toMatchObject({ displayName: 'asmith', credentials: facts });
    expect(alice.principals.find((p) => p.resourceType === 'sso_user')).not.toHaveProperty('credentials');
    const deployer = (await listPeople(db, { q: 'deployer' }))[0]!;
    expect(deployer.principals[0]).not.toHaveProperty('credentials');
  });
});
