import type { AppRole } from '../../store/schema/index.ts';

export type { AppRole };

export const APP_ROLES = ['super_admin', 'connector_admin', 'auditor', 'person'] as const satisfies readonly AppRole[];

export const ROLE_LABELS: Record<AppRole, string> = {
  super_admin: 'Super Administrator',
  connector_admin: 'Connector Administrator',
  auditor: 'Auditor',
  person: 'Person',
};

/**
 * Who may call a route: `anyone` (sign-in pages, health), `signed-in` (every person: their own access,
 * later their reviews and requests), or the roles named. A Super Administrator may call every route.
 */
export type Access = 'anyone' | 'signed-in' | readonly Exclude<AppRole, 'person' | 'super_admin'>[] | readonly ['super_admin'];

/** Read everything: the roles that see the whole inventory, its history and the audit log. */
export const READERS = ['connector_admin', 'auditor'] as const;
/** Change connectors, syncs and access in AWS. */
export const OPERATORS = ['connector_admin'] as const;
/** Only the Super Administrator (users, roles, API tokens). */
export const ADMINS = ['super_admin'] as const;

/**
 * The roles from least to most: each may call every route the one before it may (READERS, OPERATORS and
 * ADMINS are nested that way, and `accessFollowsRoleOrder` keeps every route so), which is what lets a
 * token be held to "the lower of two roles".
 */
const ROLE_ORDER = ['person', 'auditor', 'connector_admin', 'super_admin'] as const satisfies readonly AppRole[];

/** The lower of two roles: what a token may do when its creator now holds `ceiling`. */
export function lowerRole(role: AppRole, ceiling: AppRole): AppRole {
  return ROLE_ORDER.indexOf(role) <= ROLE_ORDER.indexOf(ceiling) ? role : ceiling;
}

/** The roles above `role`: the tokens a user demoted to `role` may no longer hold. */
export function rolesAbove(role: AppRole): AppRole[] {
  return ROLE_ORDER.slice(ROLE_ORDER.indexOf(role) + 1);
}

/** True when every role above one the route allows is allowed too; `lowerRole` is only sound for such routes. */
export function accessFollowsRoleOrder(access: Access): boolean {
  return ROLE_ORDER.every((role, i) => !allows(access, role) || ROLE_ORDER.slice(i + 1).every((higher) => allows(access, higher)));
}

export function allows(access: Access, role: AppRole | undefined): boolean {
  if (access === 'anyone') return true;
  if (role === undefined) return false;
  if (access === 'signed-in' || role === 'super_admin') return true;
  return (access as readonly AppRole[]).includes(role);
}
