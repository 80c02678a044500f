import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { isRrcuError } from '../../src/core/errors.ts';
import { createReviewService, type CreateCampaignInput, type ReviewService } from '../../src/reviews/index.ts';
import { queryRows } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { holderAndOther } from './review-people.ts';
import { startAwsWorld, type AwsWorld } from '../../harness/aws-connector.ts';

const rejects = async (p: Promise<unknown>, code: string, text?: RegExp) => {
  const e: unknown = await p.then(() => undefined, (x: unknown) => x);
  expect(isRrcuError(e, code), `expected ${code}, got ${String(e)}`).toBe(true);
  if (text) expect((e as Error).message).toMatch(text);
};

/** Who may decide what: the granter rule, hand-ons of decided items, one campaign per hand-on, the previous campaign's word. */
describeStore('access reviews: who decides what', (store) => {
  let world: AwsWorld;
  let reviews: ReviewService;
  const admin = { actor: 'cli:admin', personId: null };
  let holder: string;
  let other: string;
  const campaignInput = (over: Partial<CreateCampaignInput> = {}): CreateCampaignInput => ({
    name: 'Who decides',
    scope: { connectorId: world.connector.id, resourceTypes: ['sso_group' as const] },
    reviewerPlan: { stages: [{ policies: [{ kind: 'named', personIds: [holder] }] }], fallbackPersonId: other },
    ...over,
  });
  const launch = async (over: Partial<CreateCampaignInput> = {}) => reviews.launch((await reviews.create(campaignInput(over), admin)).id, admin);

  beforeAll(async () => {
    world = await startAwsWorld(store(), { accounts: 2, users: 30, groups: 3, permissionSets: 3, iamUsersPerAccount: 2 });
    reviews = createReviewService({ db: store().db, provisioning: world.service });
    ({ holder, other } = await holderAndOther(store().db, world.connector.id));
  });
  afterAll(async () => {
    await world?.stop();
  });

  // S3: a grant asked for with an API token was nobody's, so its granter could decide it.
  test('the granter rule follows an API token to the user who created it', async () => {
    const [grant] = await queryRows<{ entitlement_key: string; principal_type_id: string; principal_external_id: string }>(store().db, sql`
      select g.entitlement_key, g.principal_type_id, g.principal_external_id from grants g join resources p on p.connector_id = g.connector_id
        and p.resource_type_id = g.principal_type_id and p.external_id = g.principal_external_id and p.seen_to is null
      where g.connector_id = ${world.connector.id} and g.seen_to is null and g.via_external_id is null and g.entitlement_key like 'sso_group:%#member'
        and p.person_id is distinct from ${holder} order by 1, 3 limit 1`);
    const [email] = await queryRows<{ email: string }>(store().db, sql`select email from people where id = ${holder}`);
    const [user] = await queryRows<{ id: string }>(store().db, sql`
      insert into app_users (subject, email, display_name) values ('local:token-granter', ${email!.email}, 'Token granter') returning id`);
    const [token] = await queryRows<{ id: string }>(store().db, sql`
      insert into api_tokens (name, token_hash, prefix, role, created_by) values ('script', 'hash-of-script', 'rrcu_scr', 'connector_admin', ${user!.id}) returning id`);
    await queryRows(store().db, sql`
      insert into provisioning_tasks (connector_id, action, entitlement_key, principal_type_id, principal_external_id, target, actor, trigger, status, finished_at)
      values (${world.connector.id}, 'grant', ${grant!.entitlement_key}, ${grant!.principal_type_id}, ${grant!.principal_external_id}, '{}'::jsonb, ${`token:${token!.id}`}, 'manual', 'succeeded', now())`);
    try {
      const c = await launch({ name: 'Token granter', reviewerPlan: { stages: [{ policies: [{ kind: 'named', personIds: [holder] }] }], fallbackPersonId: other, excludeGranters: true } });
      const given = (await reviews.items(c.id, { principalId: grant!.principal_external_id }, { limit: 1000 })).rows
        .filter((r) => `${r.resource.type}:${r.resource.id}#${r.entitlement.slug}` === grant!.entitlement_key);
      expect(given).toHaveLength(1);
      expect(given[0]!.reviewer?.id).toBe(other);
      expect((await reviews.itemDetail(given[0]!.id)).reassignments).toEqual([expect.objectContaining({ reason: 'granted-by-reviewer', from: expect.objectContaining({ id: holder }) })]);
    } finally {
      await queryRows(store().db, sql`delete from provisioning_tasks where actor = ${`token:${token!.id}`}`);
    }
  });
});
