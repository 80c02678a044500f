/**
 * How an entitlement reads to people: `AdministratorAccess on payments-prod`, `member of Admins`,
 * `may assume role Deploy` (a role's trust policy); with the
 * key in brackets to tell candidates apart. Tasks, name resolution and diffs all say it this way.
 */
export function describeEntitlement(e: { displayName: string; slug: string; resourceDisplayName: string | null; resourceExternalId: string; key: string }, options: { withKey?: boolean } = {}): string {
  const on = e.resourceDisplayName ?? e.resourceExternalId;
  const what = e.slug === 'member' ? `member of ${on}` : e.slug === 'assume' ? `may assume role ${on}` : `${e.displayName} on ${on}`;
  return options.withKey ? `${what} [${e.key}]` : what;
}
