// The notify seam, the in-app inbox, and delivery (channels, the log, preferences): what other folders may use.
export { notify, notificationInputSchema, type Notification, type NotificationInput } from './notify.ts';
export { inboxItemSchema, inboxOf, markAllRead, markRead, unreadCount, type InboxItem, type Reader } from './inbox.ts';
export { createNotificationService, type NotificationService, type NotificationServiceDeps, type SlackAppSecrets } from './service.ts';
export { NOTIFICATION_ERRORS } from './errors.ts';
export { userOfActor } from './actor-user.ts';
export { CHANNEL_KINDS, DRIVERS, driverFor, emailChannelFromEnvironment, type ChannelKind } from './channels/index.ts';
export { channelViewSchema, createChannelInputSchema, updateChannelInputSchema, type ChannelView, type CreateChannelInput, type UpdateChannelInput } from './channel-records.ts';
export { deliveryFilterSchema, deliveryViewSchema, type DeliveryFilter, type DeliveryPage, type DeliveryView } from './deliveries.ts';
export { preferenceSchema, preferencesInputSchema, preferencesViewSchema, type PreferencesView } from './preference-records.ts';
export { PREFERENCE_CHANNELS, DIGEST_BY_DEFAULT } from './core/preferences.ts';
export { NOTIFICATION_KINDS, type NotificationKindInfo } from './core/kinds.ts';
export { ENVIRONMENT_CHANNEL_ID, type EnvironmentEmail } from './environment-channel.ts';
export { NOTIFICATION_QUEUES, NOTIFICATION_QUEUE_SPECS } from './queues.ts';
export { startNotificationJobs, type NotificationJobDeps } from './jobs.ts';
export { auditStreamState, AUDIT_STREAM_BATCH, type StreamedAuditEvent } from './audit-stream.ts';
export { webhookDriver, type WebhookConfig, type WebhookSecrets } from './channels/webhook.ts';
export { slackAppDriver, slackWebhookDriver, SLACK_ACTIONS, SLACK_DECISION_BLOCK, slackEscape, slackMessage, type SlackBlock } from './channels/slack.ts';
export { callSlack, SLACK_API_URL } from './channels/slack-api.ts';
