/** The cache keys of the signed-in person's own access, by the instant asked (null for now). */
export const meKeys = {
  access: (at: string | undefined) => ['my-access', at ?? null] as const,
};
