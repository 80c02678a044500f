import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { exportGroundTruth, startSimulator, type FaultSpec, type Simulator } from '../../../src/aws-sim/index.ts';
import { createAwsConnector } from '../../../src/connectors/aws/index.ts';
import { entitlementKey } from '../../../src/core/inventory-items.ts';
import { entitlements, type Db } from '../../../src/store/index.ts';
import { runSync } from '../../../src/sync/index.ts';
import { describeStore } from '../../harness/store-test.ts';
import { createTestConnector } from '../../harness/inventory-fixtures.ts';
import { allowConnector } from '../../harness/identity-center.ts';
import { expectedPermissionSetVerdict } from '../../../harness/ground-truth-grants.ts';
import { configFor } from '../../../harness/sim-session.ts';

/**
 * A permission set referencing customer managed policies is judged on each account by that account's IAM
 * stage, and the assignments stage leaves those entitlements out (src/connectors/aws/index.ts). A sync
 * that fails on a transient cause after one of the two stages finished for every account is resumed:
 * it must end with the verdicts an uninterrupted sync gives, which are the rules' over the simulator's
 * own documents, whichever stage the failed attempt finished.
 */
const POLICY_ACTIONS = ['sso:ListManagedPoliciesInPermissionSet', 'sso:ListCustomerManagedPolicyReferencesInPermissionSet', 'sso:GetInlinePolicyForPermissionSet'];
// Seed 2 provisions SecurityAudit to five accounts, two of them with a copy of its policy widened to * on *.
const SEED = { seed: 2, accounts: 5, users: 8, groups: 3, permissionSets: 9, iamDetailAccess: true };

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: SEED, rateLimits: false });
  allowConnector(sim, POLICY_ACTIONS);
});
afterAll(async () => {
  await sim?.stop();
});

const connectorOn = (options: { maxAttempts?: number } = {}) =>
  createAwsConnector(configFor(sim), { baseCredentials: { ...sim.world.rrcu }, scimToken: sim.world.rrcu.scimToken, now: () => sim.now(), ...options });

/** The stored verdict of every current permission-set entitlement, by key. */
async function storedVerdicts(db: Db, connectorId: string): Promise<Map<string, unknown>> {
  const rows = await db
    .select({ key: entitlements.key, attributes: entitlements.attributes })
    .from(entitlements)
    .where(and(eq(entitlements.connectorId, connectorId), isNull(entitlements.seenTo), sql`${entitlements.attributes}->>'entitlementType' = 'permission_set'`));
  return new Map(rows.map((r) => [r.key, { privileged: r.attributes.privileged, privilegedReasons: r.attributes.privilegedReasons }]));
}

function expectGroundTruth(verdicts: Map<string, unknown>): void {
  const truth = exportGroundTruth(sim.world.state);
  const sets = truth.identityCenter!.permissionSets;
  const accounts = truth.accounts.filter((a) => !a.outsideOrganization);
  expect(verdicts.size).toBe(accounts.length * sets.length);
  for (const account of accounts) {
    for (const ps of sets) expect(verdicts.get(entitlementKey({ resourceType: 'account', externalId: account.id }, ps.arn))).toEqual(expectedPermissionSetVerdict(account, ps));
  }
  // The world shows what the test is about: a set privileged on some accounts only by their copies.
  expect([...verdicts.values()].some((v) => (v as { privilegedReasons: string[] }).privilegedReasons.some((r) => r.includes('customer managed policy SecurityToolingAccess in this account')))).toBe(true);
}

const iamMarkers = () => [...sim.world.state.accounts.values()].filter((a) => !a.outsideOrganization).map((a) => `iam:${a.id}`);
const assignmentMarkers = () => [...sim.world.state.accounts.values()].filter((a) => !a.outsideOrganization).map((a) => `assignments:${a.id}`);

/** A sync failing on `faults` (held long enough for the other side to finish), then the resumed one; both runs' done markers. */
async function failThenResume(db: Db, faults: FaultSpec[]) {
  const connectorId = await createTestConnector(db);
  for (const fault of faults) sim.injectFault(fault);
  const first = connectorOn({ maxAttempts: 1 });
  try {
    await expect(runSync(db, connectorId, first, { actor: 'test' })).rejects.toThrow();
  } finally {
    sim.clearFaults();
    await first.close();
  }
  const [failed] = await db.query.syncRuns.findMany({ where: (r, { eq }) => eq(r.connectorId, connectorId) });
  expect(failed!.checkpoint?.resumable).toBe(true);
  const second = connectorOn();
  const outcome = await runSync(db, connectorId, second, { actor: 'test' });
  await second.close();
  expect(outcome).toMatchObject({ resumed: true, run: { id: failed!.id, status: 'succeeded' } });
  return { done: failed!.checkpoint!.done, verdicts: await storedVerdicts(db, connectorId) };
}

describeStore('permission-set verdicts of a resumed sync', (store) => {
  let uninterrupted: Map<string, unknown>;

  test('an uninterrupted sync stores the rules’ verdicts over each account’s copies', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    const connector = connectorOn();
    await runSync(db, connectorId, connector, { actor: 'test' });
    await connector.close();
    uninterrupted = await storedVerdicts(db, connectorId);
    expectGroundTruth(uninterrupted);
  });

  test("resumed after every account's IAM stage finished and the assignment listing failed: the same verdicts", async () => {
    // Each account's IAM takes at least the credential report's 2.5 s; the listing fails after 6 s.
    const slowThenFailing = (operation: string): FaultSpec[] => [
      { operation, kind: 'delay', delayMs: 6_000, count: Infinity },
      { operation, kind: 'server-error', count: Infinity },
    ];
    const { done, verdicts } = await failThenResume(store().db, [...slowThenFailing('sso:ListAccountAssignments'), ...slowThenFailing('sso:ListAccountAssignmentsForPrincipal')]);
    expect(done).toEqual(expect.arrayContaining(iamMarkers()));
    expect(done.filter((m) => m.startsWith('assignments:'))).toEqual([]);
    expect(verdicts).toEqual(uninterrupted);
    expectGroundTruth(verdicts);
  }, 60_000);

  test("resumed after every account's assignments were listed and the IAM reads failed: the same verdicts", async () => {
    const { done, verdicts } = await failThenResume(store().db, [
      { operation: 'iam:GetAccountAuthorizationDetails', kind: 'delay', delayMs: 4_000, count: Infinity },
      { operation: 'iam:GetAccountAuthorizationDetails', kind: 'server-error', count: Infinity },
    ]);
    expect(done).toEqual(expect.arrayContaining(assignmentMarkers()));
    expect(done.filter((m) => m.startsWith('iam:'))).toEqual([]);
    expect(verdicts).toEqual(uninterrupted);
    expectGroundTruth(verdicts);
  }, 60_000);
});
