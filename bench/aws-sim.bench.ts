/**
 * The simulator at the size of a large customer (300 accounts, 40 permission sets, 3,000 users,
 * 200 groups): how long seeding and starting take, what the world costs in memory, and how fast it
 * answers the calls a full sync makes, through the real SDK clients signed as the connector role.
 * AWS allows about 20 calls/s on Identity Center's admin APIs, so the ratio says how much faster
 * than AWS a test or demo sync can run. Figures only; nothing here asserts on time.
 *
 * The clients and the simulator share one process, so the rates include the SDK's own signing and
 * parsing; a CPU profile shows that side, not the simulator's handlers, takes most of the time.
 */
import { IAMClient, ListUsersCommand as IamListUsers } from '@aws-sdk/client-iam';
import { IdentitystoreClient, ListGroupMembershipsCommand, ListUsersCommand } from '@aws-sdk/client-identitystore';
import { ListAccountAssignmentsCommand, ListPermissionSetsProvisionedToAccountCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { startSimulator, seedWorld, type SeedOptions } from '../src/aws-sim/index.ts';

const SIZE: SeedOptions = { seed: 1, accounts: 300, permissionSets: 40, users: 3000, groups: 200, iamUsersPerAccount: 5 };
/** Requests in flight at once, as a sync with bounded concurrency would have. */
const CONCURRENCY = 8;
const AWS_IDENTITY_CENTER_TPS = 20;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (t: number) => `${t.toFixed(0)} ms`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function memory(label: string): void {
  const m = process.memoryUsage();
  console.log(`${label.padEnd(22)} rss ${mb(m.rss)}, heap used ${mb(m.heapUsed)}`);
}

/** Runs `jobs` with at most CONCURRENCY in flight; returns how many AWS calls they made. */
async function drive(jobs: (() => Promise<number>)[]): Promise<number> {
  let next = 0;
  let calls = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const made = await (jobs[next++] as () => Promise<number>)();
      calls += made;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return calls;
}

async function measure(label: string, jobs: (() => Promise<number>)[]): Promise<{ calls: number; seconds: number }> {
  const start = performance.now();
  const calls = await drive(jobs);
  const seconds = (performance.now() - start) / 1000;
  const rate = calls / seconds;
  console.log(`${label.padEnd(52)} ${fmt(calls).padStart(6)} calls in ${seconds.toFixed(2)} s = ${fmt(rate)} calls/s`
    + ` = ${(rate / AWS_IDENTITY_CENTER_TPS).toFixed(0)}× AWS's ${AWS_IDENTITY_CENTER_TPS}/s limit`);
  return { calls, seconds };
}

memory('before seeding');
let t = performance.now();
const world = seedWorld(SIZE);
const seedMs = performance.now() - t;
const ic = world.state.identityCenter;
if (!ic) throw new Error('the seeded world has no Identity Center instance');
console.log(`seeded ${world.state.accounts.size} accounts, ${ic.permissionSets.size} permission sets, ${ic.users.size} users, `
  + `${ic.groups.size} groups, ${ic.memberships.size} memberships, ${ic.assignments.size} account assignments in ${ms(seedMs)}`);
memory('after seeding');

t = performance.now();
const sim = await startSimulator({ world, rateLimits: false, assignmentDelayMs: 0 });
console.log(`started on ${sim.endpoint} in ${ms(performance.now() - t)}`);
memory('after starting');

const credentials = fromTemporaryCredentials({
  params: { RoleArn: world.rrcu.connectorRoleArn, RoleSessionName: 'rrcu-bench', ExternalId: world.rrcu.externalId, DurationSeconds: 3600 },
  masterCredentials: { accessKeyId: world.rrcu.accessKeyId, secretAccessKey: world.rrcu.secretAccessKey },
  clientConfig: { region: sim.region, endpoint: sim.endpoint },
});
const config = { region: sim.region, endpoint: sim.endpoint, credentials, maxAttempts: 1 };
const identityStore = new IdentitystoreClient(config);
const ssoAdmin = new SSOAdminClient(config);
const iam = new IAMClient({ ...config, region: 'us-east-1' });
const IdentityStoreId = ic.identityStoreId;
const InstanceArn = ic.instanceArn;

try {
  const totals = { calls: 0, seconds: 0 };
  const add = (r: { calls: number; seconds: number }) => {
    totals.calls += r.calls;
    totals.seconds += r.seconds;
  };

  const listAllUsers = async () => {
    let calls = 0;
    let NextToken: string | undefined;
    do {
      const page = await identityStore.send(new ListUsersCommand({ IdentityStoreId, MaxResults: 100, NextToken }));
      calls++;
      NextToken = page.NextToken;
    } while (NextToken);
    return calls;
  };
  add(await measure('identitystore:ListUsers, all 3,000 users, 4 passes', Array.from({ length: 4 }, () => listAllUsers)));

  const groupIds = [...ic.groups.keys()];
  add(await measure('identitystore:ListGroupMemberships, every group', groupIds.map((GroupId) => async () => {
    let calls = 0;
    let NextToken: string | undefined;
    do {
      const page = await identityStore.send(new ListGroupMembershipsCommand({ IdentityStoreId, GroupId, MaxResults: 100, NextToken }));
      calls++;
      NextToken = page.NextToken;
    } while (NextToken);
    return calls;
  })));

  // The pruned listing a sync does: per account, the provisioned permission sets, then their assignments.
  const accounts = [...world.state.accounts.values()].filter((a) => !a.outsideOrganization).map((a) => a.id);
  const provisioned = new Map<string, string[]>();
  add(await measure('sso:ListPermissionSetsProvisionedToAccount, every account', accounts.map((AccountId) => async () => {
    let calls = 0;
    let NextToken: string | undefined;
    const arns: string[] = [];
    do {
      const page = await ssoAdmin.send(new ListPermissionSetsProvisionedToAccountCommand({ InstanceArn, AccountId, MaxResults: 100, NextToken }));
      calls++;
      arns.push(...(page.PermissionSets ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    provisioned.set(AccountId, arns);
    return calls;
  })));
  const pairs = [...provisioned].flatMap(([AccountId, arns]) => arns.map((PermissionSetArn) => ({ AccountId, PermissionSetArn })));
  add(await measure(`sso:ListAccountAssignments, ${fmt(pairs.length)} account/permission-set pairs`, pairs.map((pair) => async () => {
    let calls = 0;
    let NextToken: string | undefined;
    do {
      const page = await ssoAdmin.send(new ListAccountAssignmentsCommand({ InstanceArn, ...pair, MaxResults: 100, NextToken }));
      calls++;
      NextToken = page.NextToken;
    } while (NextToken);
    return calls;
  })));

  add(await measure('iam:ListUsers in the management account, 500 times', Array.from({ length: 500 }, () => async () => {
    await iam.send(new IamListUsers({ MaxItems: 100 }));
    return 1;
  })));

  const rate = totals.calls / totals.seconds;
  console.log(`\nserved ${fmt(totals.calls)} calls in ${totals.seconds.toFixed(2)} s: ${fmt(rate)} calls/s = `
    + `${(rate / AWS_IDENTITY_CENTER_TPS).toFixed(0)}× AWS's ${AWS_IDENTITY_CENTER_TPS}/s limit `
    + `(at ${AWS_IDENTITY_CENTER_TPS}/s these calls would take ${fmt(totals.calls / AWS_IDENTITY_CENTER_TPS)} s against AWS)`);
  memory('after the calls');
} finally {
  identityStore.destroy();
  ssoAdmin.destroy();
  iam.destroy();
  await sim.stop();
}
