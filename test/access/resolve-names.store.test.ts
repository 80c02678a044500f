import { beforeAll, expect, test } from 'vitest';
import { answerAccess, resolveName } from '../../src/access/index.ts';
import { AWS_RESOURCE_TYPES } from '../../src/connectors/index.ts';
import { isRrcuError, type RrcuError } from '../../src/core/errors.ts';
import { entitlementKey, type InventoryItem } from '../../src/core/inventory-items.ts';
import { resolvePrincipal } from '../../src/provisioning/index.ts';
import { recordSnapshot, resourceTypes } from '../../src/store/index.ts';
import { createSyncRun } from '../../src/sync/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { createTestConnector } from '../harness/inventory-fixtures.ts';

const ACCOUNT = { resourceType: 'account', externalId: '111122223333' };
const PS_ADMIN = 'arn:aws:sso:::permissionSet/ssoins-1/ps-admin';
const SSO_OPS = { resourceType: 'sso_group', externalId: 'g-ops' };
const IAM_OPS = { resourceType: 'iam_group', externalId: 'arn:aws:iam::111122223333:group/Ops' };
/** Jane's display name is her user name: her email lives only in the attributes, as AWS gives it. */
const JANE = { resourceType: 'sso_user', externalId: 'u-jane' };
const ALICE_SSO = { resourceType: 'sso_user', externalId: 'u-alice' };
const ALICE_IAM = { resourceType: 'iam_user', externalId: 'arn:aws:iam::111122223333:user/asmith' };

const grant = (entitlement: string, principal: { resourceType: string; externalId: string }): InventoryItem => ({ kind: 'grant', entitlementKey: entitlement, principal, via: null });
const inventory: InventoryItem[] = [
  { kind: 'resource', ...ACCOUNT, displayName: 'payments-prod' },
  { kind: 'resource', ...SSO_OPS, displayName: 'Ops' },
  { kind: 'resource', ...IAM_OPS, displayName: 'Ops' },
  { kind: 'resource', ...JANE, displayName: 'jdoe', attributes: { email: 'Jane.Doe@corp.example', userName: 'jdoe', displayName: 'Jane Doe' } },
  { kind: 'resource', ...ALICE_SSO, displayName: 'Alice Smith', attributes: { email: 'alice.smith@corp.example', userName: 'alice' } },
  { kind: 'resource', ...ALICE_IAM, displayName: 'asmith', attributes: { userName: 'asmith', email: 'alice.smith@corp.example' } },
  { kind: 'entitlement', resource: ACCOUNT, slug: PS_ADMIN, displayName: 'AdministratorAccess', attributes: { permissionSetArn: PS_ADMIN } },
  { kind: 'entitlement', resource: SSO_OPS, slug: 'member', displayName: 'member' },
  { kind: 'entitlement', resource: IAM_OPS, slug: 'member', displayName: 'member' },
  grant(entitlementKey(ACCOUNT, PS_ADMIN), JANE),
  grant(entitlementKey(SSO_OPS, 'member'), ALICE_SSO),
  grant(entitlementKey(IAM_OPS, 'member'), ALICE_IAM),
];

const failure = async (p: Promise<unknown>): Promise<RrcuError> => {
  const e: unknown = await p.then(() => undefined, (x: unknown) => x);
  expect(isRrcuError(e), `expected an RrcuError, got ${String(e)}`).toBe(true);
  return e as RrcuError;
};

describeStore('one resolver of names for access, grant and revoke', (store) => {
  let connectorId: string;
  beforeAll(async () => {
    const { db } = store();
    await db.insert(resourceTypes).values(AWS_RESOURCE_TYPES.map((t) => ({ ...t }))).onConflictDoNothing();
    connectorId = await createTestConnector(db);
    await recordSnapshot(db, (await createSyncRun(db, connectorId, new Date('2026-03-01T10:00:00Z'))).id, inventory);
  });

  test('a principal given by email, user name, display name or id answers `rrcu access` and is the one a grant acts on', async () => {
    const { db } = store();
    for (const given of ['Jane.Doe@corp.example', 'jane.doe@corp.example', 'jdoe', 'JDOE', 'u-jane']) {
      const held = await answerAccess(db, { principal: given });
      expect(held.map((r) => `${r.principalId} ${r.entitlement} on ${r.resourceId}`), given).toEqual(['u-jane AdministratorAccess on 111122223333']);
      expect(await resolvePrincipal(db, connectorId, given, ACCOUNT), given).toMatchObject(JANE);
    }
    // An IAM user by its user name, and by its ARN.
    for (const given of ['asmith', ALICE_IAM.externalId]) {
      expect((await answerAccess(db, { principal: given })).map((r) => r.principalId)).toEqual([ALICE_IAM.externalId]);
      expect(await resolvePrincipal(db, connectorId, given, IAM_OPS)).toMatchObject(ALICE_IAM);
    }
  });

  test('several matches are AMBIGUOUS listing each candidate with its id, unless only one can hold what is granted', async () => {
    const { db } = store();
    const byEmail = await failure(answerAccess(db, { principal: 'alice.smith@corp.example' }));
    expect(byEmail.code).toBe('AMBIGUOUS');
    expect(byEmail.message).toMatch(/^2 principals match "alice\.smith@corp\.example": asmith \(iam_user arn:aws:iam::111122223333:user\/asmith\); Alice Smith \(sso_user u-alice\)\.$/);
    expect(byEmail.fix).toMatch(/id \(ARN or Identity Center id\) shown beside each candidate instead, or ask by person/);
    // Grant and revoke narrow by the entitlement: only an Identity Center user can join an Identity Center group.
    expect(await resolvePrincipal(db, connectorId, 'alice.smith@corp.example', SSO_OPS)).toMatchObject(ALICE_SSO);
    expect(await resolvePrincipal(db, connectorId, 'alice.smith@corp.example', IAM_OPS)).toMatchObject(ALICE_IAM);
    // A group name held by an IAM group and an Identity Center group, as a group filter and as a principal.
    for (const kind of ['group', 'principal'] as const) {
      const e = await failure(resolveName(db, kind, 'ops', { connectorId }));
      expect(e.code).toBe('AMBIGUOUS');
      expect(e.message).toContain(`Ops (iam_group ${IAM_OPS.externalId}); Ops (sso_group g-ops)`);
    }
    expect(await resolveName(db, 'group', 'g-ops')).toMatchObject(SSO_OPS);
  });

  test('no match is NOT_FOUND naming what was given, the forms tried and the fix, in access and in grant alike', async () => {
    const { db } = store();
    for (const e of [await failure(answerAccess(db, { principal: 'nobody@corp.example' })), await failure(resolvePrincipal(db, connectorId, 'nobody@corp.example', ACCOUNT))]) {
      expect(e.code).toBe('NOT_FOUND');
      expect(e.kind).toBe('not_found');
      expect(e.message).toMatch(/^No principal matches "nobody@corp\.example" .*; tried it as an id \(ARN, Identity Center id\), a user name .*, an email, a display name or a group name\.$/);
      expect(e.fix).toMatch(/ARN or Identity Center id.*user name or email.*sync first/);
    }
    const account = await failure(answerAccess(db, { account: 'payments-dev' }));
    expect(account).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/^No account matches "payments-dev" at .*; tried it as an account id or an account name\.$/) });
  });
});
