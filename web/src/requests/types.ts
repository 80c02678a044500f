/**
 * The requests API's shapes, taken from api-types.gen.ts (generated from the server's OpenAPI document), so a
 * change to a request route's schema shows here as a type error.
 */
import type { ApiAnswer, ApiBody } from '../types.ts';

export type RequestableView = ApiAnswer<'listRequestable'>['items'][number];
export type Requestable = RequestableView['requestable'];
export type RequestView = ApiAnswer<'listRequests'>['items'][number];
export type RequestStatus = RequestView['status'];
export type RequestDetail = ApiAnswer<'getRequest'>;
export type RequestTarget = RequestDetail['targets'][number];
export type SubmittedRequest = ApiAnswer<'submitRequest', 201>;
export type SubmitRequestInput = ApiBody<'submitRequest'>;
export type PolicyView = ApiAnswer<'getRequestPolicy'>;
export type PolicyDocument = ApiBody<'applyRequestPolicy'>;
export type AppliedPolicy = ApiAnswer<'applyRequestPolicy'>;
export type PolicyPreview = ApiAnswer<'previewRequestPolicy'>;
export type ApproverSource = PolicyDocument['approvalSteps'] extends (infer S)[] | undefined ? S extends { approvers: (infer A)[] } ? A : never : never;

/** Which list of requests: the caller's own, those waiting for the caller's decision, or every request (administrators and auditors). */
export type RequestListView = 'mine' | 'approvals' | 'all';
