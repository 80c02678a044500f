import { and, desc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { RrcuError } from '../core/errors.ts';
import { notificationReads, notifications, people, queryRows, type AppRole, type Db } from '../store/index.ts';
import { NOTIFICATION_ERRORS } from './errors.ts';

/** Whose inbox: a signed-in user, and through their email the person of the inventory they are. */
export type Reader = { userId: string; email: string | null; role: AppRole };

export const inboxItemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable().describe('A path of the web app'),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export type InboxItem = z.infer<typeof inboxItemSchema>;

/**
 * The notifications addressed to the reader: to them as a user, to the person with their email, or to
 * their role (a Super Administrator also gets what goes to any role, as they may do what each may).
 */
function addressedTo(reader: Reader): SQL {
  const conditions: SQL[] = [eq(notifications.recipientUserId, reader.userId)];
  if (reader.email) {
    conditions.push(sql`${notifications.recipientPersonId} = (select ${people.id} from ${people} where ${people.email} = ${reader.email.toLowerCase()})`);
  }
  conditions.push(reader.role === 'super_admin' ? sql`${notifications.recipientRole} is not null` : eq(notifications.recipientRole, reader.role));
  return or(...conditions)!;
}

const readByReader = (reader: Reader) => and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, reader.userId));

/** The reader's notifications, newest first, each with when they read it. */
export async function inboxOf(db: Db, reader: Reader, options: { limit?: number; unreadOnly?: boolean } = {}): Promise<InboxItem[]> {
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notificationReads.readAt,
    })
    .from(notifications)
    .leftJoin(notificationReads, readByReader(reader))
    .where(and(addressedTo(reader), options.unreadOnly ? isNull(notificationReads.readAt) : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit ?? 50);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null }));
}

export async function unreadCount(db: Db, reader: Reader): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .leftJoin(notificationReads, readByReader(reader))
    .where(and(addressedTo(reader), isNull(notificationReads.readAt)));
  return row?.n ?? 0;
}

/** Marks one of the reader's notifications read; another's, or none, is NOTIFICATION_NOT_FOUND (never "forbidden"). */
export async function markRead(db: Db, reader: Reader, id: string): Promise<void> {
  const [mine] = await db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.id, id), addressedTo(reader)));
  if (!mine) {
    throw new RrcuError(NOTIFICATION_ERRORS.NOTIFICATION_NOT_FOUND, `No notification ${id} in your inbox.`, { fix: 'List your inbox (GET /api/me/inbox) for the ids it holds.' });
  }
  await db.insert(notificationReads).values({ notificationId: id, userId: reader.userId }).onConflictDoNothing();
}

/** Marks every notification of the reader's inbox read; answers how many were unread. */
export async function markAllRead(db: Db, reader: Reader): Promise<number> {
  const marked = await queryRows<{ id: string }>(db, sql`
    insert into ${notificationReads} (notification_id, user_id)
    select ${notifications.id}, ${reader.userId}::uuid from ${notifications}
    where ${addressedTo(reader)}
    on conflict do nothing
    returning notification_id as id`);
  return marked.length;
}
