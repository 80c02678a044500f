import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recordAuditEvents } from '../../src/audit/index.ts';
import { startJobEngine, type JobEngine } from '../../src/jobs/index.ts';
import { AUDIT_STREAM_QUEUES, nextStreamAttempt } from '../../src/notifications/audit-stream-jobs.ts';
import type { StreamedAuditEvent } from '../../src/notifications/audit-stream.ts';
import { auditStreamStates } from '../../src/notifications/audit-stream-state.ts';
import { createNotificationService, NOTIFICATION_QUEUE_SPECS, startNotificationJobs } from '../../src/notifications/index.ts';
import { auditEvents } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { startWebhookSink, type WebhookSink } from '../harness/webhook-sink.ts';

const SECRET_KEY = 'audit-stream-jobs-secret-key-0123456789';
const SIGNING_SECRET = 'whsec_audit_jobs_5b2f0e11c3';

describe('nextStreamAttempt', () => {
  const now = new Date('2026-12-05T08:00:00Z');
  test('backs off with the failures in a row, and never waits more than five minutes for a receiver that said nothing', () => {
    const full = () => 0.999999;
    const delays = [1, 2, 3, 10, 50].map((f) => nextStreamAttempt(f, undefined, now, full).getTime() - now.getTime());
    expect(delays[0]).toBeLessThan(delays[1]!);
    expect(delays[1]).toBeLessThan(delays[2]!);
    expect(delays[3]).toBe(300_000);
    expect(delays[4]).toBe(300_000);
  });
  test('waits as long as the receiver said (Retry-After), believed up to an hour, at least a second', () => {
    expect(nextStreamAttempt(1, 20 * 60_000, now).getTime() - now.getTime()).toBe(20 * 60_000);
    expect(nextStreamAttempt(5, 2000, now).getTime() - now.getTime()).toBe(2000);
    expect(nextStreamAttempt(1, 0, now).getTime() - now.getTime()).toBe(1000);
    expect(nextStreamAttempt(1, 48 * 3_600_000, now).getTime() - now.getTime()).toBe(3_600_000);
  });
});

describeStore('notifications: audit streaming jobs', (store) => {
  let sink: WebhookSink;
  let engine: JobEngine;

  beforeAll(async () => {
    sink = await startWebhookSink();
    // The notifications' jobs as the workers start them (app.ts), audit streaming among them.
    engine = await startJobEngine(store(), { supervise: false, queues: NOTIFICATION_QUEUE_SPECS });
    await startNotificationJobs(engine, { db: store().db, secretKey: SECRET_KEY, publicUrl: 'https://rrcu.example.com', jobs: engine, digestCron: '0 8 * * *', now: () => new Date(), log: () => {} });
  });
  afterAll(async () => {
    await engine?.stop({ graceful: false });
    await sink?.close();
  });

  const service = () => createNotificationService({ db: store().db, secretKey: SECRET_KEY, publicUrl: 'https://rrcu.example.com' });
  const head = async () => Number((await store().db.select({ max: sql<string>`max(${auditEvents.seq})` }).from(auditEvents))[0]!.max);
  const streamState = async (channelId: string) => (await auditStreamStates(store().db, [channelId])).get(channelId)!;

  async function streamingChannel() {
    const path = `/audit/${randomUUID()}`;
    const channel = await service().createChannel(
      { kind: 'webhook', name: `SIEM ${path}`, config: { url: `${sink.url}${path}` }, secrets: { signingSecret: SIGNING_SECRET }, auditStream: true },
      'user:admin',
    );
    const received = () => sink.received.filter((r) => r.path === path);
    const events = () => received().flatMap((r) => (JSON.parse(r.body) as { events: StreamedAuditEvent[] }).events);
    return { id: channel.id, path, received, events };
  }

  /** Until the channel's receiver has acknowledged `seq` (the test's timeout bounds the wait). */
  async function acknowledged(channelId: string, seq: number): Promise<void> {
    while ((await streamState(channelId)).lastSeq < seq) await new Promise((r) => setTimeout(r, 200));
  }

  function expectEveryEventOnceInOrder(events: readonly StreamedAuditEvent[], end: number): void {
    const unique = [...new Map(events.map((e) => [e.seq, e])).values()].sort((a, b) => a.seq - b.seq);
    expect(unique.map((e) => e.seq)).toEqual(Array.from({ length: end }, (_, i) => i + 1));
    for (let i = 1; i < unique.length; i++) expect(unique[i]!.prevHash).toBe(unique[i - 1]!.hash);
  }

  test('the worker streams what is recorded, unasked, one batch in flight per channel even with runs queued beside it', async () => {
    // A receiver that takes its time widens the window in which a second batch could overlap the first.
    sink.fallback = { status: 200, delayMs: 150 };
    const channel = await streamingChannel();
    await recordAuditEvents(
      store().db,
      Array.from({ length: 420 }, (_, i) => ({ type: 'test.streamed', actor: 'system', data: { i } })),
    );
    for (let i = 0; i < 5; i++) await engine.boss.send(AUDIT_STREAM_QUEUES.stream, { channelId: channel.id, failures: 0 }, { singletonKey: channel.id });
    const end = await head();
    await acknowledged(channel.id, end);
    expect(sink.maxInFlight(channel.path)).toBe(1);
    expectEveryEventOnceInOrder(channel.events(), end);
    // Batches arrive in order: each starts after the one before it ended (a batch is sent again only after a failure).
    const firsts = channel.received().map((r) => (JSON.parse(r.body) as { events: StreamedAuditEvent[] }).events[0]!.seq);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    sink.fallback = { status: 200 };
  });

  test('a 503 with Retry-After: the channel’s next run waits for it, then sends the refused batch again and catches up', async () => {
    const channel = await streamingChannel();
    sink.answerNextOn(channel.path, { status: 503, headers: { 'retry-after': '2' } });
    await recordAuditEvents(store().db, [{ type: 'test.after_outage', actor: 'system', data: {} }]);
    const end = await head();
    await acknowledged(channel.id, end);
    const [refused, again] = channel.received();
    expect(again!.at - refused!.at).toBeGreaterThanOrEqual(2000);
    expect(JSON.parse(again!.body)).toEqual(JSON.parse(refused!.body));
    expectEveryEventOnceInOrder(channel.events(), end);
    expect(await streamState(channel.id)).toMatchObject({ lastSeq: end, waiting: 0, failure: null });
  });
});
