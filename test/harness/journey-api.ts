import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { RunningRrcu } from '../../src/server/start.ts';

type Run = { id: number; status: string; connectorId: string };
/** The fields of an access record the browser tests pick grants by. */
export type JourneyGrant = { principalType: string; principalId: string; principalName: string | null; resourceType: string; resourceId: string; resourceName: string | null; entitlement: string | null; permissionSetArn: string | null };

/**
 * The API as the signed-in page calls it (changes carry the session's CSRF token, as the UI sends them),
 * and the connector's succeeded sync runs, newest first.
 */
export function journeyApi(page: Page, rrcu: RunningRrcu) {
  const api = async <T,>(method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> => {
    const csrf = method === 'GET' ? '' : ((await (await page.request.get(`${rrcu.url}/api/me`)).json()) as { csrfToken: string }).csrfToken;
    const res = method === 'GET' ? await page.request.get(`${rrcu.url}${path}`) : await page.request.post(`${rrcu.url}${path}`, { data, headers: { 'x-csrf-token': csrf } });
    expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  };
  const succeededRuns = async () => (await api<{ items: Run[] }>('GET', '/api/syncs')).items.filter((r) => r.status === 'succeeded');
  return { api, succeededRuns };
}

/**
 * An Identity Center user with a name, and a permission set on a named account they do not hold there yet,
 * with its entitlement key (an IAM policy on the account may have the permission set's name).
 */
export function userLackingPermissionSet(grants: JourneyGrant[]): { user: { id: string; name: string }; permissionSet: string; account: string; entitlementKey: string } {
  const onAccounts = grants.filter((g) => g.resourceType === 'account' && g.resourceName && g.entitlement && g.permissionSetArn);
  const users = [...new Map(onAccounts.filter((g) => g.principalType === 'sso_user' && g.principalName).map((g) => [g.principalId, g.principalName!])).entries()];
  const keyOf = (g: JourneyGrant) => `account:${g.resourceId}#${g.permissionSetArn}`;
  const pairs = new Map(onAccounts.map((g) => [keyOf(g), g]));
  const [user, pair] = users.flatMap(([id, name]) => {
    const held = new Set(onAccounts.filter((g) => g.principalId === id).map(keyOf));
    const missing = [...pairs.values()].find((g) => !held.has(keyOf(g)));
    return missing ? [[{ id, name }, missing] as const] : [];
  })[0]!;
  return { user, permissionSet: pair.entitlement!, account: pair.resourceName!, entitlementKey: keyOf(pair) };
}
