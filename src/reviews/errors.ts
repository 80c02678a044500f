import { errorCodes } from '../core/errors.ts';

export const REVIEW_ERRORS = errorCodes({
  NOT_REVIEWABLE: 'invalid',
  DUPLICATE_ITEM: 'invalid',
  SELF_REVIEW: 'invalid',
  GRANTED_BY_REVIEWER: 'invalid',
  DELEGATION_LOOP: 'invalid',
  DELEGATION_TO_SELF: 'invalid',
  NOT_THE_REVIEWER: 'forbidden',
  COMMENT_REQUIRED: 'invalid',
  STAGE_CLOSED: 'conflict',
  STAGE_NOT_OPEN: 'conflict',
  ITEM_NOT_IN_STAGE: 'conflict',
  NO_STAGES: 'invalid',
  CAMPAIGN_NOT_FOUND: 'not_found',
  ITEM_NOT_FOUND: 'not_found',
  CAMPAIGN_NOT_DRAFT: 'conflict',
  CAMPAIGN_NOT_ACTIVE: 'conflict',
  SYNC_FIRST: 'conflict',
  BULK_COUNT_MISMATCH: 'conflict',
  DECISION_REMEDIATED: 'conflict',
  NOT_A_PERSON: 'forbidden',
});
