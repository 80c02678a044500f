import { z } from 'zod';
import type { App } from '../../app.ts';
import {
  decideRequestInputSchema, extendRequestInputSchema, REQUEST_VIEWS, requestPolicyDocumentSchema, requestStatusSchema, reviewBreakGlassInputSchema, revokeRequestInputSchema, submitRequestInputSchema,
  type RequestCaller,
} from '../../requests/index.ts';
import { OPERATORS, READERS } from '../auth/access.ts';
import type { Caller } from '../caller.ts';
import { personOf } from '../person.ts';
import type { ServerApp } from '../server-app.ts';
import {
  appliedPolicySchema, policyPreviewSchema, policyViewSchema, requestableViewSchema, requestDetailSchema, requestViewSchema, submittedRequestSchema,
} from './request-schemas.ts';

const policyTags = ['request-policies'];
const tags = ['requests'];
// A request's number (#N): bigserial, but never past what a JSON number holds exactly.
const requestParams = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).describe('The request number (#N)') });
const policyIdParams = z.object({ id: z.uuid() });

/**
 * Just-in-time access requests (issue 15): request policies, managed by Connector and Super Administrators and
 * read by auditors; requests, which every signed-in person makes and reads as their own, approvers read and
 * decide, and administrators and auditors read all of. The requester and approver is the person of the
 * inventory with the caller's sign-in email (an API token: its creator's), as for reviews. Who may see or
 * decide one request is the service's rule (`app.requests`): a request that is not the caller's to see is
 * "not found" to them, and nobody approves their own.
 */
export function requestRoutes(server: ServerApp, app: App): void {
  const { requests } = app;
  async function callerOf(caller: Caller): Promise<RequestCaller> {
    return { userId: caller.userId, personId: await personOf(app, caller), role: caller.role, actor: caller.actor };
  }

  server.get('/api/request-policies', {
    config: { access: READERS },
    schema: {
      operationId: 'listRequestPolicies',
      tags: policyTags,
      summary: 'Request policies: what may be requested, by whom, who approves, for how long',
      querystring: z.object({
        connectorId: z.uuid().optional(),
        archived: z.enum(['true', 'false']).optional().describe('`true`: archived policies too (default false)'),
      }),
      response: { 200: z.object({ items: z.array(policyViewSchema) }) },
    },
  }, async (request) => {
    const { connectorId, archived } = request.query;
    return { items: await requests.listPolicies({ ...(connectorId ? { connectorId } : {}), includeArchived: archived === 'true' }) };
  });

  server.get('/api/request-policies/:id', {
    config: { access: READERS },
    schema: {
      operationId: 'getRequestPolicy',
      tags: policyTags,
      summary: 'One request policy, by id or by name (`connector` names its connector where several have a policy of that name)',
      params: z.object({ id: z.string().trim().min(1, 'id is empty').max(200).describe('The policy id, or its name') }),
      querystring: z.object({ connector: z.string().trim().min(1).max(200).optional().describe("The connector's name or id") }),
      response: { 200: policyViewSchema },
    },
  }, async (request) => requests.getPolicy(request.params.id, request.query.connector));

  server.put('/api/request-policies', {
    config: { access: OPERATORS },
    schema: {
      operationId: 'applyRequestPolicy',
      tags: policyTags,
      summary: 'Apply a policy document: created (201), or updated by name on its connector as a new version, or unchanged when the document is the one stored (200). Audited',
      body: requestPolicyDocumentSchema,
      response: { 200: appliedPolicySchema, 201: appliedPolicySchema },
    },
  }, async (request, reply) => {
    const applied = await requests.applyPolicy(request.body, request.caller!.actor);
    return reply.status(applied.outcome === 'created' ? 201 : 200).send(applied);
  });

  server.post('/api/request-policies/preview', {
    config: { access: OPERATORS },
    schema: {
      operationId: 'previewRequestPolicy',
      tags: policyTags,
      summary: 'What a policy document would do, from the last sync: who is eligible, who approves each step, what it makes requestable, and names the sync does not know',
      body: requestPolicyDocumentSchema,
      response: { 200: policyPreviewSchema },
    },
  }, async (request) => requests.previewPolicy(request.body));

  server.post('/api/request-policies/:id/archive', {
    config: { access: OPERATORS },
    schema: {
      operationId: 'archiveRequestPolicy',
      tags: policyTags,
      summary: 'Archive a policy: nothing new is requested under it; requests made under it keep their terms (audited)',
      params: policyIdParams,
      response: { 200: policyViewSchema },
    },
  }, async (request) => requests.archivePolicy(request.params.id, request.caller!.actor));

  server.get('/api/requests/requestable', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'listRequestable',
      tags,
      summary: 'What the caller may request: each entitlement with the policy that applies (and why), its durations, ticket and justification rules, and approval steps',
      response: { 200: z.object({ items: z.array(requestableViewSchema) }) },
    },
  }, async (request) => ({ items: await requests.requestable(await callerOf(request.caller!)) }));

  server.post('/api/requests', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'submitRequest',
      tags,
      summary: 'Request access for a limited time: a permission set on one or more accounts, or a group membership. Refused when no policy lets the caller, or when the only possible approver is the caller; `breakGlass` (where the policy allows it) is granted at once and reviewed after',
      body: submitRequestInputSchema,
      response: { 201: submittedRequestSchema },
    },
  }, async (request, reply) => reply.status(201).send(await requests.submit(request.body, await callerOf(request.caller!))));

  server.get('/api/requests', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'listRequests',
      tags,
      summary: '`mine`: the caller’s requests; `approvals`: requests waiting for the caller’s decision, and break-glass ones awaiting their review after the fact; `all` (administrators and auditors): every request. Newest first',
      querystring: z.object({
        view: z.enum(REQUEST_VIEWS).default('mine'),
        status: z.string().max(300).optional().describe('Only these statuses, comma-separated (pending,active)')
          .transform((s) => s?.split(',').map((x) => x.trim()).filter((x) => x !== ''))
          .pipe(z.array(requestStatusSchema).max(10).optional()),
        connectorId: z.uuid().optional(),
        before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().describe('Requests numbered below this one (the next page after the last one read)'),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { 200: z.object({ items: z.array(requestViewSchema) }) },
    },
  }, async (request) => {
    const { status, connectorId, before, ...rest } = request.query;
    const filter = { ...rest, ...(status?.length ? { status } : {}), ...(connectorId ? { connectorId } : {}), ...(before ? { before } : {}) };
    return { items: await requests.listRequests(filter, await callerOf(request.caller!)) };
  });

  server.get('/api/requests/:id', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'getRequest',
      tags,
      summary: 'One request with its approval steps, decisions, targets (one per account, with their tasks) and timeline: for its requester, its approvers, administrators and auditors; anyone else gets 404',
      params: requestParams,
      response: { 200: requestDetailSchema },
    },
  }, async (request) => requests.getRequest(request.params.id, await callerOf(request.caller!)));

  for (const [verb, operationId, summary] of [
    ['approve', 'approveRequest', 'Approve as an approver of its current step (never your own request); the last approval needed sends it to provisioning'],
    ['deny', 'denyRequest', 'Deny as an approver of its current step, with an optional comment'],
  ] as const) {
    server.post(`/api/requests/:id/${verb}`, {
      config: { access: 'signed-in' },
      preValidation: noBodyIsEmpty,
      schema: { operationId, tags, summary, params: requestParams, body: decideRequestInputSchema, response: { 200: requestDetailSchema } },
    }, async (request) => {
      const caller = await callerOf(request.caller!);
      return verb === 'approve' ? requests.approve(request.params.id, request.body, caller) : requests.deny(request.params.id, request.body, caller);
    });
  }

  server.post('/api/requests/:id/post-hoc-review', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'reviewBreakGlassRequest',
      tags,
      summary: 'Review a break-glass request after the fact, as an approver of its policy\'s step 1 (never your own): appropriate, or inappropriate with a comment, which revokes access still held and tells the Connector Administrators. Once per request',
      params: requestParams,
      body: reviewBreakGlassInputSchema,
      response: { 200: requestDetailSchema },
    },
  }, async (request) => requests.reviewBreakGlass(request.params.id, request.body, await callerOf(request.caller!)));

  server.post('/api/requests/:id/cancel', {
    config: { access: 'signed-in' },
    schema: { operationId: 'cancelRequest', tags, summary: 'Withdraw your own request while it is pending', params: requestParams, response: { 200: requestDetailSchema } },
  }, async (request) => requests.cancel(request.params.id, await callerOf(request.caller!)));

  server.post('/api/requests/:id/revoke', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'revokeRequest',
      tags,
      summary: 'End granted access early (the requester, an approver or an administrator): removed in AWS unless something else grants it, which the request then names',
      params: requestParams,
      body: revokeRequestInputSchema,
      response: { 200: requestDetailSchema },
    },
    preValidation: noBodyIsEmpty,
  }, async (request) => requests.revoke(request.params.id, request.body, await callerOf(request.caller!)));

  server.post('/api/requests/:id/extend', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'extendRequest',
      tags,
      summary: 'Ask for more time on your active request: a new request linked to it, approved like a new one, capped by the policy',
      params: requestParams,
      body: extendRequestInputSchema,
      response: { 201: submittedRequestSchema },
    },
  }, async (request, reply) => reply.status(201).send(await requests.extend(request.params.id, request.body, await callerOf(request.caller!))));
}

/** For actions whose body only adds an optional comment or reason: a POST without a body (`curl -X POST`) is the empty one. */
async function noBodyIsEmpty(request: { body: unknown }): Promise<void> {
  request.body ??= {};
}
