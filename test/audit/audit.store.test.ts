import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { listAuditEvents, recordAuditEvent, recordAuditEvents, verifyAuditChain } from '../../src/audit/index.ts';
import type { Db } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';

/** Changes the log the way someone with database access could: with the append-only trigger switched off. */
async function behindTheAppsBack(db: Db, statement: ReturnType<typeof sql>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });
}

async function seedEvents(db: Db, n: number) {
  for (let i = 1; i <= n; i++) {
    await recordAuditEvent(db, { type: 'connector.created', actor: 'user:admin', subject: `connector:${i}`, data: { name: `aws-${i}`, nested: { z: 1, a: [i] } } });
  }
}

describeStore('audit log', (store) => {
  test('chains each event to the previous one and verifies', async () => {
    const { db } = store();
    await seedEvents(db, 3);
    const verdict = await verifyAuditChain(db);
    expect(verdict).toMatchObject({ ok: true, events: 3 });
    const rows = await db.execute(sql`select seq, prev_hash, hash from audit_events order by seq`);
    const chain = (rows as unknown as { rows: { seq: number; prev_hash: string; hash: string }[] }).rows;
    expect(chain.map((r) => Number(r.seq))).toEqual([1, 2, 3]);
    expect(chain[1]!.prev_hash).toBe(chain[0]!.hash);
    expect(chain[2]!.prev_hash).toBe(chain[1]!.hash);
  });

  test('a batch chains after the last event as one call per event would: each to the one before, verified', async () => {
    const { db } = store();
    await seedEvents(db, 2);
    const before = (await verifyAuditChain(db)).events;
    const at = new Date('2026-12-04T12:00:00.123Z');
    const inputs = [1, 2, 3].map((i) => ({ type: 'review.decided', actor: 'user:r', subject: `review_item:${i}`, data: { i, comment: null } }));
    expect(await recordAuditEvents(db, inputs, at)).toBe(3);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, events: before + 3 });
    const batch = (await db.execute(sql`select seq, prev_hash, hash from audit_events where seq >= ${before} order by seq`)) as unknown as { rows: { seq: number; prev_hash: string; hash: string }[] };
    for (let i = 1; i < batch.rows.length; i++) expect(batch.rows[i]!.prev_hash).toBe(batch.rows[i - 1]!.hash);
    batch.rows.shift();
    expect(batch.rows.map((r) => Number(r.seq))).toEqual([before + 1, before + 2, before + 3]);
    expect(await recordAuditEvents(db, [], at)).toBe(0);
  });

  test('events are listed by a field of their data: a campaign\'s own events and its items\' alike, no other\'s', async () => {
    const { db } = store();
    await recordAuditEvents(db, [
      { type: 'review.launched', actor: 'cli:t', subject: 'review_campaign:c-1', data: { campaignId: 'c-1' } },
      { type: 'review.decided', actor: 'cli:t', subject: 'review_item:i-1', data: { campaignId: 'c-1', itemId: 'i-1' } },
      { type: 'review.decided', actor: 'cli:t', subject: 'review_item:i-2', data: { campaignId: 'c-2', itemId: 'i-2' } },
    ]);
    const { items } = await listAuditEvents(db, { data: { campaignId: 'c-1' } });
    expect(items.map((e) => e.subject)).toEqual(['review_item:i-1', 'review_campaign:c-1']);
    expect((await listAuditEvents(db, { data: { campaignId: 'c-1', itemId: 'i-1' } })).items).toHaveLength(1);
  });

  test('refuses UPDATE, DELETE and TRUNCATE from the application', async () => {
    const { db } = store();
    // Drizzle wraps the database's error; the trigger's message is in its cause.
    const refusal = (statement: ReturnType<typeof sql>) => db.execute(statement).then(() => 'accepted', (e: Error) => String((e.cause as Error | undefined)?.message));
    expect(await refusal(sql`update audit_events set actor = 'someone-else' where seq = 1`)).toBe('audit_events is append-only: UPDATE is not allowed');
    expect(await refusal(sql`delete from audit_events where seq = 1`)).toBe('audit_events is append-only: DELETE is not allowed');
    expect(await refusal(sql`truncate audit_events`)).toBe('audit_events is append-only: TRUNCATE is not allowed');
  });

  test('events written inside a rolled-back transaction leave no trace', async () => {
    const { db } = store();
    const before = await verifyAuditChain(db);
    await expect(
      db.transaction(async (tx) => {
        await recordAuditEvent(tx, { type: 'grant.revoked', actor: 'system' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await verifyAuditChain(db)).toEqual(before);
  });
});

describeStore('audit log tampering', (store) => {
  test('an edited event fails verification naming its sequence number', async () => {
    const { db } = store();
    await seedEvents(db, 5);
    await behindTheAppsBack(db, sql`update audit_events set data = '{"name":"aws-evil"}'::jsonb where seq = 3`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, badSeq: 3, events: 2, reason: expect.stringContaining('altered') });
  });
});

describeStore('audit log deletion', (store) => {
  test('a deleted event fails verification at the gap', async () => {
    const { db } = store();
    await seedEvents(db, 4);
    await behindTheAppsBack(db, sql`delete from audit_events where seq = 2`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, badSeq: 2, reason: expect.stringContaining('missing') });
  });

  test('a re-hashed forgery still breaks the link of the next event', async () => {
    const { db } = store();
    const { eventHash } = await import('../../src/audit/chain.ts');
    await behindTheAppsBack(db, sql`truncate audit_events`);
    await seedEvents(db, 3);
    // Someone rewrites event 2 and recomputes its own hash, but cannot fix event 3's link without rewriting it too.
    const forged = { seq: 2, occurredAt: new Date(), actor: 'user:intruder', type: 'connector.created', subject: null, data: {}, prevHash: '' };
    const [first] = (await db.execute(sql`select hash from audit_events where seq = 1`) as unknown as { rows: { hash: string }[] }).rows;
    forged.prevHash = first!.hash;
    await behindTheAppsBack(
      db,
      sql`update audit_events set actor = ${forged.actor}, subject = null, data = '{}'::jsonb, occurred_at = ${forged.occurredAt.toISOString()}::timestamptz, hash = ${eventHash(forged)} where seq = 2`,
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, badSeq: 3, reason: expect.stringContaining('does not link') });
  });
});
