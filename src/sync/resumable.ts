import { isRrcuError } from '../core/errors.ts';

/**
 * Failures after which a sync keeps what it staged for the next sync to resume: AWS or the network was
 * the problem, and an attempt a little later is expected to succeed. Anything else (settings,
 * permissions, a bug: an error RRCU has no name for) would fail the same way again, so its staging is
 * discarded and the next sync starts over.
 */
const RESUMABLE = new Set([
  // AWS kept throttling after every retry.
  'THROTTLED',
  // Connection refused or reset, DNS, request timeouts.
  'AWS_UNREACHABLE',
  // A sync longer than the role session: the next one assumes the role again.
  'AWS_CREDENTIALS_EXPIRED',
  // SCIM kept throttling or answering 5xx, or could not be reached.
  'SCIM_UNAVAILABLE',
  'SCIM_UNREACHABLE',
  'DATABASE_CONNECTION_LOST',
]);

export function isResumableSyncFailure(e: unknown): boolean {
  if (!isRrcuError(e)) return false;
  if (RESUMABLE.has(e.code)) return true;
  // An AWS error RRCU has no name for is resumable only when AWS said it was its own fault (HTTP 5xx).
  const status = (e.cause as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return e.code === 'AWS_ERROR' && status !== undefined && status >= 500;
}
