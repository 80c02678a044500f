import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportGroundTruth, type GroundTruth } from '../../../src/aws-sim/index.ts';
import { assessPrivileged } from '../../../src/connectors/index.ts';
import { findIdentityCenterInstance, IDENTITY_CENTER_CONCURRENCY } from '../../../src/connectors/aws/sync/identity-center.ts';
import { syncPermissionSets } from '../../../src/connectors/aws/sync/permission-sets.ts';
import type { AwsSession } from '../../../src/connectors/aws/session/session.ts';
import { allowConnector, drain, itemsOf, recordingContext } from '../../harness/identity-center.ts';
import { sessionFor, simSession, type SimSession } from '../../../harness/sim-session.ts';

const POLICY_ACTIONS = ['sso:ListManagedPoliciesInPermissionSet', 'sso:ListCustomerManagedPolicyReferencesInPermissionSet', 'sso:GetInlinePolicyForPermissionSet'];

async function syncSets(session: AwsSession) {
  const recorder = recordingContext();
  const input = { session, ctx: recorder.ctx };
  const { events, result } = await drain(syncPermissionSets(input, await findIdentityCenterInstance(input)));
  return { ...recorder, sets: itemsOf(events, 'resource'), infos: result };
}

describe('syncPermissionSets', () => {
  let world: SimSession;
  let truth: NonNullable<GroundTruth['identityCenter']>['permissionSets'];
  beforeAll(async () => {
    world = await simSession({ seed: 41, accounts: 2, users: 5, groups: 2, permissionSets: 9 });
    truth = exportGroundTruth(world.sim.world.state).identityCenter!.permissionSets;
  });
  afterAll(() => world.close());

  test("under the guide's policy, lists every permission set and warns once that their policies are not readable", async () => {
    const { sets, infos, warnings } = await syncSets(world.session);
    expect(infos.map((i) => i.arn).sort()).toEqual(truth.map((p) => p.arn).sort());
    const byArn = new Map(sets.map((s) => [s.externalId, s]));
    for (const p of truth) {
      expect(byArn.get(p.arn)).toMatchObject({ resourceType: 'permission_set', displayName: p.name });
      expect(byArn.get(p.arn)!.attributes).toMatchObject({ description: p.description, sessionDuration: p.sessionDuration, relayState: p.relayState, createdDate: p.createdDate });
      expect(byArn.get(p.arn)!.attributes).not.toHaveProperty('managedPolicies');
      expect(byArn.get(p.arn)!.attributes).not.toHaveProperty('privileged');
    }
    expect(infos).toEqual(sets.map((s) => ({ arn: s.externalId, name: s.displayName })));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'OPTIONAL_ACTION_DENIED', feature: 'permission set policies' });
    expect(warnings[0]!.fix).toContain('sso:ListManagedPoliciesInPermissionSet');
    // After the first denial the other permission sets are not asked (only the calls already in flight were).
    const calls = world.session.apiCalls();
    const policyCalls = POLICY_ACTIONS.reduce((n, a) => n + (calls[a] ?? 0), 0);
    expect(policyCalls).toBeGreaterThanOrEqual(1);
    expect(policyCalls).toBeLessThanOrEqual(IDENTITY_CENTER_CONCURRENCY);
    expect(calls['sso:DescribePermissionSet']).toBe(truth.length);
  });

  test('with the policy reads allowed, gives each permission set its managed, customer managed and inline policies', async () => {
    allowConnector(world.sim, POLICY_ACTIONS);
    const session = await sessionFor(world.sim);
    try {
      const { sets, warnings } = await syncSets(session);
      expect(warnings).toEqual([]);
      const byArn = new Map(sets.map((s) => [s.externalId, s.attributes]));
      for (const p of truth) {
        const attributes = byArn.get(p.arn)!;
        expect((attributes.managedPolicies as { arn: string }[]).map((m) => m.arn).sort()).toEqual([...p.managedPolicyArns].sort());
        expect(attributes.customerManagedPolicies).toEqual(p.customerManagedPolicyReferences.map((r) => ({ name: r.name, path: r.path })));
        expect(attributes.inlinePolicy).toEqual(p.inlinePolicy ?? null);
      }
      expect(truth.some((p) => p.inlinePolicy) && truth.some((p) => p.managedPolicyArns.length > 0)).toBe(true);
    } finally {
      session.close();
    }
  });

  test("marks each permission set privileged as assessPrivileged judges the simulator's own policies of that set, and hands the verdict on for its entitlements", async () => {
    allowConnector(world.sim, POLICY_ACTIONS);
    const session = await sessionFor(world.sim);
    try {
      const { sets, infos } = await syncSets(session);
      const byArn = new Map(sets.map((s) => [s.externalId, s.attributes]));
      const infoByArn = new Map(infos.map((i) => [i.arn, i]));
      for (const p of truth) {
        // Customer managed references carry no document here: each account holds its own.
        const expected = assessPrivileged([
          ...p.managedPolicyArns.map((arn) => ({ name: arn.slice(arn.lastIndexOf('/') + 1), arn })),
          ...(p.inlinePolicy ? [{ name: 'inline policy', document: p.inlinePolicy }] : []),
        ]);
        expect(byArn.get(p.arn)).toMatchObject({ privileged: expected.privileged, privilegedReasons: expected.reasons });
        expect(infoByArn.get(p.arn)).toMatchObject({ privileged: expected.privileged, privilegedReasons: expected.reasons });
      }
      expect(truth.some((p) => byArn.get(p.arn)!.privileged === true) && truth.some((p) => byArn.get(p.arn)!.privileged === false)).toBe(true);
      // The verdict costs no call of its own: three policy reads per permission set, none per account.
      const calls = session.apiCalls();
      for (const action of POLICY_ACTIONS) expect(calls[action]).toBe(truth.length);
    } finally {
      session.close();
    }
  });
});
