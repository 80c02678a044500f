/**
 * AWS accounts: every account of the organisation (Organizations support on) or the one account the
 * connector role is in, with the management account's alias and, when the optional Organizations
 * actions are allowed, each account's OU path.
 */
import { ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import {
  DescribeOrganizationalUnitCommand,
  ListAccountsCommand,
  ListParentsCommand,
  type Account,
} from '@aws-sdk/client-organizations';
import { mapConcurrent } from '../../../core/concurrency.ts';
import type { ResourceItem } from '../../../core/inventory-items.ts';
import type { SyncEvent } from '../../connector.ts';
import { classifyAwsError, skipDeniedOptional } from '../errors.ts';
import type { AccountInfo } from '../resource-types.ts';
import type { AwsSession, AwsSyncInput } from '../session/session.ts';

/** Organizations returns at most 20 accounts a page. */
const ACCOUNTS_PER_PAGE = 20;
/**
 * OU paths cost one ListParents per account (OU names are cached), and Organizations throttles at a
 * few requests per second per account, far below IAM or STS: two in flight keep it under that.
 */
const OU_LOOKUPS_IN_FLIGHT = 2;

export async function* syncAccounts(input: AwsSyncInput): AsyncGenerator<SyncEvent, AccountInfo[]> {
  const { session, ctx } = input;
  const { config, caller } = session;
  ctx.progress({ stage: 'accounts', detail: 'account alias' });
  const alias = await accountAlias(session);

  if (!config.organizations) {
    yield accountResource(caller.accountId, alias ?? caller.accountId, alias === undefined ? {} : { alias });
    return [{ id: caller.accountId, name: alias ?? caller.accountId, status: 'ACTIVE' }];
  }

  const ouPaths = ouPathResolver(input);
  const accounts: AccountInfo[] = [];
  let nextToken: string | undefined;
  do {
    ctx.progress({ stage: 'accounts', detail: `${accounts.length} accounts so far` });
    const page = await session.clients.organizations
      .send(new ListAccountsCommand({ MaxResults: ACCOUNTS_PER_PAGE, ...(nextToken ? { NextToken: nextToken } : {}) }))
      .catch((error: unknown) => {
        throw classifyAwsError(error, { action: 'organizations:ListAccounts', config, caller });
      });
    const listed = (page.Accounts ?? []).filter((a): a is Account & { Id: string } => a.Id !== undefined);
    const paths = await mapConcurrent(listed, OU_LOOKUPS_IN_FLIGHT, (a) => ouPaths(a.Id));
    for (const [i, a] of listed.entries()) {
      const name = a.Name ?? a.Id;
      const status = a.Status ?? a.State ?? 'UNKNOWN';
      accounts.push({ id: a.Id, name, status });
      yield accountResource(a.Id, name, {
        ...(a.Arn === undefined ? {} : { arn: a.Arn }),
        ...(a.Email === undefined ? {} : { email: a.Email }),
        status,
        ...(a.JoinedMethod === undefined ? {} : { joinedMethod: a.JoinedMethod }),
        ...(a.JoinedTimestamp === undefined ? {} : { joinedTimestamp: a.JoinedTimestamp.toISOString() }),
        ...(paths[i] === undefined ? {} : { ouPath: paths[i] }),
        ...(a.Id === caller.accountId && alias !== undefined ? { alias } : {}),
      });
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return accounts;
}

function accountResource(id: string, displayName: string, attributes: Record<string, unknown>): ResourceItem {
  return { kind: 'resource', resourceType: 'account', externalId: id, parent: null, displayName, attributes };
}

/** The alias of the account the connector role is in; an account has at most one. */
async function accountAlias(session: AwsSession): Promise<string | undefined> {
  const { AccountAliases } = await session.clients.iam.send(new ListAccountAliasesCommand({})).catch((error: unknown) => {
    throw classifyAwsError(error, { action: 'iam:ListAccountAliases', config: session.config, caller: session.caller });
  });
  return AccountAliases?.[0];
}

/**
 * `Workloads/Production` for an account ('' directly under the root), or undefined once the optional
 * ListParents / DescribeOrganizationalUnit are denied (warned once, then no longer asked).
 */
function ouPathResolver({ session, ctx }: AwsSyncInput): (accountId: string) => Promise<string | undefined> {
  const { organizations } = session.clients;
  const errorContext = (action: string) => ({ action, config: session.config, caller: session.caller });
  let allowed = true;
  const optional = async <T>(action: string, send: () => Promise<T>): Promise<T | undefined> => {
    if (!allowed) return undefined;
    try {
      return await send();
    } catch (error) {
      allowed = !skipDeniedOptional(ctx, error, errorContext(action));
      return undefined;
    }
  };
  const parentOf = async (childId: string) =>
    (await optional('organizations:ListParents', () => organizations.send(new ListParentsCommand({ ChildId: childId }))))?.Parents?.[0];
  // An OU's path is shared by every account under it: cache the promise so each OU is looked up once.
  const ouPaths = new Map<string, Promise<string | undefined>>();
  const ouPath = (ouId: string): Promise<string | undefined> => {
    let path = ouPaths.get(ouId);
    if (!path) {
      path = (async () => {
        const [described, parent] = await Promise.all([
          optional('organizations:DescribeOrganizationalUnit', () => organizations.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: ouId }))),
          parentOf(ouId),
        ]);
        const name = described?.OrganizationalUnit?.Name;
        if (name === undefined || parent?.Id === undefined) return undefined;
        if (parent.Type === 'ROOT') return name;
        const above = await ouPath(parent.Id);
        return above === undefined ? undefined : `${above}/${name}`;
      })();
      ouPaths.set(ouId, path);
    }
    return path;
  };
  return async (accountId) => {
    const parent = await parentOf(accountId);
    if (parent?.Id === undefined) return undefined;
    return parent.Type === 'ROOT' ? '' : ouPath(parent.Id);
  };
}
