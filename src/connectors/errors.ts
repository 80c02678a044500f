import { errorCodes } from '../core/errors.ts';

/** Connector records, their settings and secrets, archive and purge; and what any connector refuses to do. */
export const CONNECTOR_ERRORS = errorCodes({
  CONNECTOR_NOT_FOUND: 'not_found',
  CONNECTOR_EXISTS: 'conflict',
  CONNECTOR_NOT_ARCHIVED: 'conflict',
  SYNC_RUNNING_CONFLICT: 'conflict',
  PROVISIONING_RUNNING_CONFLICT: 'conflict',
  CONNECTOR_REQUIRED: 'invalid',
  UNKNOWN_CONNECTOR_KIND: 'invalid',
  INVALID_CONNECTOR_CONFIG: 'invalid',
  // Saved settings that today's rules refuse (saved under older or looser ones): the connector lists, and is not used until edited.
  SAVED_CONFIG_INVALID: 'conflict',
  INVALID_CONNECTOR_NAME: 'invalid',
  INVALID_CONNECTOR_OWNERS: 'invalid',
  INVALID_SCIM_TOKEN: 'invalid',
  SCIM_TOKEN_REQUIRED: 'invalid',
  CUSTOM_ENDPOINT_NOT_ALLOWED: 'invalid',
  CONFIRMATION_MISMATCH: 'invalid',
  NOT_PROVISIONABLE: 'invalid',
});
