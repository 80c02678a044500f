/** The cache keys of the Settings page: users (also read by the tokens list, for their creators' names), API tokens, and Notifications (channels, the delivery log). */
export const settingsKeys = {
  users: () => ['users'] as const,
  tokens: () => ['tokens'] as const,
  notificationChannels: () => ['notification-channels'] as const,
  /** Every page of the delivery log, whatever its filter: what a test, a retry or a channel change makes stale. */
  allDeliveries: () => ['notification-deliveries'] as const,
  deliveries: (filter: { status?: string; channelId?: string }) => ['notification-deliveries', filter] as const,
};
