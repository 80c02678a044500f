import { randomUUID } from 'node:crypto';
import { entitlementKey, type InventoryItem } from '../../src/core/inventory-items.ts';
import { connectors, type Db } from '../../src/store/index.ts';

export async function createTestConnector(db: Db, name = `test-${randomUUID().slice(0, 8)}`): Promise<string> {
  const [row] = await db.insert(connectors).values({ kind: 'aws', name }).returning({ id: connectors.id });
  return row!.id;
}

/**
 * A small organisation: one account, one Identity Center group `Admins` with alice and bob, the
 * permission set `AdministratorAccess` assigned to the group on the account, and carol assigned directly.
 */
export const ACCOUNT = { resourceType: 'account', externalId: '111122223333' };
export const ADMINS = { resourceType: 'sso_group', externalId: 'g-admins' };
export const ALICE = { resourceType: 'sso_user', externalId: 'u-alice' };
export const BOB = { resourceType: 'sso_user', externalId: 'u-bob' };
export const CAROL = { resourceType: 'sso_user', externalId: 'u-carol' };
export const PS_ADMIN = 'arn:aws:sso:::permissionSet/ssoins-1/ps-admin';
export const ADMIN_ON_ACCOUNT = entitlementKey(ACCOUNT, PS_ADMIN);
export const MEMBER_OF_ADMINS = entitlementKey(ADMINS, 'member');

export function baseResources(): InventoryItem[] {
  return [
    { kind: 'resource', ...ACCOUNT, displayName: 'payments-prod' },
    { kind: 'resource', ...ADMINS, displayName: 'Admins' },
    { kind: 'resource', ...ALICE, displayName: 'alice@corp.example' },
    { kind: 'resource', ...BOB, displayName: 'bob@corp.example' },
    { kind: 'resource', ...CAROL, displayName: 'carol@corp.example' },
    { kind: 'entitlement', resource: ACCOUNT, slug: PS_ADMIN, displayName: 'AdministratorAccess', attributes: { permissionSetArn: PS_ADMIN } },
    { kind: 'entitlement', resource: ADMINS, slug: 'member', displayName: 'member' },
  ];
}

export const grantItem = (entitlement: string, principal: { resourceType: string; externalId: string }, via: string | null = null): InventoryItem => ({
  kind: 'grant',
  entitlementKey: entitlement,
  principal,
  via,
});
