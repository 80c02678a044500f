/**
 * IAM of one account: its users, groups (with their members) and roles, read through the management
 * account's own client or, for a member account, through the cross-account role (`session.iamIn`).
 */
import type { SyncEvent } from '../../connector.ts';
import type { AwsConnectorConfig } from '../config.ts';
import { roleArnIn } from '../session/credentials.ts';
import { classifyAwsError, skipDeniedOptional, type AwsErrorContext } from '../errors.ts';
import { syncIamGroups } from './iam-groups.ts';
import type { IamScope } from './iam-scope.ts';
import { syncIamRoles } from './iam-roles.ts';
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

export async function* syncIam(
  input: AwsSyncInput,
  account: AccountInfo,
  limits: Partial<Pick<IamScope, 'pageSize' | 'inFlight'>> = {},
): AsyncGenerator<SyncEvent, void> {
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
  yield* syncIamUsers(scope);
  yield* syncIamGroups(scope);
  yield* syncIamRoles(scope);
}
