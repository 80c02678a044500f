import type { AppRole } from '../store/index.ts';

export type { AppRole };

export const APP_ROLES = ['super_admin', 'connector_admin', 'auditor', 'person'] as const satisfies readonly AppRole[];

export const ROLE_LABELS: Record<AppRole, string> = {
  super_admin: 'Super Administrator',
  connector_admin: 'Connector Administrator',
  auditor: 'Auditor',
  person: 'Person',
};

/**
 * The roles from least to most: each may call every route the one before it may (the server's route
 * access levels are nested that way, and `accessFollowsRoleOrder` keeps every route so), which is what
 * lets a token be held to "the lower of two roles".
 */
export const ROLE_ORDER = ['person', 'auditor', 'connector_admin', 'super_admin'] as const satisfies readonly AppRole[];

/** The lower of two roles: what a token may do when its creator now holds `ceiling`. */
export function lowerRole(role: AppRole, ceiling: AppRole): AppRole {
  return ROLE_ORDER.indexOf(role) <= ROLE_ORDER.indexOf(ceiling) ? role : ceiling;
}

/** The roles above `role`: the tokens a user demoted to `role` may no longer hold. */
export function rolesAbove(role: AppRole): AppRole[] {
  return ROLE_ORDER.slice(ROLE_ORDER.indexOf(role) + 1);
}
