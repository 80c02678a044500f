/**
 * Customer managed policies that differ from account to account. A permission set's customer managed
 * reference names a policy by path and name only; each account the set is provisioned to holds its own
 * copy, and copies drift: in some accounts the copy was widened to every action (an incident's
 * break-glass statement nobody removed), so the same permission set is admin-level there and narrow
 * elsewhere. Drawn from its own random stream after the rest of the world, so adding it left every
 * earlier entity and id as it was.
 */
import type { Rng } from './random.ts';
import { iamArn } from './seed-iam.ts';
import { dateBetween, SEED_EPOCH } from './seed-people.ts';
import type { ManagedPolicy, SimState } from './state.ts';
import { statementsOf } from './policy.ts';

/** The statement a widened copy gained. */
export const WIDENED_STATEMENT = { Sid: 'IncidentBreakGlass', Effect: 'Allow', Action: '*', Resource: '*' } as const;

/** Of the copies that provisioned permission sets reference, one surely and a few more by chance are widened. */
const WIDENED_CHANCE = 0.15;

export function seedCustomerPolicyDrift(rng: Rng, state: SimState): void {
  const ic = state.identityCenter;
  if (!ic) return;
  const copies: ManagedPolicy[] = [];
  for (const [accountId, arns] of ic.provisioned) {
    const iam = state.accounts.get(accountId)?.iam;
    for (const arn of arns) {
      for (const ref of ic.permissionSets.get(arn)?.customerManagedPolicyReferences ?? []) {
        const policy = iam?.policies.get(iamArn(accountId, 'policy', ref.path, ref.name));
        if (policy && !copies.includes(policy)) copies.push(policy);
      }
    }
  }
  if (copies.length === 0) return;
  const widened = new Set([rng.pick(copies)]);
  for (const policy of copies) if (rng.chance(WIDENED_CHANCE)) widened.add(policy);
  for (const policy of widened) {
    // A new document: the seeder shares one document object between every account's copy.
    policy.document = { ...structuredClone(policy.document), Statement: [...structuredClone(statementsOf(policy.document)), { ...WIDENED_STATEMENT }] };
    policy.updateDate = dateBetween(rng, policy.createDate.getTime(), SEED_EPOCH);
    policy.defaultVersionId = 'v2';
  }
}
