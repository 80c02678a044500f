import { z } from 'zod';
import { RrcuError } from '../../core/errors.ts';
import { REVIEW_ERRORS } from '../errors.ts';
import { accountOf, reviewGrantKey, reviewItemKind, type ReviewableGrant } from './scope.ts';

const personId = z.uuid('a person id is a UUID');

/**
 * The groups of people RRCU itself has: its roles, whose users are people by their sign-in email. Everyone
 * signed in is a `person`, so that role is no group to name.
 */
export const REVIEWER_GROUPS = ['super_admin', 'connector_admin', 'auditor'] as const;
export type ReviewerGroup = (typeof REVIEWER_GROUPS)[number];

/**
 * Who reviews, as a campaign states it. `named` takes people, or an RRCU group (a role: its enabled users'
 * people, matched by email) the service resolves when it assigns a stage (`ResolvedReviewerPolicy`), so
 * the rules below only ever see person ids.
 */
const namedPolicy = z.object({
  kind: z.literal('named'),
  personIds: z.array(personId).max(100, 'named: at most 100 people').optional(),
  rrcuGroup: z.enum(REVIEWER_GROUPS, { error: `named.rrcuGroup is one of RRCU's roles: ${REVIEWER_GROUPS.join(', ')}` }).optional(),
});
const isReviewerGroup = (g: string): g is ReviewerGroup => (REVIEWER_GROUPS as readonly string[]).includes(g);

/** `named`: strict, for a plan being given; leniently, for one read back from the store. */
const policySchema = (named: z.ZodType<z.output<typeof namedPolicy>, unknown>) => z.discriminatedUnion('kind', [
  /** The manager of the principal's person (Identity Center's enterprise `manager`, linked at sync). */
  z.object({ kind: z.literal('manager') }),
  /**
   * The owners of the resource: see `ownerResources` for which resource is asked first. Owners set in RRCU
   * (audited) always count; owners read from the connector's owner tag only when `includeTagOwners`, since
   * anyone allowed to tag the resource in AWS can name themselves its owner there.
   */
  z.object({ kind: z.literal('owner'), includeTagOwners: z.boolean().default(false) }),
  named as unknown as typeof namedPolicy,
]);

export const reviewerPolicySchema = policySchema(namedPolicy.refine((p) => (p.personIds?.length ?? 0) > 0 || p.rrcuGroup !== undefined, { message: 'named: give personIds or an rrcuGroup' }));
export type ReviewerPolicy = z.infer<typeof reviewerPolicySchema>;

const planSchema = (policy: typeof reviewerPolicySchema) => z.object({
  /** Stages run one after the other; each has its policies in order, tried until one yields an eligible reviewer. */
  stages: z.array(z.object({ policies: z.array(policy).min(1, 'a stage needs at least one policy').max(10) })).min(1, 'stages: give at least one').max(5, 'stages: at most 5'),
  /** Who reviews when no policy of a stage yields an eligible reviewer, and who overdue items escalate to. */
  fallbackPersonId: personId,
  /** The second fallback, in order, when the fallback reviewer holds the access under review. */
  administratorPersonIds: z.array(personId).max(100).default([]),
  /** A reviewer may not decide a grant they asked RRCU to give during the campaign period. */
  excludeGranters: z.boolean().default(false),
});

export const reviewerPlanSchema = planSchema(reviewerPolicySchema);
export type ReviewerPlan = z.infer<typeof reviewerPlanSchema>;

/**
 * A plan read back from the store. A group was free text before groups were RRCU's roles: a plan stored
 * then names a group no role has, which is dropped here rather than failing the launch or every
 * recurrence; its policy gives nobody, so the item falls to the next policy (or the fallback).
 */
export const storedReviewerPlanSchema = planSchema(policySchema(namedPolicy.extend({
  rrcuGroup: z.string().optional().transform((g) => (g !== undefined && isReviewerGroup(g) ? g : undefined)),
})) as unknown as typeof reviewerPolicySchema);

/**
 * A stored plan as `reviewerPlanSchema` takes it again (a recurrence's copy): a named policy left naming
 * nobody (its group dropped) is left out, as it gives nobody; a stage left with no policy names the
 * fallback reviewer, where its items fall anyway.
 */
export function creatablePlan(plan: ReviewerPlan): ReviewerPlan {
  const namesSomeone = (p: ReviewerPolicy) => p.kind !== 'named' || (p.personIds?.length ?? 0) > 0 || p.rrcuGroup !== undefined;
  return {
    ...plan,
    stages: plan.stages.map((stage) => {
      const policies = stage.policies.filter(namesSomeone);
      return { policies: policies.length > 0 ? policies : [{ kind: 'named' as const, personIds: [plan.fallbackPersonId] }] };
    }),
  };
}

/** A policy ready for resolution: a named policy's group already resolved to its people, in a stable order. */
export type ResolvedReviewerPolicy = { kind: 'manager' } | { kind: 'owner'; includeTagOwners?: boolean } | { kind: 'named'; personIds: readonly string[] };

/** One owner of a resource: set in RRCU, or read from the resource's owner tag. */
export type ResourceOwner = { personId: string; source: 'rrcu' | 'tag' };
export type ResolvedReviewerPlan = Omit<ReviewerPlan, 'stages'> & { stages: { policies: ResolvedReviewerPolicy[] }[] };

/** What resolution needs to know about one item, looked up by the launch. */
export type ReviewerFacts = {
  /**
   * The people whose own access the item is. For a user's grant: their person. For a group's
   * assignment: every member's person, since a member reviewing the group's access reviews their own.
   * Empty for an unmatched user or a trust principal that is no person.
   */
  holderPersonIds: readonly string[];
  /** The person of the principal; null for a group, a trust principal or an unmatched user (no manager then). */
  principalPersonId: string | null;
  managerOf(personId: string): string | null;
  /** Every current owner (a person) of a resource, in the order to try them; empty when none. */
  ownersOf(resource: { resourceType: string; resourceId: string }): readonly ResourceOwner[];
  /** The person who asked RRCU for the task that gave this grant in the campaign period; null when RRCU did not. */
  grantedByPersonId: string | null;
};

export type PolicyUsed = ResolvedReviewerPolicy['kind'] | 'fallback' | 'administrator';
export const REASSIGNMENT_REASONS = ['self-review', 'granted-by-reviewer', 'no-manager', 'no-owner', 'no-named-reviewer', 'delegated', 'reassigned', 'escalated'] as const;
export type ReassignmentReason = (typeof REASSIGNMENT_REASONS)[number];

/**
 * One step away from a candidate or a reviewer. At launch, `from` is the candidate a policy gave (null
 * when it gave nobody: no manager, no owner) and `to` the reviewer the item ended with. Afterwards,
 * `from` is the reviewer who handed it on, `to` who received it, `by` who did it, `note` why.
 */
export type Reassignment = { from: string | null; to: string | null; reason: ReassignmentReason; policy?: PolicyUsed; by?: string; note?: string };

export type StageAssignment = {
  stage: number;
  /** Null only when `noEligibleReviewer`: never the holder. */
  reviewerPersonId: string | null;
  policy: PolicyUsed | null;
  reassignments: Reassignment[];
  /** Everyone in line (policies, fallback, administrators) holds the access or gave it: an administrator must assign someone. */
  noEligibleReviewer: boolean;
};

/**
 * The resources whose owner reviews the item, most specific to the decision first: an assignment is
 * the account's owner's call (who enters their account), then the permission set's; a membership the
 * group's; a role's trust the role's, then its account's.
 */
export function ownerResources(grant: ReviewableGrant): { resourceType: string; resourceId: string }[] {
  const account = accountOf(grant);
  switch (reviewItemKind(grant)) {
    case 'permission_set_assignment':
      return [{ resourceType: 'account', resourceId: grant.resourceId }, { resourceType: 'permission_set', resourceId: grant.entitlementSlug }];
    case 'sso_group_membership':
      return [{ resourceType: 'sso_group', resourceId: grant.resourceId }];
    case 'iam_group_membership':
    case 'role_trust':
      return [{ resourceType: grant.resourceType, resourceId: grant.resourceId }, ...(account ? [{ resourceType: 'account', resourceId: account }] : [])];
    case null:
      return [];
  }
}

type Rules = Pick<ReviewerPlan, 'excludeGranters'>;
type HolderFacts = Pick<ReviewerFacts, 'holderPersonIds' | 'grantedByPersonId'>;

/** Why this person may not review the item, or null when they may. Self-review is checked first: it is never excused. */
function ineligibility(person: string, facts: HolderFacts, rules: Rules): 'self-review' | 'granted-by-reviewer' | null {
  if (facts.holderPersonIds.includes(person)) return 'self-review';
  if (rules.excludeGranters && facts.grantedByPersonId === person) return 'granted-by-reviewer';
  return null;
}

/** The candidates a policy gives, in order, or why it gives none. */
function candidates(policy: ResolvedReviewerPolicy, grant: ReviewableGrant, facts: ReviewerFacts): string[] | 'no-manager' | 'no-owner' | 'no-named-reviewer' {
  switch (policy.kind) {
    case 'manager': {
      const manager = facts.principalPersonId === null ? null : facts.managerOf(facts.principalPersonId);
      return manager === null ? 'no-manager' : [manager];
    }
    case 'owner': {
      // Every owner of every resource, in order: a first owner who holds the access is passed over for the next one.
      const owners = ownerResources(grant).flatMap((r) => facts.ownersOf(r).filter((o) => o.source === 'rrcu' || policy.includeTagOwners === true).map((o) => o.personId));
      return owners.length === 0 ? 'no-owner' : [...new Set(owners)];
    }
    case 'named':
      return policy.personIds.length === 0 ? 'no-named-reviewer' : [...policy.personIds];
  }
}

/** Walks the line (policies, fallback, administrators) and takes the first eligible person, recording every step away. */
function firstEligible(line: { policy: PolicyUsed; candidates: string[] | ReassignmentReason }[], facts: HolderFacts, rules: Rules): Omit<StageAssignment, 'stage'> {
  const steps: Reassignment[] = [];
  for (const { policy, candidates: given } of line) {
    if (typeof given === 'string') {
      steps.push({ from: null, to: null, reason: given, policy });
      continue;
    }
    for (const person of given) {
      const why = ineligibility(person, facts, rules);
      if (why === null) return { reviewerPersonId: person, policy, reassignments: steps.map((s) => ({ ...s, to: person })), noEligibleReviewer: false };
      steps.push({ from: person, to: null, reason: why, policy });
    }
  }
  return { reviewerPersonId: null, policy: null, reassignments: steps, noEligibleReviewer: true };
}

/**
 * The reviewer of each stage of one item. Each stage tries its policies in order, then the fallback
 * reviewer, then the campaign administrators; a candidate who holds the access (or, when the plan says
 * so, gave it through RRCU) is passed over with the reason recorded. If nobody is left the item is
 * flagged, never given to its holder. The campaign's creator gets no exception: they are a person like
 * any other here.
 */
export function resolveReviewers(grant: ReviewableGrant, plan: ResolvedReviewerPlan, facts: ReviewerFacts): StageAssignment[] {
  if (plan.stages.length === 0) {
    throw new RrcuError(REVIEW_ERRORS.NO_STAGES, `The reviewer plan for ${reviewGrantKey(grant)} has no stages.`, { fix: 'Give the campaign at least one stage with a reviewer policy.' });
  }
  return plan.stages.map((stage, i) => ({
    stage: i + 1,
    ...firstEligible(
      [
        ...stage.policies.map((policy) => ({ policy: policy.kind, candidates: candidates(policy, grant, facts) })),
        { policy: 'fallback' as const, candidates: [plan.fallbackPersonId] },
        { policy: 'administrator' as const, candidates: [...plan.administratorPersonIds] },
      ],
      facts,
      plan,
    ),
  }));
}

// A delegation's or a reassignment's person is `toPersonId` in the request: the refusals name that field.
const TO_FIELD = 'toPersonId';

function refuseIneligible(to: string, facts: HolderFacts, rules: Rules, what: string): void {
  const why = ineligibility(to, facts, rules);
  if (why === 'self-review') {
    throw new RrcuError(REVIEW_ERRORS.SELF_REVIEW, `${what} to ${to} refused: they hold the access under review, and nobody reviews their own access.`, { fix: 'Choose someone who does not hold this access (for a group\'s assignment: who is not a member of the group).', fields: [TO_FIELD] });
  }
  if (why === 'granted-by-reviewer') {
    throw new RrcuError(REVIEW_ERRORS.GRANTED_BY_REVIEWER, `${what} to ${to} refused: they asked RRCU to give this access during the campaign period.`, { fix: 'Choose someone who did not request this grant.', fields: [TO_FIELD] });
  }
}

/**
 * A reviewer hands their item to another person. Refused when `to` holds the access (or gave it, when
 * the plan excludes granters), is the reviewer, or already handed this item on in the current chain of
 * delegations (A→B→A): a loop would let an item circle without an owner. An administrator's
 * reassignment or an escalation starts a new chain.
 */
export function delegate(assignment: StageAssignment, input: { from: string; to: string; note: string }, facts: HolderFacts, rules: Rules): StageAssignment {
  if (assignment.reviewerPersonId !== input.from) {
    throw new RrcuError(REVIEW_ERRORS.NOT_THE_REVIEWER, `${input.from} is not the reviewer of this item in stage ${assignment.stage}.`, { fix: 'Only the item\'s current reviewer delegates it; an administrator reassigns it.' });
  }
  if (input.to === input.from) {
    throw new RrcuError(REVIEW_ERRORS.DELEGATION_TO_SELF, `${input.from} delegated an item to themselves.`, { fix: 'Name another person to delegate to.', fields: [TO_FIELD] });
  }
  refuseIneligible(input.to, facts, rules, 'Delegation');
  const chain = currentDelegationChain(assignment);
  if (chain.includes(input.to)) {
    throw new RrcuError(REVIEW_ERRORS.DELEGATION_LOOP, `Delegation to ${input.to} refused: the item came to ${input.from} through ${[...chain, input.from].join(' → ')}, and would return to ${input.to}.`, {
      fix: 'Decide the item, delegate it to someone outside that chain, or ask a campaign administrator to reassign it.',
      fields: [TO_FIELD],
    });
  }
  return handOn(assignment, { from: input.from, to: input.to, reason: 'delegated', by: input.from, note: input.note });
}

/** The people who delegated this item since the last reassignment or escalation, in order. */
function currentDelegationChain(assignment: StageAssignment): string[] {
  const chain: string[] = [];
  for (const step of assignment.reassignments) {
    if (step.reason === 'delegated' && step.from !== null) chain.push(step.from);
    else if (step.reason === 'reassigned' || step.reason === 'escalated') chain.length = 0;
  }
  return chain;
}

/** A campaign administrator gives the item to someone else; the self-review (and granter) rule still holds. */
export function reassign(assignment: StageAssignment, input: { by: string; to: string; note: string }, facts: HolderFacts, rules: Rules): StageAssignment {
  refuseIneligible(input.to, facts, rules, 'Reassignment');
  return handOn(assignment, { from: assignment.reviewerPersonId, to: input.to, reason: 'reassigned', by: input.by, note: input.note });
}

/**
 * An overdue item goes to the fallback reviewer, or when they hold the access to the first eligible
 * administrator; with nobody eligible it is flagged and keeps its reviewer. Already with the fallback:
 * unchanged.
 */
export function escalate(assignment: StageAssignment, plan: Pick<ReviewerPlan, 'fallbackPersonId' | 'administratorPersonIds' | 'excludeGranters'>, facts: HolderFacts): StageAssignment {
  if (assignment.reviewerPersonId === plan.fallbackPersonId) return assignment;
  const to = [plan.fallbackPersonId, ...plan.administratorPersonIds].find((p) => p !== assignment.reviewerPersonId && ineligibility(p, facts, plan) === null);
  if (to === undefined) return { ...assignment, noEligibleReviewer: true };
  return { ...handOn(assignment, { from: assignment.reviewerPersonId, to, reason: 'escalated' }), policy: to === plan.fallbackPersonId ? 'fallback' : 'administrator' };
}

/**
 * The assignment after a hand-on: a new reviewer, and in the store a new assignment row. What the previous
 * reviewer decided is not carried over: the stage is undecided again (`HandOnEntry`, decisions.ts).
 */
function handOn(assignment: StageAssignment, step: Reassignment): StageAssignment {
  return { ...assignment, reviewerPersonId: step.to, noEligibleReviewer: false, reassignments: [...assignment.reassignments, step] };
}
