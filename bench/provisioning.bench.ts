/**
 * 1,200 account-assignment operations through provisioning tasks (600 grants, then the same 600
 * revoked) under the simulator's AWS-like limits: rate limits on, each operation IN_PROGRESS for
 * BENCH_ASSIGNMENT_DELAY_MS (default 1,500 ms, what AWS typically takes), at most 15 in progress per
 * instance (AWS's fixed quota; the 16th is throttled), Identity Center's 20 calls a second. The
 * connector role carries RRCU's optional provisioning actions (the status listings), as RRCU's own
 * setup policy grants them; BENCH_OPTIONAL_ACTIONS=0 measures the role of the setup guide without them.
 * Prints wall time, throughput, Identity Center calls per operation, how close the operations in flight
 * stayed to 15, the ratio to the floor, and the anchor: a public AWS sample solution took 61 minutes
 * for 1,200.
 */
import { cpus, loadavg } from 'node:os';
import { startSimulator } from '../src/aws-sim/index.ts';
import { startJobEngine } from '../src/jobs/index.ts';
import { createProvisionerPool, createProvisioningService, listTasks, PROVISIONING_QUEUE_SPECS, startProvisioningWorkers, waitUntilIdle } from '../src/provisioning/index.ts';
import { openStore } from '../src/store/index.ts';
import type { AwsProvisioner } from '../src/connectors/index.ts';
import { AWS_ACTIONS } from '../src/connectors/aws/index.ts';
import { assignmentOperations, connectorsFor, createConnectorFor, syncFromSim } from '../harness/aws-connector.ts';
import { allowOptionalActions } from '../harness/sim-session.ts';

const PER_PHASE = 600;
const delayMs = Number(process.env.BENCH_ASSIGNMENT_DELAY_MS ?? 1500);
const seed = { seed: 2027, accounts: 20, permissionSets: 6, users: 300, groups: 10, iamUsersPerAccount: 1 };
const ANCHOR_MINUTES = 61;
/** Identity Center's documented rate (calls a second, shared), and the calls an operation cannot do without: its create or delete, and its read-back. */
const IC_RATE = 20;
const CALLS_NEEDED = 2;
const optional = process.env.BENCH_OPTIONAL_ACTIONS !== '0';
/** The floor for `ops` operations: AWS's 15 in flight for `delayMs` each, or the calls they need at 20 a second, whichever is slower. */
const floorSeconds = (ops: number) => Math.max((ops * delayMs) / 15 / 1000, (ops * CALLS_NEEDED) / IC_RATE);

const sim = await startSimulator({ seed, rateLimits: true, assignmentDelayMs: delayMs });
if (optional) await allowOptionalActions(sim, AWS_ACTIONS.filter((a) => a.use === 'provision' && !a.required).map((a) => a.action));
const store = await openStore({ dataDir: 'memory://' });
const connector = await createConnectorFor(store, sim, 'bench');
let t = performance.now();
await syncFromSim(store, sim, connector);
process.stdout.write(
  `simulator: ${seed.accounts} accounts, ${seed.permissionSets} permission sets, ${seed.users} users; AWS-like rate limits; assignments IN_PROGRESS ${delayMs} ms; ` +
    `connector role ${optional ? 'with' : 'without'} RRCU's optional provisioning actions; first sync ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
);

const ic = sim.world.state.identityCenter!;
const assigned = new Set([...ic.assignments.values()].map((a) => `${a.accountId}|${a.permissionSetArn}|${a.principalId}`));
const accounts = [...sim.world.state.accounts.values()].filter((a) => a.status === 'ACTIVE' && !a.outsideOrganization).map((a) => a.id);
// Permission sets already provisioned to an account: one that references a customer managed policy
// the account lacks would make AWS fail the assignment, which is not what is measured here.
const pairs = accounts.flatMap((accountId) => [...(ic.provisioned.get(accountId) ?? [])].map((arn) => ({ accountId, arn })));
const targets: { entitlement: string; principal: string }[] = [];
for (const userId of ic.users.keys()) {
  const { accountId, arn } = pairs[(targets.length * 7) % pairs.length]!;
  if (targets.length < PER_PHASE && !assigned.has(`${accountId}|${arn}|${userId}`)) targets.push({ entitlement: `account:${accountId}#${arn}`, principal: userId });
}
for (const userId of [...ic.users.keys()].reverse()) {
  for (const { accountId, arn } of pairs) {
    const entitlement = `account:${accountId}#${arn}`;
    if (targets.length < PER_PHASE && !assigned.has(`${accountId}|${arn}|${userId}`) && !targets.some((x) => x.entitlement === entitlement && x.principal === userId)) targets.push({ entitlement, principal: userId });
  }
}

const engine = await startJobEngine(store, { queues: PROVISIONING_QUEUE_SPECS });
const connectors = connectorsFor(store, sim);
const pool = createProvisionerPool(connectors);
const service = createProvisioningService({ db: store.db, jobs: engine, provisioners: pool, connectors });

// Operations in progress, sampled: AWS's view of how full the 15 slots are.
const samples: number[] = [];
const sampler = setInterval(() => {
  const now = sim.now();
  samples.push([...ic.operations.values()].filter((o) => o.kind !== 'PROVISION' && o.createdDate.getTime() <= now && o.completesAt > now).length);
}, 100);

/** Identity Center calls (every HTTP attempt, throttled ones too) the worker's provisioner has made, per operation. */
async function identityCenterCalls(): Promise<Record<string, number>> {
  const calls = ((await pool.get(connector.id)) as AwsProvisioner).apiCalls();
  return Object.fromEntries(Object.entries(calls).filter(([op]) => /(^|:)(sso|identitystore):/.test(op)));
}
const sum = (calls: Record<string, number>) => Object.entries(calls).filter(([op]) => /^(sso|identitystore):/.test(op)).reduce((n, [, c]) => n + c, 0);
const means: number[] = [];

async function phase(action: 'grant' | 'revoke'): Promise<number> {
  const before = await identityCenterCalls();
  const cpu = process.cpuUsage();
  const requested = performance.now();
  // Asked for together, as a bulk grant or a review's revokes are (a hundred tasks to a transaction).
  const inputs = targets.map((target) => ({ connector: connector.id, ...target, actor: 'bench', trigger: action === 'grant' ? ('manual' as const) : ('expiry' as const) }));
  const answers = await (action === 'grant' ? service.requestGrants(inputs) : service.requestRevokes(inputs));
  const refused = answers.filter((a) => !('task' in a));
  if (refused.length) throw new Error(`${refused.length} ${action}s refused: ${String(refused[0])}`);
  const started = performance.now();
  samples.length = 0;
  await waitUntilIdle(store.db, { intervalMs: 200 });
  const seconds = (performance.now() - started) / 1000;
  const busy = samples.filter((n) => n > 0);
  const mean = busy.reduce((a, b) => a + b, 0) / Math.max(1, busy.length);
  means.push(mean);
  const after = await identityCenterCalls();
  const calls = Object.fromEntries(Object.entries(after).map(([op, n]): [string, number] => [op, n - (before[op] ?? 0)]).filter(([, n]) => n > 0));
  const perOp = (n: number) => (n / targets.length).toFixed(2);
  const used = process.cpuUsage(cpu);
  const cpuShare = (used.user + used.system) / 1000 / (performance.now() - requested);
  process.stdout.write(
    `${action}: ${targets.length} tasks requested in ${((started - requested) / 1000).toFixed(1)} s, run in ${seconds.toFixed(1)} s ` +
      `(${(targets.length / seconds).toFixed(1)}/s, ${(seconds / floorSeconds(targets.length)).toFixed(2)}× the floor); in progress while busy: mean ${mean.toFixed(1)} of 15, ≥14 in ${((100 * busy.filter((n) => n >= 14).length) / Math.max(1, busy.length)).toFixed(0)}% of samples\n` +
      `  Identity Center calls per operation: ${perOp(sum(calls))} (${Object.entries(calls).map(([op, n]) => `${op} ${perOp(n)}`).join(', ')})\n` +
      // RRCU, its store and the simulator share this process: near 100% it is the CPU, not AWS's limits, that sets the pace.
      `  CPU of this process (RRCU, store and simulator): ${(100 * cpuShare).toFixed(0)}% of one core; load average ${loadavg().map((n) => n.toFixed(2)).join(' ')} on ${cpus().length} cores\n`,
  );
  return seconds;
}

await startProvisioningWorkers(engine, { db: store.db, provisioners: pool }, { pollingIntervalSeconds: 0.5 });
t = performance.now();
const grantSeconds = await phase('grant');
const revokeSeconds = await phase('revoke');
const total = (performance.now() - t) / 1000;
clearInterval(sampler);

const tasks = await listTasks(store.db, { limit: 10_000 });
const byStatus = tasks.reduce<Record<string, number>>((acc, x) => ({ ...acc, [`${x.status}${x.outcome ? `/${x.outcome}` : ''}`]: (acc[`${x.status}${x.outcome ? `/${x.outcome}` : ''}`] ?? 0) + 1 }), {});
const { ops, maxInFlight } = assignmentOperations(sim);
t = performance.now();
const observed = await syncFromSim(store, sim, connector);
const observedCount = (await listTasks(store.db, { limit: 10_000 })).filter((x) => x.observedRunId === observed.run.id).length;

process.stdout.write(`\ntasks: ${JSON.stringify(byStatus)}; AWS operations: ${ops.length} (${ops.filter((o) => o.status === 'FAILED').length} failed); most in progress at once: ${maxInFlight} (limit 15)\n`);
for (const [reason, n] of Object.entries(tasks.filter((x) => x.status === 'failed').reduce<Record<string, number>>((acc, x) => ({ ...acc, [x.error?.message ?? '?']: (acc[x.error?.message ?? '?'] ?? 0) + 1 }), {}))) {
  process.stdout.write(`  failed ×${n}: ${reason}\n`);
}
process.stdout.write(`1,200 operations (${PER_PHASE} grants ${grantSeconds.toFixed(0)} s + ${PER_PHASE} revokes ${revokeSeconds.toFixed(0)} s): ${total.toFixed(0)} s = ${(total / 60).toFixed(1)} min, ${((ops.length / total) * 60).toFixed(0)} operations/min\n`);
const floor = floorSeconds(2 * PER_PHASE);
process.stdout.write(
  `floor: ${floor.toFixed(0)} s (15 in flight × ${delayMs} ms each, and ${CALLS_NEEDED} Identity Center calls per operation at ${IC_RATE}/s); ` +
    `${total.toFixed(0)} s is ${(total / floor).toFixed(2)}× the floor (target ≤ 1.3×); mean in progress while busy ${((means[0]! + means[1]!) / 2).toFixed(1)} of 15\n`,
);
process.stdout.write(`anchor (AWS sample solution): ${ANCHOR_MINUTES} min → ${((ANCHOR_MINUTES * 60) / total).toFixed(1)}× faster; load average ${loadavg().map((n) => n.toFixed(2)).join(' ')} on ${cpus().length} cores\n`);
process.stdout.write(`next sync (${((performance.now() - t) / 1000).toFixed(1)} s) observed ${observedCount} tasks\n`);

await engine.stop({ graceful: false });
await pool.close();
await store.close();
await sim.stop();
const failed = tasks.some((x) => x.status !== 'succeeded') || ops.some((o) => o.status === 'FAILED') || maxInFlight > 15;
process.exit(failed ? 1 : 0);
