import { createTransport } from 'nodemailer';
import { z } from 'zod';
import { EMAIL_FOOTER } from '../core/render.ts';
import type { ChannelDriver, DeliveryAddress, RenderedMessage, SendContext, SendResult } from './types.ts';

/** How the connection to the SMTP server is protected: implicit TLS (465), STARTTLS required (587), or none (a trusted relay). */
export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;

export const emailConfigSchema = z.strictObject({
  host: z.string().trim().min(1).max(255),
  port: z.coerce.number().int().min(1).max(65535),
  security: z.enum(SMTP_SECURITY),
  username: z.string().trim().min(1).max(320).optional(),
  /** `RRCU <rrcu@example.com>` or a bare address. */
  from: z.string().trim().min(3).max(320),
});

export const emailSecretsSchema = z.strictObject({
  password: z.string().min(1).max(1024).optional(),
});

export type EmailConfig = z.infer<typeof emailConfigSchema>;
export type EmailSecrets = z.infer<typeof emailSecretsSchema>;

/** Connecting, greeting and each reply each get this long; the job's signal bounds the whole send. */
const SMTP_TIMEOUT_MS = 20_000;

/** nodemailer's codes for a failure on the way to the server (not an answer of it): worth another try. */
const NETWORK_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'ECONNRESET', 'ECONNREFUSED', 'EPROTOCOL']);

/**
 * Email over SMTP with nodemailer, one connection per message (notifications are few; a pool would hold a
 * connection the server may drop). The Message-ID is the delivery's id, so a message sent again after an
 * `uncertain` claim is recognisable as the same one.
 */
export const emailDriver: ChannelDriver<EmailConfig, EmailSecrets> = {
  kind: 'email',
  audience: 'people',
  parseConfig: (input) => emailConfigSchema.parse(input),
  parseSecrets: (input) => emailSecretsSchema.parse(input ?? {}),
  send: sendEmail,
};

async function sendEmail(message: RenderedMessage, to: DeliveryAddress, channel: { config: EmailConfig; secrets: EmailSecrets }, ctx: SendContext): Promise<SendResult> {
  if (to.kind !== 'email') return { ok: false, retryable: false, reason: `An email channel cannot deliver to a ${to.kind} address.` };
  const { config, secrets } = channel;
  const transport = createTransport({
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    // `none` means none: nodemailer would otherwise try STARTTLS when offered, and fail on a relay's self-signed certificate.
    ignoreTLS: config.security === 'none',
    ...(config.username ? { auth: { user: config.username, pass: secrets.password ?? '' } } : {}),
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  const abort = () => transport.close();
  ctx.signal.addEventListener('abort', abort, { once: true });
  try {
    const info = await transport.sendMail({
      from: config.from,
      to: to.email,
      subject: message.title,
      text: `${message.text}\n\n— ${EMAIL_FOOTER}`,
      html: message.html,
      messageId: `<${ctx.deliveryId}@rrcu>`,
      date: message.at,
    });
    return { ok: true, providerRef: info.messageId };
  } catch (e) {
    if (ctx.signal.aborted) return { ok: false, retryable: true, reason: 'The SMTP server did not answer in time.' };
    return smtpFailure(e);
  } finally {
    ctx.signal.removeEventListener('abort', abort);
    transport.close();
  }
}

/** An SMTP reply 4xx is temporary (greylisting, 421 busy): try again; 5xx (550 no such mailbox, 535 bad password) is not. */
export function smtpFailure(e: unknown): SendResult {
  const err = e as { responseCode?: number; code?: string; message?: string; response?: string };
  const said = (err.response ?? err.message ?? String(e)).replace(/\s+/g, ' ').slice(0, 500);
  const code = typeof err.responseCode === 'number' ? err.responseCode : undefined;
  if (code !== undefined) {
    return { ok: false, retryable: code >= 400 && code < 500, code, reason: `The SMTP server answered ${code}: ${said}` };
  }
  if (err.code && NETWORK_CODES.has(err.code)) return { ok: false, retryable: true, reason: `The SMTP server could not be reached (${err.code}): ${said}` };
  return { ok: false, retryable: false, reason: `The message could not be sent${err.code ? ` (${err.code})` : ''}: ${said}` };
}

/**
 * The email channel RRCU_SMTP_URL and RRCU_MAIL_FROM describe: `smtps://` is TLS (port 465 by default),
 * `smtp://` STARTTLS required (587), unless `?security=none` (a relay on a trusted network, 25).
 */
export function emailChannelFromEnvironment(smtpUrl: string, mailFrom: string): { config: EmailConfig; secrets: EmailSecrets } {
  const url = new URL(smtpUrl);
  const security = url.protocol === 'smtps:' ? 'tls' : url.searchParams.get('security') === 'none' ? 'none' : 'starttls';
  const port = url.port ? Number(url.port) : security === 'tls' ? 465 : security === 'starttls' ? 587 : 25;
  const username = url.username ? decodeURIComponent(url.username) : undefined;
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  return {
    config: emailConfigSchema.parse({ host: url.hostname.replace(/^\[|\]$/g, ''), port, security, ...(username ? { username } : {}), from: mailFrom }),
    secrets: password ? { password } : {},
  };
}
