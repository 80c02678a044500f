import type { Config } from '../config/index.ts';

/** Local users' subjects are `local:<username>`; those of the IdP's users start with `oidc:`. */
export const LOCAL_SUBJECT_PREFIX = 'local:';

export function localUsernameOf(subject: string): string | null {
  return subject.startsWith(LOCAL_SUBJECT_PREFIX) ? subject.slice(LOCAL_SUBJECT_PREFIX.length) : null;
}

/** Whether people sign in through an identity provider; local accounts (and the tokens they made) are off while they do. */
export function oidcConfigured(config: Pick<Config, 'oidcIssuer'>): boolean {
  return config.oidcIssuer !== undefined;
}
