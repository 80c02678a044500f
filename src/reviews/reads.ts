import { RrcuError } from '../core/errors.ts';
import type { Db } from '../store/index.ts';
import { REVIEW_ERRORS } from './errors.ts';
import { createReviewService, type ReviewServiceDeps } from './service.ts';
import type { ReviewService } from './service-types.ts';

/** What may read campaigns without being able to change them: evidence reports. */
export type ReviewReads = Pick<ReviewService, 'get' | 'list' | 'items' | 'itemDetail' | 'statistics' | 'exportRows' | 'history'>;

/**
 * The service's reads alone, on `db`, for a reader that holds no provisioning: none of these asks for a
 * task, and a reader that reached a write would be a bug, so the write's one dependency refuses.
 */
export function createReviewReads(db: Db): ReviewReads {
  const refuse = () => Promise.reject(new RrcuError(REVIEW_ERRORS.CAMPAIGN_NOT_ACTIVE, 'Review reads ask for no provisioning task.', { fix: 'Use the review service built by createApp to change campaigns.' }));
  // Every method of the dependency refuses, whatever methods it has.
  const provisioning = new Proxy({}, { get: () => refuse }) as ReviewServiceDeps['provisioning'];
  const service = createReviewService({ db, provisioning });
  const { get, list, items, itemDetail, statistics, exportRows, history } = service;
  return { get, list, items, itemDetail, statistics, exportRows, history };
}
