// The notify seam and the in-app inbox: what other folders may use.
export { notify, notificationInputSchema, type Notification, type NotificationInput } from './notify.ts';
export { inboxItemSchema, inboxOf, markAllRead, markRead, unreadCount, type InboxItem, type Reader } from './inbox.ts';
export { createNotificationService, type NotificationService } from './service.ts';
export { NOTIFICATION_ERRORS } from './errors.ts';
