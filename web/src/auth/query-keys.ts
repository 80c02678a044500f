/**
 * The cache keys of who is signed in and how one may sign in. `me` is also read by main.tsx: a 401 elsewhere asks
 * /api/me again, which is what sends the UI to sign-in.
 */
export const authKeys = {
  me: () => ['me'] as const,
  methods: () => ['auth-methods'] as const,
};
