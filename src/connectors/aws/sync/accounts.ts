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
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListRoots,
  type Account,
} from '@aws-sdk/client-organizations';
import { mapConcurrent } from '../../../core/concurrency.ts';
import type { ResourceItem } from '../../../core/inventory-items.ts';
import type { SyncEvent } from '../../connector.ts';
import { actionSpec } from '../actions.ts';
import { classifyAwsError, isAccessDenied, policyLineFor, skipDeniedOptional } from '../errors.ts';
import type { AccountInfo } from '../resource-types.ts';
import type { AwsSession, AwsSyncInput } from '../session/session.ts';

/** Organizations returns at most 20 accounts a page. */
const ACCOUNTS_PER_PAGE = 20;
/**
 * Organizations throttles at a few requests per second per account, far below IAM or STS: two OU reads in
 * flight, beside the account listing's one, keep under that.
 */
const OU_LOOKUPS_IN_FLIGHT = 2;
/** The tree walk's actions (ouPathsByWalk): with all three, OU paths cost one listing per OU, not one call per account. */
type WalkAction = 'organizations:ListRoots' | 'organizations:ListOrganizationalUnitsForParent' | 'organizations:ListAccountsForParent';

export async function* syncAccounts(input: AwsSyncInput): AsyncGenerator<SyncEvent, AccountInfo[]> {
  const { session, ctx } = input;
  const { config, caller } = session;
  ctx.progress({ stage: 'accounts', detail: 'account alias' });
  const alias = await accountAlias(session);

  if (!config.organizations) {
    yield accountResource(caller.accountId, alias ?? caller.accountId, alias === undefined ? {} : { alias });
    return [{ id: caller.accountId, name: alias ?? caller.accountId, status: 'ACTIVE' }];
  }

  // The walk runs beside the account listing (both are few calls); the per-account lookups are its fallback.
  const walked = ouPathsByWalk(input);
  // Awaited below, after the first page: should ListAccounts fail first, the walk's own failure is not unheard.
  walked.catch(() => {});
  let ouPaths: ((accountId: string) => Promise<string | undefined>) | undefined;
  let walkWarned = false;
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
    const byWalk = await walked;
    // An account the walk did not meet (created, or moved between OUs, while it went down the tree) is looked up
    // on its own, as without the walk: few calls, and no account is left silently "under no OU".
    const lookUp = (id: string) => (ouPaths ??= ouPathResolver(input))(id);
    const paths = await mapConcurrent(listed, OU_LOOKUPS_IN_FLIGHT, async (a) => (byWalk instanceof Map && byWalk.has(a.Id) ? byWalk.get(a.Id) : lookUp(a.Id)));
    if (byWalk instanceof WalkDenied && !walkWarned && paths.some((p) => p !== undefined)) {
      walkWarned = true;
      warnWalkDenied(input, byWalk);
    }
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
 * Every account's OU path (`Workloads/Production`, '' directly under the root) from a walk down the
 * organisation's tree: the root, then each OU's child OUs (with their names) and accounts, level by level.
 * That is a listing or two per OU, where ListParents costs one call per account: with 300 accounts in
 * ten OUs, ~35 calls instead of ~350, which held up everything after the accounts by half a minute.
 * When one of its actions is denied, which one (WalkDenied): the per-account lookups of ouPathResolver
 * are then tried.
 */
async function ouPathsByWalk({ session }: AwsSyncInput): Promise<Map<string, string> | WalkDenied> {
  const { organizations } = session.clients;
  const paths = new Map<string, string>();
  const read = async <T>(action: WalkAction, pages: AsyncIterable<T>, take: (page: T) => void): Promise<void> => {
    try {
      for await (const page of pages) take(page);
    } catch (error) {
      if (!isAccessDenied(error)) throw classifyAwsError(error, { action, config: session.config, caller: session.caller });
      throw new WalkDenied(action, error);
    }
  };
  try {
    let level: { id: string; path: string }[] = [];
    await read('organizations:ListRoots', paginateListRoots({ client: organizations }, {}), (page) => {
      for (const root of page.Roots ?? []) if (root.Id) level.push({ id: root.Id, path: '' });
    });
    while (level.length > 0) {
      const below = await mapConcurrent(level, OU_LOOKUPS_IN_FLIGHT, async ({ id: ParentId, path }) => {
        await read('organizations:ListAccountsForParent', paginateListAccountsForParent({ client: organizations }, { ParentId }), (page) => {
          for (const account of page.Accounts ?? []) if (account.Id) paths.set(account.Id, path);
        });
        const ous: { id: string; path: string }[] = [];
        await read('organizations:ListOrganizationalUnitsForParent', paginateListOrganizationalUnitsForParent({ client: organizations }, { ParentId }), (page) => {
          for (const ou of page.OrganizationalUnits ?? []) {
            const name = ou.Name ?? ou.Id;
            if (ou.Id) ous.push({ id: ou.Id, path: path === '' ? `${name}` : `${path}/${name}` });
          }
        });
        return ous;
      });
      level = below.flat();
    }
    return paths;
  } catch (e) {
    if (e instanceof WalkDenied) return e;
    throw e;
  }
}

class WalkDenied {
  constructor(
    readonly action: string,
    readonly error: unknown,
  ) {}
}

/**
 * The walk was denied and the per-account lookups were allowed (they found paths): the paths are synced, at
 * more calls, so the warning names the walk's line. When the lookups are denied too, their own warning says
 * the paths are not synced (skipDeniedOptional), and this one would only repeat it.
 */
function warnWalkDenied({ session, ctx }: AwsSyncInput, denied: WalkDenied): void {
  ctx.warn({
    code: 'OPTIONAL_ACTION_DENIED',
    message: `${denied.action} is denied, so account OU paths are read with one ListParents call per account, which takes more calls and time (${denied.error instanceof Error ? denied.error.message : String(denied.error)}).`,
    fix: `To read them in a few calls, in the inline policy of ${session.config.roleArn ?? 'the identity RRCU runs as'}, ${policyLineFor(denied.action, session.config, { optional: true })}.`,
    feature: actionSpec(denied.action).feature,
  });
}

/**
 * `Workloads/Production` for an account ('' directly under the root), or undefined once the optional
 * ListParents / DescribeOrganizationalUnit are denied (warned once, then no longer asked). One call per
 * account: the fallback of ouPathsByWalk.
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
