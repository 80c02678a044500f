/**
 * `rrcu policy` and `rrcu request` as people run them: the real binary against a PGlite store holding a
 * connector synced from the simulator (in this process, answering the child over HTTP). Each command is a
 * process booting the embedded store, so the steps share one store and run in order.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppliedPolicy, RequestDetail } from '../../src/requests/index.ts';
import { appUsers, type Store } from '../../src/store/index.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';
import { inventoryOf, ssoPeople } from '../requests/people.ts';
import { runCli, syncedCliStore } from '../harness/run-cli.ts';
import { freshStore } from '../harness/store-test.ts';

describe('rrcu policy and rrcu request', () => {
  let store: Awaited<ReturnType<typeof syncedCliStore>>;
  let env: Record<string, string>;
  let requester: string;
  let approver: string;
  let permissionSet: string;
  let account: string;

  beforeAll(async () => {
    store = await syncedCliStore('rrcu-request-', { seed: 21, accounts: 2, users: 4, groups: 1, permissionSets: 2, iamUsersPerAccount: 0 });
    env = store.env;
    // Between commands nothing holds the store: read the names the commands are given.
    const db = await PGlite.create(join(store.dir, 'data'));
    const people = (await db.query<{ email: string }>(`
      select p.email from people p join resources r on r.person_id = p.id and r.resource_type_id = 'sso_user' and r.seen_to is null
      where p.email is not null order by p.email limit 2`)).rows;
    [requester, approver] = people.map((p) => p.email) as [string, string];
    permissionSet = (await db.query<{ name: string }>(`select display_name as name from resources where resource_type_id = 'permission_set' and seen_to is null order by 1 limit 1`)).rows[0]!.name;
    account = (await db.query<{ name: string }>(`select display_name as name from resources where resource_type_id = 'account' and seen_to is null order by 1 limit 1`)).rows[0]!.name;
    await db.close();
  }, 300_000);
  afterAll(async () => {
    await store?.stop();
  });

  const policyYaml = (maxDurationMinutes: number) => `# On-call access, kept in git
name: On-call admin
connector: sim
requestable:
  - kind: permission_set
    permissionSet: ${permissionSet}
    accounts: "*"
eligibility:
  people: [${requester}]
approvalSteps:
  - approvers: [{ kind: people, emails: [${approver}] }]
maxDurationMinutes: ${maxDurationMinutes}
defaultDurationMinutes: 60
---
name: Break-glass admin
connector: sim
requestable: [{ kind: permission_set, permissionSet: ${permissionSet}, accounts: "*" }]
eligibility: { people: [${approver}] }
approvalSteps: [{ approvers: [{ kind: people, emails: [${requester}] }] }]
maxDurationMinutes: 60
defaultDurationMinutes: 30
breakGlass: { allowed: true }
`;

  test('policy apply creates, leaves unchanged and updates by name; show prints YAML that applies unchanged; a wrong field refuses the whole file by name', { timeout: 600_000 }, async () => {
    const file = join(store.dir, 'policies.yaml');
    writeFileSync(file, policyYaml(240));
    const created = await runCli(['policy', 'apply', file], env);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^created\s+\S+ {2}On-call admin {2}v1 {2}on sim$/m);
    expect(created.stdout).toContain('2 policies: 2 created, 0 updated, 0 unchanged.');

    writeFileSync(file, policyYaml(480));
    const applied = JSON.parse((await runCli(['policy', 'apply', file, '--json'], env)).stdout) as AppliedPolicy[];
    expect(applied.map((a) => [a.policy.name, a.outcome, a.policy.version])).toEqual([['On-call admin', 'updated', 2], ['Break-glass admin', 'unchanged', 1]]);

    const shown = await runCli(['policy', 'show', 'on-call admin'], env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^# On-call admin: version 2 on sim \(id [0-9a-f-]{36}\)$/m);
    expect(shown.stdout).toContain('maxDurationMinutes: 480');
    const again = join(store.dir, 'shown.yaml');
    writeFileSync(again, shown.stdout);
    const unchanged = await runCli(['policy', 'apply', again], env);
    expect(unchanged.stdout, unchanged.stderr).toContain('1 policy: 0 created, 0 updated, 1 unchanged.');

    const list = await runCli(['policy', 'list'], env);
    expect(list.stdout.trim().split('\n').map((l) => l.split('  ')[1])).toEqual(['Break-glass admin', 'On-call admin']);

    const bad = join(store.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ ...JSON.parse(JSON.stringify(applied[0]!.policy.document)), maxDurationMinutes: 30 }]));
    const refused = await runCli(['policy', 'apply', bad], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('No policy was applied');
    expect(refused.stderr).toContain(`${bad} ("On-call admin"): defaultDurationMinutes: is longer than maxDurationMinutes`);
  });

  test('request create acts for a person named with --as; nobody approves their own; the approver approves; an administrator shows and revokes it', { timeout: 600_000 }, async () => {
    const ask = ['request', 'create', '--permission-set', permissionSet, '--account', account, '--duration', '2h', '--justification', 'incident 42'];
    const nobody = await runCli(ask, env);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('--as <email>');
    const badDuration = await runCli([...ask, '--duration', 'soon', '--as', requester], env);
    expect(badDuration.code).toBe(1);
    expect(badDuration.stderr).toContain('--duration');

    const created = await runCli([...ask, '--as', requester], env);
    expect(created.code, created.stderr).toBe(0);
    const id = /^Request #(\d+) {2}pending {2}/m.exec(created.stdout)?.[1];
    expect(id, created.stdout).toBeDefined();
    expect(created.stdout).toContain(`${permissionSet} on ${account}  ${requester}  120 min`);
    expect(created.stdout).toContain('policy: Policy "On-call admin" applies');
    expect(created.stdout).toContain(`from: `);

    const self = await runCli(['request', 'approve', id!, '--as', requester], env);
    expect(self.code).toBe(1);
    expect(self.stderr).toContain('nobody approves or denies their own request');

    const waiting = await runCli(['request', 'list', '--view', 'approvals', '--as', approver], env);
    expect(waiting.stdout, waiting.stderr).toContain(`#${id}  pending`);
    const approved = await runCli(['request', 'approve', `#${id}`, '--comment', 'go', '--as', approver, '--json'], env);
    expect(approved.code, approved.stderr).toBe(0);
    const detail = JSON.parse(approved.stdout) as RequestDetail;
    expect(detail.approvals).toMatchObject([{ decision: 'approve', comment: 'go', approver: { email: approver } }]);

    const shown = await runCli(['request', 'show', id!], env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`step 1  approved by ${approver}: go`);
    const all = await runCli(['request', 'list'], env);
    expect(all.stdout).toContain(`#${id}  `);

    const revoked = await runCli(['request', 'revoke', id!, '--reason', 'incident closed', '--json'], env);
    expect(revoked.code, revoked.stderr).toBe(0);
    const after = JSON.parse(revoked.stdout) as RequestDetail;
    expect(after.status === 'revoked' || after.ending?.as === 'revoke', revoked.stdout).toBe(true);
  });

  test('review-break-glass: never one\'s own; inappropriate needs --comment; an approver of step 1 records the verdict, shown on the request', { timeout: 600_000 }, async () => {
    const created = await runCli(['request', 'create', '--permission-set', permissionSet, '--account', account, '--break-glass', '--justification', 'outage', '--as', approver, '--json'], env);
    expect(created.code, created.stderr).toBe(0);
    const { request } = JSON.parse(created.stdout) as { request: RequestDetail };
    expect(request.postHocReview).toEqual({ status: 'awaited' });
    const self = await runCli(['request', 'review-break-glass', String(request.id), '--verdict', 'appropriate', '--as', approver], env);
    expect(self.code).toBe(1);
    expect(self.stderr).toContain('nobody reviews their own');
    const noComment = await runCli(['request', 'review-break-glass', String(request.id), '--verdict', 'inappropriate', '--as', requester], env);
    expect(noComment.code).toBe(1);
    expect(noComment.stderr).toContain('--comment');
    const reviewed = await runCli(['request', 'review-break-glass', `#${request.id}`, '--verdict', 'appropriate', '--comment', 'real outage', '--as', requester], env);
    expect(reviewed.code, reviewed.stderr).toBe(0);
    expect(reviewed.stdout).toContain(`break-glass reviewed appropriate by ${requester}`);
    expect(reviewed.stdout).toContain('real outage');
  });
});

describe('rrcu request and rrcu policy through the API (RRCU_URL): the token says who acts', () => {
  let store: Store;
  let t: TestServer;
  let dir: string;
  let url: string;
  const token = (authorization: string) => authorization.slice('Bearer '.length);
  let requester: { email: string; token: string };
  let approver: { email: string; token: string };
  let ask: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rrcu-request-api-'));
    store = await freshStore('pglite');
    t = await startTestServer(store, { sim: { seed: 23, accounts: 2, users: 4, groups: 1, permissionSets: 1, iamUsersPerAccount: 0 } });
    expect((await t.app.syncs.runNow(t.connector!.id, 'system')).run.status).toBe('succeeded');
    await t.server.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.server.server.address() as AddressInfo).port}`;
    // Each person's own token, as they make it under Settings → My API tokens.
    const [a, b] = await ssoPeople(store.db, t.connector!.id);
    const tokenOf = async (email: string) => {
      const [user] = await store.db.insert(appUsers).values({ subject: `local:${email}`, displayName: email, email, role: 'person' }).returning();
      return (await t.app.identity.createApiToken({ name: 'cli', role: 'person' }, { actor: 'system', userId: user!.id })).token;
    };
    requester = { email: a!.email, token: await tokenOf(a!.email) };
    approver = { email: b!.email, token: await tokenOf(b!.email) };
    const { permissionSets, accounts } = await inventoryOf(store.db, t.connector!.id);
    writeFileSync(join(dir, 'policy.json'), JSON.stringify({
      name: 'Through the API', connector: t.connector!.name, requestable: [{ kind: 'permission_set', permissionSet: permissionSets[0]!.name }],
      eligibility: { people: [requester.email] }, approvalSteps: [{ approvers: [{ kind: 'people', emails: [approver.email] }] }], maxDurationMinutes: 60, defaultDurationMinutes: 30,
    }));
    ask = ['request', 'create', '--permission-set', permissionSets[0]!.name, '--account', accounts[0]!.name, '--justification', 'deploy'];
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a person may not apply a policy, an administrator\'s token does; the requester asks, cannot approve their own or use --as; the approver approves', { timeout: 300_000 }, async () => {
    const as = (who: string) => ({ RRCU_URL: url, RRCU_TOKEN: who });
    const personApplies = await runCli(['policy', 'apply', join(dir, 'policy.json')], as(requester.token));
    expect(personApplies.code).toBe(1);
    expect(personApplies.stderr).toContain('may not PUT /api/request-policies');
    const applied = await runCli(['policy', 'apply', join(dir, 'policy.json')], as(token((await t.as('connector_admin')).authorization)));
    expect(applied.stdout, applied.stderr).toContain('1 policy: 1 created, 0 updated, 0 unchanged.');

    const pretending = await runCli([...ask, '--as', approver.email], as(requester.token));
    expect(pretending.code).toBe(1);
    expect(pretending.stderr).toContain('--as: through the API');
    const created = await runCli([...ask, '--json'], as(requester.token));
    expect(created.code, created.stderr).toBe(0);
    const { request } = JSON.parse(created.stdout) as { request: RequestDetail };
    expect(request).toMatchObject({ status: 'pending', requester: { email: requester.email } });

    const self = await runCli(['request', 'approve', String(request.id)], as(requester.token));
    expect(self.code).toBe(1);
    expect(self.stderr).toContain('nobody approves or denies their own request');
    const approved = await runCli(['request', 'approve', String(request.id), '--comment', 'ok'], as(approver.token));
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toMatch(new RegExp(`^#${request.id}  (approved|provisioning|active)  `));
    const mine = await runCli(['request', 'list'], as(requester.token));
    expect(mine.stdout).toContain(`#${request.id}  `);
  });
});
