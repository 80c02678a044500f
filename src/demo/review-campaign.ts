import { sql } from 'drizzle-orm';
import type { App } from '../app.ts';
import { queryRows } from '../store/index.ts';

export const DEMO_CAMPAIGN_NAME = 'Quarterly review — production accounts';

/**
 * A draft campaign on the simulated organisation, so a new user can try a review right after `npm start`:
 * the permission set assignments on the accounts under Workloads/Production, reviewed by each person's
 * manager (the seed's manager tree), with the top of the tree as fallback and the next two managers as
 * campaign administrators: the top holds some production access through groups, and nobody reviews their
 * own, so without someone after the fallback those items would launch with nobody eligible. It needs the people the first
 * sync finds, so it waits for that sync; created once (a campaign of that name on the connector stops it).
 */
export async function ensureDemoReviewCampaign(app: Pick<App, 'reviews' | 'store' | 'runs'>, connectorId: string, options: { signal: AbortSignal; pollMs?: number }): Promise<string | undefined> {
  const db = app.store.db;
  while (!options.signal.aborted && !(await app.runs.lastSucceededRun(connectorId))) {
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 2000));
  }
  if (options.signal.aborted) return undefined;
  const [existing] = await queryRows<{ id: string }>(db, sql`select id from review_campaigns where connector_id = ${connectorId} and name = ${DEMO_CAMPAIGN_NAME} limit 1`);
  if (existing) return existing.id;
  // The top of the manager tree (the person most others report to, directly), then the next two managers.
  const [top, ...administrators] = await queryRows<{ id: string }>(db, sql`select manager_id as id from people where manager_id is not null group by 1 order by count(*) desc, 1 limit 3`);
  if (!top) return undefined;
  const campaign = await app.reviews.create({
    name: DEMO_CAMPAIGN_NAME,
    description: 'Who may enter the production accounts, and with which permission set: each person\'s manager decides. Launch it from the campaign page.',
    scope: { connectorId, ouPaths: ['Workloads/Production'] },
    reviewerPlan: { stages: [{ policies: [{ kind: 'manager' }] }], fallbackPersonId: top.id, administratorPersonIds: administrators.map((a) => a.id) },
    dueAt: new Date(Date.now() + 14 * 24 * 3600 * 1000),
  }, { actor: 'system', personId: null });
  return campaign.id;
}
