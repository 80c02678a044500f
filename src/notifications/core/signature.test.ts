import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { signWebhook, verifyWebhookSignature, WEBHOOK_TOLERANCE_SECONDS } from './signature.ts';

const secret = 'whsec_test_0123456789abcdef';
const body = JSON.stringify({ id: 'd-1', kind: 'request.submitted', title: 'Request #7 awaits you', payload: { requestId: 7 } });
const at = new Date('2026-12-05T08:00:00Z');
const timestamp = String(at.getTime() / 1000);

describe('signWebhook', () => {
  test('is sha256= and the hex HMAC-SHA256 of "<timestamp>.<body>" with the secret, as the docs tell receivers', () => {
    const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    expect(signWebhook(secret, timestamp, body)).toBe(`sha256=${expected}`);
  });

  test('signs the bytes: a Buffer of the body gives the same signature as its UTF-8 text', () => {
    const text = JSON.stringify({ title: 'Zugriff für Zoë — 東京' });
    expect(signWebhook(secret, timestamp, Buffer.from(text, 'utf8'))).toBe(signWebhook(secret, timestamp, text));
  });
});

describe('verifyWebhookSignature', () => {
  const signature = signWebhook(secret, timestamp, body);
  const verify = (overrides: Partial<{ secret: string; timestamp: string | undefined; body: string; signature: string | undefined; now: Date }> = {}) =>
    verifyWebhookSignature({ secret, timestamp, body, signature, now: at, ...overrides });

  test('accepts what signWebhook signed', () => {
    expect(verify()).toEqual({ ok: true });
  });

  test('refuses a tampered body', () => {
    expect(verify({ body: body.replace('"requestId":7', '"requestId":8') })).toEqual({ ok: false, reason: expect.stringMatching(/does not match/) });
  });

  test('refuses a tampered timestamp (the signature covers it), even one still within the tolerance', () => {
    expect(verify({ timestamp: String(Number(timestamp) + 1) })).toEqual({ ok: false, reason: expect.stringMatching(/does not match/) });
  });

  test('refuses another secret', () => {
    expect(verify({ secret: 'another-secret' })).toEqual({ ok: false, reason: expect.stringMatching(/does not match/) });
  });

  test.each([
    ['too old', -(WEBHOOK_TOLERANCE_SECONDS + 1)],
    ['too far ahead', WEBHOOK_TOLERANCE_SECONDS + 1],
  ])('refuses a timestamp %s, signed correctly (a replay)', (_name, skewSeconds) => {
    const ts = String(at.getTime() / 1000 + skewSeconds);
    expect(verify({ timestamp: ts, signature: signWebhook(secret, ts, body) })).toEqual({ ok: false, reason: expect.stringMatching(/minutes/) });
  });

  test('accepts a timestamp at the edge of the tolerance', () => {
    const ts = String(at.getTime() / 1000 - WEBHOOK_TOLERANCE_SECONDS);
    expect(verify({ timestamp: ts, signature: signWebhook(secret, ts, body) })).toEqual({ ok: true });
  });

  test.each([
    ['no signature', { signature: undefined }, /X-RRCU-Signature/],
    ['no timestamp', { timestamp: undefined }, /X-RRCU-Timestamp/],
    ['a timestamp that is not unix seconds', { timestamp: '2026-12-05T08:00:00Z' }, /X-RRCU-Timestamp/],
    ['another scheme', { signature: signature.replace('sha256=', 'v0=') }, /sha256=/],
    ['a truncated signature', { signature: signature.slice(0, -2) }, /does not match/],
    ['non-hex characters', { signature: `sha256=${'z'.repeat(64)}` }, /does not match/],
  ])('refuses %s with a reason that names it', (_name, overrides, reason) => {
    expect(verify(overrides)).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  test('never puts the secret in its reason', () => {
    for (const result of [verify({ body: 'x' }), verify({ signature: 'sha256=00' }), verify({ timestamp: '1' })]) {
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain(secret);
    }
  });
});
