import { createContext, useContext, type ReactNode } from 'react';
import { api, setCsrfToken } from '../api.ts';
import type { Me, Role } from '../types.ts';

/** Who is signed in, for every page below the auth gate in app.tsx. */

const MeContext = createContext<Me | null>(null);

export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() is used outside <MeProvider>: only pages behind the sign-in gate know who is signed in.');
  return me;
}

export type Capability = 'read' | 'operate' | 'admin';

// The roles of src/server/auth/access.ts: READERS, OPERATORS, ADMINS; the Super Administrator passes every check.
const ROLES_FOR: Record<Capability, readonly Role[]> = {
  read: ['super_admin', 'connector_admin', 'auditor'],
  operate: ['super_admin', 'connector_admin'],
  admin: ['super_admin'],
};

/** Whether the signed-in user may read everything, change connectors and access, or administer RRCU itself. */
export function can(me: Me, capability: Capability): boolean {
  return ROLES_FOR[capability].includes(me.user.role);
}

/** What a page or a menu item asks of the signed-in user: one of the capabilities, or only to be signed in. */
export type Needs = Capability | 'signed-in';

export function allowed(me: Me, needs: Needs): boolean {
  return needs === 'signed-in' || can(me, needs);
}

/**
 * Ends this session and shows the sign-in page. A full page load (not a client-side navigation) so that no cached
 * data of the previous user survives in memory.
 */
export async function signOut(): Promise<void> {
  await api<void>('POST', '/api/auth/logout');
  setCsrfToken(null);
  window.location.assign('/sign-in');
}

/** Ends every session of the signed-in user, on every browser, then shows the sign-in page. */
export async function signOutEverywhere(): Promise<void> {
  await api<void>('POST', '/api/auth/logout-everywhere');
  setCsrfToken(null);
  window.location.assign('/sign-in');
}
