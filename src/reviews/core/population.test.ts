import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { canonicalJson } from '../../core/canonical-json.ts';
import { isRrcuError } from '../../core/errors.ts';
import { canonicalItemList, populationDigest, reconcilePopulation } from './population.ts';
import { inScope, type CampaignScope, type ScopeContext } from './scope.ts';
import { assignment, CONNECTOR, iamMembership, policyAttachment, PS_READ, ssoMembership, trust } from './test-grants.ts';

const context: ScopeContext = { ouPathOf: () => undefined, isInactive: () => false };

describe('the canonical item list and its digest', () => {
  const grants = [assignment('sso_user', 'u-2'), ssoMembership('u-1', 'g-1'), iamMembership('alice', 'Admins'), assignment('sso_group', 'g-1')];

  test('items are in grant-key order whatever order they came in', () => {
    const keys = canonicalItemList(grants).map((i) => i.key);
    expect(keys).toEqual([...keys].sort());
    expect(populationDigest([...grants].reverse())).toEqual(populationDigest(grants));
  });

  test('the digest is SHA-256 hex of the canonical JSON of the list, so anyone can recompute it', () => {
    const expected = createHash('sha256').update(canonicalJson(canonicalItemList(grants))).digest('hex');
    expect(populationDigest(grants)).toEqual({ count: 4, sha256: expected });
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  test('an empty population has a digest too', () => {
    expect(populationDigest([])).toEqual({ count: 0, sha256: createHash('sha256').update('[]').digest('hex') });
  });

  test('names are not part of the proof; who holds what is', () => {
    const renamed = grants.map((g) => ({ ...g, principalName: 'renamed', resourceName: 'renamed' }));
    expect(populationDigest(renamed).sha256).toBe(populationDigest(grants).sha256);
    const other = [...grants.slice(1), assignment('sso_user', 'u-2', { entitlementSlug: PS_READ })];
    expect(populationDigest(other).sha256).not.toBe(populationDigest(grants).sha256);
  });

  test('a grant twice in the list is refused', () => {
    expect(() => canonicalItemList([grants[0]!, { ...grants[0]!, grantId: 99 }])).toThrow(expect.objectContaining({ code: 'DUPLICATE_ITEM' }));
  });

  test('a grant held through a group cannot be an item', () => {
    try {
      canonicalItemList([assignment('sso_user', 'u-1', { via: 'g-1' })]);
      expect.unreachable();
    } catch (e) {
      expect(isRrcuError(e, 'NOT_REVIEWABLE')).toBe(true);
    }
  });
});

describe('reconcilePopulation', () => {
  // A sync's population: direct grants of every kind, one held through a group, one policy attachment.
  const population = [
    assignment('sso_user', 'u-1', { privileged: true }),
    assignment('sso_group', 'g-1', { privileged: true }),
    assignment('sso_user', 'u-2', { via: 'g-1', privileged: true }),
    assignment('sso_user', 'u-3', { entitlementSlug: PS_READ, privileged: false }),
    ssoMembership('u-2', 'g-1'),
    iamMembership('alice', 'Admins', { privileged: true }),
    trust('Deploy', 'iam_role', 'arn:aws:iam::222222222222:role/ci'),
    policyAttachment('alice'),
  ];
  const scope: CampaignScope = { connectorId: CONNECTOR, privilegedOnly: true };
  const items = population.filter((g) => inScope(g, scope, context));

  test('every direct grant is an item or left out by a named filter: reconciled, with the counts per kind', () => {
    const result = reconcilePopulation({ population, items, scope, context, syncGrantTotal: population.length });
    expect(result.reconciled).toBe(true);
    expect(result.indirect).toBe(1);
    expect(result.rows).toEqual([
      { type: 'sso_group_membership', inSync: 1, inCampaign: 0, excludedByScope: 1, excluded: { privilegedOnly: 1 }, unexplained: 0 },
      { type: 'permission_set_assignment', inSync: 3, inCampaign: 2, excludedByScope: 1, excluded: { privilegedOnly: 1 }, unexplained: 0 },
      { type: 'iam_group_membership', inSync: 1, inCampaign: 1, excludedByScope: 0, excluded: {}, unexplained: 0 },
      { type: 'role_trust', inSync: 1, inCampaign: 0, excludedByScope: 1, excluded: { principalTypes: 1 }, unexplained: 0 },
      { type: 'not_reviewable', inSync: 1, inCampaign: 0, excludedByScope: 1, excluded: { notReviewable: 1 }, unexplained: 0 },
    ]);
    for (const row of result.rows) expect(row.inCampaign + row.excludedByScope).toBe(row.inSync);
  });

  test('a grant in scope that the items lack is not reconciled, and is named', () => {
    const result = reconcilePopulation({ population, items: items.slice(1), scope, context });
    expect(result.reconciled).toBe(false);
    expect(result.missingItems).toHaveLength(1);
    expect(result.rows.find((r) => r.type === 'permission_set_assignment')?.unexplained).toBe(1);
  });

  test('an item that is not in the sync\'s population is not reconciled', () => {
    const stray = assignment('sso_user', 'u-9', { privileged: true });
    const result = reconcilePopulation({ population, items: [...items, stray], scope, context });
    expect(result.reconciled).toBe(false);
    expect(result.unexpectedItems).toHaveLength(1);
  });

  test('an item the scope leaves out is not reconciled', () => {
    const excluded = population.find((g) => g.entitlementSlug === PS_READ)!;
    expect(reconcilePopulation({ population, items: [...items, excluded], scope, context }).reconciled).toBe(false);
  });

  test('an item taken twice is not reconciled', () => {
    expect(reconcilePopulation({ population, items: [...items, items[0]!], scope, context }).unexpectedItems).toHaveLength(1);
  });

  test('grants held through a group may be given as a number instead of rows: the same reconciliation', () => {
    const direct = population.filter((g) => g.via === null);
    const whole = reconcilePopulation({ population, items, scope, context, syncGrantTotal: population.length });
    const counted = reconcilePopulation({ population: direct, indirect: population.length - direct.length, items, scope, context, syncGrantTotal: population.length });
    expect(counted).toEqual(whole);
    expect(reconcilePopulation({ population: direct, items, scope, context, syncGrantTotal: population.length }).reconciled).toBe(false);
  });

  test('a population smaller than the run says it saw is not reconciled', () => {
    const result = reconcilePopulation({ population, items, scope, context, syncGrantTotal: population.length + 1 });
    expect(result.reconciled).toBe(false);
    expect(result.syncGrantTotal).toBe(population.length + 1);
    expect(result.populationTotal).toBe(population.length);
  });
});
