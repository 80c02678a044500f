/**
 * What every delivery channel (email, Slack, webhook) is to the delivery job: a driver that turns one
 * rendered message into one send, and says how it went in terms the job can act on (sent; try again later,
 * maybe after the receiver's Retry-After; or never, with the reason shown under Settings → Notifications).
 * Drivers touch no store: the job claims the delivery row, opens the channel's secrets, calls `send`, and
 * records the result, so that a send is attempted at most once per claim (see deliver.ts).
 */

/** The channel kinds. Never renamed once shipped: they are stored. */
export const CHANNEL_KINDS = ['email', 'slack_webhook', 'slack_app', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** One notification, rendered once for every channel: plain text always, HTML for email, blocks for Slack. */
export type RenderedMessage = {
  /** The outbox row's kind (`request.submitted`), or `notification.test` / `audit.event`. */
  kind: string;
  title: string;
  text: string;
  html: string;
  /** Absolute URL of the exact page (RRCU_PUBLIC_URL + the outbox row's link), when there is one. */
  url: string | undefined;
  /** The outbox row's payload (ids only, never secrets): Slack's buttons and webhooks' bodies use it. */
  payload: Record<string, unknown>;
  /** When the event happened. */
  at: Date;
};

/** Where one delivery goes on its channel. */
export type DeliveryAddress =
  /** email: a person's or user's address. */
  | { kind: 'email'; email: string }
  /** slack_app: a person matched by email; the driver looks up their Slack user id. */
  | { kind: 'slack_user'; email: string }
  /** slack_webhook and webhook: the channel's own URL. */
  | { kind: 'channel' };

export type SendContext = {
  /** A stable id of this delivery: webhooks send it as `X-RRCU-Delivery` (receivers dedupe on it), email as its Message-ID. */
  deliveryId: string;
  /** Aborts a send that takes too long (the job sets it). */
  signal: AbortSignal;
  /** Slack's Web API base (config `slackApiUrl`, RRCU_SLACK_API_URL) for slack_app; Slack's own when absent. */
  slackApiUrl?: string | undefined;
  /** Plain http webhooks to any host (config `allowHttpWebhooks`, RRCU_ALLOW_HTTP_WEBHOOKS); else https, or http to this machine only. */
  allowHttpWebhooks?: boolean | undefined;
};

export type SendResult =
  | { ok: true; /** The provider's id for it (SMTP message id, Slack ts, HTTP status). */ providerRef?: string }
  | {
      ok: false;
      /** true: network error, timeout, 429, 5xx — the job tries again with backoff. false: recorded as failed. */
      retryable: boolean;
      /** The receiver's Retry-After, in ms, when it sent one. */
      retryAfterMs?: number;
      /** Shown under Settings → Notifications: what went wrong, without secrets. */
      reason: string;
      /** HTTP status or SMTP reply code, when there was one. */
      code?: number;
    };

/**
 * One channel kind's driver. `Config` is what an administrator sets and may be shown back (host, URL, from
 * address); `Secrets` is sealed with RRCU_SECRET_KEY and never returned by the API (password, bot token,
 * signing secret, a Slack webhook URL — it is a credential).
 */
export type ChannelDriver<Config, Secrets> = {
  kind: ChannelKind;
  /** Which addresses it delivers to: per person (email, slack_app) or the channel itself (webhooks). */
  audience: 'people' | 'channel';
  parseConfig(input: unknown): Config;
  parseSecrets(input: unknown): Secrets;
  send(message: RenderedMessage, to: DeliveryAddress, channel: { config: Config; secrets: Secrets }, ctx: SendContext): Promise<SendResult>;
};
