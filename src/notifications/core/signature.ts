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
