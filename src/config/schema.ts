import { z } from 'zod';

const booleanSetting = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes' || v === 'on');

const emailList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((e) => e.trim().toLowerCase()).filter(Boolean))
  .pipe(z.array(z.email('must be a comma-separated list of email addresses').max(320)).max(1000))
  .default([]);

/**
 * RRCU's settings. Each can come from the environment (the name in `ENV_NAMES`) or from the optional
 * JSON config file (`RRCU_CONFIG`, camelCase keys); the environment wins.
 */
export const configSchema = z.object({
  databaseUrl: z
    .string()
    .trim()
    .max(2048)
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL')
    .optional(),
  dataDir: z.string().trim().min(1).max(1024).default('./.rrcu/data'),
  secretKey: z.string().trim().min(32, 'must be at least 32 characters').max(1024).optional(),
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().trim().min(1).max(255).default('127.0.0.1'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The address people reach RRCU at (behind a proxy); sets the OIDC redirect URI and `Secure` cookies on https. */
  publicUrl: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  oidcIssuer: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  oidcClientId: z.string().trim().min(1).max(512).optional(),
  oidcClientSecret: z.string().trim().min(1).max(4096).optional(),
  /** Emails given a role at every sign-in through the IdP (comma-separated); others keep the role set in RRCU. */
  superAdmins: emailList,
  connectorAdmins: emailList,
  auditors: emailList,
  /** When every connector is synced (cron, UTC), or `off`: syncs then run only when asked for. */
  syncSchedule: z
    .string()
    .trim()
    .max(200)
    .refine((v) => v === 'off' || /^\S+(\s+\S+){4}$/.test(v), 'must be a cron expression of five fields (e.g. "0 */6 * * *") or "off"')
    .default('0 */6 * * *'),
  /** How long a session lasts without use before sign-in is asked again. */
  sessionIdleHours: z.coerce.number().min(0.1).max(24 * 30).default(12),
  /** How long a session lasts at most, used or not, counted from sign-in. */
  sessionMaxDays: z.coerce.number().min(0.01).max(365).default(7),
  /**
   * The reverse proxies (IP addresses or CIDRs, comma-separated) whose `X-Forwarded-For` is believed.
   * Default none: the address is the TCP peer's, so nobody can choose the address the limiter and the
   * audit log see by sending a header.
   */
  trustedProxies: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((e) => e.trim()).filter(Boolean))
    .pipe(
      z
        .array(
          z.union([z.cidrv4(), z.cidrv6(), z.ipv4(), z.ipv6()], { error: 'must be IP addresses or CIDRs (e.g. 10.0.0.0/8)' }),
        )
        .max(100),
    )
    .default([]),
  /**
   * Whether a connector may name its own AWS endpoint (the simulator, LocalStack). Off for a real
   * deployment: an endpoint override sends RRCU's signed requests and credentials to another host.
   * `rrcu start`'s simulated organisation and the tests turn it on.
   */
  allowCustomEndpoints: booleanSetting.default(false),
  /**
   * Slack's Web API, which the Slack app channel calls with its bot token (direct messages, user lookups,
   * the comment form). Another address only for a proxy or a test's fake Slack: the bot token goes there.
   */
  slackApiUrl: z.url({ protocol: /^https?$/ }).max(2048).default('https://slack.com/api'),
  /**
   * Whether a webhook channel may post over plain http to any host. Off: https, or http only to this
   * machine (localhost, 127.0.0.0/8, [::1]) — a notification or an audit event sent in clear can be read on
   * the way. For a network you trust.
   */
  allowHttpWebhooks: booleanSetting.default(false),
  /**
   * An SMTP server to send notifications by email without configuring a channel under Settings:
   * `smtps://user:pass@host:465` (TLS) or `smtp://user:pass@host:587` (STARTTLS required; `?security=none`
   * for a relay on a trusted network). Needs `mailFrom`.
   */
  smtpUrl: z
    .string()
    .trim()
    .max(2048)
    .refine((v) => /^smtps?:\/\/[^/?#]+/.test(v), 'must be an smtp:// or smtps:// URL, like smtps://user:password@mail.example.com:465')
    .optional(),
  /** The From address of notification emails (`RRCU <rrcu@example.com>` or a bare address). */
  mailFrom: z.string().trim().min(3).max(320).optional(),
  /** When the daily digest of notifications goes out (cron, UTC). */
  notifyDigestCron: z
    .string()
    .trim()
    .max(200)
    .refine((v) => /^\S+(\s+\S+){4}$/.test(v), 'must be a cron expression of five fields (e.g. "0 8 * * *")')
    .default('0 8 * * *'),
});

export type Config = z.infer<typeof configSchema>;

export const ENV_NAMES: Record<keyof Config, string> = {
  databaseUrl: 'DATABASE_URL',
  dataDir: 'RRCU_DATA_DIR',
  secretKey: 'RRCU_SECRET_KEY',
  port: 'RRCU_PORT',
  host: 'RRCU_HOST',
  logLevel: 'RRCU_LOG_LEVEL',
  publicUrl: 'RRCU_PUBLIC_URL',
  oidcIssuer: 'RRCU_OIDC_ISSUER',
  oidcClientId: 'RRCU_OIDC_CLIENT_ID',
  oidcClientSecret: 'RRCU_OIDC_CLIENT_SECRET',
  superAdmins: 'RRCU_SUPER_ADMINS',
  connectorAdmins: 'RRCU_CONNECTOR_ADMINS',
  auditors: 'RRCU_AUDITORS',
  sessionIdleHours: 'RRCU_SESSION_IDLE_HOURS',
  syncSchedule: 'RRCU_SYNC_SCHEDULE',
  sessionMaxDays: 'RRCU_SESSION_MAX_DAYS',
  trustedProxies: 'RRCU_TRUSTED_PROXIES',
  allowCustomEndpoints: 'RRCU_ALLOW_CUSTOM_ENDPOINTS',
  slackApiUrl: 'RRCU_SLACK_API_URL',
  allowHttpWebhooks: 'RRCU_ALLOW_HTTP_WEBHOOKS',
  smtpUrl: 'RRCU_SMTP_URL',
  mailFrom: 'RRCU_MAIL_FROM',
  notifyDigestCron: 'RRCU_NOTIFY_DIGEST_CRON',
};

/** What to do when a setting is wrong, said once per setting. */
export const FIXES: Record<keyof Config, string> = {
  databaseUrl: 'Set DATABASE_URL to a PostgreSQL URL such as postgres://user@127.0.0.1:5432/rrcu, or unset it to use the embedded store.',
  dataDir: 'Set RRCU_DATA_DIR to a writable directory, or unset it to use ./.rrcu/data.',
  secretKey: 'Set RRCU_SECRET_KEY to a random string of 32+ characters, e.g. the output of `openssl rand -base64 48`.',
  port: 'Set RRCU_PORT to a port number between 0 and 65535.',
  host: 'Set RRCU_HOST to the address to listen on, e.g. 127.0.0.1 or 0.0.0.0.',
  logLevel: 'Set RRCU_LOG_LEVEL to one of fatal, error, warn, info, debug, trace, silent.',
  publicUrl: 'Set RRCU_PUBLIC_URL to the URL people open, e.g. https://rrcu.example.com.',
  oidcIssuer: "Set RRCU_OIDC_ISSUER to your IdP's issuer URL (its /.well-known/openid-configuration must answer), or unset it to use the local administrator.",
  oidcClientId: 'Set RRCU_OIDC_CLIENT_ID to the client id of the RRCU app registered at your IdP.',
  oidcClientSecret: 'Set RRCU_OIDC_CLIENT_SECRET to the client secret of the RRCU app registered at your IdP.',
  superAdmins: 'Set RRCU_SUPER_ADMINS to comma-separated email addresses.',
  connectorAdmins: 'Set RRCU_CONNECTOR_ADMINS to comma-separated email addresses.',
  auditors: 'Set RRCU_AUDITORS to comma-separated email addresses.',
  sessionIdleHours: 'Set RRCU_SESSION_IDLE_HOURS to a number of hours between 0.1 and 720.',
  sessionMaxDays: 'Set RRCU_SESSION_MAX_DAYS to a number of days between 0.01 and 365.',
  trustedProxies: 'Set RRCU_TRUSTED_PROXIES to the comma-separated addresses or CIDRs of your reverse proxies (e.g. 10.0.0.0/8,192.168.1.5), or unset it when nothing sits in front of RRCU.',
  allowCustomEndpoints: 'Set RRCU_ALLOW_CUSTOM_ENDPOINTS to true (only for a simulator or test deployment) or false.',
  slackApiUrl: "Set RRCU_SLACK_API_URL to the base of Slack's Web API (https://slack.com/api, the default), or unset it.",
  allowHttpWebhooks: 'Set RRCU_ALLOW_HTTP_WEBHOOKS to true to let webhooks post over plain http to any host (a network you trust), or false.',
  smtpUrl: 'Set RRCU_SMTP_URL to your SMTP server, e.g. smtps://user:password@mail.example.com:465 or smtp://user:password@mail.example.com:587, or unset it and add an email channel under Settings → Notifications.',
  mailFrom: 'Set RRCU_MAIL_FROM to the sender of notification emails, e.g. "RRCU <rrcu@example.com>".',
  notifyDigestCron: 'Set RRCU_NOTIFY_DIGEST_CRON to a cron expression in UTC, e.g. "0 8 * * *" (daily at 08:00).',
  syncSchedule: 'Set RRCU_SYNC_SCHEDULE to a cron expression in UTC, e.g. "0 */6 * * *" (every six hours) or "30 2 * * *" (daily at 02:30), or to "off".',
};
