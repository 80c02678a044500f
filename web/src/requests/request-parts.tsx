import type { ReactNode } from 'react';
import { Link } from '../ui/link.tsx';
import { ToneBadge, type Tone } from '../ui/status-badge.tsx';
import { formatDate } from '../ui/when.ts';
import { formatMinutes, STATUS_LABELS } from './request-text.ts';
import type { RequestStatus, RequestTarget, RequestView } from './types.ts';

const TONES: Record<RequestStatus, Tone> = {
  pending: 'warn',
  approved: 'info',
  provisioning: 'info',
  active: 'ok',
  denied: 'danger',
  failed: 'danger',
  cancelled: 'neutral',
  timed_out: 'neutral',
  expired: 'neutral',
  revoked: 'neutral',
};

/** A request's status in words and colour (never colour alone). */
export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  return <ToneBadge tone={TONES[status]}>{STATUS_LABELS[status]}</ToneBadge>;
}

const TARGET: Record<RequestTarget['status'], [string, Tone]> = {
  waiting: ['Waiting', 'neutral'],
  granting: ['Granting', 'info'],
  granted: ['Granted', 'ok'],
  grant_failed: ['Grant failed', 'danger'],
  revoke_waiting: ['Removal waiting', 'neutral'],
  revoking: ['Removing', 'info'],
  removed: ['Removed', 'neutral'],
  revoke_failed: ['Removal failed', 'danger'],
  kept: ['Kept', 'warn'],
  not_granted: ['Not granted', 'neutral'],
};

/** Where one account (or the group) of a request stands. */
export function TargetStatusBadge({ status }: { status: RequestTarget['status'] }) {
  const [label, tone] = TARGET[status];
  return <ToneBadge tone={tone}>{label}</ToneBadge>;
}

/** "ends at T" for what is held or to come, "ended T" after, "decide by T" while pending. */
export function WhenCell({ r }: { r: RequestView }) {
  if (r.status === 'pending') return <span title={r.pendingUntil}>decide by {formatDate(r.pendingUntil)}</span>;
  if (r.endedAt) return <span title={r.endedAt}>ended {formatDate(r.endedAt)}</span>;
  if (r.expiresAt) return <span title={r.expiresAt}>expires {formatDate(r.expiresAt)}</span>;
  return <span className="muted">—</span>;
}

/** A list of requests: number, what, who (unless mine), status, when it ends, and a last column of actions. */
export function RequestsTable({ rows, caption, showRequester, actions }: { rows: RequestView[]; caption: string; showRequester?: boolean; actions?: (r: RequestView) => ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="data requests-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Request</th>
            <th scope="col">Access</th>
            {showRequester && <th scope="col">Requester</th>}
            <th scope="col">Status</th>
            <th scope="col">Ends</th>
            <th scope="col">Asked</th>
            {actions && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-request-id={r.id}>
              <td>
                <Link href={`/requests/${r.id}`}>#{r.id}</Link>
                {r.extensionOf !== null && <span className="cell-sub">extends #{r.extensionOf}</span>}
              </td>
              <td>
                {r.entitlementText}
                {r.breakGlass && (
                  <>
                    {' '}
                    <ToneBadge tone="danger">Break-glass</ToneBadge>
                  </>
                )}
                <span className="cell-sub">
                  {r.policy.name} · {formatMinutes(r.durationMinutes)}
                </span>
              </td>
              {showRequester && <td>{r.requester.displayName}</td>}
              <td>
                <RequestStatusBadge status={r.status} />
              </td>
              <td className="nowrap">
                <WhenCell r={r} />
              </td>
              <td className="nowrap" title={r.createdAt}>
                {formatDate(r.createdAt)}
              </td>
              {actions && <td className="actions">{actions(r)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
