import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack refuses, and so do we, a request signed longer ago (or ahead) than this: a replay window, not a clock allowance. */
export const SLACK_SIGNATURE_WINDOW_SECONDS = 5 * 60;

export type SlackSignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/**
 * Whether a request came from Slack: its `X-Slack-Signature` is `v0=` + HMAC-SHA256 of `v0:<X-Slack-Request-Timestamp>:<raw
 * body>` with the app's signing secret, and the timestamp is within five minutes of `now`. The raw body is
 * the bytes received, before any parsing: a re-encoded form would not match. Digests are compared in a time
 * that does not depend on where they differ. A replay within the window is the caller's to refuse (it
 * remembers the signatures it saw).
 */
export function verifySlackSignature(
  signingSecret: string,
  timestamp: string | undefined,
  rawBody: string,
  signatureHeader: string | undefined,
  now: Date,
): SlackSignatureCheck {
  if (!timestamp || !signatureHeader) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed' };
  const sent = /^v0=([0-9a-f]{64})$/.exec(signatureHeader);
  if (!sent) return { ok: false, reason: 'malformed' };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SLACK_SIGNATURE_WINDOW_SECONDS) return { ok: false, reason: 'stale' };
  if (!signingSecret) return { ok: false, reason: 'mismatch' };
  const expected = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest();
  return timingSafeEqual(expected, Buffer.from(sent[1]!, 'hex')) ? { ok: true } : { ok: false, reason: 'mismatch' };
}

/*
 * RRCU's own signature on its webhooks, which receivers check as `verifyWebhookSignature` does
 * (docs/notifications.md has the check in Node and Python). Like Slack's, an HMAC-SHA256 over a timestamp
 * and the raw body: a captured request can neither be replayed later (the timestamp is signed and must be
 * recent) nor altered (the body is signed byte for byte).
 */

/** How far a signed timestamp may be from the receiver's clock: five minutes, as Slack's and Stripe's. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** A verification's answer; the reason says what was wrong without repeating any secret. */
export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

/**
 * `X-RRCU-Signature` of a webhook: `sha256=` and the hex HMAC-SHA256, keyed by the channel's signing
 * secret, of `<timestamp>.<body>` (timestamp: `X-RRCU-Timestamp`, unix seconds; body: the exact bytes sent).
 */
export function signWebhook(secret: string, timestamp: string | number, body: string | Buffer): string {
  return `sha256=${hmacHex(secret, [`${timestamp}.`, body])}`;
}

/**
 * A receiver's check of a webhook: the signature is RRCU's over this timestamp and body, and the timestamp
 * is within WEBHOOK_TOLERANCE_SECONDS of `now`. Pass the body as received, before parsing it.
 */
export function verifyWebhookSignature(input: {
  secret: string;
  timestamp: string | undefined;
  body: string | Buffer;
  signature: string | undefined;
  now: Date;
  toleranceSeconds?: number;
}): SignatureVerdict {
  if (!input.signature) return { ok: false, reason: 'The request has no X-RRCU-Signature header.' };
  const fresh = freshTimestamp(input.timestamp, input.now, input.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS, 'X-RRCU-Timestamp');
  if (!fresh.ok) return fresh;
  if (!input.signature.startsWith('sha256=')) return { ok: false, reason: 'X-RRCU-Signature does not start with sha256=.' };
  return sameSignature(input.signature, signWebhook(input.secret, input.timestamp!, input.body))
    ? { ok: true }
    : { ok: false, reason: 'X-RRCU-Signature does not match the body and timestamp: another secret signed it, or they were altered.' };
}

/** HMAC-SHA256 in hex over the parts, in order, as one message. */
function hmacHex(secret: string, parts: readonly (string | Buffer)[]): string {
  const hmac = createHmac('sha256', secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest('hex');
}

/**
 * A signature header against the expected one in constant time: comparing text with `===` would tell an
 * attacker, by how long a refusal takes, how many leading characters they guessed right.
 */
function sameSignature(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A unix-seconds timestamp header that is present, numeric and within `toleranceSeconds` of `now`, either way. */
function freshTimestamp(timestamp: string | undefined, now: Date, toleranceSeconds: number, header: string): SignatureVerdict {
  if (!timestamp) return { ok: false, reason: `The request has no ${header} header.` };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: `${header} is not a unix time in seconds.` };
  const skew = Math.abs(now.getTime() / 1000 - Number(timestamp));
  if (skew > toleranceSeconds) {
    return { ok: false, reason: `${header} is more than ${toleranceSeconds / 60} minutes from this server's clock: a replayed request, or a clock to set right.` };
  }
  return { ok: true };
}
