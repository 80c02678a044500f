import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AccessRecord } from '../../src/access/index.ts';
import { exportGroundTruth } from '../../src/aws-sim/index.ts';
import { assessPrivileged } from '../../src/connectors/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { allowConnector } from '../harness/identity-center.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

const POLICY_ACTIONS = ['sso:ListManagedPoliciesInPermissionSet', 'sso:ListCustomerManagedPolicyReferencesInPermissionSet', 'sso:GetInlinePolicyForPermissionSet'];

describeStore('privileged access over HTTP', (store) => {
  let t: TestServer;
  /** Each permission set's verdict, judged from the simulator's own policies of it. */
  let verdicts: Map<string, { privileged: boolean; reasons: string[] }>;
  const get = async (url: string) => t.server.inject({ method: 'GET', url, headers: await t.as('auditor') });

  beforeAll(async () => {
    // Enough permission sets that the seeded catalogue holds privileged ones (AdministratorAccess) and others.
    t = await startTestServer(store(), { sim: { seed: 23, accounts: 2, users: 10, groups: 3, permissionSets: 6 }, workers: true });
    allowConnector(t.sim!, POLICY_ACTIONS);
    const outcome = await t.app.syncs.runNow(t.connector!.id, 'system');
    expect(outcome.run.status).toBe('succeeded');
    const sets = exportGroundTruth(t.sim!.world.state).identityCenter!.permissionSets;
    verdicts = new Map(sets.map((p) => [p.arn, assessPrivileged([
      ...p.managedPolicyArns.map((arn) => ({ name: arn.slice(arn.lastIndexOf('/') + 1), arn })),
      ...(p.inlinePolicy ? [{ name: 'inline policy', document: p.inlinePolicy }] : []),
    ])]));
  });
  afterAll(async () => {
    await t?.close();
  });

  test('each grant says whether its entitlement is privileged, and ?privileged=true keeps exactly the privileged ones', async () => {
    const all = (await get('/api/access?limit=5000')).json<{ items: AccessRecord[] }>().items;
    // Account assignments. The 'may assume' grants of a role Identity Center made for a permission set name
    // that set too (iam-trust.ts), but a trust policy says who may assume a role, not what it may do: not assessed.
    const assignments = all.filter((r) => r.resourceType === 'account' && r.permissionSetArn !== null);
    expect(assignments.length).toBeGreaterThan(0);
    const reservedRoleTrust = all.filter((r) => r.resourceType === 'iam_role' && r.permissionSetArn !== null);
    expect(reservedRoleTrust.length).toBeGreaterThan(0);
    expect(reservedRoleTrust.every((r) => r.privileged === null)).toBe(true);
    for (const r of assignments) {
      const verdict = verdicts.get(r.permissionSetArn!)!;
      expect({ privileged: r.privileged, reasons: r.privilegedReasons }).toEqual({ privileged: verdict.privileged, reasons: verdict.reasons });
    }
    // Memberships are not assessed yet: unknown, not "not privileged".
    expect(all.filter((r) => r.entitlement === 'member').every((r) => r.privileged === null)).toBe(true);
    expect(assignments.some((r) => r.privileged)).toBe(true);
    expect(assignments.some((r) => r.privileged === false)).toBe(true);
    // The filter keeps every privileged grant: IAM policies and principals the sync judged privileged too (iam-policies.ts).
    const expected = all.filter((r) => r.privileged).map((r) => r.grantId).sort();

    const res = await get('/api/access?privileged=true&limit=5000');
    expect(res.statusCode).toBe(200);
    const answer = res.json<{ total: number; items: AccessRecord[] }>();
    expect(answer.items.map((r) => r.grantId).sort()).toEqual(expected);
    expect(answer.total).toBe(expected.length);

    const csv = (await get('/api/access.csv?privileged=true')).body.trim().split('\r\n');
    expect(csv).toHaveLength(expected.length + 1);
    expect((await get('/api/access?privileged=yes')).statusCode).toBe(400);
  });
});
