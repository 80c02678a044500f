/** The cache keys of the signed-in person's own access, by the instant asked (null for now), and their notification preferences. */
export const meKeys = {
  access: (at: string | undefined) => ['my-access', at ?? null] as const,
  notificationPreferences: () => ['notification-preferences'] as const,
};
