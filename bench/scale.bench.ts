/**
 * The 1M-grant scale point (`npm run bench scale`): a generated organisation of 1,000 accounts,
 * 40 permission sets, 10,000 users and 200 groups (~1.05M grants after group expansion), on PGlite and
 * on PostgreSQL (bench-stores.ts). Fed through the store's real snapshot API, not a simulated sync: the
 * items of bench/generated-org.ts are staged with `stageItems` as a sync stages them and committed with
 * `commitSnapshot` (a simulated sync of 1,000 accounts would spend its time in the simulator and the SDK,
 * which bench/sync.bench.ts measures; here only the store's size matters). Prints the ingest (stage and
 * commit), then the p50/p95 of 200 "access as of" questions as the explorer asks them: a page of 100 rows
 * with its totals (answerAccessPage), filtered by account, by principal, by permission set, privileged
 * only, or nothing, and the search box (searchInventory); and peak RSS. BENCH_SCALE_ACCOUNTS scales it.
 */
import { sql } from 'drizzle-orm';
import { answerAccessPage, searchInventory, type AccessQuestion } from '../src/access/index.ts';
import { connectors, queryRows } from '../src/store/index.ts';
import { accountId, expectedGrantCount, generatedItems, permissionSetName, userId, userName, type GeneratedOrg } from './generated-org.ts';
import { onEachEngine, stageAndCommit } from './bench-stores.ts';

const accounts = Number(process.env.BENCH_SCALE_ACCOUNTS ?? 1000);
const org: GeneratedOrg = { seed: 2026, accounts, permissionSets: 40, users: accounts * 10, groups: 200, groupAssignmentsPerAccount: 20, userAssignmentsPerAccount: 20 };
const QUERIES = 200;
const out = (line: string) => process.stdout.write(`${line}\n`);

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
// Sampled between statements too: PGlite runs a statement without yielding to timers.
const sampler = setInterval(sample, 100);
out(`organisation: ${org.accounts} accounts, ${org.permissionSets} permission sets, ${org.users} users, ${org.groups} groups; ~${expectedGrantCount(org).toLocaleString('en')} grants after expansion`);

/** The explorer's questions, drawn the same on both engines. */
function questions(connectorId: string): { kind: string; ask: AccessQuestion | string }[] {
  let state = 7;
  const pick = (n: number) => (state = (state * 48271) % 2147483647) % n;
  const kinds = ['account', 'principal', 'permission set', 'privileged', 'everything', 'search'] as const;
  return Array.from({ length: QUERIES }, (_, i) => {
    const kind = kinds[i % kinds.length]!;
    const base = { connectorId };
    switch (kind) {
      case 'account':
        return { kind, ask: { ...base, account: accountId(pick(org.accounts)) } };
      case 'principal':
        return { kind, ask: { ...base, principal: userId(pick(org.users)) } };
      case 'permission set':
        return { kind, ask: { ...base, permissionSet: permissionSetName(pick(org.permissionSets)) } };
      case 'privileged':
        return { kind, ask: { ...base, privileged: true } };
      case 'everything':
        return { kind, ask: base };
      case 'search':
        return { kind, ask: userName(pick(org.users)).slice(0, 4) };
    }
  });
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

await onEachEngine('rrcu_bench_scale', async ({ label, store }) => {
  out(`\n${label}`);
  peakRss = 0;
  const [row] = await store.db.insert(connectors).values({ kind: 'aws', name: 'bench' }).returning({ id: connectors.id });
  const ingest = await stageAndCommit(store.db, row!.id, generatedItems(org));
  sample();
  const [open] = await queryRows<{ n: number }>(store.db, sql`select count(*)::int as n from grants where seen_to is null`);
  out(`  ingest: staged in ${ingest.stageSeconds.toFixed(1)} s, commit ${ingest.commitSeconds.toFixed(1)} s (target ≤ ${store.backend === 'pglite' ? 60 : 30} s); ${open!.n.toLocaleString('en')} grant rows open`);

  const at = new Date();
  const byKind = new Map<string, number[]>();
  const all: number[] = [];
  for (const { kind, ask } of questions(row!.id)) {
    const t = performance.now();
    if (typeof ask === 'string') await searchInventory(store.db, ask, 20);
    else await answerAccessPage(store.db, { ...ask, at }, { limit: 100, offset: 0 });
    const ms = performance.now() - t;
    sample();
    // The target is the access questions'; the search box is printed beside them.
    if (kind !== 'search') all.push(ms);
    byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
  }
  const describe = (ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    return `p50 ${quantile(sorted, 0.5).toFixed(0).padStart(5)} ms, p95 ${quantile(sorted, 0.95).toFixed(0).padStart(5)} ms`;
  };
  out(`  access as of (${all.length} questions, a page of 100 with totals): ${describe(all)} (target p95 ≤ 50 ms)`);
  for (const [kind, ms] of byKind) out(`    ${kind.padEnd(16)} ${describe(ms)} (${ms.length})`);
  out(`  peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`);
});
clearInterval(sampler);
