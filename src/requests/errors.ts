import { errorCodes } from '../core/errors.ts';

/**
 * The requests capability's codes (src/requests). Each is thrown with a message that names what was given
 * and a fix; the kind decides the HTTP status once (server/error-handler.ts).
 */
export const REQUEST_ERRORS = errorCodes({
  REQUEST_NOT_FOUND: 'not_found',
  POLICY_NOT_FOUND: 'not_found',
  /** The caller is not a person of the inventory (no synced user with their email): nothing can be granted to them. */
  NOT_A_PERSON: 'forbidden',
  /** The requester has no principal on the connector that can hold the entitlement (no Identity Center user, no IAM user in the account). */
  NO_PRINCIPAL: 'invalid',
  /** What was named is not in the last sync (a permission set, an account, a group). */
  NOT_REQUESTABLE: 'invalid',
  /** No policy makes it requestable. */
  NO_POLICY: 'invalid',
  /** A policy makes it requestable, but not for this requester. */
  NOT_ELIGIBLE: 'forbidden',
  /** The accounts asked for fall under different policies: one request per policy. */
  SPANS_POLICIES: 'invalid',
  SELF_APPROVAL: 'forbidden',
  /** A step whose only possible approver is the requester: refused at submission. */
  ONLY_APPROVER_IS_REQUESTER: 'invalid',
  /** A step nobody can approve (no approver resolves). */
  NO_APPROVER: 'invalid',
  NOT_AN_APPROVER: 'forbidden',
  ALREADY_DECIDED: 'conflict',
  REQUEST_NOT_PENDING: 'conflict',
  /** Revoke or extend of a request that is not provisioning or active. */
  REQUEST_NOT_ACTIVE: 'conflict',
  /** Cancel is the requester's, revoke the requester's, an approver's or an administrator's. */
  NOT_ALLOWED: 'forbidden',
  JUSTIFICATION_REQUIRED: 'invalid',
  TICKET_REQUIRED: 'invalid',
  TICKET_INVALID: 'invalid',
  DURATION_TOO_LONG: 'invalid',
  BREAK_GLASS_NOT_ALLOWED: 'forbidden',
  /** A post-hoc review of a request that is not break-glass (it was decided before it was granted). */
  NOT_BREAK_GLASS: 'conflict',
  /** A break-glass request's post-hoc verdict is recorded once. */
  ALREADY_REVIEWED: 'conflict',
  /** A policy of that name exists on the connector (another one, archived aside). */
  POLICY_EXISTS: 'conflict',
});
