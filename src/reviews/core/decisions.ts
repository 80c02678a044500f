import { z } from 'zod';
import { RrcuError } from '../../core/errors.ts';
import { REVIEW_ERRORS } from '../errors.ts';

export const REVIEW_DECISIONS = ['keep', 'revoke'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/**
 * What a reviewer sends; the comment is trimmed and bounded here, required or not by `decide`. The
 * API and `rrcu review decide` validate with it.
 */
export const decisionInputSchema = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  comment: z.string().trim().max(4000, 'comment is longer than 4000 characters').optional().transform((c) => (c === '' ? undefined : c)),
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;

/** One decision as made; a change is a new entry, so the history is every entry of an item in order. */
export type DecisionEntry = { stage: number; decision: ReviewDecision; comment: string | null; deciderPersonId: string; at: Date };

/**
 * The item of a stage handed to another reviewer (delegated, reassigned, escalated). A hand-on resets the
 * stage to undecided: the new reviewer decides afresh, and what was decided before stays in the history
 * only. Whoever receives an item is asked for their own word, and an administrator who reassigns a
 * decided item (say, its reviewer turned out to have given the grant) wants that decision no longer to count.
 */
export const HAND_ON_REASONS = ['delegated', 'reassigned', 'escalated'] as const;
export type HandOnEntry = { stage: number; handedOn: (typeof HAND_ON_REASONS)[number]; at: Date };

/** An item's history in the order it happened: decisions and the hand-ons between them. */
export type ReviewHistoryEntry = DecisionEntry | HandOnEntry;

const isHandOn = (e: ReviewHistoryEntry): e is HandOnEntry => 'handedOn' in e;

/** A stage waits for the one before it to close, is open while reviewers decide, and locks its decisions when closed. */
export type StageState = 'waiting' | 'open' | 'closed';

/**
 * The final word on an item: `revoked` when any stage's closed decision is Revoke; `kept` only when
 * every stage closed on Keep; `not_reviewed` when a stage closed without a decision (never counted as
 * kept); `pending` while the stage the item is in is open (its current decision can still change).
 */
export const ITEM_OUTCOMES = ['pending', 'kept', 'revoked', 'not_reviewed'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

/** The decisions of a stage made by its current reviewer: those since the stage's last hand-on, in order. */
export function decisionsInForce(history: readonly ReviewHistoryEntry[], stage: number): DecisionEntry[] {
  const out: DecisionEntry[] = [];
  for (const e of history) {
    if (e.stage !== stage) continue;
    if (isHandOn(e)) out.length = 0;
    else out.push(e);
  }
  return out;
}

/** The decision in force for a stage: the latest since the stage's last hand-on (history is kept in the order it was made). */
export function currentDecision(history: readonly ReviewHistoryEntry[], stage: number): DecisionEntry | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i]!;
    if (e.stage !== stage) continue;
    return isHandOn(e) ? null : e;
  }
  return null;
}

/**
 * Where an item stands, stage by stage. Stages run in order and a later stage reviews only what the
 * earlier ones kept (ConductorOne, SailPoint): a closed Revoke is final and goes no further, a stage
 * closed without a decision leaves the item Not reviewed, and only a closed Keep passes it on.
 * Closing a campaign closes every stage, the never-opened ones too, so what they never saw is Not reviewed.
 */
export function itemOutcome(history: readonly ReviewHistoryEntry[], stages: readonly StageState[]): { outcome: ItemOutcome; stage: number } {
  for (const [i, state] of stages.entries()) {
    const stage = i + 1;
    const decided = currentDecision(history, stage);
    if (state !== 'closed') return { outcome: 'pending', stage };
    if (decided === null) return { outcome: 'not_reviewed', stage };
    if (decided.decision === 'revoke') return { outcome: 'revoked', stage };
  }
  return { outcome: 'kept', stage: stages.length };
}

/** Whether the item is before `stage`'s reviewer: stage 1 always, a later one when every earlier stage closed on Keep. */
export function reachesStage(history: readonly ReviewHistoryEntry[], stages: readonly StageState[], stage: number): boolean {
  return stages.slice(0, stage - 1).every((state, i) => state === 'closed' && currentDecision(history, i + 1)?.decision === 'keep');
}

/**
 * A reviewer's decision, checked: the stage is open and the item reached it, the decider is the item's
 * reviewer in that stage, and the comment is there when the decision needs one (Revoke always, Keep
 * when the campaign says so). Returns the entry to append; earlier entries stay as history.
 */
export function decide(
  history: readonly ReviewHistoryEntry[],
  input: { decision: ReviewDecision; comment?: string | null | undefined; stage: number; deciderPersonId: string; at: Date },
  context: { stages: readonly StageState[]; reviewerPersonId: string | null; commentRequiredOnKeep: boolean },
): DecisionEntry {
  const state = context.stages[input.stage - 1];
  if (state === 'closed') {
    throw new RrcuError(REVIEW_ERRORS.STAGE_CLOSED, `Stage ${input.stage} is closed: its decisions are locked.`, { fix: 'Decisions change only while their stage is open.' });
  }
  if (state !== 'open') {
    throw new RrcuError(REVIEW_ERRORS.STAGE_NOT_OPEN, `Stage ${input.stage} is not open${state === undefined ? ` (the campaign has ${context.stages.length})` : ''}.`, { fix: 'Decide in the stage that is open now.' });
  }
  if (!reachesStage(history, context.stages, input.stage)) {
    throw new RrcuError(REVIEW_ERRORS.ITEM_NOT_IN_STAGE, `The item is not in stage ${input.stage}: an earlier stage did not keep it.`, { fix: 'Only items every earlier stage kept are reviewed in a later stage.' });
  }
  if (context.reviewerPersonId !== input.deciderPersonId) {
    throw new RrcuError(REVIEW_ERRORS.NOT_THE_REVIEWER, `${input.deciderPersonId} is not the reviewer of this item in stage ${input.stage}.`, { fix: 'Ask the item\'s reviewer, or a campaign administrator to reassign it.' });
  }
  const comment = input.comment?.trim() || null;
  if (comment === null && (input.decision === 'revoke' || context.commentRequiredOnKeep)) {
    throw new RrcuError(REVIEW_ERRORS.COMMENT_REQUIRED, `A ${input.decision === 'revoke' ? 'Revoke' : 'Keep'} decision needs a comment${input.decision === 'keep' ? ' in this campaign' : ''}.`, {
      fix: `Say why in the comment${input.decision === 'revoke' ? ': it goes with the revoke to the provisioning task and the export' : ''}.`,
      fields: ['comment'],
    });
  }
  return { stage: input.stage, decision: input.decision, comment, deciderPersonId: input.deciderPersonId, at: input.at };
}
