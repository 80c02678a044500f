import { z } from 'zod';
import type { App } from '../../app.ts';
import { COMMON_ERRORS, RrcuError } from '../../core/errors.ts';
import {
  bulkDecideInputSchema, CAMPAIGN_STATUSES, createCampaignInputSchema, decideInputSchema, delegateInputSchema, exportRowSchema, itemQuerySchema, reassignInputSchema, REVIEW_ERRORS,
  reviewExportCsv, toItemFilter,
  type ItemDetail, type ReviewActor,
} from '../../reviews/index.ts';
import { allows, OPERATORS, READERS } from '../auth/access.ts';
import type { Caller } from '../caller.ts';
import { personOf as personOfCaller } from '../person.ts';
import type { ServerApp } from '../server-app.ts';
import { accessPageSchema, accessPagingSchema } from './access.ts';
import { toAccessRecord } from '../../access/index.ts';
import {
  campaignViewSchema, itemDetailSchema, itemPageSchema, itemViewSchema, personRefSchema, previewSchema, statisticsSchema,
} from './review-schemas.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['reviews'];

/**
 * Access reviews (docs/access-reviews.md). Administrators run campaigns; auditors read every campaign,
 * item and export; every signed-in person reads and decides only the items assigned to them. A
 * reviewer is a person of the inventory: the caller's is the one with their sign-in email, as for
 * "my access". An item that is not the caller's is "not found" to them, like anyone's own data.
 */
export function reviewRoutes(server: ServerApp, app: App): void {
  const { reviews } = app;
  const personOf = (caller: Caller) => personOfCaller(app, caller);
  async function actorOf(caller: Caller): Promise<ReviewActor> {
    return { actor: caller.actor, personId: await personOf(caller) };
  }
  function itemNotFound(itemId: string): RrcuError {
    return new RrcuError(REVIEW_ERRORS.ITEM_NOT_FOUND, `No review item ${itemId} is assigned to you.`, { fix: 'Open My reviews (GET /api/me/reviews) for the items waiting for you.' });
  }
  /** The item, for a caller who reads every item or is its current reviewer; not found for anyone else. */
  async function readableItem(itemId: string, caller: Caller, personId: string | null): Promise<ItemDetail> {
    const detail = await reviews.itemDetail(itemId);
    if (allows(READERS, caller.role) || (personId !== null && detail.reviewer?.id === personId)) return detail;
    throw itemNotFound(itemId);
  }

  server.get('/api/reviews', {
    config: { access: READERS },
    schema: {
      operationId: 'listReviewCampaigns',
      tags,
      summary: 'Access review campaigns, with their progress',
      querystring: z.object({ status: z.enum(CAMPAIGN_STATUSES).optional() }),
      response: { 200: z.object({ items: z.array(campaignViewSchema) }) },
    },
  }, async (request) => ({ items: await reviews.list(request.query.status ? { status: request.query.status } : {}) }));

  server.post('/api/reviews', {
    config: { access: OPERATORS },
    schema: {
      operationId: 'createReviewCampaign',
      tags,
      summary: 'Create a campaign as a draft: scope, reviewer plan, options, due date (audited)',
      body: createCampaignInputSchema,
      response: { 201: campaignViewSchema },
    },
  }, async (request, reply) => reply.status(201).send(await reviews.create(request.body, await actorOf(request.caller!))));

  server.post('/api/reviews/preview', {
    config: { access: OPERATORS },
    schema: {
      operationId: 'previewReviewCampaign',
      tags,
      summary: "The population a draft would review, from the connector's last committed sync: items by kind and by reviewer",
      body: createCampaignInputSchema,
      response: { 200: previewSchema },
    },
  }, async (request) => reviews.preview(request.body));

  server.get('/api/reviews/:id', {
    config: { access: READERS },
    schema: { operationId: 'getReviewCampaign', tags, summary: 'One campaign: its snapshot (completeness proof) and progress', params: idParams, response: { 200: campaignViewSchema } },
  }, async (request) => reviews.get(request.params.id));

  const transitions = [
    ['launch', 'launchReviewCampaign', 'Launch a draft: snapshot the population of the last committed sync and assign reviewers (asks for a sync first when that sync failed or is too old)'],
    ['advance', 'advanceReviewCampaign', 'Close the open stage: the next stage reviews what it kept, or the campaign closes after the last'],
    ['close', 'closeReviewCampaign', 'Close the campaign: decisions lock, undecided items are Not reviewed, revokes go to provisioning'],
  ] as const;
  for (const [verb, operationId, summary] of transitions) {
    server.post(`/api/reviews/:id/${verb}`, {
      config: { access: OPERATORS },
      schema: { operationId, tags, summary, params: idParams, response: { 200: campaignViewSchema } },
    }, async (request) => {
      const by = await actorOf(request.caller!);
      const { id } = request.params;
      return verb === 'launch' ? reviews.launch(id, by) : verb === 'advance' ? reviews.advanceStage(id, by) : reviews.close(id, by);
    });
  }

  server.get('/api/reviews/:id/items', {
    config: { access: READERS },
    schema: { operationId: 'listReviewItems', tags, summary: "A campaign's items, filtered, a page at a time", params: idParams, querystring: itemQuerySchema, response: { 200: itemPageSchema } },
  }, async (request) => {
    const { filter, paging } = toItemFilter(request.query);
    const page = await reviews.items(request.params.id, filter, paging);
    return { total: page.total, items: page.rows };
  });

  server.get('/api/reviews/:id/statistics', {
    config: { access: READERS },
    schema: {
      operationId: 'getReviewStatistics',
      tags,
      summary: 'Items per reviewer, decided and pending, median seconds per decision, and reviewers whose decisions look rubber-stamped',
      params: idParams,
      response: { 200: statisticsSchema },
    },
  }, async (request) => reviews.statistics(request.params.id));

  server.get('/api/reviews/:id/export.json', {
    config: { access: READERS },
    schema: {
      operationId: 'exportReviewJson',
      tags,
      summary: 'Every item with reviewer, decision, time, comment, stage, reassignments, remediation task and observing sync',
      params: idParams,
      response: { 200: z.object({ items: z.array(exportRowSchema) }) },
    },
  }, async (request) => ({ items: await reviews.exportRows(request.params.id) }));

  server.get('/api/reviews/:id/export.csv', {
    config: { access: READERS },
    schema: { operationId: 'exportReviewCsv', tags, summary: 'The export as a CSV download (cells a spreadsheet would run as formulas are defused)', params: idParams, produces: ['text/csv'] },
  }, async (request, reply) => {
    const rows = await reviews.exportRows(request.params.id);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="rrcu-review-${request.params.id}.csv"`)
      .send(reviewExportCsv(rows));
  });

  server.post('/api/reviews/:id/reassign', {
    config: { access: OPERATORS },
    schema: {
      operationId: 'reassignReviewItems',
      tags,
      summary: 'Give items of the campaign to another reviewer, with a reason (audited; the holder of the access never gets them; the new reviewer decides afresh). Items of another campaign are a 400',
      params: idParams,
      body: reassignInputSchema,
      response: { 200: z.object({ reassigned: z.number() }) },
    },
  }, async (request) => reviews.reassign(request.params.id, request.body, await actorOf(request.caller!)));

  server.get('/api/reviews/people', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'findReviewPeople',
      tags,
      summary: 'People to hand review items to, by part of a name or email: id, name and email only, a few at a time. For readers, and for a person holding a review item of an active campaign (the people directory is for readers)',
      querystring: z.object({
        search: z.string().trim().min(2, 'search needs at least 2 characters').max(200).describe('Part of a display name, email or user name'),
        limit: z.coerce.number().int().min(1).max(20).default(8),
      }),
      response: { 200: z.object({ items: z.array(personRefSchema) }) },
    },
  }, async (request) => {
    // Only someone with an item to hand on needs a delegate: anyone else could list everyone's email, two letters at a time.
    const caller = request.caller!;
    if (!allows(READERS, caller.role)) {
      const personId = await personOf(caller);
      if (personId === null || (await reviews.myItems(personId, {}, { limit: 1 })).rows.length === 0) {
        throw new RrcuError(COMMON_ERRORS.FORBIDDEN, 'Finding a delegate is for reviewers with an item of an active campaign to hand on.', {
          fix: 'Open My reviews (GET /api/me/reviews): once a review item is assigned to you, you may hand it on.',
        });
      }
    }
    // A reviewer picking a delegate sees whom they may pick, not the principals and access the directory shows.
    const found = await app.access.listPeople({ q: request.query.search, limit: request.query.limit });
    return { items: found.map((p) => ({ id: p.id, displayName: p.displayName, email: p.email })) };
  });

  server.get('/api/me/reviews', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'listMyReviewItems',
      tags,
      summary: 'My reviews: the items assigned to the caller, filtered, a page at a time',
      querystring: itemQuerySchema.omit({ reviewerPersonId: true }).extend({ campaignId: z.uuid().optional() }),
      response: { 200: itemPageSchema },
    },
  }, async (request) => {
    const personId = await personOf(request.caller!);
    if (personId === null) return { total: 0, items: [] };
    const { campaignId, ...query } = request.query;
    const { filter, paging } = toItemFilter(query);
    const page = await reviews.myItems(personId, { ...filter, ...(campaignId ? { campaignId } : {}) }, paging);
    return { total: page.total, items: page.rows };
  });

  server.get('/api/review-items/:id', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'getReviewItem',
      tags,
      summary: "One item with its reviewer context, decisions and reassignments: for its current reviewer, administrators and auditors",
      params: idParams,
      response: { 200: itemDetailSchema },
    },
  }, async (request) => readableItem(request.params.id, request.caller!, await personOf(request.caller!)));

  server.get('/api/review-items/:id/holder-access', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'getReviewItemHolderAccess',
      tags,
      summary: "Everything the item's holder has now, directly and through groups, a page at a time: the person's (every principal matched to them), or the principal's when no person matched. A reviewer sees the person whole; for the item's current reviewer, administrators and auditors",
      params: idParams,
      querystring: accessPagingSchema,
      response: { 200: accessPageSchema },
    },
  }, async (request) => {
    const item = await readableItem(request.params.id, request.caller!, await personOf(request.caller!));
    const { scope } = await reviews.get(item.campaignId);
    const at = new Date();
    const whose = item.person ? { personId: item.person.id } : { principal: { resourceType: item.principal.type, externalId: item.principal.id } };
    const filter = { at, ...(scope.connectorId ? { connectorId: scope.connectorId } : {}), ...whose };
    const [{ totals, rows, rowCount }, first] = await Promise.all([app.access.grantsAtPage(filter, request.query), app.access.firstSyncAt(scope.connectorId)]);
    return { at: at.toISOString(), total: rowCount, totals, firstSyncAt: first?.toISOString() ?? null, items: rows.map(toAccessRecord) };
  });

  server.post('/api/review-items/:id/decision', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'decideReviewItem',
      tags,
      summary: 'Keep or Revoke an item assigned to the caller (a comment is required on Revoke); changeable until its stage closes',
      params: idParams,
      body: decideInputSchema.omit({ itemId: true }),
      response: { 200: z.object({ item: itemViewSchema }) },
    },
  }, async (request) => {
    const by = await actorOf(request.caller!);
    await readableItem(request.params.id, request.caller!, by.personId);
    return { item: await reviews.decide({ ...request.body, itemId: request.params.id }, by) };
  });

  const remediationResultSchema = z.object({ itemId: z.string(), state: z.string(), taskId: z.string().nullable(), manualMarkedAt: z.string().nullable(), manualMarkedBy: z.string().nullable() });
  server.post('/api/review-items/:id/remediation/retry', {
    config: { access: OPERATORS },
    schema: {
      operationId: 'retryReviewRemediation',
      tags,
      summary: "Ask again for a revoke whose provisioning task failed: a new task, the item's remediation back to task_queued (audited)",
      params: idParams,
      response: { 200: z.object({ remediation: remediationResultSchema }) },
    },
  }, async (request) => ({ remediation: await reviews.retryRemediation(request.params.id, await actorOf(request.caller!)) }));

  server.post('/api/review-items/:id/remediation/done', {
    config: { access: OPERATORS },
    schema: {
      operationId: 'markReviewRemediationDone',
      tags,
      summary: 'Say a manual removal is done (who and when, audited); the next sync that started after it and no longer sees the grant makes it Remediated',
      params: idParams,
      response: { 200: z.object({ remediation: remediationResultSchema }) },
    },
  }, async (request) => ({ remediation: await reviews.markRemediationDone(request.params.id, await actorOf(request.caller!)) }));

  server.post('/api/me/reviews/bulk-decision', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'bulkDecideMyReviewItems',
      tags,
      summary: "One decision on every item of the caller's in a campaign matching the filter; refused unless exactly expectedCount match",
      body: bulkDecideInputSchema.extend({ filter: bulkDecideInputSchema.shape.filter.describe('Item filters (the reviewer is always the caller)') }),
      response: { 200: z.object({ decided: z.number() }) },
    },
  }, async (request) => {
    const by = await actorOf(request.caller!);
    if (by.personId === null) throw notAPerson(request.caller!);
    // Always the caller's own items, whatever reviewer the filter names.
    return reviews.bulkDecide({ ...request.body, filter: { ...request.body.filter, reviewerPersonId: by.personId } }, by);
  });

  server.post('/api/me/reviews/delegate', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'delegateMyReviewItems',
      tags,
      summary: "Hand items assigned to the caller, all of one campaign, to another person with a reason (audited; never to the holder, never back along the chain; the new reviewer decides afresh)",
      body: delegateInputSchema,
      response: { 200: z.object({ delegated: z.number() }) },
    },
  }, async (request) => {
    const by = await actorOf(request.caller!);
    if (by.personId === null) throw notAPerson(request.caller!);
    return reviews.delegate(request.body, by);
  });
}

function notAPerson(caller: Caller): RrcuError {
  return new RrcuError(REVIEW_ERRORS.NOT_A_PERSON, `No person of the inventory has your sign-in email (${caller.email ?? 'none'}), so no review items are yours.`, {
    fix: 'Sign in as a user whose email is a person synced from Identity Center or IAM.',
  });
}
