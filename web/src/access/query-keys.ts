/**
 * The cache keys of the access explorer: every answer is under `all()`, which a finished or synced provisioning
 * task invalidates; suggestions are by the text typed.
 */
export const accessKeys = {
  all: () => ['access'] as const,
  answer: (question: Record<string, string>) => ['access', question] as const,
  suggestions: (text: string) => ['search', text] as const,
  person: (email: string) => ['people', email] as const,
};
