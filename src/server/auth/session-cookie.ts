import type { CookieSerializeOptions } from '@fastify/cookie';
import type { Config } from '../../config/index.ts';

export const SESSION_COOKIE = 'rrcu_session';

/**
 * The session cookie's attributes: out of reach of scripts, not sent on cross-site POSTs, and only over
 * TLS when RRCU is served on https. No Max-Age: the server decides when a session ends.
 */
export function sessionCookieOptions(config: Pick<Config, 'publicUrl'>): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: config.publicUrl?.startsWith('https://') ?? false };
}
