import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { recordAuditEvents } from '../../src/audit/index.ts';
import { AUDIT_STREAM_BATCH, streamAuditOnce, type AuditStreamDeps, type StreamedAuditEvent } from '../../src/notifications/audit-stream.ts';
import { auditStreamStates } from '../../src/notifications/audit-stream-state.ts';
import { verifyWebhookSignature } from '../../src/notifications/core/signature.ts';
import { createNotificationService } from '../../src/notifications/index.ts';
import { auditEvents } from '../../src/store/index.ts';
import { sql } from 'drizzle-orm';
import { describeStore } from '../harness/store-test.ts';
import { startWebhookSink, type ReceivedRequest, type WebhookSink } from '../harness/webhook-sink.ts';
import { hasPython, nodeReceiver, runPythonReceiver } from './docs-receiver.ts';

const SECRET_KEY = 'audit-stream-test-secret-key-0123456789';
const SIGNING_SECRET = 'whsec_audit_stream_9c1e77d0a4';

/** What a receiver does with the stream (docs/notifications.md): verify each batch, then read its events in order. */
function eventsOf(received: readonly ReceivedRequest[]): { batches: StreamedAuditEvent[][]; events: StreamedAuditEvent[] } {
  const batches = received.map((req) => {
    const verdict = verifyWebhookSignature({
      secret: SIGNING_SECRET,
      timestamp: req.headers['x-rrcu-timestamp'] as string,
      body: req.body,
      signature: req.headers['x-rrcu-signature'] as string,
      now: new Date(),
    });
    expect(verdict).toEqual({ ok: true });
    const body = JSON.parse(req.body) as { stream: string; events: StreamedAuditEvent[] };
    expect(body.stream).toBe('audit');
    return body.events;
  });
  return { batches, events: batches.flat() };
}

/**
 * The receiver's continuity check, as docs/notifications.md writes it (Node; Python too when installed): fed
 * every event in the order they arrived, repeats included, it must take each event once, from seq 1 to the
 * chain's end, each chained to the one before and matching its hash.
 */
async function expectContinuous(events: readonly StreamedAuditEvent[], head: number): Promise<void> {
  const { continueChain } = await nodeReceiver();
  const { fresh, last } = continueChain({ seq: 0, hash: '0'.repeat(64) }, events);
  expect(fresh.map((e) => e.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
  expect(last.seq).toBe(head);
  if (hasPython) {
    const seqs = runPythonReceiver('fresh, last = continue_chain({"seq": 0, "hash": "0" * 64}, case)\nprint(json.dumps([e["seq"] for e in fresh]))', events);
    expect(seqs).toEqual(fresh.map((e) => e.seq));
  }
}

describeStore('notifications: audit streaming to a webhook', (store) => {
  let sink: WebhookSink;
  beforeAll(async () => {
    sink = await startWebhookSink();
  });
  afterAll(async () => {
    await sink.close();
  });

  const deps = (): AuditStreamDeps => ({ db: store().db, secretKey: SECRET_KEY, now: () => new Date() });
  const service = () => createNotificationService({ db: store().db, secretKey: SECRET_KEY, publicUrl: 'https://rrcu.example.com' });

  /** A fresh audit-streaming channel posting to its own path of the sink, and the requests that reached it. */
  async function streamingChannel() {
    const path = `/audit/${randomUUID()}`;
    const channel = await service().createChannel(
      { kind: 'webhook', name: `SIEM ${path}`, config: { url: `${sink.url}${path}` }, secrets: { signingSecret: SIGNING_SECRET }, eventKinds: ['*'], auditStream: true },
      'user:admin',
    );
    return { id: channel.id, path, received: () => sink.received.filter((r) => r.path === path) };
  }

  async function recordEvents(count: number): Promise<void> {
    const tag = randomUUID();
    await recordAuditEvents(
      store().db,
      Array.from({ length: count }, (_, i) => ({ type: 'test.streamed', actor: 'system', subject: `test:${tag}`, data: { i, note: i % 7 === 0 ? 'Zoë — 東京' : 'x' } })),
    );
  }

  const head = async () => Number((await store().db.select({ max: sql<string>`max(${auditEvents.seq})` }).from(auditEvents))[0]!.max);
  const streamState = async (channelId: string) => (await auditStreamStates(store().db, [channelId])).get(channelId)!;

  async function runUntilCaughtUp(channelId: string) {
    for (let i = 0; i < 100; i++) {
      const run = await streamAuditOnce(deps(), channelId);
      if (run.status !== 'more') return run;
    }
    throw new Error('never caught up');
  }

  test('receives every audit event in sequence order, in signed batches of at most 100, each event chained to the one before', async () => {
    await recordEvents(250);
    const channel = await streamingChannel();
    const run = await runUntilCaughtUp(channel.id);
    const end = await head();
    expect(run).toMatchObject({ status: 'caught_up', lastSeq: end });
    const { batches, events } = eventsOf(channel.received());
    expect(batches.every((b) => b.length >= 1 && b.length <= AUDIT_STREAM_BATCH)).toBe(true);
    expect(batches.length).toBe(Math.ceil(end / AUDIT_STREAM_BATCH));
    // Exactly once when nothing failed, in order across batches.
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: end }, (_, i) => i + 1));
    await expectContinuous(events, end);
    expect(await streamState(channel.id)).toMatchObject({ lastSeq: end, waiting: 0, failure: null, lastSentAt: expect.any(String) });
    const deliveryIds = channel.received().map((r) => r.headers['x-rrcu-delivery']);
    expect(new Set(deliveryIds).size).toBe(deliveryIds.length);

    // What is recorded later follows on the next run, from where the receiver left off.
    await recordEvents(3);
    expect(await streamAuditOnce(deps(), channel.id)).toMatchObject({ status: 'caught_up', sent: 3, lastSeq: end + 3 });
    await expectContinuous(eventsOf(channel.received()).events, end + 3);
  });

  test('a 503 leaves the cursor before the refused batch (with its reason and Retry-After); the next run sends that batch again and goes on', async () => {
    await recordEvents(150);
    const channel = await streamingChannel();
    const before = await head();
    sink.answerNextOn(channel.path, { status: 200 }, { status: 503, headers: { 'retry-after': '7' }, body: 'SIEM is restarting' });
    const failed = await streamAuditOnce(deps(), channel.id);
    expect(failed).toMatchObject({ status: 'failed', sent: AUDIT_STREAM_BATCH, lastSeq: AUDIT_STREAM_BATCH, result: { retryable: true, retryAfterMs: 7000, code: 503 } });
    expect(await streamState(channel.id)).toMatchObject({ lastSeq: AUDIT_STREAM_BATCH, failure: { error: expect.stringMatching(/503.*SIEM is restarting/) } });

    expect(await runUntilCaughtUp(channel.id)).toMatchObject({ status: 'caught_up', lastSeq: before });
    const { batches, events } = eventsOf(channel.received());
    // The refused batch was sent again from the same first event: at least once, nothing skipped.
    expect(batches.map((b) => b[0]!.seq).slice(0, 3)).toEqual([1, AUDIT_STREAM_BATCH + 1, AUDIT_STREAM_BATCH + 1]);
    await expectContinuous(events, before);
    expect(await streamState(channel.id)).toMatchObject({ lastSeq: before, failure: null });
  });

  test('a send cut off mid-flight (the process stopped before the answer) is sent again after a restart: at least once, then continuing', async () => {
    await recordEvents(120);
    const channel = await streamingChannel();
    const before = await head();
    // The receiver takes the second batch and never answers; the worker's stop aborts the send.
    sink.answerNextOn(channel.path, { status: 200 }, { hang: true });
    const stop = new AbortController();
    const arrived = sink.received.length;
    const running = streamAuditOnce(deps(), channel.id, { signal: stop.signal });
    await sink.waitFor(arrived + 2);
    stop.abort();
    expect(await running).toMatchObject({ status: 'failed', lastSeq: AUDIT_STREAM_BATCH, result: { retryable: true } });

    // A new process: nothing in memory, only the store's cursor.
    const restarted: AuditStreamDeps = { db: store().db, secretKey: SECRET_KEY, now: () => new Date() };
    let run = await streamAuditOnce(restarted, channel.id);
    while (run.status === 'more') run = await streamAuditOnce(restarted, channel.id);
    expect(run).toMatchObject({ status: 'caught_up', lastSeq: before });
    const { batches, events } = eventsOf(channel.received());
    expect(batches[1]![0]!.seq).toBe(AUDIT_STREAM_BATCH + 1);
    expect(batches[2]![0]!.seq).toBe(AUDIT_STREAM_BATCH + 1);
    expect(batches[2]!.length).toBeGreaterThanOrEqual(batches[1]!.length);
    await expectContinuous(events, before);
  });

  test('a channel switched off, archived or not streaming sends nothing', async () => {
    const channel = await streamingChannel();
    await service().updateChannel(channel.id, { enabled: false }, 'user:admin');
    expect(await streamAuditOnce(deps(), channel.id)).toEqual({ status: 'off', sent: 0 });
    await service().updateChannel(channel.id, { enabled: true, auditStream: false }, 'user:admin');
    expect(await streamAuditOnce(deps(), channel.id)).toEqual({ status: 'off', sent: 0 });
    expect(channel.received()).toHaveLength(0);
  });
});
