import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, expect, test } from 'vitest';
import { setOwner } from '../../src/ownership/index.ts';
import { assignment } from '../../src/reviews/core/test-grants.ts';
import { assignStage } from '../../src/reviews/snapshot.ts';
import type { ReviewerPlan } from '../../src/reviews/index.ts';
import { appUsers, connectors, people } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { baseResources } from '../harness/inventory-fixtures.ts';
import { createConnectorRow, syncInventory } from '../harness/provisioning.ts';

/**
 * Where a stage's reviewers come from, on the database: owners (set in RRCU, or from the owner tag only
 * when the policy asks), every owner tried in order, and a named policy's RRCU group (a role).
 */
describeStore('reviewer sources: owners and RRCU groups', (store) => {
  const db = () => store().db;
  const TAGGED = '555566667777';
  let connectorId: string;
  const person: Record<'holder' | 'dana' | 'eli' | 'fay' | 'gil', string> = { holder: '', dana: '', eli: '', fay: '', gil: '' };
  const email: Record<string, string> = {};
  const plan = (policies: ReviewerPlan['stages'][number]['policies']): ReviewerPlan => ({ stages: [{ policies }], fallbackPersonId: person.fay, administratorPersonIds: [], excludeGranters: false });
  const reviewerOf = async (p: ReviewerPlan) => {
    const grant = assignment('sso_user', 'u-holder', { connectorId, resourceId: TAGGED, personId: person.holder });
    const [stage] = await assignStage(db(), connectorId, p, [{ grant, holders: { holderPersonIds: [person.holder], principalPersonId: person.holder, entitlementKey: 'x' } }], 1);
    return stage!;
  };

  beforeAll(async () => {
    connectorId = await createConnectorRow(db(), `reviewer-sources-${randomUUID().slice(0, 8)}`);
    const suffix = randomUUID().slice(0, 8);
    for (const name of Object.keys(person) as (keyof typeof person)[]) {
      email[name] = `${name}-${suffix}@corp.example`;
      const [row] = await db().insert(people).values({ displayName: `${name}-${suffix}`, email: email[name] }).returning();
      person[name] = row!.id;
    }
    // Eli named himself owner with a tag: anyone allowed to tag the account in AWS could have.
    await syncInventory(db(), connectorId, [...baseResources(), { kind: 'resource', resourceType: 'account', externalId: TAGGED, displayName: 'tagged', attributes: { tags: { owner: email.eli } } }]);
    await db().update(connectors).set({ config: sql`${connectors.config} || '{"ownerTag":"owner"}'::jsonb` }).where(eq(connectors.id, connectorId));
  });

  test('an owner read from the tag reviews only when the owner policy includes tag owners', async () => {
    expect(await reviewerOf(plan([{ kind: 'owner', includeTagOwners: false }]))).toMatchObject({ reviewerPersonId: person.fay, policy: 'fallback', reassignments: [{ reason: 'no-owner' }] });
    expect(await reviewerOf(plan([{ kind: 'owner', includeTagOwners: true }]))).toMatchObject({ reviewerPersonId: person.eli, policy: 'owner' });
  });

  test('every owner is tried: the first owner holding the access is passed over for the next, not for the next policy', async () => {
    const ref = { connectorId, resourceType: 'account' as const, resourceId: TAGGED };
    await setOwner(db(), { ...ref, personId: person.holder }, { actor: 'cli:test' });
    expect(await reviewerOf(plan([{ kind: 'owner', includeTagOwners: false }]))).toMatchObject({ reviewerPersonId: person.fay, reassignments: [{ from: person.holder, reason: 'self-review' }] });
    await setOwner(db(), { ...ref, personId: person.dana }, { actor: 'cli:test' });
    expect(await reviewerOf(plan([{ kind: 'owner', includeTagOwners: false }, { kind: 'named', personIds: [person.gil] }]))).toMatchObject({
      reviewerPersonId: person.dana, policy: 'owner', reassignments: [{ from: person.holder, to: person.dana, reason: 'self-review', policy: 'owner' }],
    });
  });

  test('a named RRCU group is a role: its enabled users\' people by email review; a disabled user does not', async () => {
    const subject = (n: string) => `local:${n}-${randomUUID().slice(0, 8)}`;
    await db().insert(appUsers).values([
      { subject: subject('gil'), email: email.gil!.toUpperCase(), displayName: 'Gil', role: 'auditor' },
      { subject: subject('dana'), email: email.dana, displayName: 'Dana', role: 'auditor', disabled: true },
      { subject: subject('eli'), email: email.eli, displayName: 'Eli', role: 'connector_admin' },
    ]);
    expect(await reviewerOf(plan([{ kind: 'named', rrcuGroup: 'auditor' }]))).toMatchObject({ reviewerPersonId: person.gil, policy: 'named' });
    expect(await reviewerOf(plan([{ kind: 'named', rrcuGroup: 'connector_admin' }]))).toMatchObject({ reviewerPersonId: person.eli, policy: 'named' });
  });
});
