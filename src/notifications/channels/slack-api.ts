import { parseRetryAfter } from '../core/backoff.ts';

/** Slack's Web API; RRCU_SLACK_API_URL replaces it (a test's fake Slack, a proxy). */
export const SLACK_API_URL = 'https://slack.com/api';

/** A Slack call's outcome in the delivery job's terms (channels/types.ts SendResult's failure), with Slack's `error` code when it gave one. */
export type SlackFailure = { ok: false; retryable: boolean; retryAfterMs?: number; reason: string; code?: number; slackError?: string };
export type SlackAnswer = { ok: true; body: Record<string, unknown> } | SlackFailure;

/** Slack's `ok: false` errors that pass: Slack's side was busy or failed. Every other error is one sending again cannot fix. */
const RETRYABLE_ERRORS = new Set(['ratelimited', 'rate_limited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

/** What to do about the errors an administrator meets first, said where the delivery log shows the failure. */
const ERROR_FIXES: Record<string, string> = {
  users_not_found: 'no Slack user of the workspace has this email address',
  invalid_auth: 'the bot token is not valid: paste it again from the Slack app\'s OAuth & Permissions page',
  not_authed: 'no bot token was sent',
  token_revoked: 'the bot token was revoked: reinstall the Slack app and paste the new token',
  account_inactive: 'the Slack app was uninstalled or its token deactivated: reinstall it',
  missing_scope: 'the Slack app lacks a scope: give it chat:write, users:read and users:read.email, then reinstall it',
  channel_not_found: 'Slack does not know this channel (or the app cannot see it)',
  is_archived: 'the Slack channel is archived',
  invalid_blocks: 'Slack refused the message blocks',
  msg_too_long: 'the message is too long for Slack',
};

/** Slack's error code in words for the delivery log, without any secret (never the token, never the body). */
export function slackReason(error: string): string {
  const fix = ERROR_FIXES[error];
  return `Slack answered ${error}${fix ? `: ${fix}` : ''}.`;
}

/**
 * One HTTP answer of Slack (a Web API method or an incoming webhook) in the job's terms: 429 and 5xx pass
 * (honouring Retry-After), other non-2xx do not; a network failure or timeout is the caller's `catch`.
 */
export function httpFailure(status: number, retryAfter: string | null, detail: string, now: Date): SlackFailure {
  const retryAfterMs = parseRetryAfter(retryAfter, now);
  const retryable = status === 429 || status >= 500;
  return { ok: false, retryable, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), code: status, reason: `Slack answered HTTP ${status}${detail ? ` (${detail.slice(0, 200)})` : ''}.` };
}

/** A send that never got an answer: a network error or the job's timeout. Worth another try. */
export function networkFailure(e: unknown): SlackFailure {
  const name = e instanceof Error ? e.name : '';
  const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
  return { ok: false, retryable: true, reason: name === 'AbortError' || name === 'TimeoutError' ? 'Slack did not answer in time.' : `Slack could not be reached${cause || (e instanceof Error ? `: ${e.message}` : '')}.` };
}

/**
 * Calls a Slack Web API method with the bot token. Arguments go form-encoded (objects as JSON text), which
 * every method accepts, the lookups included (some refuse a JSON body). Slack answers 200 with `ok: false`
 * and an error code for most failures; `ratelimited` comes as a 429 with Retry-After.
 */
export async function callSlack(apiUrl: string, token: string, method: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<SlackAnswer> {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(args)) {
    if (value !== undefined) form.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  let response: Response;
  try {
    response = await fetch(`${apiUrl.replace(/\/+$/, '')}/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: form.toString(),
      redirect: 'error',
      ...(signal ? { signal } : {}),
    });
  } catch (e) {
    return networkFailure(e);
  }
  const now = new Date();
  const text = await response.text().catch(() => '');
  if (!response.ok) return httpFailure(response.status, response.headers.get('retry-after'), '', now);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { ok: false, retryable: true, code: response.status, reason: `Slack's ${method} answered something that is not JSON.` };
  }
  if (body.ok === true) return { ok: true, body };
  const error = typeof body.error === 'string' ? body.error : 'unknown_error';
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
  return { ok: false, retryable: RETRYABLE_ERRORS.has(error), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), slackError: error, reason: slackReason(error) };
}
