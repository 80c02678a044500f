/**
 * The shape of a seeded organisation: which accounts exist, what they are called, and which OU
 * holds each, laid out the way AWS's multi-account guidance has customers do it (Security,
 * Infrastructure, Workloads by environment, Sandbox, and a Suspended OU for closed accounts).
 */
import { ENVIRONMENTS, WORKLOADS } from './names.ts';
import type { Rng } from './random.ts';

export type AccountKind = 'management' | 'security' | 'infrastructure' | 'production' | 'staging' | 'development' | 'sandbox';

export type PlannedAccount = {
  name: string;
  kind: AccountKind;
  /** OU path below the root, `Workloads/Production`; empty for the root itself. */
  ouPath: string;
  suspended: boolean;
  /** For a sandbox, the index of the person who owns it among the Identity Center users. */
  ownerIndex?: number;
};

/** OUs every seeded organisation has, parents before children. */
export const OU_PATHS: readonly string[] = [
  'Security',
  'Infrastructure',
  'Workloads',
  'Workloads/Production',
  'Workloads/Staging',
  'Workloads/Development',
  'Sandbox',
  'Suspended',
];

/** Foundational accounts, and the position in the account list where each appears. */
const FOUNDATION: readonly { at: number; name: string; kind: AccountKind; ou: string }[] = [
  { at: 0, name: 'security-audit', kind: 'security', ou: 'Security' },
  { at: 3, name: 'log-archive', kind: 'security', ou: 'Security' },
  { at: 4, name: 'shared-services', kind: 'infrastructure', ou: 'Infrastructure' },
  { at: 9, name: 'network-hub', kind: 'infrastructure', ou: 'Infrastructure' },
  { at: 15, name: 'security-tooling', kind: 'security', ou: 'Security' },
  { at: 22, name: 'ci-cd', kind: 'infrastructure', ou: 'Infrastructure' },
  { at: 30, name: 'dns', kind: 'infrastructure', ou: 'Infrastructure' },
  { at: 40, name: 'backup-vault', kind: 'infrastructure', ou: 'Infrastructure' },
];

const REGIONS_FOR_REPEATS = ['eu', 'us', 'apac', 'emea', 'latam', 'uk', 'de', 'jp', 'au', 'ca'];

/**
 * Plans `count` member accounts. Sandboxes are owned by people (`sandbox-maria-okafor`), one in
 * about every seven accounts; in organisations of 50 or more accounts about 1 % are suspended.
 */
export function planAccounts(
  rng: Rng,
  count: number,
  sandboxOwners: readonly { userName: string }[],
): PlannedAccount[] {
  const planned: PlannedAccount[] = [];
  const workloads = rng.shuffle(WORKLOADS);
  const queue: { name: string; kind: AccountKind; ou: string }[] = [];
  let cursor = 0;
  // Past the end of the workload list, the same workloads reappear per region (`payments-eu-prod`).
  const refill = () => {
    const base = workloads[cursor % workloads.length] as string;
    const round = Math.floor(cursor / workloads.length);
    cursor++;
    const name = round === 0 ? base : `${base}-${REGIONS_FOR_REPEATS[(round - 1) % REGIONS_FOR_REPEATS.length]}`;
    for (const env of ENVIRONMENTS) {
      if (env.ou === 'Development' && !rng.chance(0.5)) continue;
      const kind: AccountKind = env.ou === 'Production' ? 'production' : env.ou === 'Staging' ? 'staging' : 'development';
      queue.push({ name: `${name}-${env.suffix}`, kind, ou: `Workloads/${env.ou}` });
    }
  };
  const ownersLeft = rng.shuffle(sandboxOwners.map((_, i) => i));
  for (let i = 0; i < count; i++) {
    const foundation = FOUNDATION.find((f) => f.at === i);
    if (foundation) {
      planned.push({ name: foundation.name, kind: foundation.kind, ouPath: foundation.ou, suspended: false });
    } else if (i % 7 === 6 && ownersLeft.length > 0) {
      const ownerIndex = ownersLeft.pop() as number;
      const owner = sandboxOwners[ownerIndex] as { userName: string };
      planned.push({ name: `sandbox-${owner.userName.replace(/\./g, '-')}`, kind: 'sandbox', ouPath: 'Sandbox', suspended: false, ownerIndex });
    } else {
      while (queue.length === 0) refill();
      const next = queue.shift() as { name: string; kind: AccountKind; ou: string };
      planned.push({ name: next.name, kind: next.kind, ouPath: next.ou, suspended: false });
    }
  }
  if (count >= 50) {
    const candidates = planned.filter((p) => p.kind === 'development' || p.kind === 'sandbox' || p.kind === 'staging');
    for (const p of rng.sample(candidates, Math.max(1, Math.round(count / 100)))) {
      p.suspended = true;
      p.ouPath = 'Suspended';
    }
  }
  return planned;
}
