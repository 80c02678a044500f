/**
 * 500 just-in-time access requests approved at once on the generated 300-account organisation (as the sync
 * bench's), the simulator in a process of its own (sim-child.ts) under AWS-like rate limits, each account
 * assignment IN_PROGRESS for BENCH_ASSIGNMENT_DELAY_MS (default 1,500 ms). Wired as production wires it
 * (`createApp`, `app.requests`, `app.startWorkers()`): sync once, apply a request policy (one permission set
 * on every account, everyone eligible, one approval by a named approver), 500 requests from 500 people (each
 * the permission set on one account), all approved (timed), then the workers started. Measured: wall time
 * until every request is `active` (every grant task read back), then until every request has expired and its
 * revokes are verified. Requests last the policy's minimum, 5 minutes, on the real clock: the service's
 * expiry jobs start at each request's end (pg-boss compares its own clock, so moving the service's injectable
 * clock would leave them waiting and only the minute tick would see the end). The removal phase is timed from
 * the first end due. Each phase is compared with its floor: operations ÷ 15 in flight × the operation's
 * latency, or Identity Center calls needed (2 per operation) ÷ 20/s, the larger (target ≤ 1.3×). The
 * connector role carries RRCU's optional provisioning actions (the status listings), as RRCU's own setup
 * policy grants them, as in the provisioning bench; BENCH_OPTIONAL_ACTIONS=0 measures the setup guide's role.
 * Runs on PGlite and PostgreSQL (BENCH_ENGINES). Prints the load average beside each figure: on a shared
 * machine the figures are inflated.
 */
import { cpus, loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { createApp, createConnectors, type App } from '../src/app.ts';
import { configSchema } from '../src/config/index.ts';
import type { AwsProvisioner } from '../src/connectors/index.ts';
import { AWS_ACTIONS } from '../src/connectors/aws/index.ts';
import type { RequestCaller } from '../src/requests/index.ts';
import { queryRows, type Db } from '../src/store/index.ts';
import { syncConnector } from '../src/sync/index.ts';
import { onEachEngine } from './bench-stores.ts';
import { simulatorProcess } from './sim-child.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const delayMs = Number(process.env.BENCH_ASSIGNMENT_DELAY_MS ?? 1500);
const seed = { seed: 2026, accounts: 300, permissionSets: 40, users: 3000, groups: 200, iamUsersPerAccount: 5 };
const IC_RATE = 20;
const CALLS_NEEDED = 2;
const DURATION_MINUTES = 5;
const floorSeconds = (ops: number) => Math.max((ops * delayMs) / 15 / 1000, (ops * CALLS_NEEDED) / IC_RATE);
const out = (line: string) => process.stdout.write(`${line}\n`);
const load = () => `load ${loadavg().map((n) => n.toFixed(2)).join(' ')} on ${cpus().length} cores`;
const secs = (t: number) => (performance.now() - t) / 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const optional = process.env.BENCH_OPTIONAL_ACTIONS !== '0';
const t0 = performance.now();
const sim = await simulatorProcess({ seed, rateLimits: true, assignmentDelayMs: delayMs }, optional ? { optionalActions: AWS_ACTIONS.filter((a) => a.use === 'provision' && !a.required).map((a) => a.action) } : {});
out(`simulator (process ${sim.pid}): ${seed.accounts} accounts, ${seed.permissionSets} permission sets, ${seed.users} users; AWS-like rate limits; assignments IN_PROGRESS ${delayMs} ms; connector role ${optional ? 'with' : 'without'} RRCU's optional provisioning actions; up in ${secs(t0).toFixed(1)} s`);
const truth = await sim.groundTruth();
const ic = truth.identityCenter!;
// A permission set with no customer managed policy (one an account lacks would fail the assignment), on the
// member accounts where it is provisioned (the management account's assignments act with RRCU's own IAM rights).
const provisionedOn = (arn: string) => truth.accounts.filter((a) => a.status === 'ACTIVE' && !a.outsideOrganization && a.id !== truth.managementAccountId && (ic.provisioned ?? []).some((p) => p.accountId === a.id && p.permissionSetArns.includes(arn)));
const ps = ic.permissionSets.filter((p) => p.customerManagedPolicyReferences.length === 0).sort((a, b) => provisionedOn(b.arn).length - provisionedOn(a.arn).length)[0]!;
const accounts = provisionedOn(ps.arn).map((a) => a.id);
const simulation = { endpoint: sim.endpoint, credentials: sim.credentials };

type Phase = { seconds: number; ops: number; calls: number; load: string };

async function run(db: Db, label: string, app: App, connectorId: string): Promise<void> {
  // People linked to Identity Center users by the sync, with an email (what a caller resolves to).
  const people = await queryRows<{ person_id: string; email: string; external_id: string }>(db, sql`
    select r.person_id, p.email, r.external_id from resources r join people p on p.id = r.person_id
    where r.connector_id = ${connectorId} and r.resource_type_id = 'sso_user' and r.seen_to is null and p.email is not null order by p.email`);
  const held = new Set((await queryRows<{ k: string }>(db, sql`
    select entitlement_key || '|' || principal_external_id as k from grants where connector_id = ${connectorId} and seen_to is null and principal_type_id = 'sso_user'`)).map((r) => r.k));
  const approver = people[0]!;
  const as = (p: { person_id: string; email: string }): RequestCaller => ({ userId: null, personId: p.person_id, role: 'person', actor: `user:${p.email}` });
  const asks: { person: (typeof people)[number]; account: string }[] = [];
  for (const p of people.slice(1)) {
    const account = accounts[asks.length % accounts.length]!;
    if (asks.length < REQUESTS && !held.has(`account:${account}#${ps.arn}|${p.external_id}`)) asks.push({ person: p, account });
  }
  await app.requests.applyPolicy({
    name: 'Bench', connector: connectorId, requestable: [{ kind: 'permission_set', permissionSet: ps.name, accounts: '*' }], eligibility: { everyone: true },
    approvalSteps: [{ approvers: [{ kind: 'people', emails: [approver.email] }], approvals: 1 }], maxDurationMinutes: 60, defaultDurationMinutes: DURATION_MINUTES, justificationRequired: false,
  }, 'cli:bench');
  let t = performance.now();
  const ids: number[] = [];
  for (const a of asks) ids.push((await app.requests.submit({ connector: connectorId, entitlement: { kind: 'permission_set', permissionSet: ps.arn, accounts: [a.account] }, durationMinutes: DURATION_MINUTES }, as(a.person))).request.id);
  const submitSeconds = secs(t);
  out(`  ${ids.length} requests submitted in ${submitSeconds.toFixed(1)} s (${((1000 * submitSeconds) / ids.length).toFixed(0)} ms each); ${load()}`);

  const provisioner = async () => (await app.provisioners.get(connectorId)) as AwsProvisioner;
  const icCalls = async () => Object.entries((await provisioner()).apiCalls()).filter(([op]) => /^(sso|identitystore):/.test(op)).reduce((n, [, c]) => n + c, 0);
  const statuses = async () => Object.fromEntries((await queryRows<{ status: string; n: number }>(db, sql`
    select status, count(*)::int as n from access_requests where id = any(${`{${ids.join(',')}}`}::bigint[]) group by status`)).map((r) => [r.status, Number(r.n)]));
  const verified = async (kind: 'grant' | 'revoke') => Number((await queryRows<{ n: number }>(db, sql`
    select count(*)::int as n from access_request_targets t join provisioning_tasks p on p.id = ${kind === 'grant' ? sql`t.grant_task_id` : sql`t.revoke_task_id`}
    where t.request_id = any(${`{${ids.join(',')}}`}::bigint[]) and p.status = 'succeeded' and (p.verified or p.outcome = 'already')`))[0]!.n);
  const opsOf = async (kind: 'grant' | 'revoke') => Number((await queryRows<{ n: number }>(db, sql`
    select count(*)::int as n from provisioning_tasks where trigger = 'request' and action = ${kind} and trigger_ref = any(${`{${ids.map((i) => `request:${i}`).join(',')}}`}::text[])`))[0]!.n);

  // Approved all at once: one approver deciding each in turn, as fast as the service answers.
  const callsBefore = await icCalls();
  t = performance.now();
  for (const id of ids) await app.requests.approve(id, {}, as(approver));
  const approveSeconds = secs(t);
  out(`  ${ids.length} approvals in ${approveSeconds.toFixed(1)} s (${((1000 * approveSeconds) / ids.length).toFixed(0)} ms each, each asking its grant task); ${load()}`);

  t = performance.now();
  await app.startWorkers();
  let progress = performance.now();
  for (;;) {
    const s = await statuses();
    // Reached active (active_at set), whether or not its end has come since: under load, activation can outlast the 5 minutes.
    const reached = Number((await queryRows<{ n: number }>(db, sql`
      select count(*)::int as n from access_requests where (active_at is not null or status = 'failed') and id = any(${`{${ids.join(',')}}`}::bigint[])`))[0]!.n);
    if (reached >= ids.length) break;
    if (performance.now() - progress > 15_000) {
      progress = performance.now();
      out(`    ${secs(t).toFixed(0)} s: ${JSON.stringify(s)}; grants verified ${await verified('grant')}; ${load()}`);
    }
    await sleep(250);
  }
  const grant: Phase = { seconds: secs(t), ops: await opsOf('grant'), calls: (await icCalls()) - callsBefore, load: load() };
  const afterActive = await statuses();
  const grantsVerified = await verified('grant');

  // The ends: 5 minutes from each approval, on the real clock.
  const [{ first, last }] = (await queryRows<{ first: Date | string; last: Date | string }>(db, sql`
    select min(expires_at) as first, max(expires_at) as last from access_requests where id = any(${`{${ids.join(',')}}`}::bigint[])`)) as [{ first: Date | string; last: Date | string }];
  const firstDue = new Date(first).getTime();
  const lastDue = new Date(last).getTime();
  out(`  active: ${JSON.stringify(afterActive)}; waiting ${((firstDue - Date.now()) / 1000).toFixed(0)} s for the first end (ends spread over ${((lastDue - firstDue) / 1000).toFixed(0)} s, as the approvals were)`);
  while (Date.now() < firstDue) await sleep(200);
  const callsAtEnd = await icCalls();
  t = performance.now();
  progress = performance.now();
  for (;;) {
    const s = await statuses();
    const ended = (s.expired ?? 0) + (s.revoked ?? 0) + (s.failed ?? 0);
    if (ended >= ids.length && (await verified('revoke')) + (await keptOrNone(db, ids)) >= grantsVerified) break;
    if (performance.now() - progress > 15_000) {
      progress = performance.now();
      out(`    ${secs(t).toFixed(0)} s: ${JSON.stringify(s)}; revokes verified ${await verified('revoke')}; ${load()}`);
    }
    await sleep(250);
  }
  const revoke: Phase = { seconds: secs(t), ops: await opsOf('revoke'), calls: (await icCalls()) - callsAtEnd, load: load() };
  const sinceLastDue = (Date.now() - lastDue) / 1000;

  out(`${label}: ${ids.length} requests; ${grant.ops} grant and ${revoke.ops} revoke operations; ${grantsVerified} grants and ${await verified('revoke')} revokes verified`);
  for (const [name, p] of [['all active', grant], ['all removed', revoke]] as const) {
    // The issue's floor: AWS's 15 in flight, or the 2 calls an operation cannot do without at 20/s — not the calls
    // RRCU happened to make (polls above those 2 are RRCU's cost, so they count against it, not into the floor).
    const floor = floorSeconds(p.ops);
    out(`  ${name.padEnd(12)} ${p.seconds.toFixed(1).padStart(6)} s; ${(p.calls / Math.max(1, p.ops)).toFixed(2)} Identity Center calls per operation (${p.calls}); floor ${floor.toFixed(1)} s ` +
      `(${p.ops} ÷ 15 × ${delayMs} ms = ${((p.ops * delayMs) / 15000).toFixed(1)} s, ${p.ops} × ${CALLS_NEEDED} calls ÷ ${IC_RATE}/s = ${((p.ops * CALLS_NEEDED) / IC_RATE).toFixed(1)} s) → ${(p.seconds / floor).toFixed(2)}× (target ≤ 1.3×); ${p.load}`);
  }
  out(`  (the removal phase counts from the first end; the last end was due ${((lastDue - firstDue) / 1000).toFixed(0)} s after it, and all were removed ${sinceLastDue.toFixed(1)} s after the last)`);
}

/** Targets whose end kept the access (granted otherwise) or never had it: no revoke to verify. */
async function keptOrNone(db: Db, ids: number[]): Promise<number> {
  return Number((await queryRows<{ n: number }>(db, sql`
    select count(*)::int as n from access_request_targets where request_id = any(${`{${ids.join(',')}}`}::bigint[]) and status in ('kept')`))[0]!.n);
}

out(`permission set ${ps.name} on ${accounts.length} member accounts; ${REQUESTS} requests of ${DURATION_MINUTES} min`);
try {
  await onEachEngine('rrcu_bench_requests', async ({ label, store }) => {
    const config = configSchema.parse({ dataDir: 'memory://', secretKey: 'bench-requests-secret-key-0123456789', syncSchedule: 'off', allowCustomEndpoints: true });
    const connectors = await createConnectors({ config, store, simulation });
    const connector = await connectors.create({ kind: 'aws', name: 'bench', config: sim.config, ...(sim.scimToken ? { secrets: { scimToken: sim.scimToken } } : {}) }, 'cli:bench');
    let t = performance.now();
    await syncConnector(store.db, connectors, connector, { actor: 'cli:bench' });
    out(`\n${label}: first sync ${secs(t).toFixed(1)} s; ${load()}`);
    const app = await createApp({ config, store, simulation: { ...simulation, connectorId: connector.id } });
    try {
      t = performance.now();
      await run(store.db, label, app, connector.id);
    } finally {
      await app.stop({ timeoutMs: 2000 }).catch(() => undefined);
    }
  });
} finally {
  await sim.stop();
}
