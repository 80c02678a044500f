import { afterAll, beforeAll, expect, test } from 'vitest';
import { exportGroundTruth, type GroundTruth } from '../../../src/aws-sim/index.ts';
import type { ResourceItem } from '../../../src/core/inventory-items.ts';
import { syncIam } from '../../../src/connectors/aws/sync/iam.ts';
import type { AccountInfo } from '../../../src/connectors/aws/resource-types.ts';
import type { SyncEvent } from '../../../src/connectors/connector.ts';
import { allowOptionalActions, drain, recordingContext, sessionFor, simSession, type SimSession } from '../../../harness/sim-session.ts';

type TruthAccount = GroundTruth['accounts'][number];
type TruthUser = TruthAccount['iam']['users'][number];

const REPORT = "IAM users' MFA, passwords and access keys from the credential report";
const KEYS_FALLBACK = 'IAM access keys when the credential report is denied';

let world: SimSession;
beforeAll(async () => {
  world = await simSession({ seed: 7, accounts: 2, users: 4, groups: 2, permissionSets: 2, iamUsersPerAccount: 8 });
});
afterAll(() => world.close());

const truth = () => exportGroundTruth(world.sim.world.state);
const info = (a: TruthAccount): AccountInfo => ({ id: a.id, name: a.name, status: a.status });
const management = () => truth().accounts.find((a) => a.id === world.sim.world.state.managementAccountId)!;
const member = () => truth().accounts.find((a) => a.id !== world.sim.world.state.managementAccountId && !a.outsideOrganization)!;
const users = (items: SyncEvent[]) => new Map(items.filter((i): i is ResourceItem => i.kind === 'resource' && i.resourceType === 'iam_user').map((u) => [u.externalId, u.attributes ?? {}]));
const ours = (warnings: { feature?: string }[]) => warnings.filter((w) => w.feature === REPORT || w.feature === KEYS_FALLBACK).map((w) => w.feature);

/** The report writes times to the second, as AWS's does. */
const toSecond = (iso: string) => iso.replace(/\.\d{3}Z$/, '.000Z');

function expectedKeys(user: TruthUser, precise: (iso: string) => string, withIds: boolean) {
  return user.accessKeys.map((k) => ({
    ...(withIds ? { id: k.accessKeyId } : {}),
    active: k.status === 'Active',
    lastRotated: precise(k.createDate),
    lastUsedDate: k.lastUsed ? precise(k.lastUsed.date) : null,
    lastUsedService: k.lastUsed?.serviceName ?? null,
    lastUsedRegion: k.lastUsed?.region ?? null,
  }));
}

test("with the report allowed (a member account, through the cross-account role), every IAM user's MFA, password and access keys equal the simulator's", async () => {
  const { ctx, warnings } = recordingContext();
  const account = member();
  const { items } = await drain(syncIam({ session: world.session, ctx }, info(account)));
  const synced = users(items);
  expect(account.iam.users.some((u) => u.accessKeys.length > 0) && account.iam.users.some((u) => u.mfaActive)).toBe(true);
  for (const u of account.iam.users) {
    expect(synced.get(u.arn!)).toMatchObject({
      passwordEnabled: u.password !== undefined,
      passwordLastUsed: u.passwordLastUsed ?? null,
      mfaActive: u.mfaActive,
      accessKeys: expectedKeys(u, toSecond, false),
    });
  }
  expect(ours(warnings)).toEqual([]);
});

test('a report AWS already finished costs exactly two calls: Generate (COMPLETE) at the start, Get at the end', async () => {
  const account = member();
  // The previous test's sync had the simulator build this account's report; it is valid for four hours.
  const session = await sessionFor(world.sim);
  try {
    const { ctx } = recordingContext();
    await drain(syncIam({ session, ctx }, info(account)));
    const calls = session.apiCalls();
    expect([calls['iam:GenerateCredentialReport'], calls['iam:GetCredentialReport']]).toEqual([1, 1]);
    expect(calls['iam:ListAccessKeys']).toBeUndefined();
    expect(calls['iam:GetAccessKeyLastUsed']).toBeUndefined();
  } finally {
    session.close();
  }
});

test('with the report and the per-key reads denied (the guide’s policy), the sync succeeds without credential facts, one warning each', async () => {
  const { ctx, warnings } = recordingContext();
  const account = management();
  const { items } = await drain(syncIam({ session: world.session, ctx }, info(account)));
  const synced = users(items);
  expect([...synced.keys()].sort()).toEqual(account.iam.users.map((u) => u.arn!).sort());
  for (const attributes of synced.values()) {
    expect(attributes).not.toHaveProperty('accessKeys');
    expect(attributes).not.toHaveProperty('mfaActive');
    expect(attributes).not.toHaveProperty('passwordEnabled');
  }
  expect(ours(warnings).sort()).toEqual([KEYS_FALLBACK, REPORT]);
  // Another account in the same sync warns no more.
  await drain(syncIam({ session: world.session, ctx }, info(account)));
  expect(ours(warnings)).toHaveLength(2);
});

test('with the report denied but ListAccessKeys and GetAccessKeyLastUsed allowed, the keys are read one by one and MFA and password stay unknown', async () => {
  await allowOptionalActions(world.sim, ['iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed']);
  const session = await sessionFor(world.sim);
  try {
    const { ctx, warnings } = recordingContext();
    const account = management();
    const { items } = await drain(syncIam({ session, ctx }, info(account)));
    const synced = users(items);
    expect(account.iam.users.some((u) => u.accessKeys.length > 0)).toBe(true);
    for (const u of account.iam.users) {
      const attributes = synced.get(u.arn!)!;
      expect(attributes.accessKeys).toEqual(expectedKeys(u, (iso) => iso, true));
      expect(attributes).not.toHaveProperty('mfaActive');
      expect(attributes).not.toHaveProperty('passwordEnabled');
    }
    expect(ours(warnings)).toEqual([REPORT]);
    const calls = session.apiCalls();
    expect(calls['iam:ListAccessKeys']).toBe(account.iam.users.length);
    expect(calls['iam:GetAccessKeyLastUsed']).toBe(account.iam.users.reduce((n, u) => n + u.accessKeys.length, 0));
  } finally {
    session.close();
  }
});

test("the root user's facts from the report's <root_account> row equal the simulator's: an iam_root principal under its account, always privileged, MFA missing named as a reason", async () => {
  const { ctx } = recordingContext();
  const accounts = truth().accounts.filter((a) => a.id !== world.sim.world.state.managementAccountId && !a.outsideOrganization);
  // The seed leaves some member accounts' root without MFA; make sure one of each is seen.
  const withoutMfa = world.sim.world.state.accounts.get(accounts[0]!.id)!.iam;
  withoutMfa.root = { mfaActive: false, passwordLastUsed: new Date('2026-11-02T10:20:30.000Z') };
  // The report is built when generated and kept four hours, as AWS's: let the next Generate build it anew.
  delete withoutMfa.credentialReport;
  for (const account of truth().accounts.filter((a) => accounts.some((m) => m.id === a.id))) {
    const { items } = await drain(syncIam({ session: world.session, ctx }, info(account)));
    const roots = items.filter((i): i is ResourceItem => i.kind === 'resource' && i.resourceType === 'iam_root');
    const root = account.iam.root ?? { mfaActive: true };
    expect(roots).toEqual([
      {
        kind: 'resource',
        resourceType: 'iam_root',
        externalId: `arn:aws:iam::${account.id}:root`,
        parent: { resourceType: 'account', externalId: account.id },
        displayName: `root user of ${account.id}`,
        attributes: {
          mfaActive: root.mfaActive,
          accessKeysPresent: false,
          activeAccessKeys: 0,
          passwordLastUsed: root.passwordLastUsed ? toSecond(root.passwordLastUsed) : null,
          privileged: true,
          privilegedReasons: ['Root user: unrestricted access to the account', ...(root.mfaActive ? [] : ['Root user without MFA'])],
        },
      },
    ]);
  }
});

test('without the report (the management account under the guide’s policy) no root user is synced: nothing about it is known', async () => {
  const { ctx } = recordingContext();
  const { items } = await drain(syncIam({ session: world.session, ctx }, info(management())));
  expect(items.filter((i) => i.kind === 'resource' && i.resourceType === 'iam_root')).toEqual([]);
});
