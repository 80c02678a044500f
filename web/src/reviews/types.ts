/**
 * The reviews API's shapes, taken from api-types.gen.ts (generated from the server's OpenAPI document), so a
 * change to a review route's schema shows here as a type error. The lists below are the values the forms offer.
 */
import type { ApiAnswer, ApiBody } from '../types.ts';

export type CampaignView = ApiAnswer<'getReviewCampaign'>;
export type CampaignStatus = CampaignView['status'];
export type ItemPage = ApiAnswer<'listReviewItems'>;
export type ItemView = ItemPage['items'][number];
export type ItemDetail = ApiAnswer<'getReviewItem'>;
export type PreviewView = ApiAnswer<'previewReviewCampaign'>;
export type CampaignStatistics = ApiAnswer<'getReviewStatistics'>;
export type CreateCampaignInput = ApiBody<'createReviewCampaign'>;
export type CampaignScope = CreateCampaignInput['scope'];
export type ReviewerPlan = CreateCampaignInput['reviewerPlan'];
export type ReviewerPolicy = ReviewerPlan['stages'][number]['policies'][number];
export type PeopleScope = NonNullable<CampaignScope['people']>;
/** The filter of a bulk decision (booleans); as query parameters, `filterQuery` writes them as text. */
export type ItemFilter = NonNullable<ApiBody<'bulkDecideMyReviewItems'>['filter']>;
export type BulkDecideInput = ApiBody<'bulkDecideMyReviewItems'>;

export type ReviewItemKind = ItemView['kind'];
export type ReviewDecision = NonNullable<ItemView['decision']>;
export type ItemOutcome = ItemView['outcome'];
export type RiskFlag = ItemView['riskFlags'][number];
export type PolicyUsed = NonNullable<ItemView['policy']>;
export type RemediationState = NonNullable<ItemView['remediation']>['state'];
export type PersonRef = NonNullable<ItemView['person']>;

export const REVIEW_ITEM_KINDS = ['sso_group_membership', 'permission_set_assignment', 'iam_group_membership', 'role_trust'] as const satisfies readonly ReviewItemKind[];
export const SCOPE_RESOURCE_TYPES = ['account', 'sso_group', 'iam_group', 'iam_role'] as const satisfies readonly NonNullable<CampaignScope['resourceTypes']>[number][];
export const SCOPE_PRINCIPAL_TYPES = ['iam_user', 'sso_user', 'sso_group', 'iam_role'] as const satisfies readonly NonNullable<CampaignScope['principalTypes']>[number][];
