/**
 * `rrcu review` as people run it: the real binary against a PGlite store holding a connector synced
 * from the simulator (in this process, answering the child over HTTP).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CampaignStatistics, CampaignView, ItemView } from '../../src/reviews/index.ts';
import { runCli, syncedCliStore } from '../harness/run-cli.ts';

describe('rrcu review', () => {
  let store: Awaited<ReturnType<typeof syncedCliStore>>;
  let env: Record<string, string>;
  let fallbackEmail: string;
  beforeAll(async () => {
    store = await syncedCliStore('rrcu-review-', { seed: 7, accounts: 1, users: 4, groups: 2, permissionSets: 1, iamUsersPerAccount: 0 });
    env = store.env;
    // Between commands nothing holds the store: read a person's email to name the fallback reviewer by.
    const db = await PGlite.create(join(store.dir, 'data'));
    fallbackEmail = (await db.query<{ email: string }>('select email from people where email is not null order by email limit 1')).rows[0]!.email;
    await db.close();
  }, 300_000);
  afterAll(async () => {
    await store?.stop();
  });

  test('creates a draft from flags, launches it, lists its items, exports CSV and JSON, and closes it; bad flags are refused by name', { timeout: 300_000 }, async () => {
    const base = ['review', 'create', '--name', 'Q4 memberships', '--connector', 'sim', '--resource-type', 'sso_group', '--fallback', fallbackEmail];
    const badStage = await runCli([...base, '--stage', 'boss'], env);
    expect(badStage.code).toBe(1);
    expect(badStage.stderr).toContain('--stage');
    const badAccount = await runCli([...base, '--stage', 'owner', '--account', '12'], env);
    expect(badAccount.code).toBe(1);
    expect(badAccount.stderr).toContain('--account');

    const created = await runCli([...base, '--stage', 'manager,owner', '--due', '2030-01-31', '--json'], env);
    expect(created.code, created.stderr).toBe(0);
    const draft = JSON.parse(created.stdout) as CampaignView;
    expect(draft).toMatchObject({ status: 'draft', name: 'Q4 memberships', dueAt: '2030-01-31T00:00:00.000Z', reviewerPlan: { stages: [{ policies: [{ kind: 'manager' }, { kind: 'owner' }] }] } });

    const launched = await runCli(['review', 'launch', draft.id], env);
    expect(launched.code, launched.stderr).toBe(0);
    expect(launched.stdout).toMatch(/\d+ items from sync #\d+ at .*; reconciled: yes/);
    expect((await runCli(['review', 'list', '--status', 'active'], env)).stdout).toContain(`${draft.id}  active  Q4 memberships  stage 1/1`);

    const items = JSON.parse((await runCli(['review', 'items', draft.id, '--json', '--limit', '1000'], env)).stdout) as { total: number; items: ItemView[] };
    expect(items.total).toBeGreaterThan(0);
    expect(items.items.every((i) => i.kind === 'sso_group_membership')).toBe(true);

    const out = join(store.dir, 'export.csv');
    const exported = await runCli(['review', 'export', draft.id, '--format', 'csv', '--out', out], env);
    expect(exported.code, exported.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^campaignId,campaignName,itemId,/);
    expect(lines).toHaveLength(items.total + 1);
    const json = JSON.parse((await runCli(['review', 'export', draft.id, '--format', 'json'], env)).stdout) as unknown[];
    expect(json).toHaveLength(items.total);

    const closed = await runCli(['review', 'close', draft.id, '--json'], env);
    expect(closed.code, closed.stderr).toBe(0);
    expect(JSON.parse(closed.stdout)).toMatchObject({ status: 'closed', progress: { notReviewed: items.total, kept: 0 } });
    const show = await runCli(['review', 'show', draft.id], env);
    expect(show.stdout).toContain(`0/${items.total} decided, 0 kept, 0 revoked, ${items.total} not reviewed`);
    // Each reviewer's line said only decided/items: closed, what they left undecided is Not reviewed, and the line says so.
    const { statistics } = JSON.parse((await runCli(['review', 'show', draft.id, '--json'], env)).stdout) as { statistics: CampaignStatistics };
    expect(statistics.reviewers.length).toBeGreaterThan(0);
    for (const r of statistics.reviewers) expect(show.stdout).toContain(`reviewer ${r.reviewerPersonId}: 0/${r.items} decided, 0 pending, ${r.notReviewed} not reviewed, median - s`);
  });

  test('every campaign option is a flag of review create; a recurrence that is not a cron expression is refused by its flag', { timeout: 300_000 }, async () => {
    const base = ['review', 'create', '--name', 'Quarterly, all options', '--connector', 'sim', '--stage', 'owner', '--fallback', fallbackEmail];
    const badCron = await runCli([...base, '--recurrence', 'every quarter'], env);
    expect(badCron.code).toBe(1);
    expect(badCron.stderr).toContain('--recurrence');
    const badEscalate = await runCli([...base, '--escalate-after', 'soon'], env);
    expect(badEscalate.code).toBe(1);
    expect(badEscalate.stderr).toContain('--escalate-after');
    const created = await runCli([
      ...base, '--due', '2030-03-31', '--ends', '2030-04-15T17:00:00Z', '--recurrence', '0 6 1 1,4,7,10 *', '--remind-before', '7,1', '--no-remind-after-due',
      '--escalate-after', 'never', '--max-sync-age', '6', '--granter-lookback', '30', '--require-comment-on-keep', '--remediate-immediately', '--json',
    ], env);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      recurrenceCron: '0 6 1 1,4,7,10 *',
      options: {
        requireCommentOnKeep: true, remediateImmediately: true, maxSyncAgeSeconds: 6 * 3600, reminderDaysBeforeDue: [7, 1], remindDailyAfterDue: false,
        escalateAfterDays: null, endsAt: '2030-04-15T17:00:00.000Z', granterLookbackDays: 30,
      },
    });
    const help = await runCli(['review', 'create', '--help'], env);
    for (const flag of ['--ends', '--recurrence', '--remind-before', '--no-remind-after-due', '--escalate-after', '--max-sync-age', '--granter-lookback']) expect(help.stdout).toContain(flag);
  });

  test('decide is refused without the API: a decision needs the reviewer proven by their token', async () => {
    const res = await runCli(['review', 'decide', '00000000-0000-4000-8000-000000000000', 'keep'], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('RRCU_URL');
  });
});
