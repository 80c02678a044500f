/** The cache keys of the Settings page: users (also read by the tokens list, for their creators' names) and API tokens. */
export const settingsKeys = {
  users: () => ['users'] as const,
  tokens: () => ['tokens'] as const,
};
