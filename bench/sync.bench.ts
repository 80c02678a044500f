/**
 * A full sync of a large simulated organisation (300 accounts, 40 permission sets, 3,000 users,
 * 200 groups) under the simulator's AWS-like rate limits: API calls against today's and against the
 * floor that AWS's limits set (Identity Center's calls ÷ 20/s), wall time, the commit's tail after the
 * last AWS call, RRCU's own peak memory, and whether what was stored equals the simulator's ground truth.
 * The simulator runs in a process of its own (sim-child.ts), so the memory printed is RRCU's alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { grantsAt } from '../src/access/index.ts';
import { AWS_ACTIONS } from '../src/connectors/aws/index.ts';
import { createAwsConnector } from '../src/connectors/index.ts';
import { connectors, openStore } from '../src/store/index.ts';
import { describeRetries, summarizeApiCalls, runSync } from '../src/sync/index.ts';
import { expectedGrants, observed } from '../harness/ground-truth-grants.ts';
import { simulatorProcess } from './sim-child.ts';

const seed = { seed: 2026, accounts: 300, permissionSets: 40, users: 3000, groups: 200, iamUsersPerAccount: 5 };
const IDENTITY_CENTER_TPS = 20;
/** `npm run bench sync` when issue #12 was filed (one process, simulator included): what the ratios below compare with. */
const BEFORE = { calls: 15_739, identityCenterCalls: 3_166, wallSeconds: 184, commitTailSeconds: 21, peakRssMb: 645 };
const out = (line: string) => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

const t0 = performance.now();
// The connector role carries the policy RRCU's setup page generates (the demo's): every optional read, so the calls
// counted are those of the whole inventory RRCU can read (permission set policies, OU paths, IAM in depth), not of
// the setup guide's narrower policy. BENCH_SYNC_POLICY=guide measures that one instead.
const guidePolicy = process.env.BENCH_SYNC_POLICY === 'guide';
const optionalActions = guidePolicy ? [] : AWS_ACTIONS.filter((a) => a.use === 'sync' && !a.required).map((a) => a.action);
const sim = await simulatorProcess({ seed, rateLimits: true }, { optionalActions });
out(`simulator (process ${sim.pid}): ${seed.accounts} accounts, ${seed.permissionSets} permission sets, ${seed.users} users, ${seed.groups} groups, AWS-like rate limits, up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
out(`connector role: ${guidePolicy ? "the setup guide's policy (optional reads denied)" : `RRCU's setup policy (${optionalActions.length} optional reads allowed)`}`);
// On disk, as RRCU runs PGlite: in memory (`memory://`) the whole database would count in RRCU's RSS.
const dataDir = mkdtempSync(join(tmpdir(), 'rrcu-bench-sync-'));
const store = await openStore({ dataDir });
const [row] = await store.db.insert(connectors).values({ kind: 'aws', name: 'bench' }).returning({ id: connectors.id });
const connector = createAwsConnector(sim.config, { baseCredentials: sim.credentials, ...(sim.scimToken ? { scimToken: sim.scimToken } : {}) });

// RRCU's memory and the moment of its last AWS call, sampled while the sync runs.
let peakRss = 0;
let calls = 0;
let lastCallAt = performance.now();
// PGlite runs the commit on this thread, so no timer samples during it: the tail starts when the commit does.
let committingAt: number | null = null;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const total = summarizeApiCalls(connector.apiCalls()).total;
  if (total !== calls) {
    calls = total;
    lastCallAt = performance.now();
  }
};
const sampler = setInterval(sample, 100);
const logged = new Set<string>();
const started = performance.now();
const outcome = await runSync(store.db, row!.id, connector, {
  actor: 'bench',
  onProgress: (p) => {
    if (p.stage === 'committing' && !logged.has(p.stage)) committingAt = performance.now();
    if (logged.has(p.stage)) return;
    logged.add(p.stage);
    out(`  ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ${p.stage} (${p.items} items, ${p.apiCalls} calls)`);
  },
});
const ended = performance.now();
sample();
clearInterval(sampler);
await connector.close();
const seconds = (ended - started) / 1000;
const tail = (ended - (committingAt ?? lastCallAt)) / 1000;

const { operations, total, retries } = summarizeApiCalls(outcome.run.apiCalls);
const identityCenter = operations.filter((o) => o.operation.startsWith('sso:') || o.operation.startsWith('identitystore:')).reduce((n, o) => n + o.calls, 0);
const iam = operations.filter((o) => o.operation.startsWith('iam:')).reduce((n, o) => n + o.calls, 0);
const floor = identityCenter / IDENTITY_CENTER_TPS;
const ratio = (now: number, before: number) => `${(now / before).toFixed(2)}× today's ${before.toLocaleString('en')}`;

out(`\nAPI calls per operation:`);
for (const o of operations) out(`  ${o.operation.padEnd(50)} ${o.calls}`);
out(`\ncalls: ${total.toLocaleString('en')} (${ratio(total, BEFORE.calls)}; target ≤ 4,500): ${identityCenter.toLocaleString('en')} to Identity Center, ${iam.toLocaleString('en')} IAM, ${(total - identityCenter - iam).toLocaleString('en')} other; retried: ${describeRetries(retries) || 'none'}`);
out(`wall time: ${seconds.toFixed(1)} s (today ${BEFORE.wallSeconds} s); floor set by Identity Center's ${IDENTITY_CENTER_TPS}/s: ${floor.toFixed(1)} s → ${(seconds / floor).toFixed(2)}× the floor (target ≤ 1.10×)`);
out(`commit tail (last AWS call to the end of the commit): ${tail.toFixed(1)} s (today ~${BEFORE.commitTailSeconds} s)`);
out(`stored: ${outcome.run.counts.grant} grants staged, ${outcome.changes['opened:grant']} grant rows opened (with group expansion)`);
const simPeak = sim.peakRss();
out(`peak RSS: RRCU ${mb(peakRss)} (target ≤ 600 MB; today ${BEFORE.peakRssMb} MB with the simulator inside)${simPeak === null ? '' : `; the simulator's process ${mb(simPeak)}`}`);

const expected = expectedGrants(await sim.groundTruth(), true);
const got = observed(await grantsAt(store.db, { connectorId: row!.id }));
const gotSet = new Set(got);
const expectedSet = new Set(expected);
const missing = expected.filter((g) => !gotSet.has(g));
const extra = got.filter((g) => !expectedSet.has(g));
out(`ground truth: ${expected.length} grants; synced ${got.length}; ${missing.length} missing, ${extra.length} extra → ${missing.length === 0 && extra.length === 0 ? 'EXACT MATCH' : 'MISMATCH'}`);
for (const g of [...missing.slice(0, 5).map((m) => `missing ${m}`), ...extra.slice(0, 5).map((x) => `extra ${x}`)]) out(`  ${g}`);

await store.close();
rmSync(dataDir, { recursive: true, force: true });
await sim.stop();
if (missing.length !== 0 || extra.length !== 0) process.exitCode = 1;
