/**
 * Evidence reports at scale (`npm run bench evidence-reports`): the sync bench's generated organisation
 * (~108k grants after group expansion, bench/generated-org.ts) committed through the store, then a second
 * snapshot without every 50th grant item (closes those and what they expand to), its people linked; each
 * report's producer is timed with every row of every table read once (what one file written costs), and
 * the process's peak RSS sampled while it runs. The writers (PDF, CSV) are evidence-writers.bench.ts.
 * On PGlite and on PostgreSQL (bench-stores.ts; BENCH_ENGINES picks).
 */
import { grantsAt } from '../src/access/index.ts';
import { REPORT_PRODUCERS, type Report } from '../src/evidence/index.ts';
import { expectedGrantCount, type GeneratedOrg } from './generated-org.ts';
import { onEachEngine, twoSnapshotsOf } from './bench-stores.ts';

const accounts = Number(process.env.BENCH_EVIDENCE_ACCOUNTS ?? 300);
const org: GeneratedOrg = { seed: 2026, accounts, permissionSets: 40, users: accounts * 10, groups: 200, groupAssignmentsPerAccount: 20, userAssignmentsPerAccount: 20 };
const out = (line: string) => process.stdout.write(`${line}\n`);
const BY = { actor: 'cli:bench', name: 'Bench' };

/** Produces the report and reads every row of every table once, sampling RSS meanwhile. */
async function measure(name: string, produce: () => Promise<Report>): Promise<void> {
  const before = process.memoryUsage();
  let peak = before.rss;
  let heap = before.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 20);
  const t = performance.now();
  const report = await produce();
  const produced = performance.now() - t;
  const rows: string[] = [];
  for (const table of report.tables) {
    let n = 0;
    for await (const _row of table.rows()) n++;
    rows.push(`${table.name} ${n.toLocaleString('en')}`);
  }
  clearInterval(sampler);
  const seconds = (performance.now() - t) / 1000;
  out(`  ${name}: ${seconds.toFixed(1)} s (summary ${(produced / 1000).toFixed(1)} s), rows: ${rows.join(', ')}; RSS ${(before.rss / 2 ** 20).toFixed(0)} MB -> peak ${(peak / 2 ** 20).toFixed(0)} MB, JS heap ${(before.heapUsed / 2 ** 20).toFixed(0)} -> peak ${(heap / 2 ** 20).toFixed(0)} MB`);
}

out(`organisation: ${org.accounts} accounts, ${org.users} users, ${org.groups} groups; ~${expectedGrantCount(org).toLocaleString('en')} grants after expansion`);

await onEachEngine('rrcu_bench_evidence_reports', async ({ label, store }) => {
  out(`\n${label}`);
  const db = store.db;
  const { connectorId, between, now, closed } = await twoSnapshotsOf(db, org);
  out(`  second snapshot closed ${closed.toLocaleString('en')} grants`);
  // For comparison: the same answer as one array (what the report pages through instead).
  const t = performance.now();
  const whole = await grantsAt(db, { connectorId, at: now });
  out(`  grantsAt whole answer, one call: ${whole.length.toLocaleString('en')} rows in ${((performance.now() - t) / 1000).toFixed(1)} s; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB while held`);
  whole.length = 0;
  await measure('access_at (whole inventory)', () => REPORT_PRODUCERS.access_at.produce(db, { connectorId, at: now }, BY, new Date()));
  await measure('access_changes (between the two snapshots)', () => REPORT_PRODUCERS.access_changes.produce(db, { connectorId, from: between, to: now }, BY, new Date()));
  await measure('privileged_access', () => REPORT_PRODUCERS.privileged_access.produce(db, { connectorId }, BY, new Date()));
  await measure('orphaned_identities', () => REPORT_PRODUCERS.orphaned_identities.produce(db, { connectorId, keyUnusedDays: 90 }, BY, new Date()));
});
