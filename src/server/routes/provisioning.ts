import { z } from 'zod';
import type { App } from '../../app.ts';
import { COMMON_ERRORS, RrcuError } from '../../core/errors.ts';
import { PROVISIONING_ACTIONS } from '../../core/provisioning-target.ts';
import { grantRequestSchema, type RequestedTask, revokeRequestSchema, taskStatusSchema, taskViewSchema, toTaskView } from '../../provisioning/index.ts';
import type { ServerApp } from '../server-app.ts';
import { OPERATORS, READERS } from '../auth/access.ts';
import { PROVISIONING_ERRORS } from '../../provisioning/errors.ts';

const grantFields = grantRequestSchema.shape;
const revokeByIdFields = revokeRequestSchema.options[0].shape;

/**
 * One body for both actions, with the fields of the CLI's request schemas; which fields an action
 * needs is checked here so a missing one is a 400 naming it. Actor and trigger are not the caller's to
 * set: the actor is who is signed in, and a request through the API is a manual one.
 */
const taskBodySchema = z
  .object({
    action: z.enum(PROVISIONING_ACTIONS),
    connector: grantFields.connector.describe('Connector name or id'),
    entitlement: grantFields.entitlement.optional().describe('`AdministratorAccess on payments-prod`, `member of Billing`, a group name, or an entitlement key'),
    resource: grantFields.resource.describe('The account or group, when `entitlement` is a bare name'),
    principal: grantFields.principal.optional().describe('Principal id (ARN, Identity Center id), user name, email or group name'),
    grantId: revokeByIdFields.grantId.optional().describe('Revoke: the grantId of a row of GET /api/access'),
    reason: grantFields.reason,
  })
  .superRefine((body, ctx) => {
    const byId = body.grantId !== undefined;
    if (body.action === 'grant' && byId) ctx.addIssue({ code: 'custom', path: ['grantId'], message: 'a grant names an entitlement and a principal, not a grant id' });
    if (body.action === 'revoke' && byId && (body.entitlement !== undefined || body.principal !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['grantId'], message: 'give grantId, or entitlement and principal, not both' });
    }
    if (body.action === 'grant' || !byId) {
      if (body.entitlement === undefined) ctx.addIssue({ code: 'custom', path: ['entitlement'], message: `required for a ${body.action}${body.action === 'revoke' ? ' without grantId' : ''}` });
      if (body.principal === undefined) ctx.addIssue({ code: 'custom', path: ['principal'], message: `required for a ${body.action}${body.action === 'revoke' ? ' without grantId' : ''}` });
    }
  });

export function provisioningRoutes(server: ServerApp, app: App): void {
  server.post('/api/tasks', {
    config: { access: OPERATORS },
    schema: {
      operationId: 'requestTask',
      tags: ['provisioning'],
      summary: 'Ask for access to be granted or revoked in AWS; the task runs on a worker (poll GET /api/tasks/:id)',
      body: taskBodySchema,
      response: { 202: z.object({ task: taskViewSchema, existing: z.boolean().describe('An unfinished task already asked for the same change; this is that task') }) },
    },
  }, async (request, reply) => {
    const { action, grantId, entitlement, principal, ...common } = request.body;
    const fields = { ...common, actor: request.caller!.actor };
    const requested = await (async (): Promise<RequestedTask> => {
      if (action === 'revoke' && grantId !== undefined) return app.provisioning.requestRevoke({ ...fields, grantId });
      // The body schema has already required both; this narrows their types.
      if (entitlement === undefined || principal === undefined) {
        throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, 'body.entitlement and body.principal are required.', { fix: 'Name the entitlement and the principal.' });
      }
      const byName = { ...fields, entitlement, principal };
      return action === 'grant' ? app.provisioning.requestGrant(byName) : app.provisioning.requestRevoke(byName);
    })();
    return reply.status(202).send({ task: toTaskView(requested.task), existing: requested.existing });
  });

  server.get('/api/tasks', {
    config: { access: READERS },
    schema: {
      operationId: 'listTasks',
      tags: ['provisioning'],
      summary: 'Provisioning tasks, newest first',
      querystring: z.object({
        status: taskStatusSchema.optional(),
        connectorId: z.uuid().optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
      response: { 200: z.object({ items: z.array(taskViewSchema.extend({ actorName: z.string().nullable().describe('Who asked, in words; null for system and CLI actors') })) }) },
    },
  }, async (request) => {
    const { status, connectorId, limit } = request.query;
    if (connectorId) await app.connectors.find(connectorId);
    const tasks = await app.tasks.listTasks({ ...(status ? { status } : {}), ...(connectorId ? { connectorId } : {}), limit });
    const names = await app.identity.actorNames(tasks.map((t) => t.actor));
    return { items: tasks.map((t) => ({ ...toTaskView(t), actorName: names.get(t.actor) ?? null })) };
  });

  server.get('/api/tasks/:id', {
    config: { access: READERS },
    schema: {
      operationId: 'getTask',
      tags: ['provisioning'],
      summary: 'One provisioning task',
      params: z.object({ id: z.string().trim().min(1).max(100) }),
      response: { 200: taskViewSchema },
    },
  }, async (request) => {
    const task = await app.tasks.getTask(request.params.id);
    if (!task) throw new RrcuError(PROVISIONING_ERRORS.TASK_NOT_FOUND, `No provisioning task with id ${JSON.stringify(request.params.id)}.`, { fix: 'List tasks with GET /api/tasks.' });
    return toTaskView(task);
  });
}
