import { describe, expect, test } from 'vitest';
import { signWebhook } from '../../src/notifications/core/signature.ts';
import { hasPython, nodeReceiver, runPythonReceiver } from './docs-receiver.ts';

// The signature check docs/notifications.md gives receivers, run as written against RRCU's signature.
// (Its continuity check runs in audit-stream.store.test.ts, on events RRCU streamed.)
const secret = 'whsec_docs_snippet_3e8b0a77';
const now = Math.floor(Date.now() / 1000);
const body = JSON.stringify({ id: 'd-1', kind: 'request.submitted', title: 'Zoë — 東京', payload: { requestId: 12 } });
const headers = { 'x-rrcu-timestamp': String(now), 'x-rrcu-signature': signWebhook(secret, now, body) };

test('Node: accepts what RRCU signs, refuses a tampered body, a tampered or an old timestamp', async () => {
  const { verifyRrcuWebhook } = await nodeReceiver();
  expect(verifyRrcuWebhook(secret, Buffer.from(body), headers)).toBe(true);
  expect(verifyRrcuWebhook(secret, Buffer.from(body.replace('12', '13')), headers)).toBe(false);
  expect(verifyRrcuWebhook(secret, Buffer.from(body), { ...headers, 'x-rrcu-timestamp': String(now - 1) })).toBe(false);
  expect(verifyRrcuWebhook(secret, Buffer.from(body), headers, (now + 301) * 1000)).toBe(false);
});

describe.runIf(hasPython)('Python', () => {
  test('accepts what RRCU signs, refuses a tampered body or timestamp', () => {
    const out = runPythonReceiver(
      `h = {"X-RRCU-Timestamp": case["timestamp"], "X-RRCU-Signature": case["signature"]}
s, b = case["secret"].encode(), case["body"].encode()
print(json.dumps([verify_rrcu_webhook(s, b, h), verify_rrcu_webhook(s, b.replace(b"12", b"13"), h), verify_rrcu_webhook(s, b, dict(h, **{"X-RRCU-Timestamp": str(int(case["timestamp"]) - 1)}))]))`,
      { secret, body, timestamp: headers['x-rrcu-timestamp'], signature: headers['x-rrcu-signature'] },
    );
    expect(out).toEqual([true, false, false]);
  });
});
