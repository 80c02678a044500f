import { decisionsInForce, type ReviewHistoryEntry } from './decisions.ts';

/**
 * A reviewer is flagged as possibly rubber-stamping when every decision in force is Keep, there are at
 * least this many, and the median time per decision is under `RUBBER_STAMP_MEDIAN_SECONDS`. Twenty
 * decisions keep a reviewer with a handful of obvious Keeps out of it; five seconds is about the time
 * to read one item's context, so a median below it means items were kept without being read (a bulk
 * Keep of a selection gives ~0 s each). Flags are shown to the auditor, never block a decision.
 */
export const RUBBER_STAMP_MIN_DECISIONS = 20;
export const RUBBER_STAMP_MEDIAN_SECONDS = 5;

/** One item-stage as assigned: who reviews it now, since when. */
export type AssignedItem = { itemId: string; stage: number; reviewerPersonId: string | null; assignedAt: Date };

export type ReviewerStatistics = {
  reviewerPersonId: string;
  items: number;
  decided: number;
  /** Undecided in the stage open now; see `campaignStatistics`. */
  pending: number;
  /** Undecided in a stage that closed (or a closed campaign): nobody decides these any more. */
  notReviewed: number;
  kept: number;
  revoked: number;
  /** Median seconds per decision, null before the first; see `decisionSeconds`. */
  medianSecondsPerDecision: number | null;
  rubberStamp: boolean;
};

export type CampaignStatistics = {
  items: number;
  decided: number;
  pending: number;
  notReviewed: number;
  /** Item-stages nobody can review (`noEligibleReviewer`): not counted in any reviewer's row. */
  unassigned: number;
  medianSecondsPerDecision: number | null;
  reviewers: ReviewerStatistics[];
};

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Seconds each of one reviewer's decisions took: from the later of the item's assignment and the
 * reviewer's previous decision (on any item) to this one. Measured from assignment alone, a reviewer
 * who opens the page a week later would look slow on every item; from the previous decision, the time
 * is what they spent on this item. Only the first decision on each item-stage counts: changing one's
 * mind is not a new review.
 */
export function decisionSeconds(decisions: readonly { at: Date; assignedAt: Date }[]): number[] {
  const ordered = [...decisions].sort((a, b) => a.at.getTime() - b.at.getTime());
  let previous = -Infinity;
  return ordered.map(({ at, assignedAt }) => {
    const from = Math.max(assignedAt.getTime(), previous);
    previous = at.getTime();
    return Math.max(0, (at.getTime() - from) / 1000);
  });
}

/** The stage open for decisions now; null when the campaign is closed (or not launched). */
export type StatisticsState = { openStage: number | null };

/**
 * Items per reviewer, decided, pending and not reviewed, the median time per decision and rubber-stamp flags, over
 * every item-stage of a campaign. `decisions` maps an item to its history; only the decisions in force
 * count (`decisionsInForce`: made by the current reviewer since the item's last hand-on), so a delegated
 * item's earlier decision is neither the new reviewer's nor, handed back, its first reviewer's again.
 * Only an undecided item-stage of the open stage is pending; one of a closed stage or a closed campaign
 * is not reviewed, as the items' outcome says (`ITEM_OUTCOME`), so the two never disagree on a page.
 */
export function campaignStatistics(assigned: readonly AssignedItem[], decisions: ReadonlyMap<string, readonly ReviewHistoryEntry[]>, state: StatisticsState): CampaignStatistics {
  const rows = new Map<string, { items: number; decided: number; pending: number; kept: number; revoked: number; timed: { at: Date; assignedAt: Date }[] }>();
  let unassigned = 0;
  let decidedTotal = 0;
  let pendingTotal = 0;
  const allSeconds: number[] = [];
  for (const item of assigned) {
    if (item.reviewerPersonId === null) {
      unassigned++;
      continue;
    }
    const row = rows.get(item.reviewerPersonId) ?? { items: 0, decided: 0, pending: 0, kept: 0, revoked: 0, timed: [] };
    rows.set(item.reviewerPersonId, row);
    row.items++;
    const own = decisionsInForce(decisions.get(item.itemId) ?? [], item.stage).filter((d) => d.deciderPersonId === item.reviewerPersonId);
    const last = own.at(-1);
    if (last === undefined) {
      if (item.stage === state.openStage) {
        row.pending++;
        pendingTotal++;
      }
      continue;
    }
    row.decided++;
    decidedTotal++;
    if (last.decision === 'keep') row.kept++;
    else row.revoked++;
    row.timed.push({ at: own[0]!.at, assignedAt: item.assignedAt });
  }
  const reviewers = [...rows].map(([reviewerPersonId, r]): ReviewerStatistics => {
    const seconds = decisionSeconds(r.timed);
    allSeconds.push(...seconds);
    const medianSeconds = median(seconds);
    return {
      reviewerPersonId,
      items: r.items,
      decided: r.decided,
      pending: r.pending,
      notReviewed: r.items - r.decided - r.pending,
      kept: r.kept,
      revoked: r.revoked,
      medianSecondsPerDecision: medianSeconds,
      rubberStamp: r.revoked === 0 && r.decided >= RUBBER_STAMP_MIN_DECISIONS && medianSeconds !== null && medianSeconds < RUBBER_STAMP_MEDIAN_SECONDS,
    };
  });
  reviewers.sort((a, b) => b.items - a.items || (a.reviewerPersonId < b.reviewerPersonId ? -1 : 1));
  const notReviewed = assigned.length - decidedTotal - pendingTotal - unassigned;
  return { items: assigned.length, decided: decidedTotal, pending: pendingTotal, notReviewed, unassigned, medianSecondsPerDecision: median(allSeconds), reviewers };
}
