import type { AppRole } from '../identity/index.ts';
import type { Access } from './auth/access.ts';

/** Who is calling: a browser session or an API token, with the role the call is judged by. */
export type Caller = {
  via: 'session' | 'token';
  /** The signed-in user; for a token, the user who created it (null once that user is gone). */
  userId: string | null;
  tokenId: string | null;
  role: AppRole;
  email: string | null;
  displayName: string;
  /** How the audit log names this caller: `user:<id>` or `token:<id>`. */
  actor: string;
  /** The session's CSRF token (sessions only), required in `x-csrf-token` on state-changing requests. */
  csrfToken: string | null;
  /** The session row's key, so sign-out can revoke exactly this one. */
  sessionIdHash: string | null;
};

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | undefined;
  }
  interface FastifyContextConfig {
    /** Required on every route: who may call it (checked before the handler, by `app.ts`). */
    access?: Access;
  }
}
