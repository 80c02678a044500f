import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { grantsAt } from '../../src/access/index.ts';
import { AWS_ERRORS, type Connector, type SyncContext, type SyncEvent } from '../../src/connectors/index.ts';
import { RrcuError, isRrcuError } from '../../src/core/errors.ts';
import { stageItems, queryRows, grants, people, resources, snapshotItems, syncRuns } from '../../src/store/index.ts';
import { RESUME_WITHIN_MS, runSync, getSyncRun } from '../../src/sync/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { ACCOUNT, ADMINS, ADMIN_ON_ACCOUNT, ALICE, BOB, MEMBER_OF_ADMINS, baseResources, createTestConnector, grantItem } from '../harness/inventory-fixtures.ts';

/**
 * A connector over a fixed list of events: the sync runner's contract (stream, checkpoints, warnings,
 * failure) is what is under test here; the AWS connector has its own tests against the simulator.
 */
function listConnector(events: SyncEvent[], options: { failAt?: number; error?: Error } = {}): Connector & { seen: string[] } {
  const seen: string[] = [];
  return {
    kind: 'test',
    resourceTypes: [
      { id: 'account', displayName: 'Account', isPrincipal: false },
      { id: 'sso_user', displayName: 'User', isPrincipal: true },
      { id: 'sso_group', displayName: 'Group', isPrincipal: true },
    ],
    seen,
    async *sync(ctx: SyncContext) {
      ctx.warn({ code: 'OPTIONAL_DENIED', message: 'sso:GetInlinePolicyForPermissionSet denied', feature: 'permission set policies' });
      ctx.warn({ code: 'OPTIONAL_DENIED', message: 'again', feature: 'permission set policies' });
      // Events up to a checkpoint form one piece of work, skipped when a previous attempt stored it.
      let segment: SyncEvent[] = [];
      for (const [i, e] of events.entries()) {
        if (i === options.failAt) throw options.error ?? new Error('boom');
        segment.push(e);
        if (e.kind !== 'checkpoint' && i < events.length - 1) continue;
        if (e.kind === 'checkpoint' && ctx.isDone(e.marker)) {
          segment = [];
          continue;
        }
        for (const x of segment) {
          if (x.kind !== 'checkpoint') seen.push(x.kind);
          // Items carry the checkpoint that completes them, as the contract asks of a connector that skips them on resume.
          yield x.kind !== 'checkpoint' && e.kind === 'checkpoint' ? { ...x, stage: e.marker } : x;
        }
        segment = [];
      }
    },
    apiCalls: () => ({ 'sso:ListInstances': 1, 'throttled:sso:ListInstances': 2 }),
    close: async () => {},
  };
}

const withEmails = () =>
  baseResources().map((i) =>
    i.kind === 'resource' && i.resourceType === 'sso_user' ? { ...i, attributes: { email: i.displayName.toUpperCase(), userName: i.displayName.split('@')[0] } } : i,
  );

describeStore('sync runner', (store) => {
  test('stores the stream, records calls and warnings once, links people by email, and audits the run', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    const progress: string[] = [];
    const outcome = await runSync(db, connectorId, listConnector([...withEmails(), grantItem(MEMBER_OF_ADMINS, ALICE), grantItem(ADMIN_ON_ACCOUNT, ADMINS)]), {
      actor: 'cli:test',
      batchSize: 3,
      onProgress: (p) => progress.push(p.stage),
    });
    expect(outcome.resumed).toBe(false);
    expect(outcome.run).toMatchObject({ status: 'succeeded', apiCalls: { 'sso:ListInstances': 1, 'throttled:sso:ListInstances': 2 } });
    expect(outcome.run.warnings).toEqual([{ code: 'OPTIONAL_DENIED', message: 'sso:GetInlinePolicyForPermissionSet denied', feature: 'permission set policies' }]);
    expect(progress).toContain('committing');
    expect(outcome.changes['opened:grant']).toBe(3); // membership, group assignment, and its expansion to alice
    const alice = await db.select().from(people).where(eq(people.email, 'alice@corp.example'));
    expect(alice).toHaveLength(1);
    const linked = await grantsAt(db, { connectorId, personId: alice[0]!.id });
    expect(linked.map((r) => `${r.entitlement}${r.via ? ` via ${r.via}` : ''}`).sort()).toEqual(['AdministratorAccess via g-admins', 'member']);
    const events = await queryRows<{ type: string }>(db, sql`select type from audit_events where subject = ${`connector:${connectorId}`}`);
    expect(events.map((e) => e.type)).toEqual(['sync.succeeded']);
  });

  test('a failing connector leaves the last good data current and records the error with its fix', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    await runSync(db, connectorId, listConnector([...baseResources(), grantItem(MEMBER_OF_ADMINS, ALICE)]), { actor: 'system' });
    const before = await grantsAt(db, { connectorId });
    const error = new RrcuError(AWS_ERRORS.ACTION_DENIED, 'sso:ListAccountAssignments was denied', { fix: 'Add "sso:ListAccountAssignments" to the policy.' });
    const failed = await runSync(db, connectorId, listConnector(baseResources(), { failAt: 2, error }), { actor: 'system' }).catch((e: unknown) => e);
    expect(isRrcuError(failed, 'ACTION_DENIED')).toBe(true);
    expect(await grantsAt(db, { connectorId })).toEqual(before);
    const [last] = await db.select().from(syncRuns).where(eq(syncRuns.connectorId, connectorId)).orderBy(sql`${syncRuns.id} desc`).limit(1);
    expect(last).toMatchObject({ status: 'failed', error: { code: 'ACTION_DENIED', fix: 'Add "sso:ListAccountAssignments" to the policy.' } });
    const events = await queryRows<{ type: string }>(db, sql`select type from audit_events where subject = ${`connector:${connectorId}`} order by seq`);
    expect(events.map((e) => e.type)).toEqual(['sync.succeeded', 'sync.failed']);
  });

  test('a failed sync tells the Connector Administrators in the transaction that audits it: once per run and error, a resumed run failing the same way again adds none', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db, `failing-${randomUUID().slice(0, 8)}`);
    const throttled = new RrcuError(AWS_ERRORS.THROTTLED, 'AWS kept throttling sso:ListAccountAssignments.', { fix: 'The next sync resumes from where this one stopped.' });
    const denied = new RrcuError(AWS_ERRORS.ACTION_DENIED, 'sso:ListAccountAssignments was denied', { fix: 'Add "sso:ListAccountAssignments" to the policy.' });
    for (const error of [throttled, throttled, denied]) {
      await runSync(db, connectorId, listConnector([...baseResources()], { failAt: 2, error }), { actor: 'system' }).catch(() => undefined);
    }
    const told = await queryRows<{ recipient_role: string; title: string; body: string; link: string; run_id: string; code: string }>(db, sql`
      select recipient_role, title, body, link, payload->>'runId' as run_id, payload->>'errorCode' as code from notifications
      where kind = 'sync.failed' and payload->>'connectorId' = ${connectorId} order by created_at, payload->>'errorCode' desc`);
    const runs = await db.select({ id: syncRuns.id }).from(syncRuns).where(eq(syncRuns.connectorId, connectorId)).orderBy(syncRuns.id);
    // The throttled run was resumed by the second sync (same run, same error: told once); the denial is a new error of that run.
    expect(runs).toHaveLength(1);
    expect(told.map((n) => [n.recipient_role, n.run_id, n.code])).toEqual([['connector_admin', String(runs[0]!.id), 'THROTTLED'], ['connector_admin', String(runs[0]!.id), 'ACTION_DENIED']]);
    expect(told[1]).toMatchObject({ title: expect.stringMatching(/^Sync failed: failing-/), link: `/connectors/${connectorId}`, body: expect.stringContaining('Add "sso:ListAccountAssignments" to the policy.') });
  });

  test('a failing database statement is recorded by its reason and step, without the SQL or its parameters', async () => {
    // The run, the audit event and the CLI used to carry the whole failed INSERT with every staged item (19.7 KB).
    const { db } = store();
    const connectorId = await createTestConnector(db);
    const bulky = Array.from({ length: 200 }, (_, i) => ({ kind: 'resource' as const, resourceType: 'sso_user', externalId: `u-${i}`, displayName: `user-${i}@payload.example` }));
    // PostgreSQL refuses a NUL character in jsonb: an error the database raises, whatever the engine.
    const poisoned = { kind: 'resource' as const, resourceType: 'sso_user', externalId: 'u-nul', displayName: 'nul\u0000@payload.example' };
    const failed = await runSync(db, connectorId, listConnector([...bulky, poisoned]), { actor: 'system', batchSize: 1000 }).catch((e: unknown) => e);

    expect(isRrcuError(failed, 'DATABASE_ERROR')).toBe(true);
    const [run] = await db.select().from(syncRuns).where(eq(syncRuns.connectorId, connectorId));
    const [event] = await queryRows<{ data: { error: unknown } }>(db, sql`select data from audit_events where subject = ${`connector:${connectorId}`} and type = 'sync.failed'`);
    for (const error of [run!.error, event!.data.error, { code: (failed as RrcuError).code, message: (failed as RrcuError).message, fix: (failed as RrcuError).fix }]) {
      const text = JSON.stringify(error);
      expect(text.length).toBeLessThan(1024);
      expect(text).not.toContain('payload.example');
      expect(text).not.toContain('Failed query');
      expect(error).toMatchObject({ code: 'DATABASE_ERROR', message: expect.stringMatching(/during the sync \(stage .*\), at insert into snapshot_items: .*\(SQLSTATE 22P05\)/) });
    }
  });

  test('an interrupted run resumes after its last checkpoint instead of starting over', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    const events: SyncEvent[] = [
      ...baseResources(),
      { kind: 'checkpoint', marker: 'resources' },
      grantItem(MEMBER_OF_ADMINS, ALICE),
      grantItem(MEMBER_OF_ADMINS, BOB),
      { kind: 'checkpoint', marker: 'memberships' },
    ];
    // A previous attempt stored the resources and their checkpoint, then its process died.
    const [interrupted] = await db
      .insert(syncRuns)
      .values({ connectorId, status: 'running', checkpoint: { done: ['resources'] }, heartbeatAt: new Date(Date.now() - 120_000) })
      .returning();
    await stageItems(db, interrupted!.id, baseResources().map((i) => ({ ...i, stage: 'resources' })));

    const second = listConnector(events);
    const outcome = await runSync(db, connectorId, second, { actor: 'system' });
    expect(outcome).toMatchObject({ resumed: true, run: { id: interrupted!.id, status: 'succeeded' } });
    // Only the work after the stored checkpoint was done again, yet the snapshot holds everything.
    expect(second.seen).toEqual(['grant', 'grant']);
    const current = await db.select().from(resources).where(eq(resources.connectorId, connectorId));
    expect(current.map((r) => r.externalId)).toContain(ACCOUNT.externalId);
    expect((await getSyncRun(db, interrupted!.id))?.checkpoint).toBeNull();
  });

  test('a resumed run drops what its unfinished stages staged: an item gone from the source since is not committed as present', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    // A previous attempt stored the resources and their checkpoint and had staged a membership of the
    // unfinished next stage when it failed; the source has revoked that membership since.
    const [failed] = await db
      .insert(syncRuns)
      .values({ connectorId, status: 'failed', finishedAt: new Date(), checkpoint: { done: ['resources'], resumable: true }, error: { code: 'THROTTLED', message: 'x' } })
      .returning();
    await stageItems(db, failed!.id, [...baseResources().map((i) => ({ ...i, stage: 'resources' })), { ...grantItem(MEMBER_OF_ADMINS, BOB), stage: 'memberships' }]);

    const events: SyncEvent[] = [...baseResources(), { kind: 'checkpoint', marker: 'resources' }, grantItem(MEMBER_OF_ADMINS, ALICE), { kind: 'checkpoint', marker: 'memberships' }];
    const outcome = await runSync(db, connectorId, listConnector(events), { actor: 'system' });
    expect(outcome).toMatchObject({ resumed: true, run: { id: failed!.id, status: 'succeeded' } });
    const held = await db.select().from(grants).where(and(eq(grants.connectorId, connectorId), eq(grants.entitlementKey, MEMBER_OF_ADMINS), isNull(grants.seenTo)));
    expect(held.map((g) => g.principalExternalId)).toEqual([ALICE.externalId]);
  });

  test('a run started more than a day ago is not resumed, however recently it failed or beat: the next sync starts over', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    const events: SyncEvent[] = [...baseResources(), { kind: 'checkpoint', marker: 'resources' }];
    const longAgo = new Date(Date.now() - RESUME_WITHIN_MS - 60_000);
    // Failed a minute ago, but it has been failing and resuming since the day before.
    const [failed] = await db
      .insert(syncRuns)
      .values({ connectorId, status: 'failed', startedAt: longAgo, finishedAt: new Date(), checkpoint: { done: ['resources'], resumable: true }, error: { code: 'THROTTLED', message: 'x' } })
      .returning();
    await stageItems(db, failed!.id, baseResources().map((i) => ({ ...i, stage: 'resources' })));
    const afterFailed = await runSync(db, connectorId, listConnector(events), { actor: 'system' });
    expect(afterFailed.resumed).toBe(false);
    expect(afterFailed.run.id).not.toBe(failed!.id);
    expect(await db.select().from(snapshotItems).where(eq(snapshotItems.syncRunId, failed!.id))).toEqual([]);

    // Interrupted (its process died) after starting the day before: recorded as failed, with why.
    const [interrupted] = await db
      .insert(syncRuns)
      .values({ connectorId, status: 'running', startedAt: longAgo, checkpoint: { done: ['resources'] }, heartbeatAt: new Date(Date.now() - 120_000) })
      .returning();
    await stageItems(db, interrupted!.id, baseResources().map((i) => ({ ...i, stage: 'resources' })));
    const second = listConnector(events);
    const afterInterrupted = await runSync(db, connectorId, second, { actor: 'system' });
    expect(afterInterrupted.resumed).toBe(false);
    expect(afterInterrupted.run.id).not.toBe(interrupted!.id);
    expect(second.seen.length).toBe(baseResources().length);
    expect(await getSyncRun(db, interrupted!.id)).toMatchObject({ status: 'failed', checkpoint: null, error: { code: 'SYNC_TOO_OLD_TO_RESUME' } });
    expect(await db.select().from(snapshotItems).where(eq(snapshotItems.syncRunId, interrupted!.id))).toEqual([]);
  });

  test('an interrupted run whose heartbeat the database wrote (microseconds on PostgreSQL) is resumed, not refused forever', async () => {
    // The claim used to compare heartbeat_at with the JS Date read back (milliseconds): on PostgreSQL it
    // never matched, so the connector answered "already running" for good.
    const { db } = store();
    const connectorId = await createTestConnector(db);
    const [interrupted] = await db
      .insert(syncRuns)
      .values({ connectorId, status: 'running', checkpoint: { done: [] }, heartbeatAt: sql`now() - interval '2 minutes' - interval '123 microseconds'` })
      .returning();
    const outcome = await runSync(db, connectorId, listConnector(baseResources()), { actor: 'system' });
    expect(outcome).toMatchObject({ resumed: true, run: { id: interrupted!.id, status: 'succeeded' } });
  });

  test('a run whose heartbeat is recent is not claimed, however its timestamp is written', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    const [beating] = await db.insert(syncRuns).values({ connectorId, status: 'running', heartbeatAt: sql`now() - interval '59 seconds'` }).returning();
    const e = await runSync(db, connectorId, listConnector([]), { actor: 'system' }).catch((x: unknown) => x);
    expect(isRrcuError(e, 'SYNC_ALREADY_RUNNING')).toBe(true);
    expect((await getSyncRun(db, beating!.id))?.heartbeatAt).toEqual(beating!.heartbeatAt);
  });

  test('a second sync of the same connector while one is running is refused', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    await db.insert(syncRuns).values({ connectorId, status: 'running', heartbeatAt: new Date() });
    const e = await runSync(db, connectorId, listConnector([]), { actor: 'system' }).catch((x: unknown) => x);
    expect(isRrcuError(e, 'SYNC_ALREADY_RUNNING')).toBe(true);
  });
});
