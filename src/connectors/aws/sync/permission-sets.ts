import {
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  paginateListCustomerManagedPolicyReferencesInPermissionSet,
  paginateListManagedPoliciesInPermissionSet,
  paginateListPermissionSets,
  type PermissionSet,
  type SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { mapConcurrent } from '../../../core/concurrency.ts';
import type { ResourceItem } from '../../../core/inventory-items.ts';
import type { SyncEvent } from '../../connector.ts';
import { skipDeniedOptional } from '../errors.ts';
import { ownVerdict, type PermissionSetPolicies } from './permission-set-entitlements.ts';
import { callAws, IDENTITY_CENTER_CONCURRENCY, IDENTITY_CENTER_PAGE_SIZE, identityCenterClients, isGone, pagesOf } from './identity-center.ts';
import type { IdentityCenterInstance, PermissionSetInfo } from '../resource-types.ts';
import type { AwsSyncInput } from '../session/session.ts';

/**
 * Permission sets (ListPermissionSets, then DescribePermissionSet for each), with their policies when
 * the role may read them. Those three reads are beyond the setup guide's policy: the first denial
 * warns once and the rest of the sync stops asking. The set's verdict here is over its own policies
 * (AWS managed and inline); its customer managed references name a policy each account holds its own
 * copy of, so they are weighed per account, on the set's entitlements (permission-set-entitlements.ts).
 */
export async function* syncPermissionSets(input: AwsSyncInput, instance: IdentityCenterInstance): AsyncGenerator<SyncEvent, PermissionSetInfo[]> {
  const { sso } = identityCenterClients(input.session);
  const InstanceArn = instance.instanceArn;
  const readPolicies = policyReader(input, sso, InstanceArn);
  const infos: PermissionSetInfo[] = [];
  const pages = paginateListPermissionSets({ client: sso, pageSize: IDENTITY_CENTER_PAGE_SIZE }, { InstanceArn });
  for await (const page of pagesOf(input.session, pages, 'sso:ListPermissionSets')) {
    const items = await mapConcurrent(page.PermissionSets ?? [], IDENTITY_CENTER_CONCURRENCY, async (PermissionSetArn): Promise<{ resource: ResourceItem; info: PermissionSetInfo } | undefined> => {
      let ps: PermissionSet | undefined;
      let policies: PermissionSetPolicies | undefined;
      try {
        ({ PermissionSet: ps } = await callAws(input.session, 'sso:DescribePermissionSet', () => sso.send(new DescribePermissionSetCommand({ InstanceArn, PermissionSetArn }))));
        policies = await readPolicies(PermissionSetArn);
      } catch (error) {
        if (isGone(error)) return undefined;
        throw error;
      }
      const name = ps?.Name ?? PermissionSetArn;
      const verdict = policies && ownVerdict(policies);
      const resource: ResourceItem = {
        kind: 'resource',
        resourceType: 'permission_set',
        externalId: PermissionSetArn,
        displayName: name,
        attributes: {
          description: ps?.Description,
          sessionDuration: ps?.SessionDuration,
          relayState: ps?.RelayState,
          createdDate: ps?.CreatedDate?.toISOString(),
          ...policies,
          ...verdict,
        },
      };
      const info: PermissionSetInfo = { arn: PermissionSetArn, name, ...(policies && verdict ? { ...verdict, policies } : {}) };
      return { resource, info };
    });
    for (const item of items) {
      if (!item) continue;
      infos.push(item.info);
      yield item.resource;
    }
    input.ctx.progress({ stage: 'permission-sets', detail: `${infos.length} permission sets` });
  }
  return infos;
}

/** Reads a permission set's policies until the role is first denied one of those reads. */
function policyReader(input: AwsSyncInput, sso: SSOAdminClient, InstanceArn: string): (arn: string) => Promise<PermissionSetPolicies | undefined> {
  let denied = false;
  const context = (action: string) => ({ action, config: input.session.config, caller: input.session.caller });
  const optional = async <T>(action: string, read: () => Promise<T>): Promise<T | undefined> => {
    if (denied) return undefined;
    try {
      return await read();
    } catch (error) {
      denied = skipDeniedOptional(input.ctx, error, context(action));
      return undefined;
    }
  };
  return async (PermissionSetArn) => {
    const managed = await optional('sso:ListManagedPoliciesInPermissionSet', async () => {
      const found: PermissionSetPolicies['managedPolicies'] = [];
      for await (const page of paginateListManagedPoliciesInPermissionSet({ client: sso, pageSize: IDENTITY_CENTER_PAGE_SIZE }, { InstanceArn, PermissionSetArn })) {
        for (const p of page.AttachedManagedPolicies ?? []) found.push({ arn: p.Arn, name: p.Name });
      }
      return found;
    });
    const customer = await optional('sso:ListCustomerManagedPolicyReferencesInPermissionSet', async () => {
      const found: PermissionSetPolicies['customerManagedPolicies'] = [];
      for await (const page of paginateListCustomerManagedPolicyReferencesInPermissionSet({ client: sso, pageSize: IDENTITY_CENTER_PAGE_SIZE }, { InstanceArn, PermissionSetArn })) {
        for (const p of page.CustomerManagedPolicyReferences ?? []) found.push({ name: p.Name, path: p.Path });
      }
      return found;
    });
    const inline = await optional('sso:GetInlinePolicyForPermissionSet', () => sso.send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn, PermissionSetArn })));
    if (managed === undefined || customer === undefined || inline === undefined) return undefined;
    return { managedPolicies: managed, customerManagedPolicies: customer, inlinePolicy: parsePolicy(inline.InlinePolicy) };
  };
}

/** AWS answers an empty string when there is no inline policy; a document that is not JSON is kept as text. */
function parsePolicy(document: string | undefined): unknown {
  if (!document) return null;
  try {
    return JSON.parse(document) as unknown;
  } catch {
    return document;
  }
}
