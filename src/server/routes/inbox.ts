import { z } from 'zod';
import type { App } from '../../app.ts';
import { inboxItemSchema, NOTIFICATION_ERRORS, type Reader } from '../../notifications/index.ts';
import { RrcuError } from '../../core/errors.ts';
import type { Caller } from '../caller.ts';
import type { ServerApp } from '../server-app.ts';

/** The caller as an inbox reader; a token whose creator is gone reads no one's inbox. */
function readerOf(caller: Caller): Reader | undefined {
  return caller.userId ? { userId: caller.userId, email: caller.email, role: caller.role } : undefined;
}

/** Each signed-in person's own notifications: nobody reads or marks another's. */
export function inboxRoutes(server: ServerApp, app: App): void {
  server.get('/api/me/inbox', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'getMyInbox',
      tags: ['auth'],
      summary: "The caller's notifications, newest first, and how many are unread",
      querystring: z.object({
        unread: z.enum(['true', 'false']).optional().describe('`true`: only unread notifications'),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      response: { 200: z.object({ unread: z.number(), items: z.array(inboxItemSchema) }) },
    },
  }, async (request) => {
    const reader = readerOf(request.caller!);
    if (!reader) return { unread: 0, items: [] };
    const [unread, items] = await Promise.all([
      app.notifications.unreadCount(reader),
      app.notifications.inboxOf(reader, { limit: request.query.limit, unreadOnly: request.query.unread === 'true' }),
    ]);
    return { unread, items };
  });

  server.post('/api/me/inbox/:id/read', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'markInboxItemRead',
      tags: ['auth'],
      summary: 'Mark one of the caller\'s notifications read',
      params: z.object({ id: z.uuid() }),
      response: { 200: z.object({ ok: z.literal(true) }) },
    },
  }, async (request) => {
    const reader = readerOf(request.caller!);
    if (!reader) throw new RrcuError(NOTIFICATION_ERRORS.NOTIFICATION_NOT_FOUND, `No notification ${request.params.id} in your inbox.`, { fix: 'Sign in as a user to read an inbox.' });
    await app.notifications.markRead(reader, request.params.id);
    return { ok: true as const };
  });

  server.post('/api/me/inbox/read-all', {
    config: { access: 'signed-in' },
    schema: {
      operationId: 'markInboxRead',
      tags: ['auth'],
      summary: "Mark every one of the caller's notifications read",
      response: { 200: z.object({ marked: z.number().describe('How many were unread') }) },
    },
  }, async (request) => {
    const reader = readerOf(request.caller!);
    return { marked: reader ? await app.notifications.markAllRead(reader) : 0 };
  });
}
