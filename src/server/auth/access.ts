import { ROLE_ORDER, type AppRole } from '../../identity/index.ts';

/**
 * Who may call a route: `anyone` (sign-in pages, health), `signed-in` (every person: their own access,
 * later their reviews and requests), or the roles named. A Super Administrator may call every route.
 */
export type Access = 'anyone' | 'signed-in' | readonly Exclude<AppRole, 'person' | 'super_admin'>[] | readonly ['super_admin'];

/** Read everything: the roles that see the whole inventory, its history and the audit log. */
export const READERS = ['connector_admin', 'auditor'] as const;
/** Change connectors, syncs and access in AWS. */
export const OPERATORS = ['connector_admin'] as const;
/** Only the Super Administrator (users, roles, everyone's API tokens). */
export const ADMINS = ['super_admin'] as const;

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
