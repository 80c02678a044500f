import type { Role } from '../types.ts';

/** RRCU's roles as src/identity/roles.ts names them, most powerful first. */
export const ROLE_OPTIONS: { value: Role; label: string }[] = [
  { value: 'super_admin', label: 'Super Administrator' },
  { value: 'connector_admin', label: 'Connector Administrator' },
  { value: 'auditor', label: 'Auditor' },
  { value: 'person', label: 'Person' },
];

export function roleLabel(role: Role): string {
  return ROLE_OPTIONS.find((r) => r.value === role)?.label ?? role;
}

/** The roles a token of someone holding `role` may have: theirs and those below (the server refuses any above). */
export function rolesUpTo(role: Role): { value: Role; label: string }[] {
  return ROLE_OPTIONS.slice(Math.max(0, ROLE_OPTIONS.findIndex((r) => r.value === role)));
}
