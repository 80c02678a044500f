import { z } from 'zod';
import { parseRetryAfter } from '../core/backoff.ts';
import { signWebhook } from '../core/signature.ts';
import type { ChannelDriver, RenderedMessage, SendContext, SendResult } from './types.ts';

export type WebhookConfig = { url: string };
export type WebhookSecrets = { signingSecret: string };

/** Redirects followed on the channel's own host (`/hook` → `/hook/`); one to another host is never followed. */
const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** How much of a refusal's body is kept in the reason shown under Settings → Notifications. */
const REASON_BODY_CHARS = 300;

const webhookConfigSchema = z.strictObject({
  url: z
    .string()
    .trim()
    .max(2048)
    .superRefine((value, ctx) => {
      const refusal = urlRefusal(value, true);
      if (refusal) ctx.addIssue({ code: 'custom', message: refusal });
    }),
});

/**
 * Webhooks: one signed JSON POST per delivery to the channel's URL (docs/notifications.md, "Webhooks").
 * The body is `{ id, kind, title, text, url, payload, at }`; `X-RRCU-Delivery` is the delivery's id, which
 * stays the same when a send is tried again, so receivers dedupe on it (delivery is at least once).
 *
 * https, or plain http to this machine only, unless the deployment allows plain http anywhere
 * (RRCU_ALLOW_HTTP_WEBHOOKS, which reaches the driver as `ctx.allowHttpWebhooks`): a notification or an
 * audit event sent in clear over a network can be read, and its signature proves only that it was not
 * altered. A stored URL is checked against that rule at each send, so turning the switch off stops them.
 */
export const webhookDriver: ChannelDriver<WebhookConfig, WebhookSecrets> = {
  kind: 'webhook',
  audience: 'channel',
  parseConfig: (input) => webhookConfigSchema.parse(input),
  parseSecrets: (input) => webhookSecretsSchema.parse(input),
  async send(message, to, channel, ctx) {
    if (to.kind !== 'channel') return { ok: false, retryable: false, reason: `A webhook channel delivers to its URL, not to a ${to.kind} address.` };
    return postSignedJson(channel, webhookBody(message, ctx.deliveryId), ctx);
  },
};

const webhookSecretsSchema = z.strictObject({
  signingSecret: z.string().min(16, 'must be at least 16 characters, e.g. the output of `openssl rand -hex 32`').max(1024),
});

/** What a webhook's body says of one message. */
export function webhookBody(message: RenderedMessage, deliveryId: string): string {
  return JSON.stringify({
    id: deliveryId,
    kind: message.kind,
    title: message.title,
    text: message.text,
    url: message.url ?? null,
    payload: message.payload,
    at: message.at.toISOString(),
  });
}

/**
 * POSTs `body` to the channel's URL signed with its secret (core/signature.ts), as a message's webhook and
 * an audit stream's batch both are: 2xx is delivered; 408, 429, 5xx, a network failure or the job's abort
 * are worth another try (after the receiver's Retry-After when it sent one); any other answer is permanent.
 */
export async function postSignedJson(
  channel: { config: WebhookConfig; secrets: WebhookSecrets },
  body: string,
  ctx: SendContext,
  now: () => Date = () => new Date(),
): Promise<SendResult> {
  const refusal = urlRefusal(channel.config.url, ctx.allowHttpWebhooks ?? false);
  if (refusal) return { ok: false, retryable: false, reason: `The channel's URL ${refusal}.` };
  const timestamp = String(Math.floor(now().getTime() / 1000));
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'RRCU-Webhook/1',
    'x-rrcu-delivery': ctx.deliveryId,
    'x-rrcu-timestamp': timestamp,
    'x-rrcu-signature': signWebhook(channel.secrets.signingSecret, timestamp, body),
  };
  let url = new URL(channel.config.url);
  for (let redirects = 0; ; redirects++) {
    let res: Response;
    try {
      // `manual`: fetch would otherwise follow a redirect anywhere, and take the signed body with it.
      res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: ctx.signal });
    } catch (e) {
      return networkFailure(e, ctx.signal);
    }
    if (res.status >= 200 && res.status < 300) {
      await res.body?.cancel();
      return { ok: true, providerRef: `HTTP ${res.status}` };
    }
    if (REDIRECTS.has(res.status)) {
      await res.body?.cancel();
      const next = resolveLocation(res.headers.get('location'), url);
      if (!next) return { ok: false, retryable: false, code: res.status, reason: `The receiver answered ${res.status} without a Location to follow.` };
      if (next.origin !== url.origin) {
        return {
          ok: false,
          retryable: false,
          code: res.status,
          reason: `The receiver redirected to another host (${next.protocol}//${next.host}); RRCU does not follow redirects away from the channel's host. Set the channel's URL to the address that receives the webhook.`,
        };
      }
      if (redirects >= MAX_REDIRECTS) return { ok: false, retryable: false, code: res.status, reason: `The receiver redirected more than ${MAX_REDIRECTS} times.` };
      url = next;
      continue;
    }
    return refusedBy(res, channel.secrets.signingSecret, now());
  }
}

/** Why RRCU will not post to this URL (`must …`), or undefined when it will. */
export function urlRefusal(value: string, allowHttp: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL, like https://hooks.example.com/rrcu';
  }
  if (url.username || url.password) return 'must not carry credentials (user:password@): the URL is shown back; put a token in the signing secret or ask the receiver to check the signature';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && (allowHttp || isLoopback(url.hostname))) return undefined;
  return url.protocol === 'http:'
    ? 'must be https (plain http only to this machine, unless RRCU_ALLOW_HTTP_WEBHOOKS is on)'
    : 'must be an https URL';
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function resolveLocation(location: string | null, base: URL): URL | undefined {
  if (!location) return undefined;
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

async function refusedBy(res: Response, secret: string, now: Date): Promise<SendResult> {
  const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
  const retryAfterMs = retryable ? parseRetryAfter(res.headers.get('retry-after'), now) : undefined;
  const said = await bodyExcerpt(res, secret);
  return {
    ok: false,
    retryable,
    code: res.status,
    reason: `The receiver answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}${said ? `: ${said}` : ''}`,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

/**
 * The start of a refusal's body, on one line: often the receiver's own reason ("invalid signature").
 * A receiver that echoes the secret back does not get it shown.
 */
async function bodyExcerpt(res: Response, secret: string): Promise<string> {
  try {
    const reader = res.body?.getReader();
    if (!reader) return '';
    const chunks: Uint8Array[] = [];
    let size = 0;
    while (size < REASON_BODY_CHARS * 4) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
    await reader.cancel();
    const text = Buffer.concat(chunks).toString('utf8').split(secret).join('[secret]');
    return text.replace(/[\p{Cc}\s]+/gu, ' ').trim().slice(0, REASON_BODY_CHARS);
  } catch {
    return '';
  }
}

function networkFailure(e: unknown, signal: AbortSignal): SendResult {
  if (signal.aborted) return { ok: false, retryable: true, reason: 'The receiver did not answer in time.' };
  // undici's fetch throws "fetch failed" with the socket's error as its cause.
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ? ` (${cause.code})` : '';
  return { ok: false, retryable: true, reason: `The receiver could not be reached${code}: ${cause?.message ?? (e as Error).message}` };
}
