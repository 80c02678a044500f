/**
 * Access reviews at scale (`npm run bench reviews`): the sync bench's generated organisation (~108k grants
 * after group expansion, bench/generated-org.ts) staged and committed through the store, its people linked
 * as a sync links them, three of them managers of everyone else; then one campaign over the whole
 * population (every direct grant; managers review, the first person is the fallback) is timed through
 * the reviews service: launch, My reviews' first page (200 requests for the reviewers in turn), a bulk
 * Keep of the largest reviewer's permission set assignments, a bulk Revoke of another's group
 * memberships, and close, which queues each Revoke as a provisioning task (the real provisioning
 * service; its jobs are written to the queue and never run: no AWS here, so the provisioner's check is
 * the only part of it stood in for). On PGlite and on PostgreSQL (bench-stores.ts).
 */
import { sql } from 'drizzle-orm';
import type { ConnectorRecord, Provisioner } from '../src/connectors/index.ts';
import { startJobEngine } from '../src/jobs/index.ts';
import { createProvisioningService, PROVISIONING_QUEUE_SPECS } from '../src/provisioning/index.ts';
import { createReviewService } from '../src/reviews/index.ts';
import { connectors, queryRows } from '../src/store/index.ts';
import { linkPeople } from '../src/sync/index.ts';
import { expectedGrantCount, generatedItems, type GeneratedOrg } from './generated-org.ts';
import { onEachEngine, stageAndCommit } from './bench-stores.ts';

const accounts = Number(process.env.BENCH_REVIEW_ACCOUNTS ?? 300);
const org: GeneratedOrg = { seed: 2026, accounts, permissionSets: 40, users: accounts * 10, groups: 200, groupAssignmentsPerAccount: 20, userAssignmentsPerAccount: 20 };
const MANAGERS = 3;
const PAGE_REQUESTS = 200;
const TARGET = { launchSeconds: 15, pageP95Ms: 150 };
const out = (line: string) => process.stdout.write(`${line}\n`);
const since = (t: number) => performance.now() - t;
const admin = { actor: 'cli:bench', personId: null };

out(`organisation: ${org.accounts} accounts, ${org.users} users, ${org.groups} groups; ~${expectedGrantCount(org).toLocaleString('en')} grants after expansion; ${MANAGERS} managers of everyone else`);
out(`targets on PGlite: launch ≤ ${TARGET.launchSeconds} s, My reviews first page p95 ≤ ${TARGET.pageP95Ms} ms`);

await onEachEngine('rrcu_bench_reviews', async ({ label, store }) => {
  out(`\n${label}`);
  const db = store.db;
  const [row] = await db.insert(connectors).values({ kind: 'aws', name: 'bench' }).returning({ id: connectors.id });
  const connectorId = row!.id;
  await stageAndCommit(db, connectorId, generatedItems(org));
  await linkPeople(db, connectorId);
  // The sync derives managers from Identity Center; the generated organisation has none, so a few people manage the rest.
  await db.execute(sql`
    with ranked as (select id, row_number() over (order by id) as n from people)
    update people p set manager_id = m.id from ranked r join ranked m on m.n = 1 + (r.n % ${MANAGERS})
    where p.id = r.id and r.n > ${MANAGERS}`);
  const people = await queryRows<{ id: string }>(db, sql`select id from people order by id limit ${MANAGERS}`);
  const managers = people.map((p) => p.id);

  const jobs = await startJobEngine(store, { supervise: false, queues: PROVISIONING_QUEUE_SPECS });
  const provisioner = { check: () => {} } as unknown as Provisioner;
  const provisioning = createProvisioningService({
    db, jobs, provisioners: { get: async () => provisioner }, connectors: { live: async (id: string) => ({ id }) as ConnectorRecord },
  });
  const reviews = createReviewService({ db, provisioning });
  try {
    const draft = await reviews.create({ name: 'Everything', scope: { connectorId }, reviewerPlan: { stages: [{ policies: [{ kind: 'manager' }] }], fallbackPersonId: managers[0]!, administratorPersonIds: [managers[1]!] } }, admin);
    let t = performance.now();
    const c = await reviews.launch(draft.id, admin);
    const launchSeconds = since(t) / 1000;
    out(`  launch: ${c.snapshot!.itemCount.toLocaleString('en')} items in ${launchSeconds.toFixed(1)} s (target ≤ ${TARGET.launchSeconds} s)`);

    const loads = await queryRows<{ reviewer: string; n: number }>(db, sql`
      select reviewer_person_id as reviewer, count(*)::int as n from review_assignments a join review_items i on i.id = a.item_id
      where i.campaign_id = ${c.id} and a.stage = 1 and a.reviewer_person_id is not null and a.current group by 1 order by 2 desc`);
    out(`  reviewers: ${loads.map((l) => l.n.toLocaleString('en')).join(', ')} items`);
    const filters = [{}, { decision: 'undecided' as const }, { kind: 'permission_set_assignment' as const }, { privileged: true }];
    const times: number[] = [];
    for (let i = 0; i < PAGE_REQUESTS; i++) {
      const reviewer = loads[i % loads.length]!.reviewer;
      t = performance.now();
      await reviews.myItems(reviewer, { campaignId: c.id, ...filters[Math.floor(i / loads.length) % filters.length] }, { limit: 50 });
      times.push(since(t));
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
    out(`  My reviews first page (${PAGE_REQUESTS} requests): p50 ${p(0.5).toFixed(0)} ms, p95 ${p(0.95).toFixed(0)} ms, max ${p(1).toFixed(0)} ms (target p95 ≤ ${TARGET.pageP95Ms} ms)`);

    const [keeper, revoker] = loads;
    const actor = (personId: string) => ({ actor: `user:${personId}`, personId });
    const keepFilter = { kind: 'permission_set_assignment' as const };
    const toKeep = (await reviews.myItems(keeper!.reviewer, { campaignId: c.id, ...keepFilter }, { limit: 1 })).total;
    t = performance.now();
    await reviews.bulkDecide({ campaignId: c.id, filter: keepFilter, decision: 'keep', expectedCount: toKeep }, actor(keeper!.reviewer));
    out(`  bulk Keep: ${toKeep.toLocaleString('en')} items in ${(since(t) / 1000).toFixed(1)} s`);
    const revokeFilter = { kind: 'sso_group_membership' as const };
    const toRevoke = (await reviews.myItems(revoker!.reviewer, { campaignId: c.id, ...revokeFilter }, { limit: 1 })).total;
    t = performance.now();
    await reviews.bulkDecide({ campaignId: c.id, filter: revokeFilter, decision: 'revoke', comment: 'bench', expectedCount: toRevoke }, actor(revoker!.reviewer));
    out(`  bulk Revoke: ${toRevoke.toLocaleString('en')} items in ${(since(t) / 1000).toFixed(1)} s`);

    t = performance.now();
    const closed = await reviews.close(c.id, admin);
    const [queued] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from provisioning_tasks where trigger = 'review'`);
    out(`  close: ${closed.progress.revoked.toLocaleString('en')} revokes, ${queued!.n.toLocaleString('en')} provisioning tasks queued, in ${(since(t) / 1000).toFixed(1)} s`);
  } finally {
    await jobs.stop({ graceful: false, timeoutMs: 5000 });
  }
});
