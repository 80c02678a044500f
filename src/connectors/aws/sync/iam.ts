/**
 * IAM of one account: its users, groups (with their members) and roles, the policies they hold and
 * whether those make them privileged, read through the management account's own client or, for a
 * member account, through the cross-account role (`session.iamIn`). GetAccountAuthorizationDetails
 * reads it all in a few calls; where it is denied (warned once per sync), the per-item calls of
 * iam-users/iam-groups/iam-roles.ts read what they can.
 */
import type { InventoryItem, ResourceItem } from '../../../core/inventory-items.ts';
import type { SyncEvent } from '../../connector.ts';
import type { AwsConnectorConfig } from '../config.ts';
import { roleArnIn } from '../session/credentials.ts';
import { classifyAwsError, skipDeniedOptional, type AwsErrorContext } from '../errors.ts';
import { AUTHORIZATION_DETAILS_ACTION, authorizationDetailsItems, customerPolicyDocuments, readAuthorizationDetails } from './iam-authorization-details.ts';
import { syncIamGroups } from './iam-groups.ts';
import type { AccountPolicies } from './permission-set-entitlements.ts';
import { withCredentialFacts } from './credential-report.ts';
import type { IamScope } from './iam-scope.ts';
import { syncIamRoles } from './iam-roles.ts';
import { trustItems } from './iam-trust.ts';
import { syncIamUsers } from './iam-users.ts';
import type { AccountInfo } from '../resource-types.ts';
import type { AwsSyncInput } from '../session/session.ts';

/**
 * IAM allows no more than a few tens of calls per second per account, shared with everything else
 * in that account (AWS does not publish the figure), so per-item lookups (GetGroup, role policy names,
 * user tags) run four at a time: enough to hide latency, well under the budget.
 */
const IAM_LOOKUPS_IN_FLIGHT = 4;
/** IAM's largest page. */
const IAM_PAGE_SIZE = 1000;

export type IamSyncOptions = Partial<Pick<IamScope, 'pageSize' | 'inFlight'>> & {
  /** The organisation's accounts: a role trusting one of them is trusted inside the organisation. */
  organisationAccountIds?: ReadonlySet<string>;
  /** Permission set ARNs by name, to tie Identity Center's `AWSReservedSSO_*` roles to theirs. */
  permissionSetArns?: ReadonlyMap<string, string>;
};

/**
 * Yields the account's IAM; returns its customer managed policies' documents for the permission sets
 * that reference them (index.ts), or why they were not read.
 */
export async function* syncIam(input: AwsSyncInput, account: AccountInfo, options: IamSyncOptions = {}): AsyncGenerator<SyncEvent, AccountPolicies> {
  const limits = options;
  const { session, ctx } = input;
  ctx.progress({ stage: 'iam', detail: account.name });
  const iam = await session.iamIn(account.id);
  // In a member account RRCU acts as the cross-account role: errors and fixes name that role.
  const own = account.id === session.caller.accountId;
  const roleArn = own ? session.config.roleArn : roleArnIn(account.id, session.config.crossAccountRoleName ?? '', session.caller.arn);
  const config: AwsConnectorConfig = { ...session.config, ...(roleArn === undefined ? {} : { roleArn }) };
  const caller = own ? session.caller : { accountId: account.id, arn: roleArn ?? session.caller.arn };
  const context = (action: string): AwsErrorContext => ({ action, config, caller });
  const scope: IamScope = {
    iam,
    account,
    ctx,
    pageSize: limits.pageSize ?? IAM_PAGE_SIZE,
    inFlight: limits.inFlight ?? IAM_LOOKUPS_IN_FLIGHT,
    call: async (action, send) => {
      try {
        return await send();
      } catch (error) {
        throw classifyAwsError(error, context(action));
      }
    },
    optional: async (action, send) => {
      try {
        return await send();
      } catch (error) {
        skipDeniedOptional(ctx, error, context(action));
        return undefined;
      }
    },
  };
  const permissionSetArns = options.permissionSetArns ?? new Map<string, string>();
  // The credential report is read around either path; its facts are merged onto the iam_user resources.
  const read = withCredentialFacts(scope, readIam(scope));
  let next: IteratorResult<SyncEvent, AccountPolicies>;
  while (!(next = await read.next()).done) {
    const item = linkReservedRole(next.value, permissionSetArns);
    yield item;
    if (item.kind === 'resource' && item.resourceType === 'iam_role') yield* roleTrustItems(account.id, item, options.organisationAccountIds ?? new Set());
  }
  return next.value;
}

async function* readIam(scope: IamScope): AsyncGenerator<SyncEvent, AccountPolicies> {
  const details = await readAuthorizationDetails(scope);
  if (details) {
    yield* authorizationDetailsItems(scope.account.id, details);
    return { read: true, documents: customerPolicyDocuments(details) };
  }
  yield* syncIamUsers(scope);
  yield* syncIamGroups(scope);
  yield* syncIamRoles(scope);
  // The per-item read lists attached policies by ARN only; reading documents would cost calls per policy.
  return { read: false, why: `${AUTHORIZATION_DETAILS_ACTION} is denied in this account, so its policy documents were not read` };
}

/** Roles Identity Center created carry the name of their permission set; give them its ARN too. */
function linkReservedRole(event: SyncEvent, arnByName: ReadonlyMap<string, string>): SyncEvent {
  if (event.kind !== 'resource' || event.resourceType !== 'iam_role') return event;
  const name = event.attributes?.permissionSetName;
  const arn = typeof name === 'string' ? arnByName.get(name) : undefined;
  return arn ? { ...event, attributes: { ...event.attributes, permissionSetArn: arn } } : event;
}

/** "May assume" grants from the role's trust policy (iam-trust.ts). */
function roleTrustItems(accountId: string, role: ResourceItem, organisationAccountIds: ReadonlySet<string>): InventoryItem[] {
  const attributes = role.attributes ?? {};
  const permissionSetArn = typeof attributes.permissionSetArn === 'string' ? attributes.permissionSetArn : undefined;
  return trustItems(accountId, { arn: role.externalId, name: role.displayName, trustPolicy: attributes.trustPolicy, ...(permissionSetArn === undefined ? {} : { permissionSetArn }) }, organisationAccountIds);
}
