import type { ReactNode } from 'react';
import type { AccessRecord, ApiAnswer } from '../types.ts';
import { Link } from '../ui/link.tsx';
import { formatDate, formatDay, formatTime } from '../ui/when.ts';
import type { GroupBy } from './access-group-by.tsx';
import { markSummary } from './privileged-mark-dialogs.tsx';
import { entitlementLabel, isExternalPrincipal, principalLabel, resourceLabel, resourceTypeLabel } from './labels.ts';

type Group = { key: string; title: string; rows: AccessRecord[] };

function groupKey(r: AccessRecord, by: GroupBy): [string, string] {
  switch (by) {
    case 'principal':
      return [`${r.principalType}:${r.principalId}`, `${principalLabel(r)} (${resourceTypeLabel(r.principalType)})`];
    case 'resource':
      return [`${r.resourceType}:${r.resourceId}`, `${resourceLabel(r)} (${resourceTypeLabel(r.resourceType)})`];
    case 'entitlement':
      return [`${r.resourceType}:${r.entitlement ?? ''}`, r.entitlement === 'member' ? `Member of a ${resourceTypeLabel(r.resourceType)}` : entitlementLabel(r)];
    case 'how':
      return r.via ? [`via:${r.via}`, `Via group ${r.viaName ?? r.via}`] : ['direct', 'Direct'];
    case 'none':
      return ['', ''];
  }
}

/** Rows in groups of the chosen kind, biggest first (ties by name), keeping the API's order inside each group. */
export function groupRows(rows: AccessRecord[], by: GroupBy): Group[] {
  if (by === 'none') return [{ key: '', title: '', rows }];
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const [key, title] = groupKey(r, by);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, title, rows: [] }));
    g.rows.push(r);
  }
  return [...groups.values()].sort((a, b) => b.rows.length - a.rows.length || a.title.localeCompare(b.title));
}

/** The counts of a whole answer: grants, distinct principals, accounts and resources, entitlements; direct and via groups. */
export type AccessTotals = ApiAnswer<'listAccess'>['totals'];

/** The counts people ask first, of the whole answer (not only the rows loaded): grants, principals, resources, how many come through groups. */
export function AccessSummary({ totals }: { totals: AccessTotals }) {
  const { grants, principals, resources, entitlements, direct, viaGroup } = totals;
  const n = (v: number) => v.toLocaleString();
  return (
    <div className="access-summary" aria-label="Summary">
      <span>
        <strong>{n(grants)}</strong> {grants === 1 ? 'grant' : 'grants'}
      </span>
      <span>
        <strong>{n(principals)}</strong> {principals === 1 ? 'principal' : 'principals'}
      </span>
      <span>
        <strong>{n(resources)}</strong> {resources === 1 ? 'account or resource' : 'accounts and resources'}
      </span>
      <span>
        <strong>{n(entitlements)}</strong> {entitlements === 1 ? 'entitlement' : 'entitlements'}
      </span>
      <span>
        <strong>{n(direct)}</strong> direct
      </span>
      <span>
        <strong>{n(viaGroup)}</strong> via groups
      </span>
    </div>
  );
}

type Props = {
  rows: AccessRecord[];
  groupBy?: GroupBy;
  /** Names become links that ask the explorer about that principal, account or group. */
  pivot?: (kind: 'principal' | 'account' | 'group', value: string) => string;
  /** The last column's content (e.g. Revoke); no column when absent. */
  actions?: (r: AccessRecord) => ReactNode;
  caption: string;
  /** Connector names by id, given when there are several: each row then says which connector it came from. */
  connectorNames?: ReadonlyMap<string, string> | undefined;
  /** When history starts (the first sync): a grant first seen then may be older, and its cell says so. */
  firstSyncAt?: string | null | undefined;
};

/** Who holds what: principal, entitlement, the account or resource it is on, direct or through which group, first seen by which sync. */
export function AccessTable({ rows, groupBy = 'none', pivot, actions, caption, connectorNames, firstSyncAt }: Props) {
  const groups = groupRows(rows, groupBy);
  const columns = actions ? 6 : 5;
  const name = (text: string, href: string | undefined, title: string) =>
    href ? (
      <Link href={href} title={title}>
        {text}
      </Link>
    ) : (
      <span>{text}</span>
    );
  return (
    <div className="table-wrap">
      <table className="data access-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Principal</th>
            <th scope="col">Entitlement</th>
            <th scope="col">Account or resource</th>
            <th scope="col">How</th>
            <th scope="col" title="First seen by a sync: when a sync first saw the grant (RRCU knows nothing before its first sync)">
              First seen
            </th>
            {actions && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.key}>
            {groupBy !== 'none' && (
              <tr className="group-row">
                <th scope="rowgroup" colSpan={columns}>
                  {g.title} <span className="count">{g.rows.length.toLocaleString()}</span>
                </th>
              </tr>
            )}
            {g.rows.map((r) => (
                <tr key={`${r.grantId ?? `task:${r.pending?.taskId}:${r.resourceId}:${r.entitlement}`}:${r.principalId}:${r.via ?? ''}`} className={r.pending?.kind === 'revoke' ? 'pending-revoke' : undefined}>
                  <td>
                    {name(principalLabel(r), pivot?.('principal', r.principalId), `Access of ${principalLabel(r)}`)}
                    {isExternalPrincipal(r) && (
                      <>
                        {' '}
                        <span className="badge badge-danger" title="Outside the organisation: an account RRCU does not sync, or anyone (*)">
                          External
                        </span>
                      </>
                    )}
                    <span className="cell-sub one-line" title={r.principalId}>
                      {resourceTypeLabel(r.principalType)} · <span className="mono">{r.principalId}</span>
                    </span>
                  </td>
                  <td title={r.permissionSetArn ?? undefined}>
                    {entitlementLabel(r)}
                    {r.privileged && (
                      <>
                        {' '}
                        {/* The reasons as a tooltip, and for screen readers as text (a title alone is not read reliably). */}
                        <span className="badge badge-warn" title={r.privilegedReasons.join('\n')}>
                          <span aria-hidden="true" className="badge-mark">
                            !
                          </span>
                          Privileged
                          <span className="visually-hidden">: {r.privilegedReasons.join('; ')}</span>
                        </span>
                      </>
                    )}
                    {r.privilegedMark && (
                      <>
                        {' '}
                        <span className="badge badge-neutral" title={markSummary(r.privilegedMark)}>
                          marked
                          <span className="visually-hidden">: {markSummary(r.privilegedMark)}</span>
                        </span>
                      </>
                    )}
                  </td>
                  <td>
                    {name(resourceLabel(r), pivot?.(r.resourceType === 'account' ? 'account' : r.resourceType.endsWith('_group') ? 'group' : 'principal', r.resourceId), `Who has access to ${resourceLabel(r)}`)}
                    <span className="cell-sub one-line" title={r.resourceId}>
                      {resourceTypeLabel(r.resourceType)} · <span className="mono">{r.resourceId}</span>
                    </span>
                    {connectorNames && <span className="cell-sub one-line">from {connectorNames.get(r.connectorId) ?? 'a removed connector'}</span>}
                  </td>
                  <td>
                    {r.via ? (
                      <span className="how how-group">
                        via group {name(r.viaName ?? r.via, pivot?.('group', r.via), `Members of ${r.viaName ?? r.via}`)}
                      </span>
                    ) : (
                      <span className="how how-direct">direct</span>
                    )}
                    <TemporaryMark request={r.request} />
                  </td>
                  <td className="nowrap" title={r.pending ? undefined : firstSeenTitle(r.seenFrom, firstSyncAt)}>
                    {r.pending ? (
                      <PendingBadge pending={r.pending} />
                    ) : (
                      <>
                        {formatDay(r.seenFrom)}
                        <span className="cell-sub">{formatTime(r.seenFrom)}</span>
                      </>
                    )}
                  </td>
                  {actions && <td className="actions">{actions(r)}</td>}
                </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

/** Access held through a request until it expires: it goes then, unless something else grants it. */
function TemporaryMark({ request }: { request: AccessRecord['request'] }) {
  if (!request) return null;
  return (
    <span className="cell-sub temporary-mark">
      <Link href={`/requests/${request.id}`} className="badge badge-info" title="Temporary: granted through a just-in-time access request, removed when it ends unless something else grants it">
        via request #{request.id}
      </Link>{' '}
      {request.expiresAt ? `expires at ${formatDate(request.expiresAt)}` : 'until it is active and its end is set'}
    </span>
  );
}

/**
 * A change a provisioning task verified in AWS that no sync has seen yet: a grant held from then, or a
 * revoke (its row struck through, not counted). The next sync confirms it, or shows what AWS holds instead.
 */
function PendingBadge({ pending }: { pending: NonNullable<AccessRecord['pending']> }) {
  const verb = pending.kind === 'grant' ? 'verified' : 'revoked';
  const title = `${verb === 'verified' ? 'Granted' : 'Revoked'} and read back from AWS by this task on ${formatDate(pending.verifiedAt)}; the next sync confirms it`;
  return (
    <>
      <Link href={`/tasks?${new URLSearchParams({ task: pending.taskId }).toString()}`} className={`badge ${pending.kind === 'grant' ? 'badge-info' : 'badge-neutral'}`} title={title}>
        {verb} by task {pending.taskId.slice(0, 8)} — not yet seen by a sync
      </Link>
      <span className="cell-sub">
        {formatDay(pending.verifiedAt)} {formatTime(pending.verifiedAt)}
      </span>
    </>
  );
}

/** The instant in full; a grant seen by the first sync was held then, and maybe long before: history starts there. */
function firstSeenTitle(seenFrom: string, firstSyncAt: string | null | undefined): string {
  const seen = `First seen by a sync: ${formatDate(seenFrom)}`;
  return firstSyncAt && new Date(seenFrom).getTime() <= new Date(firstSyncAt).getTime() ? `${seen}, RRCU’s first sync: it may be older` : seen;
}
