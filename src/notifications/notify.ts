import { z } from 'zod';
import { notifications, type Db } from '../store/index.ts';

const RECIPIENT_ROLES = ['super_admin', 'connector_admin', 'auditor', 'person'] as const;

/**
 * What a capability announces. Exactly one recipient: a person, a user, or every user of a role. The
 * dedupe key names the event (`provisioning.task_failed:<task id>`): the same key twice is one notification.
 */
export const notificationInputSchema = z
  .object({
    kind: z.string().trim().regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/, 'dotted lower-case words, like review.assigned').max(100),
    recipient: z.union([
      z.object({ personId: z.uuid() }),
      z.object({ userId: z.uuid() }),
      z.object({ role: z.enum(RECIPIENT_ROLES) }),
    ]),
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().max(2000).default(''),
    /** A path of the web app, never another site: the inbox renders it as a link. */
    link: z.string().regex(/^\/(?!\/)[\w\-./?=&%#:]*$/, 'a path of the web app, like /tasks/<id>').max(500).optional(),
    payload: z.record(z.string(), z.unknown()).default({}),
    dedupeKey: z.string().trim().min(1).max(300),
  });

export type NotificationInput = z.input<typeof notificationInputSchema>;
export type Notification = typeof notifications.$inferSelect;

/**
 * Writes one notification to the outbox. Call it inside the transaction of the event it announces (as
 * `recordAuditEvent`), so it exists exactly when the event commits; delivery (the inbox now, email and
 * Slack later) reads the outbox after the commit. Returns undefined when the dedupe key was used already.
 */
export async function notify(db: Db, input: NotificationInput, now: Date = new Date()): Promise<Notification | undefined> {
  const n = notificationInputSchema.parse(input);
  const [row] = await db
    .insert(notifications)
    .values({
      kind: n.kind,
      recipientPersonId: 'personId' in n.recipient ? n.recipient.personId : null,
      recipientUserId: 'userId' in n.recipient ? n.recipient.userId : null,
      recipientRole: 'role' in n.recipient ? n.recipient.role : null,
      title: n.title,
      body: n.body,
      link: n.link ?? null,
      payload: JSON.parse(JSON.stringify(n.payload)) as Record<string, unknown>,
      dedupeKey: n.dedupeKey,
      createdAt: now,
    })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning();
  return row;
}
