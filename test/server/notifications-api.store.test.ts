import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { appUsers, type AppRole } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { startWebhookSink, type WebhookSink } from '../harness/webhook-sink.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

const SIGNING_SECRET = 'a-signing-secret-of-32-characters';

describeStore('Settings → Notifications over the API', (store) => {
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

  /** Headers of a token bound to a user of its own: preferences belong to a user. */
  async function userWithToken(role: AppRole): Promise<{ userId: string; headers: { authorization: string } }> {
    const [user] = await store().db.insert(appUsers).values({ subject: `local:${randomUUID()}`, displayName: `${role} user`, role }).returning();
    const { token } = await t.app.identity.createApiToken({ name: `prefs ${randomUUID()}`, role }, { actor: 'system', userId: user!.id });
    return { userId: user!.id, headers: { authorization: `Bearer ${token}` } };
  }

  test('a webhook channel: added with its signing secret (never returned), tested, the test in the delivery log as sent; archived', async () => {
    const admin = await t.as('super_admin');
    const created = await t.server.inject({
      method: 'POST', url: '/api/notifications/channels', headers: admin,
      payload: { kind: 'webhook', name: 'SIEM', config: { url: `${sink.url}/rrcu` }, secrets: { signingSecret: SIGNING_SECRET }, eventKinds: ['sync.failed', 'provisioning.task_failed'] },
    });
    expect(created.statusCode).toBe(201);
    const channel = created.json<{ id: string; hasSecrets: boolean; eventKinds: string[] }>();
    expect(channel).toMatchObject({ hasSecrets: true, eventKinds: ['sync.failed', 'provisioning.task_failed'], enabled: true, auditStream: false });
    expect(created.body).not.toContain(SIGNING_SECRET);
    const listed = await t.server.inject({ method: 'GET', url: '/api/notifications/channels', headers: admin });
    expect(listed.json().items.map((c: { id: string }) => c.id)).toContain(channel.id);
    expect(listed.body).not.toContain(SIGNING_SECRET);

    const tested = await t.server.inject({ method: 'POST', url: `/api/notifications/channels/${channel.id}/test`, headers: admin, payload: {} });
    expect(tested.statusCode).toBe(200);
    const delivery = tested.json<{ id: string; status: string; kind: string; attempts: number }>();
    expect(delivery).toMatchObject({ status: 'sent', kind: 'notification.test', attempts: 1 });
    expect(sink.received.at(-1)).toMatchObject({ path: '/rrcu', headers: expect.objectContaining({ 'x-rrcu-delivery': delivery.id }) });
    const log = await t.server.inject({ method: 'GET', url: `/api/notifications/deliveries?channelId=${channel.id}`, headers: admin });
    expect(log.json()).toMatchObject({ items: [expect.objectContaining({ id: delivery.id, status: 'sent', channelName: 'SIEM' })] });

    // A delivery that was sent is not sent again by Retry.
    const retried = await t.server.inject({ method: 'POST', url: `/api/notifications/deliveries/${delivery.id}/retry`, headers: admin });
    expect(retried.statusCode).toBe(409);
    expect(retried.json().error.code).toBe('DELIVERY_NOT_RETRYABLE');

    const changed = await t.server.inject({ method: 'PATCH', url: `/api/notifications/channels/${channel.id}`, headers: admin, payload: { eventKinds: ['*'], auditStream: true } });
    expect(changed.json()).toMatchObject({ eventKinds: ['*'], auditStream: true, hasSecrets: true });
    const archived = await t.server.inject({ method: 'DELETE', url: `/api/notifications/channels/${channel.id}`, headers: admin });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().archivedAt).not.toBeNull();
    expect((await t.server.inject({ method: 'GET', url: '/api/notifications/channels', headers: admin })).json().items.map((c: { id: string }) => c.id)).not.toContain(channel.id);
  });

  test('bad input is a 400 naming the field: a driver setting, a secret, an event kind, a test address', async () => {
    const admin = await t.as('super_admin');
    const post = (payload: object) => t.server.inject({ method: 'POST', url: '/api/notifications/channels', headers: admin, payload });
    const badUrl = await post({ kind: 'webhook', name: `bad-${randomUUID().slice(0, 6)}`, config: { url: 'ftp://example.com/x' }, secrets: { signingSecret: SIGNING_SECRET } });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().error.message).toMatch(/^config\.url: /);
    // The driver's own rules (checked by the service, past the route's schema) name the field as a form reads it.
    expect(badUrl.json().error.fields).toEqual([{ field: 'config.url', message: expect.not.stringMatching(/^config\.url/) }]);
    const shortSecret = await post({ kind: 'webhook', name: `bad-${randomUUID().slice(0, 6)}`, config: { url: `${sink.url}/x` }, secrets: { signingSecret: 'short' } });
    expect(shortSecret.statusCode).toBe(400);
    expect(shortSecret.json().error.message).toMatch(/^secrets\.signingSecret: /);
    expect(shortSecret.json().error.fields).toEqual([expect.objectContaining({ field: 'secrets.signingSecret' })]);
    const badKind = await post({ kind: 'webhook', name: `bad-${randomUUID().slice(0, 6)}`, config: { url: `${sink.url}/x` }, secrets: { signingSecret: SIGNING_SECRET }, eventKinds: ['Not A Kind'] });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.fields).toEqual([expect.objectContaining({ field: 'body.eventKinds.0' })]);

    const email = await post({ kind: 'email', name: `mail-${randomUUID().slice(0, 6)}`, config: { host: '127.0.0.1', port: 2525, security: 'none', from: 'rrcu@example.test' } });
    expect(email.statusCode).toBe(201);
    const noTo = await t.server.inject({ method: 'POST', url: `/api/notifications/channels/${email.json().id}/test`, headers: admin, payload: {} });
    expect(noTo.statusCode).toBe(400);
    expect(noTo.json().error.message).toMatch(/^to: /);
    expect(noTo.json().error.fields).toEqual([{ field: 'to', message: 'a test of this channel goes to one person; say whose email address.' }]);
    const auditStreamByMail = await post({ kind: 'email', name: `mail-${randomUUID().slice(0, 6)}`, config: { host: '127.0.0.1', port: 2525, security: 'none', from: 'rrcu@example.test' }, auditStream: true });
    expect([auditStreamByMail.statusCode, auditStreamByMail.json().error.code, auditStreamByMail.json().error.fields?.map((f: { field: string }) => f.field)]).toEqual([400, 'CHANNEL_INVALID', ['auditStream']]);
    const unknown = await t.server.inject({ method: 'POST', url: `/api/notifications/channels/${randomUUID()}/test`, headers: admin, payload: {} });
    expect(unknown.statusCode).toBe(404);
  });

  test('each signed-in user reads and replaces only their own preferences; a bad one is a 400 naming the field', async () => {
    const ann = await userWithToken('person');
    const ben = await userWithToken('auditor');
    const kinds = await t.server.inject({ method: 'GET', url: '/api/notifications/kinds', headers: ann.headers });
    expect(kinds.json().items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'review.escalated' }), expect.objectContaining({ kind: 'sync.schedule_missed' })]));
    const initial = await t.server.inject({ method: 'GET', url: '/api/me/notification-preferences', headers: ann.headers });
    expect(initial.json()).toEqual({ items: [], defaults: { digest: { email: ['review.assigned', 'review.reminder'], slack: ['review.reminder'] }, otherwise: 'immediate' } });
    const items = [{ channelKind: 'email', eventKind: 'review.assigned', mode: 'immediate' }, { channelKind: 'slack', eventKind: '*', mode: 'off' }];
    const set = await t.server.inject({ method: 'PUT', url: '/api/me/notification-preferences', headers: ann.headers, payload: { items } });
    expect(set.statusCode).toBe(200);
    expect(set.json().items).toEqual(expect.arrayContaining(items));
    expect((await t.server.inject({ method: 'GET', url: '/api/me/notification-preferences', headers: ben.headers })).json().items).toEqual([]);
    const bad = await t.server.inject({ method: 'PUT', url: '/api/me/notification-preferences', headers: ann.headers, payload: { items: [{ channelKind: 'pager', eventKind: '*', mode: 'off' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([expect.objectContaining({ field: 'body.items.0.channelKind' })]);
  });
});
