/** What a provisioning task does to a target; the one list the store, the connectors and the API use. */
export const PROVISIONING_ACTIONS = ['grant', 'revoke'] as const;
export type ProvisioningAction = (typeof PROVISIONING_ACTIONS)[number];

/**
 * What a provisioning task changes: one principal's hold on one entitlement, as the inventory knows them.
 * In core because both sides of a task speak it: the store keeps it in the task row, and a connector's
 * provisioner acts on it.
 */
export type ProvisioningTarget = {
  entitlement: {
    key: string;
    resourceType: string;
    resourceExternalId: string;
    /** `member`, or the permission set's ARN. */
    slug: string;
    displayName: string;
    attributes: Record<string, unknown>;
  };
  principal: { resourceType: string; externalId: string; displayName: string; attributes: Record<string, unknown> };
  /** For a revoke: the attributes of the grant as last synced (e.g. an Identity Center `membershipId`). */
  grantAttributes?: Record<string, unknown>;
  /**
   * Whether the last sync saw the principal hold the entitlement directly; absent when nobody looked.
   * A provisioner may act without reading the current state first when this says the change is still
   * to be made and AWS's call is idempotent (creating an assignment that exists changes nothing).
   */
  heldAtLastSync?: boolean;
};
