import { beforeAll, expect, test } from 'vitest';
import { getPerson, listPeople } from '../../src/access/people-query.ts';
import { searchInventory } from '../../src/access/search.ts';
import { AWS_RESOURCE_TYPES } from '../../src/connectors/index.ts';
import { isRrcuError } from '../../src/core/errors.ts';
import type { InventoryItem } from '../../src/core/inventory-items.ts';
import { recordSnapshot, resourceTypes } from '../../src/store/index.ts';
import { linkPeople, createSyncRun } from '../../src/sync/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { createTestConnector } from '../harness/inventory-fixtures.ts';

const PS_ARN = 'arn:aws:sso:::permissionSet/ssoins-1/ps-payments-ro';
const ROLE_ARN = 'arn:aws:iam::111122223333:role/payments-deployer';
const IAM_ALICE = 'arn:aws:iam::111122223333:user/asmith';
const SSO_ADMIN_ROLE_ARN = 'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123abcd';

const current: InventoryItem[] = [
  { kind: 'resource', resourceType: 'account', externalId: '111122223333', displayName: 'payments-prod' },
  { kind: 'resource', resourceType: 'sso_group', externalId: 'g-pay', displayName: 'Payments Admins' },
  { kind: 'resource', resourceType: 'permission_set', externalId: PS_ARN, displayName: 'PaymentsReadOnly' },
  { kind: 'resource', resourceType: 'iam_role', externalId: ROLE_ARN, displayName: 'payments-deployer' },
  { kind: 'resource', resourceType: 'sso_user', externalId: 'u-alice', displayName: 'asmith', attributes: { email: 'Alice.Smith@corp.example', userName: 'asmith', displayName: 'Alice Smith' } },
  { kind: 'resource', resourceType: 'iam_user', externalId: IAM_ALICE, displayName: 'asmith', attributes: { userName: 'asmith', email: 'alice.smith@corp.example' } },
  { kind: 'resource', resourceType: 'sso_user', externalId: 'u-bob', displayName: 'bjones', attributes: { email: 'bob.jones@corp.example', userName: 'bjones', displayName: 'Bob Jones' } },
  // A permission set, the role Identity Center makes for it in each account, and names that start with or contain it.
  { kind: 'resource', resourceType: 'permission_set', externalId: 'arn:aws:sso:::permissionSet/ssoins-1/ps-admin', displayName: 'AdministratorAccess' },
  { kind: 'resource', resourceType: 'iam_role', externalId: SSO_ADMIN_ROLE_ARN, displayName: 'AWSReservedSSO_AdministratorAccess_0123abcd' },
  { kind: 'resource', resourceType: 'iam_role', externalId: 'arn:aws:iam::111122223333:role/AdministratorAccessAuditor', displayName: 'AdministratorAccessAuditor' },
  { kind: 'resource', resourceType: 'sso_group', externalId: 'g-acme-admins', displayName: 'acme-administratoraccess-approvers' },
];
// Seen by the first sync only: gone from the current inventory.
const removed: InventoryItem[] = [{ kind: 'resource', resourceType: 'sso_group', externalId: 'g-old', displayName: 'Payments Legacy' }];

describeStore('inventory search and people', (store) => {
  let connectorId: string;
  beforeAll(async () => {
    const { db } = store();
    await db.insert(resourceTypes).values(AWS_RESOURCE_TYPES.map((t) => ({ ...t }))).onConflictDoNothing();
    connectorId = await createTestConnector(db);
    await recordSnapshot(db, (await createSyncRun(db, connectorId, new Date('2026-03-01T10:00:00Z'))).id, [...current, ...removed]);
    await recordSnapshot(db, (await createSyncRun(db, connectorId, new Date('2026-03-02T10:00:00Z'))).id, current);
    await linkPeople(db, connectorId);
  });

  test('finds a person by part of their email, as the email /api/access?person= takes', async () => {
    const hits = await searchInventory(store().db, 'smith@corp', 10);
    expect(hits.filter((h) => h.kind === 'person')).toEqual([{ kind: 'person', value: 'alice.smith@corp.example', label: 'Alice Smith', detail: 'alice.smith@corp.example' }]);
    // The principals carrying that email match too, by their ids.
    expect(hits.filter((h) => h.kind === 'principal').map((h) => h.value).sort()).toEqual([IAM_ALICE, 'u-alice'].sort());
  });

  test('orders by kind, then label; groups come as principal and as group; what the last sync no longer saw is left out', async () => {
    const hits = await searchInventory(store().db, 'PAYMENTS', 10);
    expect(hits.map((h) => `${h.kind}:${h.label}`)).toEqual([
      'principal:Payments Admins',
      'principal:payments-deployer',
      'account:payments-prod',
      'group:Payments Admins',
      'permissionSet:PaymentsReadOnly',
    ]);
    expect(hits.find((h) => h.kind === 'permissionSet')).toEqual({ kind: 'permissionSet', value: PS_ARN, label: 'PaymentsReadOnly', detail: `Permission set ${PS_ARN}` });
    expect(hits.find((h) => h.kind === 'account')?.value).toBe('111122223333');
  });

  test('ranks a name equal to the text first, then one starting with it, then one containing it, case aside; `limit` keeps each kind’s best', async () => {
    // Before: kind, then label: typing "AdministratorAccess" offered the AWSReservedSSO_… roles above the permission set.
    const hits = await searchInventory(store().db, 'administratoraccess', 10);
    expect(hits.map((h) => `${h.kind}:${h.label}`)).toEqual([
      'permissionSet:AdministratorAccess',
      'principal:AdministratorAccessAuditor',
      'principal:acme-administratoraccess-approvers',
      'principal:AWSReservedSSO_AdministratorAccess_0123abcd',
      'group:acme-administratoraccess-approvers',
    ]);
    // An id typed whole is an exact match too.
    expect((await searchInventory(store().db, SSO_ADMIN_ROLE_ARN.toUpperCase(), 10))[0]).toMatchObject({ kind: 'principal', value: SSO_ADMIN_ROLE_ARN });
    // One of each kind: the prefix match, though "acme-…" sorts before it by name.
    expect((await searchInventory(store().db, 'AdministratorAccess', 1)).map((h) => `${h.kind}:${h.label}`)).toEqual([
      'permissionSet:AdministratorAccess',
      'principal:AdministratorAccessAuditor',
      'group:acme-administratoraccess-approvers',
    ]);
  });

  test('takes at most `limit` of each kind, and the query’s % and _ are literal', async () => {
    const hits = await searchInventory(store().db, 'payments', 1);
    expect(hits.map((h) => `${h.kind}:${h.label}`)).toEqual(['principal:Payments Admins', 'account:payments-prod', 'group:Payments Admins', 'permissionSet:PaymentsReadOnly']);
    expect(await searchInventory(store().db, '%', 10)).toEqual([]);
    expect(await searchInventory(store().db, 'payments_', 10)).toEqual([]);
  });

  test('lists people with their current principals, filtered by part of a name; one by id; an unknown id is PERSON_NOT_FOUND', async () => {
    const { db } = store();
    const people = await listPeople(db, { q: 'alice' });
    expect(people).toHaveLength(1);
    const alice = people[0]!;
    expect(alice).toMatchObject({ displayName: 'Alice Smith', email: 'alice.smith@corp.example', userName: 'asmith' });
    expect(alice.principals.map((p) => `${p.resourceType} ${p.externalId}`)).toEqual([`iam_user ${IAM_ALICE}`, 'sso_user u-alice']);
    expect(alice.principals.every((p) => p.connectorId === connectorId)).toBe(true);
    expect((await listPeople(db)).map((p) => p.displayName)).toEqual(['Alice Smith', 'Bob Jones']);
    expect(await getPerson(db, alice.id)).toEqual(alice);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      await expect(getPerson(db, id)).rejects.toSatisfy((e) => isRrcuError(e, 'PERSON_NOT_FOUND'));
    }
  });
});
