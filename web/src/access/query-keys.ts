/**
 * The cache keys of the access explorer: every answer is under `all()`, which a finished or synced provisioning
 * task and a privileged mark invalidate; suggestions are by the text typed; the marks list (Settings) by whether
 * it holds the history.
 */
export const accessKeys = {
  all: () => ['access'] as const,
  answer: (question: Record<string, string>) => ['access', question] as const,
  suggestions: (text: string) => ['search', text] as const,
  person: (email: string) => ['people', email] as const,
  marks: () => ['privileged-marks'] as const,
  markList: (history: boolean) => ['privileged-marks', { history }] as const,
};
