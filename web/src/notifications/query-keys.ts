/** The cache keys of the signed-in person's inbox: the bell's count and the list share `all`. */
export const inboxKeys = {
  all: ['inbox'] as const,
  list: (unreadOnly: boolean) => ['inbox', 'list', unreadOnly] as const,
};

/** The catalogue of notification kinds (the server's; it does not change while RRCU runs). */
export const notificationKindKeys = { all: () => ['notification-kinds'] as const };
