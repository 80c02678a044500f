/**
 * The store's commit alone (`npm run bench commit`): a generated organisation the size of the sync
 * bench's (~108k grants after group expansion, bench/generated-org.ts) is staged through `stageItems`
 * as a sync stages it, then `commitSnapshot` is timed: first into an empty inventory (a first sync), then
 * the same snapshot again (a sync that finds nothing changed: the usual case). On PGlite and on PostgreSQL (bench-stores.ts). No AWS, no simulator.
 * BENCH_COMMIT_ACCOUNTS scales the organisation (users and accounts grow together).
 */
import { sql } from 'drizzle-orm';
import { connectors, queryRows } from '../src/store/index.ts';
import { expectedGrantCount, generatedItems, type GeneratedOrg } from './generated-org.ts';
import { onEachEngine, stageAndCommit } from './bench-stores.ts';

const accounts = Number(process.env.BENCH_COMMIT_ACCOUNTS ?? 300);
const org: GeneratedOrg = { seed: 2026, accounts, permissionSets: 40, users: accounts * 10, groups: 200, groupAssignmentsPerAccount: 20, userAssignmentsPerAccount: 20 };
const out = (line: string) => process.stdout.write(`${line}\n`);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
out(`organisation: ${org.accounts} accounts, ${org.permissionSets} permission sets, ${org.users} users, ${org.groups} groups; ~${expectedGrantCount(org).toLocaleString('en')} grants after expansion`);

await onEachEngine('rrcu_bench_commit', async ({ label, store }) => {
  out(`\n${label}`);
  const [row] = await store.db.insert(connectors).values({ kind: 'aws', name: 'bench' }).returning({ id: connectors.id });
  const report = (what: string, r: Awaited<ReturnType<typeof stageAndCommit>>) =>
    out(`  ${what.padEnd(34)} staged in ${r.stageSeconds.toFixed(1).padStart(5)} s, commit ${r.commitSeconds.toFixed(1).padStart(5)} s (grant rows: ${r.opened} opened, ${r.closed} closed)`);
  report('first sync (empty inventory)', await stageAndCommit(store.db, row!.id, generatedItems(org)));
  report('same snapshot again', await stageAndCommit(store.db, row!.id, generatedItems(org)));
  const [open] = await queryRows<{ n: number }>(store.db, sql`select count(*)::int as n from grants where seen_to is null`);
  out(`  open grant rows: ${open!.n}`);
});
clearInterval(sampler);
out(`\npeak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`);
