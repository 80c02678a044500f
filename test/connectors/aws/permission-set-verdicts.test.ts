import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportGroundTruth, startSimulator, type GroundTruth, type Simulator } from '../../../src/aws-sim/index.ts';
import type { AwsConnectorConfig } from '../../../src/connectors/aws/config.ts';
import { createAwsConnector } from '../../../src/connectors/aws/index.ts';
import { entitlementKey, type EntitlementItem } from '../../../src/core/inventory-items.ts';
import { expectedPermissionSetVerdict } from '../../../harness/ground-truth-grants.ts';
import { configFor, recordingContext } from '../../../harness/sim-session.ts';
import { allowConnector } from '../../harness/identity-center.ts';

/**
 * A permission set's verdict on each account weighs the customer managed policies it references, with
 * that account's own copy of each (docs/privileged-access.md). Whole syncs of the connector against
 * the simulator, whose seed widens some accounts' copies to `*` on `*`: each (account, permission set)
 * entitlement, as the store would keep it (the last one yielded per key), is compared with the rules
 * applied to the simulator's own documents.
 */
const POLICY_ACTIONS = ['sso:ListManagedPoliciesInPermissionSet', 'sso:ListCustomerManagedPolicyReferencesInPermissionSet', 'sso:GetInlinePolicyForPermissionSet'];
// Seed 2 provisions SecurityAudit (referencing SecurityToolingAccess) to five accounts, two of them with a widened copy.
const SEED = { seed: 2, accounts: 5, users: 8, groups: 3, permissionSets: 9 };

type Truth = GroundTruth & { identityCenter: NonNullable<GroundTruth['identityCenter']> };

async function startWorld(iamDetailAccess: boolean): Promise<Simulator> {
  const sim = await startSimulator({ seed: { ...SEED, iamDetailAccess }, rateLimits: false });
  allowConnector(sim, POLICY_ACTIONS);
  return sim;
}

/** Every permission-set entitlement the sync leaves staged (a key yielded again replaces the earlier item), its warnings and calls. */
async function syncedEntitlements(sim: Simulator, config: Partial<AwsConnectorConfig> = {}) {
  const connector = createAwsConnector(configFor(sim, config), { baseCredentials: { ...sim.world.rrcu }, now: () => sim.now() });
  const recorder = recordingContext();
  const last = new Map<string, EntitlementItem>();
  try {
    for await (const event of connector.sync(recorder.ctx)) {
      if (event.kind === 'entitlement' && event.attributes?.entitlementType === 'permission_set') last.set(entitlementKey(event.resource, event.slug), event);
    }
  } finally {
    await connector.close();
  }
  const verdictOn = (accountId: string, arn: string) => {
    const attributes = last.get(entitlementKey({ resourceType: 'account', externalId: accountId }, arn))?.attributes ?? {};
    return { privileged: attributes.privileged, privilegedReasons: attributes.privilegedReasons };
  };
  return { verdictOn, count: last.size, warnings: recorder.warnings, calls: connector.apiCalls() };
}

const truthOf = (sim: Simulator) => exportGroundTruth(sim.world.state) as Truth;
const organisationOf = (truth: Truth) => truth.accounts.filter((a) => !a.outsideOrganization);
const referencing = (truth: Truth) => truth.identityCenter.permissionSets.filter((p) => p.customerManagedPolicyReferences.length > 0);
const provisionedTo = (truth: Truth, arn: string) => (truth.identityCenter.provisioned ?? []).filter((p) => p.permissionSetArns.includes(arn)).map((p) => p.accountId);

describe('with every account’s policy documents read (GetAccountAuthorizationDetails allowed everywhere)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startWorld(true);
  });
  afterAll(async () => {
    await sim?.stop();
  });

  test("each (account, permission set) entitlement carries the rules' verdict over the set's policies and that account's copies of the customer managed policies it references", async () => {
    const truth = truthOf(sim);
    const { verdictOn, count, calls } = await syncedEntitlements(sim);
    const accounts = organisationOf(truth);
    expect(count).toBe(accounts.length * truth.identityCenter.permissionSets.length);
    for (const account of accounts) {
      for (const ps of truth.identityCenter.permissionSets) expect({ account: account.id, ps: ps.name, ...verdictOn(account.id, ps.arn) }).toEqual({ account: account.id, ps: ps.name, ...expectedPermissionSetVerdict(account, ps) });
    }
    // No call of its own: the documents come with the accounts' GetAccountAuthorizationDetails.
    for (const action of ['iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:ListPolicies', 'iam:ListPolicyVersions']) expect(calls[action]).toBeUndefined();
    expect(calls['iam:GetAccountAuthorizationDetails']).toBe(accounts.length);
  });

  test('the same permission set is privileged on the account whose copy of its policy is admin-level, and not on one whose copy of the same name is narrow', async () => {
    const truth = truthOf(sim);
    const ps = referencing(truth).find((p) => p.name === 'SecurityAudit')!;
    const copyIn = (accountId: string) => organisationOf(truth).find((a) => a.id === accountId)!.iam.policies.find((p) => p.policyName === 'SecurityToolingAccess')!;
    const widened = provisionedTo(truth, ps.arn).filter((id) => JSON.stringify(copyIn(id).document).includes('IncidentBreakGlass'));
    const narrow = provisionedTo(truth, ps.arn).filter((id) => !widened.includes(id));
    expect(widened.length).toBeGreaterThan(0);
    expect(narrow.length).toBeGreaterThan(0);
    const { verdictOn } = await syncedEntitlements(sim);
    for (const id of widened) expect(verdictOn(id, ps.arn)).toEqual({ privileged: true, privilegedReasons: ['Allows * on * (customer managed policy SecurityToolingAccess in this account)'] });
    for (const id of narrow) expect(verdictOn(id, ps.arn)).toEqual({ privileged: false, privilegedReasons: [] });
  });

  test('a referenced policy missing from an account grants nothing there, and the reasons say so', async () => {
    const truth = truthOf(sim);
    const ps = referencing(truth).find((p) => p.name === 'SecurityAudit')!;
    const [accountId] = provisionedTo(truth, ps.arn);
    const iam = sim.world.state.accounts.get(accountId!)!.iam;
    const arn = `arn:aws:iam::${accountId}:policy/SecurityToolingAccess`;
    const policy = iam.policies.get(arn)!;
    const holders = [...iam.roles.values()].filter((r) => r.attachedPolicyArns.has(arn));
    // Deleted after provisioning: IAM requires detaching it first.
    for (const role of holders) role.attachedPolicyArns.delete(arn);
    iam.policies.delete(arn);
    try {
      const { verdictOn } = await syncedEntitlements(sim);
      expect(verdictOn(accountId!, ps.arn)).toEqual({ privileged: false, privilegedReasons: ['customer managed policy SecurityToolingAccess: not in this account, grants nothing here'] });
    } finally {
      iam.policies.set(arn, policy);
      for (const role of holders) role.attachedPolicyArns.add(arn);
    }
  });

  test("with cross-account IAM off, a member account's references are stated as not assessed, never \"not privileged\"; the management account's are judged", async () => {
    const truth = truthOf(sim);
    const { verdictOn } = await syncedEntitlements(sim, { crossAccountRoleName: undefined });
    const management = organisationOf(truth).find((a) => a.id === truth.managementAccountId)!;
    for (const ps of referencing(truth)) {
      expect(verdictOn(management.id, ps.arn)).toEqual(expectedPermissionSetVerdict(management, ps));
      for (const member of organisationOf(truth).filter((a) => a.id !== management.id)) {
        const notAssessed = ps.customerManagedPolicyReferences.map((r) => `customer managed policy ${r.name}: not assessed (cross-account IAM is off, so this account's IAM is not read)`);
        // These sets' own policies grant nothing privileged: without the account's copies the verdict is unknown.
        expect(verdictOn(member.id, ps.arn)).toEqual({ privileged: undefined, privilegedReasons: notAssessed });
      }
    }
    // A set without references has its own verdict on every account, as before.
    const admin = truth.identityCenter.permissionSets.find((p) => p.name === 'AdministratorAccess')!;
    for (const account of organisationOf(truth)) expect(verdictOn(account.id, admin.arn)).toEqual({ privileged: true, privilegedReasons: ['AdministratorAccess (AWS managed)'] });
  });
});

describe("under the setup guide's IAM reads (GetAccountAuthorizationDetails denied in the management account)", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startWorld(false);
  });
  afterAll(async () => {
    await sim?.stop();
  });

  test("the management account's references are stated as not assessed, with the denied action; member accounts, read through the cross-account role, are judged", async () => {
    const truth = truthOf(sim);
    const { verdictOn, warnings } = await syncedEntitlements(sim);
    expect(warnings.some((w) => w.code === 'OPTIONAL_ACTION_DENIED' && w.fix?.includes('iam:GetAccountAuthorizationDetails'))).toBe(true);
    for (const ps of referencing(truth)) {
      for (const account of organisationOf(truth)) {
        if (account.id !== truth.managementAccountId) {
          expect(verdictOn(account.id, ps.arn)).toEqual(expectedPermissionSetVerdict(account, ps));
          continue;
        }
        const notAssessed = ps.customerManagedPolicyReferences.map(
          (r) => `customer managed policy ${r.name}: not assessed (iam:GetAccountAuthorizationDetails is denied in this account, so its policy documents were not read)`,
        );
        expect(verdictOn(account.id, ps.arn)).toEqual({ privileged: undefined, privilegedReasons: notAssessed });
      }
    }
  });
});
