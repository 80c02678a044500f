import { describe, expect, test } from 'vitest';
import { delegate, escalate, ownerResources, reassign, resolveReviewers, creatablePlan, reviewerPlanSchema, storedReviewerPlanSchema, type ResolvedReviewerPlan, type ResourceOwner, type ReviewerFacts, type StageAssignment } from './reviewers.ts';
import { ACCOUNT, assignment, iamMembership, PS_ADMIN, ssoMembership, trust } from './test-grants.ts';

/**
 * The people of these tests:
 *
 *        boss
 *         │ manages
 *       manny ──── manages ──── ana (holds the grant)
 *
 * olga owns the account, petra the permission set, gus the group; fay is the fallback reviewer and
 * adam a campaign administrator.
 */
const P = { ana: 'ana', manny: 'manny', boss: 'boss', olga: 'olga', petra: 'petra', gus: 'gus', fay: 'fay', adam: 'adam', nina: 'nina', ned: 'ned' };
const managers: Record<string, string> = { ana: P.manny, manny: P.boss };
const owners: Record<string, string> = { [`account:${ACCOUNT}`]: P.olga, [`permission_set:${PS_ADMIN}`]: P.petra, 'sso_group:g-1': P.gus };
const setInRrcu = (...people: string[]): ResourceOwner[] => people.map((personId) => ({ personId, source: 'rrcu' }));
const fromTag = (personId: string): ResourceOwner => ({ personId, source: 'tag' });

const facts = (over: Partial<ReviewerFacts> = {}): ReviewerFacts => ({
  holderPersonIds: [P.ana],
  principalPersonId: P.ana,
  managerOf: (id) => managers[id] ?? null,
  ownersOf: (r) => { const owner = owners[`${r.resourceType}:${r.resourceId}`]; return owner === undefined ? [] : setInRrcu(owner); },
  grantedByPersonId: null,
  ...over,
});
const plan = (stages: ResolvedReviewerPlan['stages'], over: Partial<ResolvedReviewerPlan> = {}): ResolvedReviewerPlan => ({
  stages, fallbackPersonId: P.fay, administratorPersonIds: [P.adam], excludeGranters: false, ...over,
});
const grant = assignment('sso_user', 'u-ana', { personId: P.ana });
const only = (stage: StageAssignment[]) => stage[0]!;

describe('resolveReviewers: policies in order', () => {
  test('manager: the principal\'s person\'s manager reviews', () => {
    expect(only(resolveReviewers(grant, plan([{ policies: [{ kind: 'manager' }] }]), facts()))).toEqual({
      stage: 1, reviewerPersonId: P.manny, policy: 'manager', reassignments: [], noEligibleReviewer: false,
    });
  });

  test('a principal with no manager goes to the next policy in line, the reason recorded', () => {
    const result = only(resolveReviewers(grant, plan([{ policies: [{ kind: 'manager' }, { kind: 'owner' }] }]), facts({ managerOf: () => null })));
    expect(result.reviewerPersonId).toBe(P.olga);
    expect(result.policy).toBe('owner');
    expect(result.reassignments).toEqual([{ from: null, to: P.olga, reason: 'no-manager', policy: 'manager' }]);
  });

  test('a group\'s assignment has no manager: the group is no person', () => {
    const group = assignment('sso_group', 'g-1');
    const result = only(resolveReviewers(group, plan([{ policies: [{ kind: 'manager' }] }]), facts({ principalPersonId: null, holderPersonIds: [P.nina] })));
    expect(result).toMatchObject({ reviewerPersonId: P.fay, policy: 'fallback', reassignments: [{ reason: 'no-manager', from: null, to: P.fay }] });
  });

  test('owner: an assignment goes to the account\'s owner first, then the permission set\'s', () => {
    const p = plan([{ policies: [{ kind: 'owner' }] }]);
    expect(only(resolveReviewers(grant, p, facts())).reviewerPersonId).toBe(P.olga);
    const noAccountOwner = facts({ ownersOf: (r) => (r.resourceType === 'permission_set' ? setInRrcu(P.petra) : []) });
    expect(only(resolveReviewers(grant, p, noAccountOwner)).reviewerPersonId).toBe(P.petra);
  });

  test('owner: a membership goes to the group\'s owner; none → no-owner, then the fallback', () => {
    const p = plan([{ policies: [{ kind: 'owner' }] }]);
    expect(only(resolveReviewers(ssoMembership('u-ana', 'g-1'), p, facts())).reviewerPersonId).toBe(P.gus);
    expect(only(resolveReviewers(ssoMembership('u-ana', 'g-2'), p, facts()))).toMatchObject({
      reviewerPersonId: P.fay, policy: 'fallback', reassignments: [{ reason: 'no-owner', policy: 'owner' }],
    });
  });

  test.each([
    ['an IAM group membership', iamMembership('ana', 'Admins'), [{ resourceType: 'iam_group', resourceId: `arn:aws:iam::${ACCOUNT}:group/Admins` }, { resourceType: 'account', resourceId: ACCOUNT }]],
    ['a role trust', trust('Deploy', 'iam_role', 'x'), [{ resourceType: 'iam_role', resourceId: `arn:aws:iam::${ACCOUNT}:role/Deploy` }, { resourceType: 'account', resourceId: ACCOUNT }]],
  ])('owner of %s: the resource itself, then its account', (_, g, expected) => {
    expect(ownerResources(g)).toEqual(expected);
  });

  test('named: the first named person who is eligible', () => {
    const p = plan([{ policies: [{ kind: 'named', personIds: [P.ana, P.nina, P.ned] }] }]);
    expect(only(resolveReviewers(grant, p, facts()))).toMatchObject({
      reviewerPersonId: P.nina, policy: 'named', reassignments: [{ from: P.ana, to: P.nina, reason: 'self-review', policy: 'named' }],
    });
  });

  test('named with nobody in it (an empty RRCU group) goes on to the fallback', () => {
    expect(only(resolveReviewers(grant, plan([{ policies: [{ kind: 'named', personIds: [] }] }]), facts()))).toMatchObject({
      reviewerPersonId: P.fay, reassignments: [{ reason: 'no-named-reviewer' }],
    });
  });

  test('with no policy yielding anyone, the fallback reviewer reviews', () => {
    const result = only(resolveReviewers(grant, plan([{ policies: [{ kind: 'manager' }, { kind: 'owner' }] }]), facts({ managerOf: () => null, ownersOf: () => [] })));
    expect(result).toMatchObject({ reviewerPersonId: P.fay, policy: 'fallback' });
    expect(result.reassignments.map((r) => r.reason)).toEqual(['no-manager', 'no-owner']);
  });

  test('owner: every owner is tried in order (the resource\'s, then the next resource\'s) before the next policy', () => {
    // ana co-owns the account with olga: olga reviews, not the manager.
    const coOwned = facts({ ownersOf: (r) => (r.resourceType === 'account' ? setInRrcu(P.ana, P.olga) : setInRrcu(P.petra)) });
    expect(only(resolveReviewers(grant, plan([{ policies: [{ kind: 'owner' }, { kind: 'manager' }] }]), coOwned))).toMatchObject({
      reviewerPersonId: P.olga, policy: 'owner', reassignments: [{ from: P.ana, to: P.olga, reason: 'self-review', policy: 'owner' }],
    });
    // ana is the account's only owner: the permission set's owner is next, still the owner policy.
    const soleOwner = facts({ ownersOf: (r) => (r.resourceType === 'account' ? setInRrcu(P.ana) : setInRrcu(P.petra)) });
    expect(only(resolveReviewers(grant, plan([{ policies: [{ kind: 'owner' }, { kind: 'manager' }] }]), soleOwner))).toMatchObject({ reviewerPersonId: P.petra, policy: 'owner' });
  });

  test('owner: an owner read from a tag counts only when the policy says so; RRCU-set owners always do', () => {
    const tagged = facts({ ownersOf: (r) => (r.resourceType === 'account' ? [fromTag(P.ned), ...setInRrcu(P.olga)] : [fromTag(P.nina)]) });
    expect(only(resolveReviewers(grant, plan([{ policies: [{ kind: 'owner' }] }]), tagged)).reviewerPersonId).toBe(P.olga);
    expect(only(resolveReviewers(grant, plan([{ policies: [{ kind: 'owner', includeTagOwners: true }] }]), tagged)).reviewerPersonId).toBe(P.ned);
    const onlyTags = facts({ ownersOf: () => [fromTag(P.ned)] });
    expect(only(resolveReviewers(grant, plan([{ policies: [{ kind: 'owner' }] }]), onlyTags))).toMatchObject({ reviewerPersonId: P.fay, reassignments: [{ reason: 'no-owner' }] });
  });

  test('the plan schema: tag owners are off unless asked for', () => {
    const fallback = '00000000-0000-4000-8000-0000000000ff';
    expect(reviewerPlanSchema.parse({ stages: [{ policies: [{ kind: 'owner' }] }], fallbackPersonId: fallback }).stages[0]!.policies[0]).toEqual({ kind: 'owner', includeTagOwners: false });
  });
});

describe('stages', () => {
  test('each stage resolves its own policies: manager, then owner', () => {
    const result = resolveReviewers(grant, plan([{ policies: [{ kind: 'manager' }] }, { policies: [{ kind: 'owner' }] }]), facts());
    expect(result.map((s) => [s.stage, s.reviewerPersonId, s.policy])).toEqual([[1, P.manny, 'manager'], [2, P.olga, 'owner']]);
  });

  test('a plan without stages is refused', () => {
    expect(() => resolveReviewers(grant, plan([]), facts())).toThrow(expect.objectContaining({ code: 'NO_STAGES' }));
  });

  test('the plan schema takes a named policy by RRCU group and refuses one with neither people nor group', () => {
    const fallback = '00000000-0000-4000-8000-0000000000ff';
    expect(reviewerPlanSchema.parse({ stages: [{ policies: [{ kind: 'named', rrcuGroup: 'auditor' }] }], fallbackPersonId: fallback })).toMatchObject({ administratorPersonIds: [], excludeGranters: false });
    const bad = reviewerPlanSchema.safeParse({ stages: [{ policies: [{ kind: 'named' }] }], fallbackPersonId: fallback });
    expect(bad.error?.issues[0]?.path).toEqual(['stages', 0, 'policies', 0]);
    expect(reviewerPlanSchema.safeParse({ stages: [], fallbackPersonId: fallback }).error?.issues[0]?.path).toEqual(['stages']);
  });

  test('an RRCU group is one of RRCU\'s roles (the groups RRCU has): another name is refused naming the field, not resolved to nobody', () => {
    const fallback = '00000000-0000-4000-8000-0000000000ff';
    for (const group of ['super_admin', 'connector_admin', 'auditor']) {
      expect(reviewerPlanSchema.safeParse({ stages: [{ policies: [{ kind: 'named', rrcuGroup: group }] }], fallbackPersonId: fallback }).success).toBe(true);
    }
    for (const group of ['auditors', 'person', 'security-team']) {
      const bad = reviewerPlanSchema.safeParse({ stages: [{ policies: [{ kind: 'named', rrcuGroup: group }] }], fallbackPersonId: fallback });
      expect(bad.error?.issues[0]?.path).toEqual(['stages', 0, 'policies', 0, 'rrcuGroup']);
      expect(bad.error?.issues[0]?.message).toContain('auditor');
    }
  });
});

describe('nobody reviews their own access', () => {
  test('an owner who holds the access is passed over for the next policy in line', () => {
    // manny owns the account and holds access to it: his own grant goes to his manager.
    const mannys = assignment('sso_user', 'u-manny', { personId: P.manny });
    const result = only(resolveReviewers(mannys, plan([{ policies: [{ kind: 'owner' }, { kind: 'manager' }] }]), facts({
      holderPersonIds: [P.manny], principalPersonId: P.manny, ownersOf: () => setInRrcu(P.manny),
    })));
    expect(result).toMatchObject({ reviewerPersonId: P.boss, policy: 'manager', reassignments: [{ from: P.manny, to: P.boss, reason: 'self-review', policy: 'owner' }] });
  });

  test('the fallback reviewer holding the access → a campaign administrator', () => {
    const result = only(resolveReviewers(grant, plan([{ policies: [{ kind: 'manager' }] }]), facts({ holderPersonIds: [P.manny, P.fay] })));
    expect(result.reviewerPersonId).toBe(P.adam);
    expect(result.policy).toBe('administrator');
    expect(result.reassignments.map((r) => [r.from, r.reason])).toEqual([[P.manny, 'self-review'], [P.fay, 'self-review']]);
  });

  test('everyone in line holds it → flagged "no eligible reviewer", never given to a holder', () => {
    const result = only(resolveReviewers(grant, plan([{ policies: [{ kind: 'manager' }] }]), facts({ holderPersonIds: [P.manny, P.fay, P.adam] })));
    expect(result).toMatchObject({ reviewerPersonId: null, policy: null, noEligibleReviewer: true });
    expect(result.reassignments).toHaveLength(3);
  });

  test('a member of a group does not review the group\'s assignment', () => {
    const group = assignment('sso_group', 'g-1');
    const members = facts({ principalPersonId: null, holderPersonIds: [P.olga, P.nina] });
    const result = only(resolveReviewers(group, plan([{ policies: [{ kind: 'owner' }] }]), members));
    // olga, the account's owner, is a member: the permission set's owner reviews (the next owner, before the fallback).
    expect(result).toMatchObject({ reviewerPersonId: P.petra, policy: 'owner', reassignments: [{ from: P.olga, reason: 'self-review' }] });
  });

  test('the campaign\'s creator gets no exception: they are a holder like any other', () => {
    const creator = P.adam;
    const result = only(resolveReviewers(grant, plan([{ policies: [{ kind: 'named', personIds: [creator] }] }]), facts({ holderPersonIds: [creator] })));
    expect(result.reviewerPersonId).toBe(P.fay);
  });

  test('a reviewer who gave the grant through RRCU is passed over when the plan says so, not otherwise', () => {
    const gave = facts({ grantedByPersonId: P.manny });
    const p = [{ policies: [{ kind: 'manager' as const }] }];
    expect(only(resolveReviewers(grant, plan(p, { excludeGranters: true }), gave))).toMatchObject({
      reviewerPersonId: P.fay, reassignments: [{ from: P.manny, reason: 'granted-by-reviewer' }],
    });
    expect(only(resolveReviewers(grant, plan(p), gave)).reviewerPersonId).toBe(P.manny);
  });
});

describe('delegation', () => {
  const start = (): StageAssignment => only(resolveReviewers(grant, plan([{ policies: [{ kind: 'manager' }] }]), facts()));
  const rules = { excludeGranters: false };

  test('a reviewer hands an item to another person, with the reason recorded', () => {
    const moved = delegate(start(), { from: P.manny, to: P.nina, note: 'on leave' }, facts(), rules);
    expect(moved.reviewerPersonId).toBe(P.nina);
    expect(moved.reassignments.at(-1)).toEqual({ from: P.manny, to: P.nina, reason: 'delegated', by: P.manny, note: 'on leave' });
  });

  test('not to the holder', () => {
    expect(() => delegate(start(), { from: P.manny, to: P.ana, note: 'x' }, facts(), rules)).toThrow(expect.objectContaining({ code: 'SELF_REVIEW' }));
  });

  test('not to who gave the grant, when the plan excludes granters', () => {
    expect(() => delegate(start(), { from: P.manny, to: P.nina, note: 'x' }, facts({ grantedByPersonId: P.nina }), { excludeGranters: true }))
      .toThrow(expect.objectContaining({ code: 'GRANTED_BY_REVIEWER' }));
  });

  test('only by the current reviewer, and not to themselves', () => {
    expect(() => delegate(start(), { from: P.nina, to: P.ned, note: 'x' }, facts(), rules)).toThrow(expect.objectContaining({ code: 'NOT_THE_REVIEWER' }));
    expect(() => delegate(start(), { from: P.manny, to: P.manny, note: 'x' }, facts(), rules)).toThrow(expect.objectContaining({ code: 'DELEGATION_TO_SELF' }));
  });

  test('A→B→A is refused as a loop, naming the chain', () => {
    const atNina = delegate(start(), { from: P.manny, to: P.nina, note: 'x' }, facts(), rules);
    expect(() => delegate(atNina, { from: P.nina, to: P.manny, note: 'back' }, facts(), rules)).toThrow(expect.objectContaining({ code: 'DELEGATION_LOOP', message: expect.stringContaining(`${P.manny} → ${P.nina}`) }));
  });

  test('A→B→C→A is refused too; A→B→C→D is not', () => {
    const atNed = delegate(delegate(start(), { from: P.manny, to: P.nina, note: 'x' }, facts(), rules), { from: P.nina, to: P.ned, note: 'x' }, facts(), rules);
    expect(() => delegate(atNed, { from: P.ned, to: P.manny, note: 'x' }, facts(), rules)).toThrow(expect.objectContaining({ code: 'DELEGATION_LOOP' }));
    expect(delegate(atNed, { from: P.ned, to: P.olga, note: 'x' }, facts(), rules).reviewerPersonId).toBe(P.olga);
  });

  test('an administrator\'s reassignment starts a new chain, and respects self-review', () => {
    const atNina = delegate(start(), { from: P.manny, to: P.nina, note: 'x' }, facts(), rules);
    const back = reassign(atNina, { by: P.adam, to: P.manny, note: 'nina left' }, facts(), rules);
    expect(back.reassignments.at(-1)).toMatchObject({ from: P.nina, to: P.manny, reason: 'reassigned', by: P.adam });
    expect(delegate(back, { from: P.manny, to: P.nina, note: 'again' }, facts(), rules).reviewerPersonId).toBe(P.nina);
    expect(() => reassign(atNina, { by: P.adam, to: P.ana, note: 'x' }, facts(), rules)).toThrow(expect.objectContaining({ code: 'SELF_REVIEW' }));
  });
});

describe('escalation of overdue items', () => {
  const p = plan([{ policies: [{ kind: 'manager' }] }]);
  const start = only(resolveReviewers(grant, p, facts()));

  test('goes to the fallback reviewer', () => {
    expect(escalate(start, p, facts())).toMatchObject({ reviewerPersonId: P.fay, policy: 'fallback', reassignments: [{ from: P.manny, to: P.fay, reason: 'escalated' }] });
  });

  test('to an administrator when the fallback holds the access; flagged when nobody is eligible', () => {
    expect(escalate(start, p, facts({ holderPersonIds: [P.ana, P.fay] }))).toMatchObject({ reviewerPersonId: P.adam, policy: 'administrator' });
    expect(escalate(start, p, facts({ holderPersonIds: [P.ana, P.fay, P.adam] }))).toMatchObject({ reviewerPersonId: P.manny, noEligibleReviewer: true });
  });

  test('an item already with the fallback stays', () => {
    const atFallback = escalate(start, p, facts());
    expect(escalate(atFallback, p, facts())).toBe(atFallback);
  });
});

test('a stored plan naming a group that is no role reads without it; as a recurrence copies it, a policy naming nobody is left out and an emptied stage names the fallback', () => {
  const fallback = '00000000-0000-4000-8000-000000000001';
  const holder = '00000000-0000-4000-8000-000000000002';
  const stored = { stages: [{ policies: [{ kind: 'named', rrcuGroup: 'Security Team' }, { kind: 'named', personIds: [holder] }] }, { policies: [{ kind: 'named', rrcuGroup: 'Auditors' }] }], fallbackPersonId: fallback };
  expect(reviewerPlanSchema.safeParse(stored).success).toBe(false);
  const read = storedReviewerPlanSchema.parse(stored);
  expect(read.stages[0]!.policies[0]).toEqual({ kind: 'named' });
  expect(storedReviewerPlanSchema.parse({ ...stored, stages: [{ policies: [{ kind: 'named', rrcuGroup: 'auditor' }] }] }).stages[0]!.policies[0]).toEqual({ kind: 'named', rrcuGroup: 'auditor' });
  const copy = creatablePlan(read);
  expect(copy.stages.map((s) => s.policies)).toEqual([[{ kind: 'named', personIds: [holder] }], [{ kind: 'named', personIds: [fallback] }]]);
  expect(reviewerPlanSchema.safeParse(copy).success).toBe(true);
});
