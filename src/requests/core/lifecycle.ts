import type { RequestPolicyDocument } from './policy.ts';

/**
 * A request's states and the events between them (docs/access-requests.md, "Lifecycle"). The service applies
 * an event under the request's row lock, so two events on one request are never judged against the same
 * state: the second sees what the first made of it, and this table says what happens then. That is how the
 * races end in one defined state (two approvals at once: the second is refused; approve after cancel:
 * refused; expire or revoke during provisioning: deferred until the grant tasks end).
 */
export const REQUEST_STATUSES = ['pending', 'approved', 'denied', 'cancelled', 'timed_out', 'provisioning', 'active', 'expired', 'revoked', 'failed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_EVENTS = ['approve', 'deny', 'cancel', 'time_out', 'provision', 'activated', 'provision_failed', 'expire', 'revoke_early'] as const;
export type RequestEvent = (typeof REQUEST_EVENTS)[number];

/** The codes a refused event carries (the service throws them as RrcuError with the kind its catalog gives). */
export const LIFECYCLE_CODES = ['REQUEST_NOT_PENDING', 'REQUEST_NOT_ACTIVE', 'REQUEST_NOT_APPROVED', 'REQUEST_NOT_PROVISIONING'] as const;
export type LifecycleCode = (typeof LIFECYCLE_CODES)[number];

/**
 * What an event does: `changed` when the status moves; `changed: false` when it is a repeat or moot (a second
 * cancel, an expiry after a revoke, a late time-out) and nothing is to be done; `deferred` when an end
 * (expire, revoke_early) arrives while grant tasks run: the service records it and applies it when they end
 * (`afterProvisioning`).
 */
export type Transition =
  | { ok: true; to: RequestStatus; changed: boolean; deferred?: 'expire' | 'revoke_early' }
  | { ok: false; code: LifecycleCode; message: string };

const ENDED: readonly RequestStatus[] = ['denied', 'cancelled', 'timed_out', 'expired', 'revoked', 'failed'];
/** Statuses in which a request holds, or is about to hold, its access (another request's expiry counts it). */
const HOLDING: readonly RequestStatus[] = ['approved', 'provisioning', 'active'];

export const isEnded = (s: RequestStatus): boolean => ENDED.includes(s);
export const holdsAccess = (s: RequestStatus): boolean => HOLDING.includes(s);
/** An extension may be asked while the access is being granted or held. */
export const extendable = (s: RequestStatus): boolean => s === 'provisioning' || s === 'active';

const LABEL: Record<RequestStatus, string> = {
  pending: 'pending', approved: 'approved', denied: 'denied', cancelled: 'cancelled', timed_out: 'timed out', provisioning: 'being provisioned',
  active: 'active', expired: 'expired', revoked: 'revoked', failed: 'failed',
};

const move = (to: RequestStatus): Transition => ({ ok: true, to, changed: true });
const stay = (at: RequestStatus): Transition => ({ ok: true, to: at, changed: false });
const refuse = (code: LifecycleCode, message: string): Transition => ({ ok: false, code, message });

export function transition(from: RequestStatus, event: RequestEvent): Transition {
  const is = `The request is ${LABEL[from]}`;
  switch (event) {
    case 'approve':
    case 'deny':
      return from === 'pending' ? move(event === 'approve' ? 'approved' : 'denied') : refuse('REQUEST_NOT_PENDING', `${is}: only a pending request can be ${event === 'approve' ? 'approved' : 'denied'}.`);
    case 'cancel':
      if (from === 'pending' || from === 'approved') return move('cancelled');
      if (from === 'cancelled') return stay(from);
      return refuse('REQUEST_NOT_PENDING', from === 'provisioning' || from === 'active' ? `${is}: revoke it instead of cancelling.` : `${is}: only a pending request can be cancelled.`);
    case 'time_out':
      return from === 'pending' ? move('timed_out') : stay(from);
    case 'provision':
      if (from === 'approved') return move('provisioning');
      if (from === 'provisioning' || from === 'active') return stay(from);
      return refuse('REQUEST_NOT_APPROVED', `${is}: only an approved request is provisioned.`);
    case 'activated':
    case 'provision_failed': {
      const reached = event === 'activated' ? 'active' : 'failed';
      if (from === 'provisioning') return move(reached);
      if (from === reached) return stay(from);
      return refuse('REQUEST_NOT_PROVISIONING', `${is}: its grant tasks ending changes nothing, and what they granted is to be removed.`);
    }
    case 'expire':
      if (from === 'active') return move('expired');
      if (from === 'provisioning') return { ok: true, to: from, changed: false, deferred: 'expire' };
      if (isEnded(from)) return stay(from);
      return refuse('REQUEST_NOT_ACTIVE', `${is}: a request expires only once granted.`);
    case 'revoke_early':
      if (from === 'active' || from === 'approved') return move('revoked');
      if (from === 'provisioning') return { ok: true, to: from, changed: false, deferred: 'revoke_early' };
      if (from === 'revoked') return stay(from);
      if (from === 'pending') return refuse('REQUEST_NOT_ACTIVE', `${is}: cancel or deny it instead of revoking.`);
      return refuse('REQUEST_NOT_ACTIVE', `The request has ended (${LABEL[from]}): there is nothing to revoke.`);
  }
}

/**
 * The statuses a provisioning request passes through when its grant tasks end, in order (each one an audit
 * event): every grant verified makes it active; an end deferred meanwhile (the first one asked), or its
 * expiry time passed, then ends it at once, through active, since access was granted and is to be removed.
 * A grant that failed makes it failed (a request holds all its accounts or none: the service removes what the
 * other tasks granted, reference-counted as at an end); revoked instead when a revoke was asked meanwhile and
 * nothing was granted, since then the revoke, not the failure, is what ended it.
 */
export function afterProvisioning(
  outcome: 'activated' | 'provision_failed',
  deferred: 'expire' | 'revoke_early' | null,
  expiresAt: Date | null,
  now: Date,
  { anyGranted = true }: { anyGranted?: boolean } = {},
): RequestStatus[] {
  if (outcome === 'provision_failed') return deferred === 'revoke_early' && !anyGranted ? ['revoked'] : ['failed'];
  if (deferred === 'revoke_early') return ['active', 'revoked'];
  if (deferred === 'expire' || (expiresAt !== null && expiresAt.getTime() <= now.getTime())) return ['active', 'expired'];
  return ['active'];
}

const MINUTE = 60_000;
/** How long before the end the requester is told (`request.expiring`). */
export const EXPIRING_NOTICE_MINUTES = 15;

/** A pending request nobody decided times out `pendingTimeoutHours` after it was submitted. */
export const pendingDeadline = (submittedAt: Date, policy: Pick<RequestPolicyDocument, 'pendingTimeoutHours'>): Date => new Date(submittedAt.getTime() + policy.pendingTimeoutHours * 60 * MINUTE);

/** The duration counts from approval, when the expiry job is scheduled: time spent provisioning is part of it. */
export const expiresAtFrom = (approvedAt: Date, minutes: number): Date => new Date(approvedAt.getTime() + minutes * MINUTE);

/** When to tell the requester their access is ending: 15 minutes before, or at once for a request shorter than that. */
export const expiringNoticeAt = (expiresAt: Date, approvedAt: Date): Date => new Date(Math.max(approvedAt.getTime(), expiresAt.getTime() - EXPIRING_NOTICE_MINUTES * MINUTE));

/**
 * An approved extension adds its minutes to the current end (or to now, if that end has passed meanwhile),
 * never past the policy's maximum from now: extensions move the end, they do not stack past what one request may have.
 */
export function extendedExpiry(currentExpiresAt: Date, minutes: number, now: Date, maxMinutes: number): Date {
  const extended = Math.max(currentExpiresAt.getTime(), now.getTime()) + minutes * MINUTE;
  return new Date(Math.min(extended, now.getTime() + maxMinutes * MINUTE));
}
