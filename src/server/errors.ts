import { errorCodes } from '../core/errors.ts';

/** Refusals of the HTTP layer itself: before a route runs (HTTP, CSRF) or about the request's session. */
export const HTTP_ERRORS = errorCodes({
  CSRF_TOKEN_INVALID: 'forbidden',
  NOT_A_SESSION: 'invalid',
  SESSION_REQUIRED: 'forbidden',
  INVALID_URL: 'invalid',
  MALFORMED_REQUEST: 'invalid',
  REQUEST_TIMEOUT: 'timeout',
  URI_TOO_LONG: 'uri_too_long',
  HEADERS_TOO_LARGE: 'headers_too_large',
});

/** Slack's requests to RRCU (server/routes/slack.ts): not signed with the Slack app's signing secret, or by a Slack user RRCU cannot act for. */
export const SLACK_ERRORS = errorCodes({
  SLACK_SIGNATURE_INVALID: 'unauthenticated',
  SLACK_USER_UNKNOWN: 'forbidden',
  SLACK_USER_DISABLED: 'forbidden',
  /** What Slack says of the clicker refuses them (slack-identity.ts): a deactivated account, a bot or app, another workspace, an email Slack has not confirmed. */
  SLACK_USER_DEACTIVATED: 'forbidden',
  SLACK_USER_NOT_A_PERSON: 'forbidden',
  SLACK_USER_OTHER_WORKSPACE: 'forbidden',
  SLACK_EMAIL_UNCONFIRMED: 'forbidden',
  SLACK_ACTION_INVALID: 'invalid',
});
