import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { recordAuditEvents } from '../../src/audit/index.ts';
import { AUDIT_STREAM_FAILING_NOTICE_AFTER_MS, streamAuditOnce } from '../../src/notifications/audit-stream.ts';
import type { ChannelView } from '../../src/notifications/index.ts';
import { auditEvents, notifications } from '../../src/store/index.ts';
import { SECRET_KEY, startTestServer, type TestServer } from '../../harness/server.ts';
import { describeStore } from '../harness/store-test.ts';
import { startWebhookSink, type WebhookSink } from '../harness/webhook-sink.ts';

const SIGNING_SECRET = 'a-signing-secret-of-32-characters';
const MINUTE = 60_000;

describeStore('notifications: an audit stream that is behind, and why, in the channels API', (store) => {
  let t: TestServer;
  let sink: WebhookSink;
  beforeAll(async () => {
    t = await startTestServer(store());
    sink = await startWebhookSink();
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const head = async () => Number((await store().db.select({ max: sql<string>`max(${auditEvents.seq})` }).from(auditEvents))[0]!.max);
  /** One run of the stream as the job runs it, at `now`. */
  const run = (channelId: string, now: Date) => streamAuditOnce({ db: store().db, secretKey: SECRET_KEY, now: () => now }, channelId);

  async function addChannel(body: Record<string, unknown>): Promise<ChannelView & { path: string }> {
    const path = `/siem/${randomUUID()}`;
    const created = await t.server.inject({
      method: 'POST', url: '/api/notifications/channels', headers: await t.as('super_admin'),
      payload: { kind: 'webhook', name: `SIEM ${path}`, config: { url: `${sink.url}${path}` }, secrets: { signingSecret: SIGNING_SECRET }, ...body },
    });
    expect(created.statusCode, created.body).toBe(201);
    return { ...created.json<ChannelView>(), path };
  }

  async function getChannel(id: string): Promise<ChannelView> {
    const res = await t.server.inject({ method: 'GET', url: `/api/notifications/channels/${id}`, headers: await t.as('super_admin') });
    expect(res.statusCode).toBe(200);
    return res.json<ChannelView>();
  }

  test('a receiver answering 500: the channel shows the last event delivered, how many wait, the error and when; a 2xx clears it', async () => {
    await recordAuditEvents(store().db, Array.from({ length: 30 }, (_, i) => ({ type: 'test.streamed', actor: 'system', subject: `test:${i}`, data: {} })));
    const channel = await addChannel({ auditStream: true });
    // Before the first run: nothing delivered, the whole log waiting (its own channel_created too), no failure.
    expect(channel.auditStreamState).toEqual({ lastSeq: 0, lastSentAt: null, waiting: await head(), failure: null });
    const plain = await addChannel({ auditStream: false });
    expect(plain.auditStreamState).toBeNull();

    const t0 = new Date();
    sink.answerNextOn(channel.path, { status: 500, body: 'SIEM index is read-only' });
    expect(await run(channel.id, t0)).toMatchObject({ status: 'failed', lastSeq: 0 });
    const t1 = new Date(t0.getTime() + 2 * MINUTE);
    sink.answerNextOn(channel.path, { status: 500, body: 'SIEM index is still read-only' });
    await run(channel.id, t1);

    const failing = await getChannel(channel.id);
    expect(failing.auditStreamState).toEqual({
      lastSeq: 0,
      lastSentAt: null,
      waiting: await head(),
      // The last attempt's error and time; the streak's start stays at the first failure.
      failure: { error: expect.stringMatching(/500.*SIEM index is still read-only/), failedAt: t1.toISOString(), failingSince: t0.toISOString() },
    });
    const listed = await t.server.inject({ method: 'GET', url: '/api/notifications/channels', headers: await t.as('super_admin') });
    const items = listed.json<{ items: ChannelView[] }>().items;
    expect(items.find((c) => c.id === channel.id)?.auditStreamState).toEqual(failing.auditStreamState);
    expect(items.find((c) => c.id === plain.id)?.auditStreamState).toBeNull();

    // The receiver is back: everything is delivered and the failure is gone.
    const t2 = new Date(t1.getTime() + MINUTE);
    expect(await run(channel.id, t2)).toMatchObject({ status: 'caught_up' });
    const end = await head();
    expect((await getChannel(channel.id)).auditStreamState).toEqual({ lastSeq: end, lastSentAt: t2.toISOString(), waiting: 0, failure: null });

    // Events recorded later wait until the next run; a failure after a success starts a new streak.
    await recordAuditEvents(store().db, [{ type: 'test.streamed', actor: 'system', subject: 'test:later', data: {} }]);
    const t3 = new Date(t2.getTime() + MINUTE);
    sink.answerNextOn(channel.path, { status: 503 });
    await run(channel.id, t3);
    expect((await getChannel(channel.id)).auditStreamState).toMatchObject({ lastSeq: end, lastSentAt: t2.toISOString(), waiting: (await head()) - end, failure: { failedAt: t3.toISOString(), failingSince: t3.toISOString() } });
  });

  test('a stream failing for 15 minutes tells the Super Administrators once per streak, naming what waits and why', async () => {
    const channel = await addChannel({ auditStream: true, eventKinds: ['sync.failed'] });
    const notices = () => store().db.select().from(notifications).where(and(eq(notifications.kind, 'audit_stream.failing'), sql`${notifications.payload}->>'channelId' = ${channel.id}`));
    const t0 = new Date();
    const failAt = async (ms: number) => {
      sink.answerNextOn(channel.path, { status: 500, body: 'down for maintenance' });
      expect(await run(channel.id, new Date(t0.getTime() + ms))).toMatchObject({ status: 'failed' });
    };
    await failAt(0);
    await failAt(5 * MINUTE);
    await failAt(AUDIT_STREAM_FAILING_NOTICE_AFTER_MS - 1000);
    expect(await notices()).toHaveLength(0);
    await failAt(AUDIT_STREAM_FAILING_NOTICE_AFTER_MS + 1000);
    await failAt(AUDIT_STREAM_FAILING_NOTICE_AFTER_MS + 5 * MINUTE);
    const [notice, ...more] = await notices();
    expect(more).toHaveLength(0);
    expect(notice).toMatchObject({
      recipientRole: 'super_admin',
      title: `The audit stream to ${channel.name} has been failing for 15 minutes`,
      link: '/settings/notifications',
      payload: { channelId: channel.id, failingSince: t0.toISOString(), lastSeq: 0, waiting: expect.any(Number) },
    });
    expect(notice!.body).toMatch(/since .*: streamed up to event #0, \d+ waiting\. Last error: .*500.*down for maintenance/);

    // Back, then failing again long enough: a new streak, a new notice.
    const back = t0.getTime() + AUDIT_STREAM_FAILING_NOTICE_AFTER_MS + 6 * MINUTE;
    expect(await run(channel.id, new Date(back))).toMatchObject({ status: 'caught_up' });
    await recordAuditEvents(store().db, [{ type: 'test.streamed', actor: 'system', subject: 'test:again', data: {} }]);
    await failAt(back - t0.getTime() + MINUTE);
    await failAt(back - t0.getTime() + MINUTE + AUDIT_STREAM_FAILING_NOTICE_AFTER_MS);
    expect((await notices()).map((n) => n.payload.failingSince)).toEqual([t0.toISOString(), new Date(back + MINUTE).toISOString()]);
  });
});
