import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/**
 * What a connector reports in a sync: resources, the entitlements on them, and the grants of those
 * entitlements to principals. External ids are the ids AWS gives (account id, ARN, Identity Center
 * id); they never change once shipped, since history is keyed by them.
 */
export type ResourceRef = { resourceType: string; externalId: string };

export type ResourceItem = {
  kind: 'resource';
  resourceType: string;
  externalId: string;
  parent?: ResourceRef | null;
  displayName: string;
  attributes?: Record<string, unknown>;
};

export type EntitlementItem = {
  kind: 'entitlement';
  /** The resource the entitlement is on: the group for `member`, the account for a permission set. */
  resource: ResourceRef;
  /** Stable within the resource: `member`, or the permission set's ARN. */
  slug: string;
  /** What people read: `member`, or the permission set's name. */
  displayName: string;
  attributes?: Record<string, unknown>;
};

export type GrantItem = {
  kind: 'grant';
  /** `entitlementKey()` of the entitlement held. */
  entitlementKey: string;
  principal: ResourceRef;
  /** The group's external id when the grant is a group's grant expanded to this member. */
  via?: string | null;
  attributes?: Record<string, unknown>;
};

export type InventoryItem = ResourceItem | EntitlementItem | GrantItem;

export function resourceKey(ref: ResourceRef): string {
  return `${ref.resourceType}:${ref.externalId}`;
}

export function entitlementKey(resource: ResourceRef, slug: string): string {
  return `${resource.resourceType}:${resource.externalId}#${slug}`;
}

export function grantKey(item: Pick<GrantItem, 'entitlementKey' | 'principal' | 'via'>): string {
  return `${item.entitlementKey}|${resourceKey(item.principal)}|${item.via ?? ''}`;
}

export function itemKey(item: InventoryItem): string {
  switch (item.kind) {
    case 'resource':
      return resourceKey(item);
    case 'entitlement':
      return entitlementKey(item.resource, item.slug);
    case 'grant':
      return grantKey(item);
  }
}

/** A digest of everything observed about an item; the same item seen with another hash is a new version. */
export function contentHash(item: InventoryItem): string {
  return createHash('sha256').update(canonicalJson(item)).digest('base64url');
}
