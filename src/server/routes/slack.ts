import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { RrcuError } from '../../core/errors.ts';
import { firstSightOfSlackRequest, verifySlackSignature } from '../../notifications/index.ts';
import { InvalidInputError } from '../error-handler.ts';
import { SLACK_ERRORS } from '../errors.ts';
import type { ServerApp } from '../server-app.ts';
import { onBlockAction, onViewSubmission, parseJson, slackPayloadSchema, type SlackApp, type SlackOutcome } from '../slack-actions.ts';

/** Slack's interaction payloads are small; a modal's state is the largest. */
const BODY_LIMIT = 256 * 1024;

const WHY = {
  missing: 'carries no X-Slack-Signature or X-Slack-Request-Timestamp',
  malformed: 'carries an X-Slack-Signature or X-Slack-Request-Timestamp that is not in Slack\'s format',
  stale: 'was signed more than five minutes from now',
  mismatch: "is not signed with the Slack app's signing secret",
} as const;

/**
 * POST /api/slack/interactions: the Request URL of the Slack app's Interactivity. No session or token:
 * the request is Slack's when its signature (HMAC of the raw body with the enabled slack_app channel's
 * signing secret) holds, its timestamp is within five minutes, and that signature was not seen before
 * (a replay). Only then is the payload read, and the Slack user acts as their person (slack-actions.ts).
 *
 * Slack wants an answer within three seconds: a button is answered at once and its outcome posted to the
 * response_url; a modal's submission is answered with its outcome (errors are shown in the modal).
 */
export function slackRoutes(server: ServerApp, app: App): void {
  const rawBodies = new WeakMap<FastifyRequest, string>();
  const apps = new WeakMap<FastifyRequest, SlackApp>();
  void server.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    // The HMAC is over the bytes Slack sent: this route keeps them beside the parsed form. Scoped to this route's plugin only.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (request, body, done) => {
      const text = body as string;
      rawBodies.set(request, text);
      const form: Record<string, string> = {};
      for (const [key, value] of new URLSearchParams(text)) if (!(key in form)) Object.defineProperty(form, key, { value, enumerable: true, writable: true, configurable: true });
      done(null, form);
    });

    scope.post('/api/slack/interactions', {
      config: { access: 'anyone' },
      // Before the body's schema: an unsigned request learns nothing of what this route reads.
      preValidation: async (request) => void apps.set(request, await verified(request)),
      schema: {
        operationId: 'slackInteraction',
        tags: ['notifications'],
        summary: "Slack's interactions with RRCU's messages (Approve/Deny, Keep/Revoke and the comment form): signed by Slack with the Slack app's signing secret, not by a session or token. Set it as the Slack app's Interactivity Request URL",
        consumes: ['application/x-www-form-urlencoded'],
        security: [],
        body: z.object({ payload: z.string().min(1).max(BODY_LIMIT).describe("Slack's interaction payload, JSON") }),
        response: { 200: z.record(z.string(), z.unknown()).describe('Empty, or a modal\'s errors (response_action: errors)') },
      },
    }, async (request, reply) => {
      const slack = apps.get(request)!;
      const payload = slackPayloadSchema.safeParse(parseJson(request.body.payload));
      if (!payload.success) throw new InvalidInputError([{ field: 'body.payload', message: 'is not a Slack interaction payload' }]);
      const log = request.log;
      if (payload.data.type === 'view_submission') {
        const outcome = await onViewSubmission(app, slack, payload.data);
        void postReply(outcome, log);
        return reply.send(outcome.answer ?? {});
      }
      if (payload.data.type !== 'block_actions') return reply.send({});
      // Answered now; the action and its reply follow (the acknowledgement must reach Slack within three seconds).
      void reply.send({});
      void onBlockAction(app, slack, payload.data)
        .then((outcome) => postReply(outcome, log))
        .catch((e: unknown) => log.error({ err: e }, 'slack interaction failed'));
      return reply;
    });
  });

  async function verified(request: FastifyRequest): Promise<SlackApp> {
    const raw = rawBodies.get(request);
    const timestamp = request.headers['x-slack-request-timestamp'];
    const signature = request.headers['x-slack-signature'];
    const refuse = (why: string, fix = 'Only Slack calls this address, with the Slack app RRCU is set up with.') => new RrcuError(SLACK_ERRORS.SLACK_SIGNATURE_INVALID, `This request ${why}.`, { fix });
    if (raw === undefined || typeof timestamp !== 'string' || typeof signature !== 'string') throw refuse(WHY.missing);
    const slack = await app.notifications.slackApp();
    if (!slack) throw refuse('cannot be verified: no Slack app channel is enabled', 'Add a Slack app channel (bot token and signing secret) under Settings → Notifications.');
    const now = new Date();
    const check = verifySlackSignature(slack.signingSecret, timestamp, raw, signature, now);
    if (!check.ok) throw refuse(WHY[check.reason]);
    if (!(await firstSightOfSlackRequest(app.store.db, signature, now))) throw refuse('was received before: a replay is refused');
    return { botToken: slack.botToken, signingSecret: slack.signingSecret, apiUrl: app.config.slackApiUrl };
  }
}

/** What the interaction says on the message, posted to Slack's response_url; a failure there is logged, the decision stands. */
async function postReply(outcome: SlackOutcome, log: FastifyBaseLogger): Promise<void> {
  if (!outcome.reply) return;
  try {
    const response = await fetch(outcome.reply.url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(outcome.reply.body), redirect: 'error', signal: AbortSignal.timeout(10_000) });
    if (!response.ok) log.warn({ status: response.status }, 'slack response_url refused the reply');
  } catch (e) {
    log.warn({ err: e }, 'slack response_url could not be reached');
  }
}
