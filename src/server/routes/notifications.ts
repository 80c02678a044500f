import { z } from 'zod';
import type { App } from '../../app.ts';
import { RrcuError } from '../../core/errors.ts';
import {
  channelViewSchema, createChannelInputSchema, deliveryFilterSchema, deliveryViewSchema, NOTIFICATION_ERRORS, NOTIFICATION_KINDS, preferencesInputSchema, preferencesViewSchema, updateChannelInputSchema,
} from '../../notifications/index.ts';
import { ADMINS } from '../auth/access.ts';
import type { Caller } from '../caller.ts';
import type { ServerApp } from '../server-app.ts';

const channelId = z.object({ id: z.uuid() });

/** The caller's own user: preferences belong to a user (a token acts as its creator; one whose creator is gone has none). */
function userOf(caller: Caller): string {
  if (caller.userId) return caller.userId;
  throw new RrcuError(NOTIFICATION_ERRORS.PREFERENCE_INVALID, 'This API token has no user (its creator is gone), so it has no notification preferences.', {
    fix: 'Sign in as a user, or use a token of a user who still exists.',
  });
}

/**
 * Settings → Notifications over the API: channels (secrets write-only: an answer says `hasSecrets`, never
 * a secret), Send test, the delivery log and Retry — the Super Administrator's; and each signed-in user's
 * own preferences, nobody else's.
 */
export function notificationRoutes(server: ServerApp, app: App): void {
  const n = app.notifications;

  server.get('/api/notifications/kinds', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'listNotificationKinds',
      tags: ['notifications'],
      summary: 'The kinds of notification RRCU sends, in words and with whom each reaches: what a channel\'s routing and a person\'s preferences choose among',
      response: { 200: z.object({ items: z.array(z.object({ kind: z.string(), label: z.string(), to: z.string() })) }) },
    },
  }, async () => ({ items: [...NOTIFICATION_KINDS] }));

  server.get('/api/notifications/channels', {
    config: { access: ADMINS },
    schema: {
      operationId: 'listNotificationChannels',
      tags: ['notifications'],
      summary: 'Notification channels (email, webhooks, Slack), secrets never shown; RRCU_SMTP_URL\'s channel read-only (source environment)',
      querystring: z.object({ includeArchived: z.enum(['true', 'false']).optional().describe('`true`: archived channels too') }),
      response: { 200: z.object({ items: z.array(channelViewSchema) }) },
    },
  }, async (request) => ({ items: await n.listChannels({ includeArchived: request.query.includeArchived === 'true' }) }));

  server.post('/api/notifications/channels', {
    config: { access: ADMINS },
    schema: {
      operationId: 'createNotificationChannel',
      tags: ['notifications'],
      summary: 'Add a channel: its kind\'s settings in config, its secrets (password, signing secret, token, webhook URL) in secrets — stored encrypted, never returned',
      body: createChannelInputSchema,
      response: { 201: channelViewSchema },
    },
  }, async (request, reply) => reply.status(201).send(await n.createChannel(request.body, request.caller!.actor)));

  server.get('/api/notifications/channels/:id', {
    config: { access: ADMINS },
    schema: { operationId: 'getNotificationChannel', tags: ['notifications'], summary: 'One notification channel, secrets never shown', params: channelId, response: { 200: channelViewSchema } },
  }, async (request) => n.getChannel(request.params.id));

  server.patch('/api/notifications/channels/:id', {
    config: { access: ADMINS },
    schema: {
      operationId: 'updateNotificationChannel',
      tags: ['notifications'],
      summary: 'Change a channel: name, enabled, settings (replaced whole), secrets (absent keeps them, null removes them), event routing, audit streaming',
      params: channelId,
      body: updateChannelInputSchema,
      response: { 200: channelViewSchema },
    },
  }, async (request) => n.updateChannel(request.params.id, request.body, request.caller!.actor));

  server.delete('/api/notifications/channels/:id', {
    config: { access: ADMINS },
    schema: {
      operationId: 'archiveNotificationChannel',
      tags: ['notifications'],
      summary: 'Archive a channel: nothing more is sent on it; its deliveries stay in the log',
      params: channelId,
      response: { 200: channelViewSchema },
    },
  }, async (request) => n.archiveChannel(request.params.id, request.caller!.actor));

  server.post('/api/notifications/channels/:id/test', {
    config: { access: ADMINS },
    schema: {
      operationId: 'testNotificationChannel',
      tags: ['notifications'],
      summary: 'Send a test message on the channel now; the answer is its delivery as recorded (sent, or why not). Email and Slack direct messages need `to`',
      params: channelId,
      body: z.object({ to: z.string().trim().max(320).optional().describe('The email address of the person to send the test to (email, Slack app)') }).optional(),
      response: { 200: deliveryViewSchema },
    },
  }, async (request) => n.sendTest(request.params.id, { to: request.body?.to, actor: request.caller!.actor }));

  server.get('/api/notifications/deliveries', {
    config: { access: ADMINS },
    schema: {
      operationId: 'listNotificationDeliveries',
      tags: ['notifications'],
      summary: 'The delivery log, newest first: what was sent on which channel to whom, its status, attempts and the reason of a failure; `next` pages on',
      querystring: deliveryFilterSchema,
      response: { 200: z.object({ items: z.array(deliveryViewSchema), next: z.string().nullable() }) },
    },
  }, async (request) => n.listDeliveries(request.query));

  server.post('/api/notifications/deliveries/:id/retry', {
    config: { access: ADMINS },
    schema: {
      operationId: 'retryNotificationDelivery',
      tags: ['notifications'],
      summary: 'Send a failed or uncertain delivery again (an uncertain one may then arrive twice)',
      params: channelId,
      response: { 200: deliveryViewSchema },
    },
  }, async (request) => n.retryDelivery(request.params.id, request.caller!.actor));

  server.get('/api/me/notification-preferences', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'getMyNotificationPreferences',
      tags: ['auth'],
      summary: "The caller's choices of how each kind of notification reaches them by email and Slack, and the defaults where they made none",
      response: { 200: preferencesViewSchema },
    },
  }, async (request) => n.preferencesOf(userOf(request.caller!)));

  server.put('/api/me/notification-preferences', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'setMyNotificationPreferences',
      tags: ['auth'],
      summary: "Replace the caller's choices: per channel (email, slack) and event kind (or * for all), immediate, digest (daily) or off",
      body: z.object({ items: preferencesInputSchema }),
      response: { 200: preferencesViewSchema },
    },
  }, async (request) => n.setPreferences(userOf(request.caller!), request.body.items, request.caller!.actor));
}
