/**
 * `rrcu grant` as people run it: the real binary against a store holding a connector synced from the
 * simulator, which runs in this process and answers the child over HTTP.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteAccountAssignmentCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { startSimulator, type Simulator } from '../../src/aws-sim/index.ts';
import { RRCU_BIN, runCli, type CliResult } from '../harness/run-cli.ts';

describe('rrcu grant', () => {
  let dir: string;
  let sim: Simulator;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rrcu-grant-'));
    const pglite = await PGlite.create(join(dir, 'data'), { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await pglite.close();
    sim = await startSimulator({ rateLimits: false, assignmentDelayMs: 0, seed: { seed: 5, accounts: 2, users: 4, groups: 2, permissionSets: 2, iamUsersPerAccount: 1 } });
    const { rrcu } = sim.world;
    env = {
      RRCU_DATA_DIR: join(dir, 'data'),
      RRCU_ALLOW_CUSTOM_ENDPOINTS: 'true',
      RRCU_LOG_LEVEL: 'warn',
      AWS_ACCESS_KEY_ID: rrcu.accessKeyId,
      AWS_SECRET_ACCESS_KEY: rrcu.secretAccessKey,
      AWS_REGION: sim.region,
    };
    const ic = sim.world.state.identityCenter!;
    const add = await runCli(
      ['connector', 'add', 'aws', '--name', 'sim', '--role-arn', rrcu.connectorRoleArn, '--external-id', rrcu.externalId, '--organizations', '--identity-center-region', ic.region, '--endpoint', sim.endpoint],
      env,
    );
    expect(add.code, add.stderr).toBe(0);
    const sync = await runCli(['sync', 'sim'], env);
    expect(sync.code, sync.stderr).toBe(0);
  });
  afterAll(async () => {
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const someUser = () => [...sim.world.state.identityCenter!.users.keys()][0]!;
  const someRole = () => [...sim.world.state.accounts.get(sim.world.state.managementAccountId)!.iam.roles.values()].find((r) => r.roleName === 'RRCUIntegration')!;

  test('an IAM role given as --entitlement is named as a role that is assumed, not granted, not "sync first"', async () => {
    // Before: "No entitlement matches … in the last sync of this connector … sync first", though the role was synced.
    const byArn = await runCli(['grant', '--entitlement', someRole().arn, '--principal', someUser()], env);
    expect(byArn.code).toBe(1);
    expect(byArn.stderr).toContain(`RRCU cannot grant RRCUIntegration (iam_role ${someRole().arn})`);
    expect(byArn.stderr).toContain('IAM roles are assumed, not granted');
    expect(byArn.stderr).toMatch(/fix: +Grant a permission set on the account/);
    expect(byArn.stderr).not.toContain('sync first');
    // The same words as for a role given as --principal: one check decides both.
    const asPrincipal = await runCli(['grant', '--entitlement', 'member of ' + [...sim.world.state.identityCenter!.groups.values()][0]!.displayName, '--principal', someRole().arn], env);
    expect(asPrincipal.code).toBe(1);
    expect(asPrincipal.stderr).toContain('IAM roles are assumed, not granted');
  });

  test('--wait prints each attempt, the error that ended it and when the next one starts, then the outcome', async () => {
    const ic = sim.world.state.identityCenter!;
    const member = [...sim.world.state.accounts.values()].find((a) => a.id !== sim.world.state.managementAccountId && !a.outsideOrganization)!;
    const permissionSet = [...ic.permissionSets.values()][0]!;
    const user = [...ic.users.values()].find((u) => ![...ic.assignments.values()].some((a) => a.principalId === u.userId && a.accountId === member.id && a.permissionSetArn === permissionSet.arn))!;
    // AWS fails every creation until the first attempt has given up: the task waits for its retry.
    sim.injectFault({ operation: 'sso:CreateAccountAssignment', kind: 'server-error', status: 503, count: Infinity });
    const cli = spawnCli(['grant', '--entitlement', `${permissionSet.name} on ${member.id}`, '--principal', user.userId, '--wait'], env);
    const retryLine = await cli.stderrMatching(/attempt 1 of \d+ failed \(AWS_ERROR: .*\); next try at \d{2}:\d{2}:\d{2}Z, in \d+ s/);
    expect(retryLine).toMatch(/^\[\d{2}:\d{2}:\d{2}Z\] task [0-9a-f]{8}: /);
    sim.clearFaults();
    const done = await cli.done;
    expect(done.code, done.stderr).toBe(0);
    // Each change is a line of its own, never a spinner's carriage returns.
    expect(done.stderr).not.toContain('\r');
    expect(done.stdout).toMatch(/succeeded \(applied/);
  });

  test('a principal given by email answers `rrcu access` as `rrcu grant` takes it; an unknown one says what was tried',
    // Several CLI processes each boot the embedded store (10-15 s apiece on a loaded machine), as in the other CLI tests.
    { timeout: 300_000 },
    async () => {
    // Before: `rrcu access --principal <email>` was NOT_FOUND where `rrcu grant --principal <email>` worked.
    const ic = sim.world.state.identityCenter!;
    const member = [...sim.world.state.accounts.values()].find((a) => a.id !== sim.world.state.managementAccountId && !a.outsideOrganization)!;
    const permissionSet = [...ic.permissionSets.values()].at(-1)!;
    const holds = (userId: string) => [...ic.assignments.values()].some((a) => a.principalId === userId && a.accountId === member.id && a.permissionSetArn === permissionSet.arn);
    // An email no IAM user also carries (the simulator gives many people both): one principal, not AMBIGUOUS.
    const iamNames = new Set([...sim.world.state.accounts.values()].flatMap((a) => [...a.iam.users.values()].flatMap((u) => [u.userName, ...u.tags.map((tag) => tag.Value)])).map((n) => n.toLowerCase()));
    const user = [...ic.users.values()].find((u) => !holds(u.userId) && u.emails.length > 0 && !iamNames.has(u.emails[0]!.value.toLowerCase()))!;
    const email = user.emails[0]!.value;
    const byEmail = await runCli(['access', '--principal', email, '--json'], env);
    expect(byEmail.code, byEmail.stderr).toBe(0);
    const byId = await runCli(['access', '--principal', user.userId, '--json'], env);
    expect(JSON.parse(byEmail.stdout)).toEqual(JSON.parse(byId.stdout));
    const granted = await runCli(['grant', '--entitlement', `${permissionSet.name} on ${member.id}`, '--principal', email, '--wait'], env);
    expect(granted.code, granted.stderr).toBe(0);
    expect(holds(user.userId)).toBe(true);
    const nobody = await runCli(['access', '--principal', 'nobody@nowhere.example'], env);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/No principal matches "nobody@nowhere\.example" .*tried it as .*an email/);
  });

  test('`rrcu access --at` before the first sync says history starts at it, with its time', async () => {
    const before = await runCli(['access', '--at', '2020-01-01'], env);
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toMatch(/^No access known at 2020-01-01T00:00:00\.000Z: history starts at the first sync, \d{4}-\d{2}-\d{2}T[\d:.]+Z; /);
  });

  test('`rrcu diff` names each change and says which task made it, or that it was made outside RRCU',
    // Several CLI processes each boot the embedded store (10-15 s apiece on a loaded machine), as in the other CLI tests.
    { timeout: 300_000 },
    async () => {
    const ic = sim.world.state.identityCenter!;
    const member = [...sim.world.state.accounts.values()].find((a) => a.id !== sim.world.state.managementAccountId && !a.outsideOrganization)!;
    const permissionSet = [...ic.permissionSets.values()][1]!;
    const user = [...ic.users.values()].find((u) => ![...ic.assignments.values()].some((a) => a.principalId === u.userId && a.accountId === member.id && a.permissionSetArn === permissionSet.arn))!;
    const granted = await runCli(['grant', '--entitlement', `${permissionSet.name} on ${member.id}`, '--principal', user.userId, '--reason', 'on call', '--wait'], env);
    expect(granted.code, granted.stderr).toBe(0);
    // Someone removes an assignment in AWS directly.
    const direct = [...ic.assignments.values()].find((a) => a.principalType === 'USER' && a.principalId !== user.userId)!;
    const sso = new SSOAdminClient({ region: sim.region, endpoint: sim.endpoint, credentials: sim.world.admin });
    await sso.send(new DeleteAccountAssignmentCommand({
      InstanceArn: ic.instanceArn, TargetId: direct.accountId, TargetType: 'AWS_ACCOUNT', PermissionSetArn: direct.permissionSetArn, PrincipalType: 'USER', PrincipalId: direct.principalId,
    }));
    sso.destroy();
    sim.advanceClock(5_000);
    expect((await runCli(['sync', 'sim'], env)).code).toBe(0);

    const diff = await runCli(['diff', 'sim'], env);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toMatch(new RegExp(`\\+ ${escape(`${user.userName} — ${permissionSet.name} on ${member.name}`)}  \\[task [0-9a-f-]{36} by cli:[^\\]]+: on call\\]`));
    const gone = `${ic.users.get(direct.principalId)!.userName} — ${ic.permissionSets.get(direct.permissionSetArn)!.name} on ${sim.world.state.accounts.get(direct.accountId)!.name}`;
    expect(diff.stdout).toContain(`- ${gone}  [made outside RRCU]`);
    expect(diff.stdout).not.toContain('|sso_user:');
    const withKeys = await runCli(['diff', 'sim', '--keys'], env);
    expect(withKeys.stdout).toContain(`      account:${direct.accountId}#${direct.permissionSetArn}|sso_user:${direct.principalId}|`);
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The CLI in a child process whose stderr can be waited on line by line while it runs. */
function spawnCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [RRCU_BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...env } });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const line = stderr.split('\n').find((l) => w.pattern.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    check();
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      for (const w of waiters) w.resolve(`(exited ${code} without a line matching ${w.pattern}):\n${stderr}`);
      resolve({ code, stdout, stderr });
    });
  });
  return {
    done,
    stderrMatching: (pattern: RegExp) =>
      new Promise<string>((resolve) => {
        waiters.push({ pattern, resolve });
        check();
      }),
  };
}
