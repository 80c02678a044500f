/**
 * A full sync of a large simulated organisation (300 accounts, 40 permission sets, 3,000 users,
 * 200 groups) under the simulator's AWS-like rate limits: wall time and API calls against the floor
 * that AWS's limits set (Identity Center's calls ÷ 20/s), memory, and whether what was stored equals
 * the simulator's ground truth.
 */
import { grantsAt } from '../src/access/index.ts';
import { exportGroundTruth, startSimulator } from '../src/aws-sim/index.ts';
import { createAwsConnector } from '../src/connectors/index.ts';
import { connectors, openStore } from '../src/store/index.ts';
import { describeRetries, summarizeApiCalls, runSync } from '../src/sync/index.ts';
import { expectedGrants, observed } from '../harness/ground-truth-grants.ts';
import { configFor } from '../harness/sim-session.ts';

const seed = { seed: 2026, accounts: 300, permissionSets: 40, users: 3000, groups: 200, iamUsersPerAccount: 5 };
const IDENTITY_CENTER_TPS = 20;

const t0 = performance.now();
const sim = await startSimulator({ seed, rateLimits: true });
process.stdout.write(`simulator: ${seed.accounts} accounts, ${seed.permissionSets} permission sets, ${seed.users} users, ${seed.groups} groups, AWS-like rate limits, up in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
const store = await openStore({ dataDir: 'memory://' });
const [row] = await store.db.insert(connectors).values({ kind: 'aws', name: 'bench' }).returning({ id: connectors.id });
const connector = createAwsConnector(configFor(sim), { baseCredentials: sim.world.rrcu, scimToken: sim.world.rrcu.scimToken, now: () => sim.now() });

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
const logged = new Set<string>();
const started = performance.now();
const outcome = await runSync(store.db, row!.id, connector, {
  actor: 'bench',
  onProgress: (p) => {
    if (logged.has(p.stage)) return;
    logged.add(p.stage);
    process.stdout.write(`  ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ${p.stage} (${p.items} items, ${p.apiCalls} calls)\n`);
  },
});
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
await connector.close();

const { operations: calls, total, retries } = summarizeApiCalls(outcome.run.apiCalls);
const identityCenter = calls.filter((o) => o.operation.startsWith('sso:') || o.operation.startsWith('identitystore:')).reduce((n, o) => n + o.calls, 0);
const floor = identityCenter / IDENTITY_CENTER_TPS;

process.stdout.write(`\nAPI calls per operation:\n`);
for (const o of calls) process.stdout.write(`  ${o.operation.padEnd(50)} ${o.calls}\n`);
process.stdout.write(`\ncalls: ${total} (${identityCenter} to Identity Center), retried: ${describeRetries(retries) || 'none'}\n`);
process.stdout.write(`wall time: ${seconds.toFixed(1)} s; floor set by Identity Center's ${IDENTITY_CENTER_TPS}/s: ${floor.toFixed(1)} s (${(seconds / floor).toFixed(2)}× the floor); all calls ÷ 20/s would be ${(total / 20).toFixed(1)} s\n`);
process.stdout.write(`stored: ${outcome.run.counts.grant} grants staged, ${outcome.changes['opened:grant']} grant rows opened (with group expansion); peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB\n`);

const truth = exportGroundTruth(sim.world.state);
const expected = expectedGrants(truth, true);
const got = observed(await grantsAt(store.db, { connectorId: row!.id }));
const gotSet = new Set(got);
const expectedSet = new Set(expected);
const missing = expected.filter((g) => !gotSet.has(g)).length;
const extra = got.filter((g) => !expectedSet.has(g)).length;
process.stdout.write(`ground truth: ${expected.length} grants; synced ${got.length}; ${missing} missing, ${extra} extra → ${missing === 0 && extra === 0 ? 'EXACT MATCH' : 'MISMATCH'}\n`);

await store.close();
await sim.stop();
if (missing !== 0 || extra !== 0) process.exitCode = 1;
