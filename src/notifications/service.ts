import { bindDb, type Db } from '../store/index.ts';
import { inboxOf, markAllRead, markRead, unreadCount } from './inbox.ts';

/** The inbox on the app's store, as the doors read it. Writing goes through `notify`, in the caller's transaction. */
export function createNotificationService({ db }: { db: Db }) {
  return {
    inboxOf: bindDb(db, inboxOf),
    unreadCount: bindDb(db, unreadCount),
    markRead: bindDb(db, markRead),
    markAllRead: bindDb(db, markAllRead),
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
