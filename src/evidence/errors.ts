import { errorCodes } from '../core/errors.ts';

export const EVIDENCE_ERRORS = errorCodes({
  /** No producer is registered for the kind asked (its report is not built yet). */
  REPORT_KIND_UNAVAILABLE: 'invalid',
  /** A producer gave a report its pack cannot hold (a table name that cannot be a file): RRCU's fault, not the caller's. */
  REPORT_MALFORMED: 'internal',
  PACK_NOT_FOUND: 'not_found',
  /** The pack is still being made, or its making failed: there is no zip to give. */
  PACK_NOT_READY: 'conflict',
  /** RRCU_SECRET_KEY is unset, so the signing key can be neither made nor opened. */
  SIGNING_KEY_UNAVAILABLE: 'internal',
  /** A pack failed verification (`rrcu evidence verify`): the message names the first thing that does not hold. */
  PACK_INVALID: 'invalid',
});
