import { z } from 'zod';
import { describeEntitlement } from '../../core/describe-entitlement.ts';
import { COMMON_ERRORS, RrcuError } from '../../core/errors.ts';
import { createReviewReads, type CampaignView, type ItemFilter, type ItemView, type ReviewReads } from '../../reviews/index.ts';
import type { ReportTable } from '../report-model.ts';
import { campaignTimeline } from './campaign-timeline.ts';
import { columns, generated, daysBetween, listed, onPaper, paged, utc, type ReportProducer, type Row } from './common.ts';

const parameters = z.object({ campaignId: z.uuid('campaignId is a campaign id (UUID)') });

/** The reviews service pages items at most this many at a time. */
const ITEM_PAGE = 1000;

const ITEM_COLUMNS = columns(
  ['itemId', 'Item'], ['kind', 'Kind'], ['principalType', 'Principal type'], ['principalId', 'Principal id'], ['principal', 'Principal', 2], ['personEmail', 'Person', 2.5],
  ['resourceType', 'Resource type'], ['resourceId', 'Resource id'], ['resource', 'Resource', 2.2], ['entitlement', 'Entitlement', 2], ['privileged', 'Privileged'],
  ['stage', 'Stage'], ['reviewerEmail', 'Reviewer', 2.5], ['policy', 'Policy'], ['decision', 'Decision', 1.2], ['decidedAt', 'Decided at', 2.4], ['comment', 'Comment', 3], ['outcome', 'Outcome', 1.6],
  ['remediationState', 'Remediation', 1.6], ['remediationTaskId', 'Task', 2.5], ['awsRequestId', 'AWS request id'], ['observedSyncRunId', 'Observed by sync'], ['observedAt', 'Observed at', 2],
  ['unremediatedDays', 'Unremediated (days)', 1.8],
);
/** On paper, who held what, who decided and how, and what became of it; ids, kinds and the remediation's details are in the CSV and JSON. */
const ON_PAPER = ['principal', 'personEmail', 'resource', 'entitlement', 'reviewerEmail', 'decision', 'decidedAt', 'comment', 'outcome', 'remediationState'] as const;

/** Campaign evidence: scope and population, reviewers and their independence, timeline, every decision and what became of each revoke. */
export const campaignReport: ReportProducer<typeof parameters> = {
  parameters,
  async produce(db, { campaignId }, by, now) {
    const reviews = createReviewReads(db);
    const c = await reviews.get(campaignId);
    if (!c.snapshot) {
      throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `campaignId: campaign ${c.name} (${campaignId}) is a draft: it has no population, decisions or evidence yet.`, { fix: 'Launch it first; report on a launched or closed campaign.' });
    }
    const [statistics, history] = await Promise.all([reviews.statistics(campaignId), reviews.history(campaignId)]);
    const selfReviews = history.reassignments.filter((s) => s.reason === 'self-review');
    const unremediated = (item: ItemView) => item.remediation !== null && item.remediation.state !== 'remediated';
    const itemRow = (i: ItemView): Row => ({
      itemId: i.id, kind: i.kind, principalType: i.principal.type, principalId: i.principal.id, principal: i.principal.name, personEmail: i.person?.email ?? null,
      resourceType: i.resource.type, resourceId: i.resource.id, resource: i.resource.name, entitlement: i.entitlement.name ?? i.entitlement.slug, privileged: i.privileged,
      stage: i.stage, reviewerEmail: i.reviewer?.email ?? i.reviewer?.displayName ?? null, policy: i.policy, decision: i.decision, decidedAt: i.decidedAt ? new Date(i.decidedAt) : null,
      comment: i.comment, outcome: i.outcome, remediationState: i.remediation?.state ?? null, remediationTaskId: i.remediation?.taskId ?? null,
      awsRequestId: i.remediation?.awsRequestId ?? null, observedSyncRunId: i.remediation?.observedRunId ?? null,
      observedAt: i.remediation?.observedAt ? new Date(i.remediation.observedAt) : null,
      unremediatedDays: unremediated(i) ? daysBetween(new Date(i.remediation!.since), now) : null,
    });
    const items = (filter: ItemFilter, keep: (i: ItemView) => boolean = () => true) => itemPages(reviews, campaignId, filter, keep, itemRow);
    const rubberStamps = statistics.reviewers.filter((r) => r.rubberStamp);
    const nameOf = new Map([...history.decisions.map((d) => d.by), ...history.reassignments.flatMap((s) => [s.from, s.to])].filter((p) => p !== null).map((p) => [p.id, p]));
    // The decisions and steps name their items by id; read as people read them, from one pass over the campaign's items, once.
    let described: Promise<Map<string, string>> | undefined;
    const withItems = async <T extends { itemId: string }>(rows: readonly T[]): Promise<[T, string | null][]> => {
      described ??= itemDescriptions(reviews, campaignId, new Set([...history.decisions, ...history.reassignments].map((r) => r.itemId)));
      const names = await described;
      return rows.map((r) => [r, names.get(r.itemId) ?? null]);
    };
    const snapshot = c.snapshot;
    const tables: [ReportTable, ...ReportTable[]] = [
      { name: 'items', title: 'Items: one row per reviewed grant, with its outcome and remediation', columns: onPaper(ITEM_COLUMNS, ON_PAPER), rows: items({}) },
      {
        name: 'decisions', title: 'Every decision, in the order made (a changed or set-aside decision is kept, not in force)',
        columns: onPaper(
          columns(['itemId', 'Item id'], ['item', 'Item', 3], ['stage', 'Stage'], ['decision', 'Decision'], ['reviewerEmail', 'Reviewer', 2], ['at', 'At', 2], ['comment', 'Comment', 3], ['inForce', 'In force']),
          ['item', 'stage', 'decision', 'reviewerEmail', 'at', 'comment', 'inForce'],
        ),
        rows: listed(() => withItems(history.decisions), ([d, item]) => ({ itemId: d.itemId, item, stage: d.stage, decision: d.decision, reviewerEmail: d.by.email ?? d.by.displayName, at: new Date(d.at), comment: d.comment, inForce: d.inForce })),
      },
      {
        name: 'reassignments', title: 'Reviewer independence: every step away from a candidate or reviewer, with its reason',
        columns: onPaper(
          columns(['itemId', 'Item id'], ['item', 'Item', 3], ['stage', 'Stage'], ['from', 'From', 2], ['to', 'To', 2], ['reason', 'Reason'], ['policy', 'Policy'], ['note', 'Note', 2], ['by', 'By'], ['at', 'At', 2]),
          ['item', 'stage', 'from', 'to', 'reason', 'policy', 'note', 'by', 'at'],
        ),
        rows: listed(() => withItems(history.reassignments), ([s, item]) => ({
          itemId: s.itemId, item, stage: s.stage, from: s.from?.email ?? s.from?.displayName ?? null, to: s.to?.email ?? s.to?.displayName ?? null, reason: s.reason,
          policy: s.policy, note: s.note, by: s.by, at: new Date(s.at),
        })),
      },
      {
        name: 'reviewers', title: 'Decision statistics per reviewer',
        columns: columns(['reviewer', 'Reviewer', 2], ['items', 'Items'], ['decided', 'Decided'], ['kept', 'Kept'], ['revoked', 'Revoked'], ['notReviewed', 'Not reviewed'], ['pending', 'Pending'], ['medianSecondsPerDecision', 'Median s/decision'], ['rubberStamp', 'Rubber stamp']),
        rows: listed(() => statistics.reviewers, (r) => ({
          reviewer: nameOf.get(r.reviewerPersonId)?.email ?? nameOf.get(r.reviewerPersonId)?.displayName ?? r.reviewerPersonId, items: r.items, decided: r.decided, kept: r.kept, revoked: r.revoked,
          notReviewed: r.notReviewed, pending: r.pending, medianSecondsPerDecision: r.medianSecondsPerDecision, rubberStamp: r.rubberStamp,
        })),
      },
      {
        name: 'timeline', title: 'Timeline: launch, reminders, escalations, stages and close (from the audit log)',
        columns: columns(['at', 'At', 2], ['event', 'Event', 2], ['actor', 'Actor', 2], ['count', 'Count'], ['detail', 'Detail', 3]),
        rows: listed(() => campaignTimeline(db, campaignId), (e) => ({ ...e })),
      },
      {
        name: 'population', title: `Population reconciled against sync #${snapshot.syncRunId}`,
        columns: columns(['type', 'Kind'], ['inSync', 'In the sync'], ['inCampaign', 'Items'], ['excludedByScope', 'Left out by the scope'], ['excluded', 'By filter', 2], ['unexplained', 'Unexplained']),
        rows: listed(() => snapshot.reconciliation.rows, (r) => ({ type: r.type, inSync: r.inSync, inCampaign: r.inCampaign, excludedByScope: r.excludedByScope, excluded: JSON.stringify(r.excluded), unexplained: r.unexplained })),
      },
      {
        name: 'unremediated', title: 'Revokes not yet remediated, with their age',
        columns: onPaper(ITEM_COLUMNS, ['principal', 'personEmail', 'resource', 'entitlement', 'decidedAt', 'comment', 'remediationState', 'remediationTaskId', 'unremediatedDays']),
        rows: items({ remediating: true }, unremediated),
      },
      {
        name: 'not_reviewed', title: 'Items never reviewed',
        columns: onPaper(ITEM_COLUMNS, ['principal', 'personEmail', 'resource', 'entitlement', 'privileged', 'stage', 'reviewerEmail', 'policy']),
        rows: items({ outcome: 'not_reviewed' }),
      },
    ];
    return {
      kind: 'campaign',
      title: `Access review campaign: ${c.name}`,
      organisation: c.connectorName ?? c.connectorId,
      period: `${c.launchedAt ? utc(new Date(c.launchedAt)) : '—'} – ${c.closedAt ? utc(new Date(c.closedAt)) : 'open'}`,
      parameters: { campaignId },
      ...generated(by, now),
      syncRunIds: [...new Set([snapshot.syncRunId, ...(await remediationRuns(reviews, campaignId))])],
      summary: summaryOf(c, statistics.medianSecondsPerDecision, { selfReviews: selfReviews.length, otherSteps: history.reassignments.length - selfReviews.length, reviewers: statistics.reviewers.length, rubberStamps: rubberStamps.length, decisions: history.decisions.length }),
      tables,
    };
  },
};

function summaryOf(c: CampaignView, median: number | null, n: { selfReviews: number; otherSteps: number; reviewers: number; rubberStamps: number; decisions: number }) {
  const s = c.snapshot!;
  const p = c.progress;
  return [
    { label: 'Campaign', value: `${c.name} (${c.id})` },
    { label: 'Status', value: c.status },
    { label: 'Scope', value: JSON.stringify({ ...c.scope, connectorId: undefined }) },
    { label: 'Population', value: `${s.itemCount} items from sync #${s.syncRunId} at ${s.syncAt}; reconciled: ${s.reconciliation.reconciled ? 'yes' : 'no'}` },
    { label: 'Sync grant total / population read back', value: `${s.reconciliation.syncGrantTotal ?? 'unknown'} / ${s.reconciliation.populationTotal}` },
    { label: 'Item-list digest (SHA-256)', value: s.sha256 },
    { label: 'Launched', value: c.launchedAt ?? '—' },
    { label: 'Due', value: c.dueAt ?? '—' },
    { label: 'Closed', value: c.closedAt ?? 'open' },
    { label: 'Items', value: p.items },
    { label: 'Kept', value: p.kept },
    { label: 'Revoked', value: p.revoked },
    { label: 'Not reviewed', value: p.notReviewed },
    { label: 'Pending', value: p.pending },
    { label: 'Revokes remediated', value: p.remediated },
    { label: 'Revokes unremediated', value: p.unremediated },
    { label: 'Decisions recorded (changes included)', value: n.decisions },
    { label: 'Reviewers', value: n.reviewers },
    { label: 'Self-reviews reassigned', value: n.selfReviews },
    { label: 'Other reassignments (no manager or owner, delegated, reassigned, escalated…)', value: n.otherSteps },
    { label: 'Median seconds per decision', value: median ?? '—' },
    { label: 'Reviewers flagged rubber stamp', value: n.rubberStamps },
  ];
}

/** Items a page at a time through the reviews service; `keep` drops rows a filter cannot say (a revoke already remediated). */
function itemPages(reviews: ReviewReads, campaignId: string, filter: ItemFilter, keep: (i: ItemView) => boolean, toRow: (i: ItemView) => Row) {
  return paged<number, ItemView>(async (offset = 0) => {
    const page = await reviews.items(campaignId, filter, { limit: ITEM_PAGE, offset });
    return { rows: page.rows.filter(keep), next: page.rows.length === ITEM_PAGE ? offset + ITEM_PAGE : undefined };
  }, toRow);
}

/** "principal — entitlement on resource" of each item of `ids` (`describeEntitlement`, as tasks and diffs say it). */
async function itemDescriptions(reviews: ReviewReads, campaignId: string, ids: ReadonlySet<string>): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (ids.size === 0) return names;
  const describe = (i: ItemView) => `${i.principal.name ?? i.principal.id} — ${describeEntitlement({ displayName: i.entitlement.name ?? i.entitlement.slug, slug: i.entitlement.slug, resourceDisplayName: i.resource.name, resourceExternalId: i.resource.id, key: i.key })}`;
  for await (const row of itemPages(reviews, campaignId, {}, (i) => ids.has(i.id), (i) => ({ id: i.id, text: describe(i) }))()) names.set(String(row.id), String(row.text));
  return names;
}

/** The sync runs that proved revokes remediated: the report rests on them too. */
async function remediationRuns(reviews: ReviewReads, campaignId: string): Promise<number[]> {
  const runs: number[] = [];
  for await (const row of itemPages(reviews, campaignId, { remediating: true }, (i) => i.remediation?.observedRunId != null, (i) => ({ run: i.remediation!.observedRunId }))()) runs.push(Number(row.run));
  return runs.sort((a, b) => a - b);
}
