import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { webhookDriver } from '../../src/notifications/channels/webhook.ts';
import type { RenderedMessage, SendContext } from '../../src/notifications/channels/types.ts';
import { verifyWebhookSignature } from '../../src/notifications/core/signature.ts';
import { freePort } from '../harness/free-port.ts';
import { startWebhookSink, type WebhookSink } from '../harness/webhook-sink.ts';

const signingSecret = 'whsec_driver_test_4f0c2a9e1b';

const message: RenderedMessage = {
  kind: 'request.submitted',
  title: 'Request #12 awaits your approval',
  text: 'Zoë asks for AdministratorAccess on 111111111111 for 2 hours.',
  html: '<p>Zoë asks…</p>',
  url: 'https://rrcu.example.com/requests/12',
  payload: { requestId: 12 },
  at: new Date('2026-12-05T08:00:00.000Z'),
};

let sink: WebhookSink;
beforeAll(async () => {
  sink = await startWebhookSink();
});
afterAll(async () => {
  await sink.close();
});
afterEach(() => {
  sink.received.length = 0;
  sink.fallback = { status: 200 };
});

const ctx = (deliveryId = 'a7d6e0c4-1111-4b7e-9d5e-000000000001', signal = new AbortController().signal): SendContext => ({ deliveryId, signal });
const channel = (url: string) => ({ config: webhookDriver.parseConfig({ url }), secrets: webhookDriver.parseSecrets({ signingSecret }) });
const send = (url = `${sink.url}/hooks/rrcu`, context = ctx()) => webhookDriver.send(message, { kind: 'channel' }, channel(url), context);

describe('webhook driver: what it sends', () => {
  test('POSTs the message as JSON with the delivery id, a timestamp and a signature a receiver can verify', async () => {
    const result = await send();
    expect(result).toEqual({ ok: true, providerRef: 'HTTP 200' });
    expect(sink.received).toHaveLength(1);
    const [req] = sink.received;
    expect(req!.method).toBe('POST');
    expect(req!.path).toBe('/hooks/rrcu');
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers['x-rrcu-delivery']).toBe('a7d6e0c4-1111-4b7e-9d5e-000000000001');
    expect(JSON.parse(req!.body)).toEqual({
      id: 'a7d6e0c4-1111-4b7e-9d5e-000000000001',
      kind: 'request.submitted',
      title: message.title,
      text: message.text,
      url: message.url,
      payload: { requestId: 12 },
      at: '2026-12-05T08:00:00.000Z',
    });
    const timestamp = req!.headers['x-rrcu-timestamp'] as string;
    expect(timestamp).toMatch(/^\d+$/);
    const verdict = verifyWebhookSignature({ secret: signingSecret, timestamp, body: req!.body, signature: req!.headers['x-rrcu-signature'] as string, now: new Date() });
    expect(verdict).toEqual({ ok: true });
  });

  test('a message without a page sends url null', async () => {
    await webhookDriver.send({ ...message, url: undefined }, { kind: 'channel' }, channel(sink.url), ctx());
    expect(JSON.parse(sink.received[0]!.body)).toMatchObject({ url: null });
  });

  test('any 2xx is delivered', async () => {
    sink.answerNext({ status: 204 });
    expect(await send()).toEqual({ ok: true, providerRef: 'HTTP 204' });
  });

  test('refuses an address that is not the channel itself', async () => {
    const result = await webhookDriver.send(message, { kind: 'email', email: 'a@example.com' }, channel(sink.url), ctx());
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(sink.received).toHaveLength(0);
  });
});

describe('webhook driver: how a failure is told', () => {
  test('503 with Retry-After in seconds: try again, after that long', async () => {
    sink.answerNext({ status: 503, headers: { 'retry-after': '120' }, body: 'maintenance' });
    expect(await send()).toEqual({ ok: false, retryable: true, retryAfterMs: 120_000, code: 503, reason: expect.stringMatching(/503/) });
  });

  test('429 with Retry-After as an HTTP date: try again, not before that date', async () => {
    const at = new Date(Date.now() + 3_600_000);
    sink.answerNext({ status: 429, headers: { 'retry-after': at.toUTCString() } });
    const result = await send();
    expect(result).toMatchObject({ ok: false, retryable: true, code: 429 });
    const retryAfterMs = (result as { retryAfterMs?: number }).retryAfterMs;
    expect(retryAfterMs).toBeGreaterThan(3_000_000);
    expect(retryAfterMs).toBeLessThanOrEqual(3_600_000);
  });

  test.each([500, 502, 504, 408])('%i without Retry-After: try again, on the job’s own schedule', async (status) => {
    sink.answerNext({ status });
    const result = await send();
    expect(result).toMatchObject({ ok: false, retryable: true, code: status });
    expect(result).not.toHaveProperty('retryAfterMs');
  });

  test.each([400, 401, 403, 404, 410, 422])('%i is permanent, with the status and what the receiver said', async (status) => {
    sink.answerNext({ status, body: `{"error":"no such hook","echo":"${signingSecret.slice(0, 4)}"}` });
    const result = await send();
    expect(result).toMatchObject({ ok: false, retryable: false, code: status });
    expect((result as { reason: string }).reason).toMatch(new RegExp(`${status}.*no such hook`));
  });

  test('a receiver that cannot be reached: try again', async () => {
    const port = await freePort();
    const result = await send(`http://127.0.0.1:${port}/hook`);
    expect(result).toMatchObject({ ok: false, retryable: true, reason: expect.stringMatching(/could not be reached.*ECONNREFUSED/) });
  });

  test('a receiver that does not answer before the job aborts the send: try again', async () => {
    sink.answerNext({ hang: true });
    const abort = new AbortController();
    const sending = send(undefined, ctx(undefined, abort.signal));
    await sink.waitFor(1);
    abort.abort();
    expect(await sending).toMatchObject({ ok: false, retryable: true, reason: expect.stringMatching(/did not answer in time/) });
  });

  test('never puts the signing secret in a reason', async () => {
    sink.answerNext({ status: 400, body: `bad signature, expected one made with ${signingSecret}` }, { status: 503 });
    for (const result of [await send(), await send()]) {
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain(signingSecret);
    }
  });
});

describe('webhook driver: redirects', () => {
  test('follows a redirect on the same host, sending the same signed body there', async () => {
    sink.answerNext({ status: 308, headers: { location: '/hooks/v2' } });
    expect(await send()).toEqual({ ok: true, providerRef: 'HTTP 200' });
    expect(sink.received.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /hooks/rrcu', 'POST /hooks/v2']);
    expect(sink.received[1]!.body).toBe(sink.received[0]!.body);
    expect(sink.received[1]!.headers['x-rrcu-signature']).toBe(sink.received[0]!.headers['x-rrcu-signature']);
  });

  test('never follows a redirect to another host: a permanent failure naming it, and nothing sent there', async () => {
    const other = await startWebhookSink();
    try {
      sink.answerNext({ status: 307, headers: { location: `${other.url}/steal` } });
      const result = await send();
      expect(result).toMatchObject({ ok: false, retryable: false, code: 307, reason: expect.stringMatching(/another host/) });
      expect(other.received).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  test('stops after a few redirects on the same host', async () => {
    sink.fallback = { status: 302, headers: { location: '/again' } };
    expect(await send()).toMatchObject({ ok: false, retryable: false, reason: expect.stringMatching(/redirect/) });
    expect(sink.received.length).toBeLessThanOrEqual(4);
  });
});

describe('webhook driver: configuration', () => {
  test.each(['https://hooks.example.com/rrcu', 'http://127.0.0.1:9000/hook', 'http://localhost/hook', 'http://[::1]:8080/'])('accepts %s', (url) => {
    expect(webhookDriver.parseConfig({ url })).toEqual({ url });
  });

  test.each([
    ['another scheme', 'ftp://example.com/x', /https/],
    ['credentials in the URL (the configuration is shown back)', 'https://user:pass@hooks.example.com/', /credentials/],
    ['not a URL', 'hooks.example.com', /URL/],
  ])('refuses %s', (_name, url, message) => {
    expect(() => webhookDriver.parseConfig({ url })).toThrow(message);
  });

  test('plain http to another host is refused at send, nothing sent, unless the deployment allows it', async () => {
    const other = await startWebhookSink();
    try {
      // 0.0.0.0 is not a loopback address to the rule, though Linux connects it to this machine: it stands for any host.
      const url = other.url.replace('127.0.0.1', '0.0.0.0');
      const refused = await webhookDriver.send(message, { kind: 'channel' }, channel(url), ctx());
      expect(refused).toMatchObject({ ok: false, retryable: false, reason: expect.stringMatching(/must be https.*RRCU_ALLOW_HTTP_WEBHOOKS/) });
      expect(other.received).toHaveLength(0);
      const allowed = await webhookDriver.send(message, { kind: 'channel' }, channel(url), { ...ctx(), allowHttpWebhooks: true });
      expect(allowed).toEqual({ ok: true, providerRef: 'HTTP 200' });
    } finally {
      await other.close();
    }
  });

  test('wants a signing secret of at least 16 characters', () => {
    expect(() => webhookDriver.parseSecrets({ signingSecret: 'short' })).toThrow(/16/);
    expect(() => webhookDriver.parseSecrets({})).toThrow();
    expect(webhookDriver.parseSecrets({ signingSecret })).toEqual({ signingSecret });
  });
});
