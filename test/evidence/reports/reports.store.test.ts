import { CreateGroupMembershipCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { grantsAt, markPrivileged } from '../../../src/access/index.ts';
import { REPORT_PRODUCERS } from '../../../src/evidence/reports/index.ts';
import type { Report, ReportCell } from '../../../src/evidence/report-model.ts';
import { reportJsonSchema, writeCsv, writeJson, writePdf, type ReportJson } from '../../../src/evidence/writers/index.ts';
import { waitForTask } from '../../../src/provisioning/index.ts';
import { createReviewService, type CampaignView, type ItemView, type ReviewService } from '../../../src/reviews/index.ts';
import { queryRows } from '../../../src/store/index.ts';
import { startAwsWorld, type AwsWorld } from '../../../harness/aws-connector.ts';
import { allowOptionalActions } from '../../../harness/sim-session.ts';
import { identityCenterOf, ssoPair } from '../../harness/aws-provision.ts';
import { rejects } from '../../harness/rejects.ts';
import { describeStore } from '../../harness/store-test.ts';
import { holderAndOther } from '../../reviews/review-people.ts';
import { collector } from '../writers/collect.ts';

type Row = Record<string, ReportCell>;
const BY = { actor: 'cli:auditor', name: 'Auditor' };

/** The report as the pack's report.json, read back through its published schema: every report a writer can take whole. */
async function asJson(report: Report): Promise<ReportJson> {
  const chunks: Buffer[] = [];
  await writeJson(report, new Writable({ write(chunk: Buffer, _encoding, done) { chunks.push(chunk); done(); } }));
  return reportJsonSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
}

async function rowsOf(report: Report, table: string): Promise<Row[]> {
  const found = report.tables.find((t) => t.name === table);
  if (!found) throw new Error(`no table ${table} in ${report.kind}`);
  const rows: Row[] = [];
  for await (const row of found.rows()) rows.push(row);
  return rows;
}
const figure = (report: Report, label: string) => report.summary.find((s) => s.label === label)?.value;

describeStore('evidence reports (simulator, real sync and provisioning)', (store) => {
  let world: AwsWorld;
  let reviews: ReviewService;
  let holder: string;
  let other: string;
  let email: Map<string, string>;
  const admin = { actor: 'cli:admin', personId: null };
  // What the campaign test leaves for the reports after it: the campaign, its kept and revoked items, and when it began.
  let campaign: CampaignView;
  let kept: ItemView;
  let revoked: ItemView;
  let beforeCampaign: Date;

  beforeAll(async () => {
    world = await startAwsWorld(store(), { accounts: 2, users: 12, groups: 3, permissionSets: 2, iamUsersPerAccount: 2 });
    reviews = createReviewService({ db: store().db, provisioning: world.service });
    ({ holder, other } = await holderAndOther(store().db, world.connector.id));
    // How the report names a person: by email, else (a person known by user name alone) by name.
    email = new Map((await queryRows<{ id: string; name: string }>(store().db, sql`select id, coalesce(email, display_name) as name from people`)).map((p) => [p.id, p.name]));
    // Identities for the orphaned report: an IAM user no person matches, made through IAM, with an access key last used 120 days ago
    // (seeded: the simulator makes keys only with its organisations), and a disabled Identity Center user.
    const iam = new IAMClient({ region: world.sim.region, endpoint: world.sim.endpoint, credentials: { ...world.sim.world.admin }, maxAttempts: 1 });
    await iam.send(new CreateUserCommand({ UserName: 'orphan.evidence' }));
    iam.destroy();
    const orphan = world.sim.world.state.accounts.get(world.sim.world.state.managementAccountId)!.iam.users.get('orphan.evidence')!;
    orphan.accessKeys = [{ accessKeyId: 'AKIAEVIDENCE00000001', status: 'Active', createDate: new Date(Date.now() - 200 * 86_400_000), lastUsed: { date: new Date(Date.now() - 120 * 86_400_000), region: 'eu-west-1', serviceName: 's3' } }];
    await allowOptionalActions(world.sim, ['iam:GenerateCredentialReport', 'iam:GetCredentialReport']);
    const ic = identityCenterOf(world.sim);
    const disabled = [...ic.users.values()].find((u) => u.status === 'ENABLED')!;
    disabled.status = 'DISABLED';
    await world.sync();
  });
  afterAll(async () => {
    await world?.stop();
  });

  /** A change made directly in AWS (the simulator's Identity Store API, as the organisation's administrator), not through RRCU. */
  async function addMembershipInAws(groupId: string, userId: string): Promise<void> {
    const identityStore = new IdentitystoreClient({ region: world.sim.region, endpoint: world.sim.endpoint, credentials: { ...world.sim.world.admin }, maxAttempts: 1 });
    try {
      await identityStore.send(new CreateGroupMembershipCommand({ IdentityStoreId: identityCenterOf(world.sim).identityStoreId, GroupId: groupId, MemberId: { UserId: userId } }));
    } finally {
      identityStore.destroy();
    }
  }

  test('campaign: a closed campaign with a revoke (remediated), a keep, items never reviewed and self-reviews reassigned, figures and rows as the campaign holds them', async () => {
    beforeCampaign = new Date();
    const input = { name: 'Evidence campaign', scope: { connectorId: world.connector.id, resourceTypes: ['sso_group' as const] }, reviewerPlan: { stages: [{ policies: [{ kind: 'named' as const, personIds: [holder] }] }], fallbackPersonId: other } };
    const launched = await reviews.launch((await reviews.create(input, admin)).id, admin);
    const own = await reviews.items(launched.id, { reviewerPersonId: other }, { limit: 1000 });
    const mine = (await reviews.myItems(holder, { campaignId: launched.id }, { limit: 1000 })).rows;
    expect(own.total).toBeGreaterThan(0);
    expect(mine.length).toBeGreaterThan(2);
    [revoked, kept] = [mine[0]!, mine[1]!];
    const asHolder = { actor: 'user:holder', personId: holder };
    await reviews.decide({ itemId: revoked.id, decision: 'revoke', comment: 'left the team' }, asHolder);
    await reviews.decide({ itemId: kept.id, decision: 'keep' }, asHolder);
    campaign = await reviews.close(launched.id, admin);
    const [item] = (await reviews.items(campaign.id, { outcome: 'revoked' })).rows;
    const task = await waitForTask(store().db, item!.remediation!.taskId!, { intervalMs: 100 });
    const next = await world.sync();
    await reviews.observeSync(world.connector.id, next.run.id);

    const report = await REPORT_PRODUCERS.campaign.produce(store().db, REPORT_PRODUCERS.campaign.parameters.parse({ campaignId: campaign.id }), BY, new Date());
    const n = launched.snapshot!.itemCount;
    expect(report).toMatchObject({ kind: 'campaign', organisation: world.connector.name, generatedBy: 'Auditor (cli:auditor)', parameters: { campaignId: campaign.id } });
    expect(report.syncRunIds).toEqual([launched.snapshot!.syncRunId, next.run.id]);
    expect(figure(report, 'Population')).toBe(`${n} items from sync #${launched.snapshot!.syncRunId} at ${launched.snapshot!.syncAt}; reconciled: yes`);
    expect(figure(report, 'Item-list digest (SHA-256)')).toBe(launched.snapshot!.sha256);
    expect([figure(report, 'Items'), figure(report, 'Kept'), figure(report, 'Revoked'), figure(report, 'Not reviewed'), figure(report, 'Pending')]).toEqual([n, 1, 1, n - 2, 0]);
    expect([figure(report, 'Revokes remediated'), figure(report, 'Revokes unremediated'), figure(report, 'Self-reviews reassigned')]).toEqual([1, 0, own.total]);

    const items = await rowsOf(report, 'items');
    expect(items).toHaveLength(n);
    expect(items.find((r) => r.itemId === revoked.id)).toMatchObject({
      decision: 'revoke', comment: 'left the team', reviewerEmail: email.get(holder), outcome: 'revoked', stage: 1,
      remediationState: 'remediated', remediationTaskId: task.id, observedSyncRunId: next.run.id, unremediatedDays: null,
    });
    expect(items.find((r) => r.itemId === kept.id)).toMatchObject({ decision: 'keep', outcome: 'kept', remediationState: null });
    expect((await rowsOf(report, 'not_reviewed')).map((r) => r.itemId).sort()).toEqual(items.filter((r) => r.outcome === 'not_reviewed').map((r) => r.itemId).sort());
    expect(await rowsOf(report, 'not_reviewed')).toHaveLength(n - 2);
    expect(await rowsOf(report, 'unremediated')).toEqual([]);
    expect((await rowsOf(report, 'decisions')).map((d) => [d.itemId, d.decision, d.reviewerEmail, d.inForce])).toEqual([[revoked.id, 'revoke', email.get(holder), true], [kept.id, 'keep', email.get(holder), true]]);
    // Each decision and step names its item as people read it, not by its id alone.
    const described = (i: ItemView) => `${i.principal.name ?? i.principal.id} — member of ${i.resource.name ?? i.resource.id}`;
    expect((await rowsOf(report, 'decisions')).map((d) => d.item)).toEqual([described(revoked), described(kept)]);
    const selfReviews = (await rowsOf(report, 'reassignments')).filter((s) => s.reason === 'self-review');
    expect(selfReviews).toHaveLength(own.total);
    expect(selfReviews.map((s) => s.item).sort()).toEqual(own.rows.map(described).sort());
    expect(selfReviews.every((s) => s.from === email.get(holder) && s.to === email.get(other))).toBe(true);
    const events = (await rowsOf(report, 'timeline')).map((e) => e.event);
    expect(events).toEqual(expect.arrayContaining(['review.created', 'review.launched', 'review.closed', 'review.remediation_requested']));
    expect(events).not.toContain('review.decided');
    expect(events.indexOf('review.launched')).toBeLessThan(events.indexOf('review.closed'));
    // Rows are read again for each file written: the same rows each time.
    expect(await rowsOf(report, 'items')).toEqual(items);

    // Someone puts the revoked membership back through AWS's API, outside RRCU: the revoke is unremediated again, with its age.
    await addMembershipInAws(revoked.resource.id, revoked.principal.id);
    const later = await world.sync();
    await reviews.observeSync(world.connector.id, later.run.id);
    const again = await REPORT_PRODUCERS.campaign.produce(store().db, { campaignId: campaign.id }, BY, new Date());
    expect(await rowsOf(again, 'unremediated')).toEqual([expect.objectContaining({ itemId: revoked.id, remediationState: 'reappeared', unremediatedDays: 0 })]);
    expect([figure(again, 'Revokes remediated'), figure(again, 'Revokes unremediated')]).toEqual([0, 1]);
    expect((await asJson(again)).kind).toBe('campaign');
  });

  test('campaign on paper: the PDF\'s items table shows the ten columns an auditor reads and says its CSV and JSON carry all 24; the CSV header has every one', async () => {
    const report = await REPORT_PRODUCERS.campaign.produce(store().db, { campaignId: campaign.id }, BY, new Date());
    const csv = collector();
    await writeCsv(report.tables[0], csv.out);
    expect((await csv.bytes).toString('utf8').replace(/^\uFEFF/, '').split('\r\n')[0]!.split(',')).toEqual([
      'itemId', 'kind', 'principalType', 'principalId', 'principal', 'personEmail', 'resourceType', 'resourceId', 'resource', 'entitlement', 'privileged', 'stage',
      'reviewerEmail', 'policy', 'decision', 'decidedAt', 'comment', 'outcome', 'remediationState', 'remediationTaskId', 'awsRequestId', 'observedSyncRunId', 'observedAt', 'unremediatedDays',
    ]);
    expect((await asJson(report)).tables.items!.columns).toHaveLength(24);

    const dir = await mkdtemp(join(tmpdir(), 'rrcu-campaign-pdf-'));
    try {
      const file = join(dir, 'campaign.pdf');
      await writePdf(report, createWriteStream(file), { dataDigest: '0'.repeat(64) });
      const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f');
      const items = pages.filter((p) => p.includes('Items: one row per reviewed grant'));
      expect(items.length).toBeGreaterThan(0);
      expect(items[0]).toContain("10 of 24 columns on paper; this table's CSV (items.csv) and report.json carry all 24.");
      for (const page of items) {
        // The header row is these ten labels and nothing else; below it, no id a CSV-only column holds.
        const header = /^\s*Principal\s+Person\s+Resource\s+Entitlement\s+Reviewer\s+Decision\s+Decided at\s+Comment\s+Outcome\s+Remediation\s*$/m.exec(page);
        expect(header).not.toBeNull();
        const table = page.slice(header!.index);
        for (const id of [revoked.id, revoked.principal.id, revoked.resource.id, kept.id]) expect(table).not.toContain(id);
      }
      expect(items.join('')).toMatch(/left the team\s+revoked\s+reappeared/);
      execFileSync('pdftoppm', ['-r', '20', '-png', file, join(dir, 'page')]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('access changes (the simulator\'s AWS API): a membership given through RRCU is tied to its task, one made directly in AWS between the same syncs is flagged outside RRCU, a review\'s revoke to its decision', async () => {
    const from = new Date();
    const ic = identityCenterOf(world.sim);
    const [viaRrcu, direct] = [ssoPair(ic, 0), ssoPair(ic, 1)];
    const requested = await world.service.requestGrant({ connector: world.connector.id, entitlement: `sso_group:${viaRrcu.groupId}#member`, principal: viaRrcu.userId, actor: 'cli:evidence-test', reason: 'ticket OPS-1' });
    expect((await waitForTask(store().db, requested.task.id, { intervalMs: 100 })).status).toBe('succeeded');
    await addMembershipInAws(direct.groupId, direct.userId);
    const after = await world.sync();
    const to = new Date();

    const report = await REPORT_PRODUCERS.access_changes.produce(store().db, REPORT_PRODUCERS.access_changes.parameters.parse({ connectorId: world.connector.id, from, to }), BY, new Date());
    const rows = await rowsOf(report, 'changes');
    const membership = (pair: { groupId: string; userId: string }) => rows.find((r) => r.principalId === pair.userId && r.entitlementKey === `sso_group:${pair.groupId}#member` && r.viaGroup === null && r.change === 'opened');
    expect(membership(viaRrcu)).toMatchObject({ madeBy: 'RRCU', taskId: requested.task.id, action: 'grant', trigger: 'manual', actor: 'cli:evidence-test', reason: 'ticket OPS-1', syncRunId: after.run.id });
    expect(membership(direct)).toMatchObject({ madeBy: 'outside RRCU', taskId: null, reason: null, syncRunId: after.run.id });
    const count = (change: string, madeBy: string) => rows.filter((r) => r.change === change && r.madeBy === madeBy).length;
    expect([figure(report, 'Opened by RRCU'), figure(report, 'Opened outside RRCU'), figure(report, 'Closed by RRCU'), figure(report, 'Closed outside RRCU')])
      .toEqual([count('opened', 'RRCU'), count('opened', 'outside RRCU'), count('closed', 'RRCU'), count('closed', 'outside RRCU')]);
    expect(figure(report, 'Grants opened')).toBe(rows.filter((r) => r.change === 'opened').length);
    expect((await asJson(report)).kind).toBe('access_changes');

    // Over the campaign too: its revoke closed the membership, by a review task, the decision named; put back later in AWS, it
    // opened again outside RRCU (a grant closed and opened again in one window is both changes, not one "changed" row).
    const since = await REPORT_PRODUCERS.access_changes.produce(store().db, { connectorId: world.connector.id, from: beforeCampaign, to }, BY, new Date());
    const revokedMembership = (await rowsOf(since, 'changes')).filter((r) => r.principalId === revoked.principal.id && r.entitlementKey === `sso_group:${revoked.resource.id}#member` && r.viaGroup === null);
    expect(revokedMembership).toEqual([
      expect.objectContaining({
        change: 'closed', madeBy: 'RRCU', trigger: 'review', triggerRef: revoked.id, campaign: `${campaign.name} (${campaign.id})`, reviewDecision: 'revoke', reviewer: email.get(holder), reviewComment: 'left the team',
      }),
      expect.objectContaining({ change: 'opened', madeBy: 'outside RRCU', taskId: null }),
    ]);
  });

  test('access at an instant: every grant held, direct or via a group, as grantsAt answers, with the run\'s population', async () => {
    const at = new Date();
    const report = await REPORT_PRODUCERS.access_at.produce(store().db, REPORT_PRODUCERS.access_at.parameters.parse({ connectorId: world.connector.id, at: at.toISOString() }), BY, new Date());
    const rows = await rowsOf(report, 'access');
    const held = (await grantsAt(store().db, { connectorId: world.connector.id, at })).filter((r) => r.pending?.kind !== 'revoke');
    expect(rows).toHaveLength(held.length);
    expect(figure(report, 'Grants held')).toBe(held.length);
    expect(figure(report, 'Held via a group')).toBe(rows.filter((r) => r.path === 'via group').length);
    expect(new Set(rows.map((r) => r.path))).toEqual(new Set(['direct', 'via group']));
    const [run] = await queryRows<{ id: number; grants: number }>(store().db, sql`select id::int as id, (counts->>'grant')::int as grants from sync_runs where connector_id = ${world.connector.id} and status = 'succeeded' order by id desc limit 1`);
    expect(report.syncRunIds).toEqual([run!.id]);
    expect(figure(report, `Sync #${run!.id} counted grant`)).toBe(run!.grants);
    expect((await asJson(report)).kind).toBe('access_at');

    // Before the first sync RRCU knows nothing, which is not "nothing was held": refused, naming when history starts.
    await rejects(REPORT_PRODUCERS.access_at.produce(store().db, { connectorId: world.connector.id, at: new Date('2020-01-01T00:00:00Z') }, BY, new Date()), 'INVALID_INPUT', /before the inventory of connector .* starts \(first sync/);

    const one = await REPORT_PRODUCERS.access_at.produce(store().db, { connectorId: world.connector.id, at, principal: kept.principal.id }, BY, new Date());
    const own = await rowsOf(one, 'access');
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.principalId === kept.principal.id)).toBe(true);
  });

  test('privileged access: a membership an administrator marked privileged is listed with when its holding began and the last decision on it', async () => {
    await markPrivileged(store().db, { connectorId: world.connector.id, entitlementKey: `sso_group:${kept.resource.id}#member`, reason: 'grants production access' }, { actor: 'cli:admin' });
    const report = await REPORT_PRODUCERS.privileged_access.produce(store().db, REPORT_PRODUCERS.privileged_access.parameters.parse({ connectorId: world.connector.id }), BY, new Date());
    const rows = await rowsOf(report, 'privileged_access');
    expect(figure(report, 'Privileged grants held')).toBe(rows.length);
    expect(rows.every((r) => r.privileged === true)).toBe(true);
    const row = rows.find((r) => r.principalId === kept.principal.id && r.resourceId === kept.resource.id && r.path === 'direct');
    const [first] = await queryRows<{ seen_from: Date | string }>(store().db, sql`
      select min(seen_from) as seen_from from grants where connector_id = ${world.connector.id} and key = ${kept.key}`);
    expect(row).toMatchObject({ lastDecision: 'keep', lastReviewer: email.get(holder), lastCampaign: `${campaign.name} (${campaign.id})`, heldSince: new Date(first!.seen_from) });
    expect(rows.filter((r) => r.path === 'via group').length).toBe(figure(report, 'Held via a group'));
    expect((await asJson(report)).kind).toBe('privileged_access');
  });

  test('orphaned and dormant identities: the IAM user no person matches, with a key unused for N days, and the disabled Identity Center user', async () => {
    const report = await REPORT_PRODUCERS.orphaned_identities.produce(store().db, REPORT_PRODUCERS.orphaned_identities.parameters.parse({ connectorId: world.connector.id }), BY, new Date());
    const rows = await rowsOf(report, 'identities');
    expect(rows.find((r) => r.principal === 'orphan.evidence')).toMatchObject({ principalType: 'iam_user', keysUnused: 1 });
    // Every IAM user gets a person by its user name; no email ties this one to anyone in the directory.
    expect(String(rows.find((r) => r.principal === 'orphan.evidence')!.findings).split(' ')).toEqual(['user_name_only', 'access_key_unused']);
    const disabled = rows.filter((r) => r.status === 'DISABLED');
    expect(disabled.length).toBeGreaterThan(0);
    expect(disabled.every((r) => String(r.findings).includes('disabled'))).toBe(true);
    expect(figure(report, 'Users with a finding')).toBe(rows.length);
    expect(figure(report, 'Identity Center users disabled')).toBe(disabled.length);
    expect((await asJson(report)).kind).toBe('orphaned_identities');
    expect(figure(report, 'Matched by user name alone (no email ties them to a directory identity)')).toBe(rows.filter((r) => String(r.findings).includes('user_name_only')).length);
    // Asked about keys unused for 200 days, the one used 120 days ago is not; the user is still no one's.
    const longer = await REPORT_PRODUCERS.orphaned_identities.produce(store().db, REPORT_PRODUCERS.orphaned_identities.parameters.parse({ connectorId: world.connector.id, keyUnusedDays: 200 }), BY, new Date());
    expect((await rowsOf(longer, 'identities')).find((r) => r.principal === 'orphan.evidence')).toMatchObject({ keysUnused: 0, findings: 'user_name_only' });
  });
});
