import { DeleteAccountAliasCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportGroundTruth } from '../../../src/aws-sim/index.ts';
import { AWS_ACTIONS } from '../../../src/connectors/aws/index.ts';
import type { ResourceItem } from '../../../src/core/inventory-items.ts';
import { syncAccounts } from '../../../src/connectors/aws/sync/accounts.ts';
import { allowOptionalActions, drain, recordingContext, sessionFor, simSession, type SimSession } from '../../../harness/sim-session.ts';

/** 24 accounts: more than one page of ListAccounts (20 a page). */
let world: SimSession;
beforeAll(async () => {
  world = await simSession({ seed: 41, accounts: 23, users: 4, groups: 1, permissionSets: 1, iamUsersPerAccount: 0 });
});
afterAll(() => world.close());

const orgAccounts = () => exportGroundTruth(world.sim.world.state).accounts.filter((a) => !a.outsideOrganization);

describe('with Organizations support', () => {
  test('every account of the organisation, across pages, with its name, email, status, join and the management alias', async () => {
    const { ctx, warnings } = recordingContext();
    const { items, result } = await drain(syncAccounts({ session: world.session, ctx }));
    const truth = orgAccounts();
    expect(world.session.apiCalls()['organizations:ListAccounts']).toBe(2);
    expect(result).toEqual(expect.arrayContaining(truth.map((a) => ({ id: a.id, name: a.name, status: a.status }))));
    expect(result).toHaveLength(truth.length);
    const byId = new Map((items as ResourceItem[]).map((item) => [item.externalId, item]));
    expect(items).toHaveLength(truth.length);
    for (const a of truth) {
      const management = a.id === world.sim.world.state.managementAccountId;
      expect(byId.get(a.id)).toEqual({
        kind: 'resource',
        resourceType: 'account',
        externalId: a.id,
        parent: null,
        displayName: a.name,
        attributes: {
          arn: expect.stringMatching(new RegExp(`:account/o-[a-z0-9]+/${a.id}$`)),
          email: a.email,
          status: a.status,
          joinedMethod: a.joinedMethod,
          joinedTimestamp: a.joinedTimestamp,
          ...(management ? { alias: a.iam.aliases[0] } : {}),
        },
      });
    }
    // The setup guide's policy lacks the OU calls: one warning, and the paths are left out.
    expect(warnings).toEqual([expect.objectContaining({ code: 'OPTIONAL_ACTION_DENIED', feature: 'account OU paths' })]);
    expect(warnings[0]!.fix).toContain('"Action": "organizations:ListParents"');
  });

  test('OU paths once ListParents and DescribeOrganizationalUnit are allowed, each OU described once; the walk denied is one warning naming its line', async () => {
    await allowOptionalActions(world.sim, ['organizations:ListParents', 'organizations:DescribeOrganizationalUnit']);
    const session = await sessionFor(world.sim);
    try {
      const { ctx, warnings } = recordingContext();
      const { items } = await drain(syncAccounts({ session, ctx }));
      expect(warnings).toEqual([expect.objectContaining({ code: 'OPTIONAL_ACTION_DENIED', feature: expect.stringContaining('account OU paths in a few calls') })]);
      expect(warnings[0]!.message).toContain('organizations:ListRoots is denied, so account OU paths are read with one ListParents call per account');
      expect(warnings[0]!.fix).toContain('organizations:ListRoots');
      const paths = Object.fromEntries((items as ResourceItem[]).map((item) => [item.externalId, item.attributes?.ouPath]));
      expect(paths).toEqual(Object.fromEntries(orgAccounts().map((a) => [a.id, a.ouPath])));
      const ous = exportGroundTruth(world.sim.world.state).organization!.ous;
      const usedOus = ous.filter((ou) => orgAccounts().some((a) => a.ouPath === ou.path || a.ouPath?.startsWith(`${ou.path}/`)));
      expect(session.apiCalls()['organizations:DescribeOrganizationalUnit']).toBe(usedOus.length);
    } finally {
      session.close();
    }
  });

  test("with RRCU's setup policy, OU paths come from one walk down the tree: a listing or two per OU, no call per account", async () => {
    await allowOptionalActions(world.sim, AWS_ACTIONS.filter((a) => a.use === 'sync' && !a.required).map((a) => a.action));
    const session = await sessionFor(world.sim);
    try {
      const { ctx, warnings } = recordingContext();
      const { items } = await drain(syncAccounts({ session, ctx }));
      expect(warnings).toEqual([]);
      const paths = Object.fromEntries((items as ResourceItem[]).map((item) => [item.externalId, item.attributes?.ouPath]));
      expect(paths).toEqual(Object.fromEntries(orgAccounts().map((a) => [a.id, a.ouPath])));
      const calls = session.apiCalls();
      expect(calls['organizations:ListParents']).toBeUndefined();
      expect(calls['organizations:DescribeOrganizationalUnit']).toBeUndefined();
      // Every OU and the root is listed once for its accounts and once for its OUs (each fits a page here).
      const containers = exportGroundTruth(world.sim.world.state).organization!.ous.length + 1;
      expect(calls['organizations:ListRoots']).toBe(1);
      expect(calls['organizations:ListAccountsForParent']).toBe(containers);
      expect(calls['organizations:ListOrganizationalUnitsForParent']).toBe(containers);
      expect(containers).toBeLessThan(orgAccounts().length);
    } finally {
      session.close();
    }
  });
});

describe('an account the walk does not meet', () => {
  test('is looked up on its own (one ListParents), so no account is left without its OU path', async () => {
    const world = await simSession({ seed: 42, accounts: 6, users: 2, groups: 1, permissionSets: 1, iamUsersPerAccount: 0 });
    try {
      await allowOptionalActions(world.sim, AWS_ACTIONS.filter((a) => a.use === 'sync' && !a.required).map((a) => a.action));
      const session = await sessionFor(world.sim);
      try {
        const state = world.sim.world.state;
        const org = state.organization!;
        const ou = [...org.ous.values()].find((o) => o.parentId !== org.rootId)!;
        // ListAccounts answers a second later: the walk has gone down the tree by then, and the account created
        // meanwhile (as one joining while a sync runs) is in the listing but not in the walk.
        world.sim.injectFault({ operation: 'organizations:ListAccounts', kind: 'delay', delayMs: 1500 });
        const syncing = drain(syncAccounts({ session, ctx: recordingContext().ctx }));
        const containers = org.ous.size + 1;
        await expect.poll(() => session.apiCalls()['organizations:ListOrganizationalUnitsForParent'] ?? 0).toBe(containers);
        await new Promise((resolve) => setTimeout(resolve, 100));
        const template = [...state.accounts.values()].find((a) => a.id !== state.managementAccountId)!;
        const joined = { ...template, id: '999999999999', name: 'joined-during-sync', email: 'joined@example.com', parentId: ou.id };
        state.accounts.set(joined.id, joined);
        const { items } = await syncing;
        const paths = Object.fromEntries((items as ResourceItem[]).map((item) => [item.externalId, item.attributes?.ouPath]));
        const truth = exportGroundTruth(state).accounts.filter((a) => !a.outsideOrganization);
        expect(truth.some((a) => a.id === joined.id)).toBe(true);
        expect(paths).toEqual(Object.fromEntries(truth.map((a) => [a.id, a.ouPath])));
        expect(session.apiCalls()['organizations:ListParents']).toBeGreaterThanOrEqual(1);
      } finally {
        session.close();
      }
    } finally {
      await world.close();
    }
  });
});

describe('without Organizations support', () => {
  test("only the role's own account, named by its alias", async () => {
    const session = await sessionFor(world.sim, { organizations: false });
    try {
      const { items, result } = await drain(syncAccounts({ session, ctx: recordingContext().ctx }));
      const management = orgAccounts().find((a) => a.id === world.sim.world.state.managementAccountId)!;
      const alias = management.iam.aliases[0]!;
      expect(result).toEqual([{ id: management.id, name: alias, status: 'ACTIVE' }]);
      expect(items).toEqual([{ kind: 'resource', resourceType: 'account', externalId: management.id, parent: null, displayName: alias, attributes: { alias } }]);
      expect(session.apiCalls()['organizations:ListAccounts']).toBeUndefined();
    } finally {
      session.close();
    }
  });

  test('an account without an alias is named by its id', async () => {
    const { sim } = world;
    const management = orgAccounts().find((a) => a.id === sim.world.state.managementAccountId)!;
    const admin = new IAMClient({ region: sim.region, endpoint: sim.endpoint, credentials: { ...sim.world.admin } });
    await admin.send(new DeleteAccountAliasCommand({ AccountAlias: management.iam.aliases[0]! }));
    admin.destroy();
    const session = await sessionFor(sim, { organizations: false });
    try {
      const { items } = await drain(syncAccounts({ session, ctx: recordingContext().ctx }));
      expect(items).toEqual([{ kind: 'resource', resourceType: 'account', externalId: management.id, parent: null, displayName: management.id, attributes: {} }]);
    } finally {
      session.close();
    }
  });
});
