import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createNotificationService, notify } from '../../src/notifications/index.ts';
import { verifyWebhookSignature } from '../../src/notifications/core/signature.ts';
import { claimDelivery, deliverOne, type DeliveryDeps } from '../../src/notifications/deliver.ts';
import { webhookDriver } from '../../src/notifications/channels/webhook.ts';
import { fanOut } from '../../src/notifications/fanout.ts';
import { SENDING_LEASE_MS, sweepDeliveries } from '../../src/notifications/sweep.ts';
import { notificationDeliveries } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { startWebhookSink, type WebhookSink } from '../harness/webhook-sink.ts';

const SECRET_KEY = 'webhook-delivery-test-secret-key-01234567';
const SIGNING_SECRET = 'whsec_delivery_test_7d1f3c9a2e';
const PUBLIC_URL = 'https://rrcu.example.com';

describeStore('notifications: webhook delivery', (store) => {
  let sink: WebhookSink;
  beforeAll(async () => {
    sink = await startWebhookSink();
  });
  afterAll(async () => {
    await sink?.close();
  });

  const db = () => store().db;
  const service = (sendSettings?: { allowHttpWebhooks?: boolean }) => createNotificationService({ db: db(), secretKey: SECRET_KEY, publicUrl: PUBLIC_URL, ...(sendSettings ? { sendSettings } : {}) });
  const deps = (): DeliveryDeps => ({ db: db(), secretKey: SECRET_KEY, publicUrl: PUBLIC_URL, now: () => new Date() });

  /** A webhook channel posting to its own path of the sink (or `url`), archived when `body` ends so the next test's fan-out does not see it. */
  async function withWebhookChannel<T>(body: (channel: { id: string; path: string }) => Promise<T>, options: { eventKinds?: string[]; url?: string } = {}): Promise<T> {
    const path = `/hooks/${randomUUID()}`;
    const channel = await service().createChannel(
      { kind: 'webhook', name: `Hook ${path}`, config: { url: options.url ?? `${sink.url}${path}` }, secrets: { signingSecret: SIGNING_SECRET }, eventKinds: options.eventKinds ?? ['*'] },
      'user:admin',
    );
    try {
      return await body({ id: channel.id, path });
    } finally {
      await service().archiveChannel(channel.id, 'user:admin');
    }
  }

  const verified = (path: string) =>
    sink.received
      .filter((r) => r.path === path)
      .map((r) => {
        const verdict = verifyWebhookSignature({ secret: SIGNING_SECRET, timestamp: r.headers['x-rrcu-timestamp'] as string, body: r.body, signature: r.headers['x-rrcu-signature'] as string, now: new Date() });
        expect(verdict).toEqual({ ok: true });
        return { delivery: r.headers['x-rrcu-delivery'], body: JSON.parse(r.body) as Record<string, unknown> };
      });

  test('Send test posts a signed notification.test whose X-RRCU-Delivery is the delivery in the log', async () => {
    await withWebhookChannel(async ({ id, path }) => {
      const view = await service().sendTest(id, { actor: 'user:admin' });
      expect(view).toMatchObject({ status: 'sent', providerRef: 'HTTP 200', channelKind: 'webhook', address: { kind: 'channel' } });
      const [got] = verified(path);
      expect(got).toMatchObject({ delivery: view.id, body: { id: view.id, kind: 'notification.test' } });
    });
  });

  test('an outbox notification reaches the channels whose event kinds take it, once, signed, with its link and payload', async () => {
    await withWebhookChannel(
      async (approvals) =>
        withWebhookChannel(
          async (reviews) => {
            const [n] = await db().transaction(async (tx) => [
              await notify(tx, {
                kind: 'request.submitted',
                recipient: { role: 'super_admin' },
                title: 'Request #41 awaits approval',
                body: 'Zoë asks for ReadOnly for 1 hour.',
                link: '/requests/41',
                payload: { requestId: 41 },
                dedupeKey: `request.submitted:${randomUUID()}`,
              }),
            ]);
            await fanOut({ db: db(), now: () => new Date() });
            const rows = await db().select().from(notificationDeliveries).where(eq(notificationDeliveries.notificationId, n!.id));
            const toApprovals = rows.filter((r) => r.channelId === approvals.id);
            expect(toApprovals).toHaveLength(1);
            expect(rows.filter((r) => r.channelId === reviews.id)).toHaveLength(0);
            // A job delivered twice sends once: the second finds the delivery sent.
            await deliverOne(deps(), toApprovals[0]!.id);
            await deliverOne(deps(), toApprovals[0]!.id);
            const got = verified(approvals.path);
            expect(got).toHaveLength(1);
            expect(got[0]).toEqual({
              delivery: toApprovals[0]!.id,
              body: { id: toApprovals[0]!.id, kind: 'request.submitted', title: 'Request #41 awaits approval', text: expect.stringContaining('Zoë asks'), url: `${PUBLIC_URL}/requests/41`, payload: { requestId: 41 }, at: n!.createdAt.toISOString() },
            });
          },
          { eventKinds: ['review.assigned'] },
        ),
      { eventKinds: ['request.submitted'] },
    );
  });

  test('a worker that stopped between sending and recording: the sweep sends the webhook again, same X-RRCU-Delivery (at least once)', async () => {
    await withWebhookChannel(async ({ id, path }) => {
      const [row] = await db().insert(notificationDeliveries).values({ channelId: id, kind: 'notification.test', address: { kind: 'channel' }, status: 'pending' }).returning();
      // What the worker did before it stopped: claimed the delivery and sent it; nothing recorded the answer.
      const claimed = await claimDelivery(db(), row!.id, new Date());
      const message = { kind: 'notification.test', title: 'Test', text: 'Test', html: '', url: undefined, payload: {}, at: new Date() };
      const channel = { config: { url: `${sink.url}${path}` }, secrets: { signingSecret: SIGNING_SECRET } };
      expect(await webhookDriver.send(message, { kind: 'channel' }, channel, { deliveryId: claimed!.id, signal: AbortSignal.timeout(10_000) })).toMatchObject({ ok: true });

      const later = new Date(Date.now() + SENDING_LEASE_MS + 60_000);
      await sweepDeliveries({ db: db(), now: () => later });
      const [swept] = await db().select().from(notificationDeliveries).where(eq(notificationDeliveries.id, row!.id));
      expect(swept).toMatchObject({ status: 'pending' });
      expect(await deliverOne({ ...deps(), now: () => later }, row!.id)).toMatchObject({ claimed: true, status: 'sent' });
      expect(verified(path).map((r) => r.delivery)).toEqual([row!.id, row!.id]);
    });
  });

  test('a refusal is recorded with its reason: 410 fails at once, 503 waits for its Retry-After', async () => {
    await withWebhookChannel(async ({ id, path }) => {
      sink.answerNextOn(path, { status: 410, body: 'hook deleted' });
      expect(await service().sendTest(id, { actor: 'user:admin' })).toMatchObject({ status: 'failed', lastCode: 410, lastError: expect.stringMatching(/410.*hook deleted/) });
      sink.answerNextOn(path, { status: 503, headers: { 'retry-after': '600' } });
      const before = Date.now();
      const pending = await service().sendTest(id, { actor: 'user:admin' });
      expect(pending).toMatchObject({ status: 'pending', lastCode: 503 });
      expect(Date.parse(pending.nextAttemptAt!)).toBeGreaterThanOrEqual(before + 600_000);
    });
  });

  test('plain http to another host is refused unless RRCU_ALLOW_HTTP_WEBHOOKS is on, and says so', async () => {
    // 0.0.0.0 reaches this machine on Linux but is not one of the loopback names: it stands for another host.
    const path = `/hooks/${randomUUID()}`;
    await withWebhookChannel(
      async ({ id }) => {
        expect(await service().sendTest(id, { actor: 'user:admin' })).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/https.*RRCU_ALLOW_HTTP_WEBHOOKS/) });
        expect(sink.received.filter((r) => r.path === path)).toHaveLength(0);
        expect(await service({ allowHttpWebhooks: true }).sendTest(id, { actor: 'user:admin' })).toMatchObject({ status: 'sent' });
        expect(verified(path)).toHaveLength(1);
      },
      { url: `${sink.url.replace('127.0.0.1', '0.0.0.0')}${path}` },
    );
  });
});
