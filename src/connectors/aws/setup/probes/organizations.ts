/** Organizations' read actions, and assuming the cross-account role in a member account they find. */
import {
  DescribeOrganizationalUnitCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
} from '@aws-sdk/client-organizations';
import type { AwsSession } from '../../session/session.ts';
import { ACCOUNTS_LOOKED_AT, need, once, some, type Probes } from './kit.ts';

export type ListedAccount = { id: string; status: string };

/** One small page serves the ListAccounts check and picks the accounts later checks need (Identity Center's too). */
export function accountsFinder(session: AwsSession): () => Promise<ListedAccount[]> {
  const { caller, config } = session;
  return once(async () => {
    if (!config.organizations) return [{ id: caller.accountId, status: 'ACTIVE' }];
    const listed = (await session.clients.organizations.send(new ListAccountsCommand({ MaxResults: ACCOUNTS_LOOKED_AT }))).Accounts ?? [];
    return listed.flatMap((a) => (a.Id ? [{ id: a.Id, status: a.Status ?? a.State ?? 'UNKNOWN' }] : []));
  });
}

export function organizationsProbes(session: AwsSession, accounts: () => Promise<ListedAccount[]>): Probes {
  const { organizations } = session.clients;
  const { caller, config } = session;
  const accountInOu = once(async () => {
    const listed = await need('organizations:ListAccounts', accounts);
    for (const account of listed.slice(0, ACCOUNTS_LOOKED_AT)) {
      const parent = (await organizations.send(new ListParentsCommand({ ChildId: account.id }))).Parents?.[0];
      if (parent?.Type === 'ORGANIZATIONAL_UNIT' && parent.Id) return { accountId: account.id, ouId: parent.Id, looked: listed.length };
    }
    return { looked: listed.length };
  });

  const rootId = once(async () => some((await organizations.send(new ListRootsCommand({}))).Roots?.[0]?.Id, 'The organisation has no root to list.'));

  return {
    'organizations:ListAccounts': async () => `Listed the organisation's accounts (${(await accounts()).length} on the first page).`,
    'organizations:ListRoots': async () => `Read the organisation's root ${await rootId()}.`,
    'organizations:ListOrganizationalUnitsForParent': async () => {
      const root = await need('organizations:ListRoots', rootId);
      const { OrganizationalUnits } = await organizations.send(new ListOrganizationalUnitsForParentCommand({ ParentId: root, MaxResults: ACCOUNTS_LOOKED_AT }));
      return `Listed the organisational units under the root (${OrganizationalUnits?.length ?? 0} on the first page).`;
    },
    'organizations:ListAccountsForParent': async () => {
      const root = await need('organizations:ListRoots', rootId);
      const { Accounts } = await organizations.send(new ListAccountsForParentCommand({ ParentId: root, MaxResults: ACCOUNTS_LOOKED_AT }));
      return `Listed the accounts directly under the root (${Accounts?.length ?? 0} on the first page).`;
    },
    'organizations:ListParents': async () => {
      const found = await accountInOu();
      return found.accountId ? `Read the parent of account ${found.accountId}.` : `Read the parents of ${found.looked} accounts (all directly under the root).`;
    },
    'organizations:DescribeOrganizationalUnit': async () => {
      const found = await need('organizations:ListParents', accountInOu);
      const ouId = some(found.ouId, `None of the first ${found.looked} accounts is in an organisational unit to call it on.`);
      await organizations.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: ouId }));
      return `Read organisational unit ${ouId}.`;
    },
    'sts:AssumeRole': async () => {
      const listed = await need('organizations:ListAccounts', accounts);
      const member = some(listed.find((a) => a.id !== caller.accountId && a.status === 'ACTIVE'), `There is no active member account among the first ${listed.length} accounts to assume ${config.crossAccountRoleName ?? 'the role'} in.`);
      await session.iamIn(member.id);
      return `Assumed ${config.crossAccountRoleName ?? 'the cross-account role'} in member account ${member.id}.`;
    },
  };
}
