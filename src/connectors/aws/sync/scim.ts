/**
 * A small client of IAM Identity Center's SCIM API, for the one thing the Identity Store API may not
 * say: whether a user is active. AWS's SCIM ListUsers differs from RFC 7644: `startIndex` is ignored,
 * `count` is 1..100, and passing `cursor` (empty on the first call) switches to cursor paging with
 * `nextCursor` while more users remain ("IAM Identity Center SCIM implementation", ListUsers).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { RrcuError } from '../../../core/errors.ts';
import { REQUEST_TIMEOUT_MS } from '../session/clients.ts';
import { AWS_ERRORS, scimTokenRejected } from '../errors.ts';
import { THROTTLE_BUDGET_MS } from '../session/retry-strategy.ts';

export type ScimClientOptions = {
  /** e.g. https://scim.us-east-1.amazonaws.com/<tenant>/scim/v2 */
  endpoint: string;
  token: string;
  /** Counts each attempt (`scim:ListUsers`), and each retry by cause (`throttled:`, `server-error:`, `network:scim:ListUsers`). */
  countCall(operation: string): void;
  signal?: AbortSignal;
};

const PAGE_SIZE = 100;
const MAX_ATTEMPTS = 5;
const OPERATION = 'scim:ListUsers';

const listUsersPage = z.object({
  Resources: z.array(z.object({ id: z.string().min(1), active: z.boolean().optional() })).default([]),
  nextCursor: z.string().min(1).optional(),
});

// IAM Identity Center's SCIM endpoints: https://scim.<region>.amazonaws.com/<tenant>/scim/v2 (.com.cn in China).
const AWS_SCIM_HOST = /^scim\.[a-z]{2}(-gov)?-[a-z]+-\d\.amazonaws\.com(\.cn)?$/;

/** The URL is an IAM Identity Center SCIM endpoint of AWS itself (https, an AWS SCIM host). */
export function isAwsScimEndpoint(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && AWS_SCIM_HOST.test(parsed.hostname);
  } catch {
    return false;
  }
}

/** Every user's `active` flag, by Identity Store user id (SCIM ids are the Identity Store's). */
export async function listScimUserActivity(options: ScimClientOptions): Promise<Map<string, boolean>> {
  const active = new Map<string, boolean>();
  const seen = new Set<string>();
  let cursor = '';
  for (;;) {
    const url = new URL(`${options.endpoint.replace(/\/+$/, '')}/Users`);
    url.searchParams.set('count', String(PAGE_SIZE));
    url.searchParams.set('cursor', cursor);
    const page = listUsersPage.safeParse(await getJson(url, options));
    if (!page.success) throw notAUserList(options.endpoint, page.error);
    for (const user of page.data.Resources) {
      if (user.active !== undefined) active.set(user.id, user.active);
    }
    const next = page.data.nextCursor;
    if (next === undefined) return active;
    // A cursor seen before would loop forever; AWS never repeats one.
    if (seen.has(next)) {
      throw new RrcuError(AWS_ERRORS.SCIM_UNEXPECTED_RESPONSE, `The SCIM endpoint ${options.endpoint} repeated a ListUsers cursor, so its user list cannot be read to the end.`, {
        fix: 'Retry the sync; if it persists, remove scimEndpoint so user status comes from the Identity Store only.',
      });
    }
    seen.add(next);
    cursor = next;
  }
}

/** Reads one user (GET /Users?count=1): whether the endpoint answers and accepts the token, without listing everyone. */
export async function checkScimAccess(options: ScimClientOptions): Promise<void> {
  const url = new URL(`${options.endpoint.replace(/\/+$/, '')}/Users`);
  url.searchParams.set('count', '1');
  const page = listUsersPage.safeParse(await getJson(url, options));
  if (!page.success) throw notAUserList(options.endpoint, page.error);
}

function notAUserList(endpoint: string, error: z.ZodError): RrcuError {
  return new RrcuError(AWS_ERRORS.SCIM_UNEXPECTED_RESPONSE, `The SCIM endpoint ${endpoint} answered ListUsers with a body that is not a SCIM list of users (${error.issues[0]?.message ?? 'invalid'}).`, {
    fix: 'Check that scimEndpoint is the "SCIM endpoint" shown in IAM Identity Center settings, ending in /scim/v2.',
  });
}

/**
 * One GET, retried with backoff when failing on AWS's side (5xx, network, no answer within the request
 * timeout) up to MAX_ATTEMPTS errors, and while throttled (429) for the time budget the SDK clients have.
 */
async function getJson(url: URL, options: ScimClientOptions): Promise<unknown> {
  const startedAt = Date.now();
  let errors = 0;
  for (let attempt = 1; ; attempt++) {
    // Every attempt counts, as the SDK clients' counter counts them.
    options.countCall(OPERATION);
    let response: Response;
    try {
      const signal = AbortSignal.any([AbortSignal.timeout(REQUEST_TIMEOUT_MS), ...(options.signal ? [options.signal] : [])]);
      response = await fetch(url, { headers: { authorization: `Bearer ${options.token}`, accept: 'application/scim+json, application/json' }, signal });
    } catch (error) {
      if (options.signal?.aborted || ++errors >= MAX_ATTEMPTS) {
        throw new RrcuError(AWS_ERRORS.SCIM_UNREACHABLE, `The SCIM endpoint ${options.endpoint} could not be reached (${error instanceof Error ? error.message : String(error)}).`, {
          fix: 'Check that scimEndpoint is the "SCIM endpoint" shown in IAM Identity Center settings and that RRCU can reach it over HTTPS.',
          cause: error,
        });
      }
      options.countCall(`network:${OPERATION}`);
      await backoff(attempt, null, options.signal);
      continue;
    }
    if (response.ok) {
      try {
        return await response.json();
      } catch (error) {
        throw new RrcuError(AWS_ERRORS.SCIM_UNEXPECTED_RESPONSE, `The SCIM endpoint ${options.endpoint} answered ListUsers with HTTP ${response.status} and a body that is not JSON, where RRCU expected a SCIM list of users (application/scim+json).`, {
          fix: 'Check that scimEndpoint is the "SCIM endpoint" shown in IAM Identity Center settings, ending in /scim/v2.',
          cause: error,
        });
      }
    }
    const detail = await awsErrorDetail(response, options.endpoint);
    if (response.status === 401 || response.status === 403) throw scimTokenRejected(options.endpoint, new Error(`HTTP ${response.status}${detail ? `: ${detail}` : ''}`));
    const throttled = response.status === 429;
    const retryable = throttled || response.status >= 500;
    const spent = throttled ? Date.now() - startedAt >= THROTTLE_BUDGET_MS : ++errors >= MAX_ATTEMPTS;
    if (!retryable || spent) {
      // Throttling or 5xx after every retry is AWS's condition, not the settings': the sync may resume later.
      throw new RrcuError(retryable ? AWS_ERRORS.SCIM_UNAVAILABLE : AWS_ERRORS.SCIM_REQUEST_FAILED, `The SCIM endpoint ${options.endpoint} answered ListUsers with HTTP ${response.status}${detail ? `: ${detail}` : ', where RRCU expected a SCIM list of users (HTTP 200, application/scim+json)'}.`, {
        fix: retryable
          ? 'Retry the sync later; AWS was throttling or failing SCIM requests.'
          : 'Check that scimEndpoint is the "SCIM endpoint" shown in IAM Identity Center settings, ending in /scim/v2.',
      });
    }
    options.countCall(`${throttled ? 'throttled' : 'server-error'}:${OPERATION}`);
    await backoff(attempt, response.headers.get('retry-after'), options.signal);
  }
}

/**
 * AWS's own explanation of a failed SCIM call (the `detail` of its SCIM error), quoted only when the
 * endpoint is an AWS SCIM host. Another host's body is never quoted: whoever runs it chooses what it
 * says, and RRCU would repeat it to its users as if AWS had said it. Raw text is never quoted either.
 */
async function awsErrorDetail(response: Response, endpoint: string): Promise<string | undefined> {
  const text = await response.text().catch(() => '');
  if (!isAwsScimEndpoint(endpoint)) return undefined;
  try {
    const body = JSON.parse(text) as { detail?: unknown };
    if (typeof body.detail === 'string') return body.detail.slice(0, 300);
  } catch {
    // Not a SCIM error body: said by its status alone.
  }
  return undefined;
}

/** Retry-After when AWS gives one (seconds), else exponential backoff with jitter from 200 ms. */
function backoff(attempt: number, retryAfter: string | null, signal: AbortSignal | undefined): Promise<void> {
  const seconds = retryAfter === null ? NaN : Number(retryAfter);
  const ms = Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 20) * 1000 : Math.random() * Math.min(200 * 2 ** attempt, 5000);
  return sleep(ms, undefined, signal ? { signal } : undefined);
}
