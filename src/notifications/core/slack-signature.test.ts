import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { verifySlackSignature } from './signature.ts';

// Slack's own example (its guide "Verifying requests from Slack"): the secret, timestamp, body and signature it documents.
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = '1531420618';
const BODY = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const AT = new Date(Number(TIMESTAMP) * 1000 + 60_000);

const sign = (secret: string, ts: string, body: string) => `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;

describe('verifySlackSignature', () => {
  test("accepts Slack's documented example", () => {
    expect(verifySlackSignature(SECRET, TIMESTAMP, BODY, SIGNATURE, AT)).toEqual({ ok: true });
  });

  test('refuses a body changed after signing, another secret, or a signature of another timestamp', () => {
    expect(verifySlackSignature(SECRET, TIMESTAMP, BODY + '&x=1', SIGNATURE, AT)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySlackSignature('another-secret', TIMESTAMP, BODY, SIGNATURE, AT)).toEqual({ ok: false, reason: 'mismatch' });
    const later = String(Number(TIMESTAMP) + 1);
    expect(verifySlackSignature(SECRET, later, BODY, SIGNATURE, AT)).toEqual({ ok: false, reason: 'mismatch' });
  });

  test.each([
    ['no signature', TIMESTAMP, undefined, 'missing'],
    ['no timestamp', undefined, SIGNATURE, 'missing'],
    ['a timestamp that is not a number', '15314206l8', SIGNATURE, 'malformed'],
    ['a signature of another version', TIMESTAMP, SIGNATURE.replace('v0=', 'v1='), 'malformed'],
    ['a signature that is not 64 hex digits', TIMESTAMP, SIGNATURE.slice(0, -2), 'malformed'],
  ] as const)('refuses %s', (_what, ts, sig, reason) => {
    expect(verifySlackSignature(SECRET, ts, BODY, sig, AT)).toEqual({ ok: false, reason });
  });

  test('refuses a request signed more than five minutes before now or after it, even when the signature holds', () => {
    const ts = String(Math.floor(AT.getTime() / 1000));
    const at = (offsetSeconds: number) => new Date(AT.getTime() + offsetSeconds * 1000);
    expect(verifySlackSignature(SECRET, ts, BODY, sign(SECRET, ts, BODY), at(300))).toEqual({ ok: true });
    expect(verifySlackSignature(SECRET, ts, BODY, sign(SECRET, ts, BODY), at(301))).toEqual({ ok: false, reason: 'stale' });
    expect(verifySlackSignature(SECRET, ts, BODY, sign(SECRET, ts, BODY), at(-301))).toEqual({ ok: false, reason: 'stale' });
  });

  test('an empty signing secret verifies nothing', () => {
    expect(verifySlackSignature('', TIMESTAMP, BODY, sign('', TIMESTAMP, BODY), AT)).toEqual({ ok: false, reason: 'mismatch' });
  });
});
