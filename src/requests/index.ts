/**
 * The requests capability's surface (issue 15): just-in-time access requests. Request policies (what is
 * requestable, by whom, who approves, for how long), requests through their lifecycle (pending → approved →
 * provisioning → active → expired / revoked), provisioned through the provisioning service (trigger
 * `request`, one task per account), and removed at their end only when nothing else grants the same access.
 * The pure rules are in `core/`; the service (`createRequestService` → `app.requests`), its inputs and answers
 * (`service-types.ts`), and its jobs (`jobs.ts`, queues in `queues.ts`) on top.
 */
export { REQUEST_ERRORS } from './errors.ts';
export { requestPolicyDocumentSchema, type RequestPolicyDocument, type RequestPolicyInput } from './core/policy.ts';
export { describeRequested, entitlementKeyOf, type RequestedEntitlement } from './core/entitlement.ts';
export * from './service-types.ts';
export { createRequestService, type RequestServiceDeps } from './service.ts';
export { REQUEST_QUEUES, REQUEST_QUEUE_SPECS, REQUEST_TICK_CRON, type RequestJob } from './queues.ts';
export { startRequestJobs, type RequestJobDeps } from './jobs.ts';
