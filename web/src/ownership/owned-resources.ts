import type { AccessRecord } from '../types.ts';
import type { OwnedResource } from './queries.ts';

// A name can match in several connectors; the Access page shows the owners of at most this many.
const MAX_SHOWN = 3;

/**
 * The accounts, permission sets or groups the Access page is filtered to, as its rows name them (a filter
 * may be a name; the rows carry the ids owners are kept by).
 */
export function ownedResourcesOf(filter: { account?: string; group?: string; permissionSet?: string }, rows: readonly AccessRecord[]): OwnedResource[] {
  const found = new Map<string, OwnedResource>();
  const add = (r: OwnedResource) => found.set(`${r.connectorId}|${r.resourceType}|${r.resourceId}`, r);
  for (const row of rows) {
    if (filter.account && row.resourceType === 'account') add({ connectorId: row.connectorId, resourceType: 'account', resourceId: row.resourceId, name: row.resourceName ?? row.resourceId });
    if (filter.group && (row.resourceType === 'sso_group' || row.resourceType === 'iam_group')) {
      add({ connectorId: row.connectorId, resourceType: row.resourceType, resourceId: row.resourceId, name: row.resourceName ?? row.resourceId });
    }
    if (filter.permissionSet && row.permissionSetArn) add({ connectorId: row.connectorId, resourceType: 'permission_set', resourceId: row.permissionSetArn, name: row.entitlement ?? row.permissionSetArn });
    if (found.size >= MAX_SHOWN) break;
  }
  return [...found.values()];
}
