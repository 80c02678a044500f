import { useState, type ReactNode } from 'react';
import { useMe } from '../auth/session.tsx';
import { setQuery, useLocation } from '../router.ts';
import { Field } from '../ui/form.tsx';
import { Link } from '../ui/link.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { QueryView } from '../ui/query-view.tsx';
import { useRequests } from './queries.ts';
import { RequestActionDialog, type RequestDialog } from './request-dialogs.tsx';
import { RequestsTable } from './request-parts.tsx';
import { OPEN_STATUSES, STATUS_LABELS } from './request-text.ts';
import type { RequestListView, RequestStatus, RequestView } from './types.ts';
import './requests.css';

/** `?status=` as the list's filter: `open` (pending to active), one status, or every status. */
function statusFilter(value: string | null): { value: string; statuses: RequestStatus[] } {
  if (value === 'any') return { value, statuses: [] };
  const one = (Object.keys(STATUS_LABELS) as RequestStatus[]).find((s) => s === value);
  return one ? { value: one, statuses: [one] } : { value: 'open', statuses: OPEN_STATUSES };
}

function StatusFilter({ value }: { value: string }) {
  return (
    <div className="toolbar">
      <Field label="Status">
        <select value={value} onChange={(e) => setQuery({ status: e.target.value === 'open' ? undefined : e.target.value })}>
          <option value="open">Open (waiting, provisioning, active)</option>
          <option value="any">Any status</option>
          {(Object.entries(STATUS_LABELS) as [RequestStatus, string][]).map(([s, label]) => (
            <option key={s} value={s}>
              {label}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

function RequestList({ view, caption, emptyTitle, emptyBody, actions }: { view: RequestListView; caption: string; emptyTitle: string; emptyBody: ReactNode; actions?: (r: RequestView, open: (d: RequestDialog) => void) => ReactNode }) {
  const { query } = useLocation();
  // Approvals are pending by definition: no status to choose.
  const filter = view === 'approvals' ? { value: 'pending', statuses: [] } : statusFilter(query.get('status'));
  const list = useRequests(view, filter.statuses);
  const [dialog, setDialog] = useState<RequestDialog | null>(null);
  return (
    <>
      {view !== 'approvals' && <StatusFilter value={filter.value} />}
      <QueryView query={list} loading="Loading requests…" empty={(rows) => rows.length === 0} emptyTitle={emptyTitle} emptyBody={emptyBody}>
        {(rows) => <RequestsTable rows={rows} caption={caption} showRequester={view !== 'mine'} {...(actions ? { actions: (r: RequestView) => actions(r, setDialog) } : {})} />}
      </QueryView>
      {dialog && <RequestActionDialog dialog={dialog} onClose={() => setDialog(null)} />}
    </>
  );
}

/** The signed-in person's requests: what they wait for, hold and held; cancel, end early or ask for more time. */
export function MyRequestsPage() {
  return (
    <div className="page requests-page">
      <PageHeader
        title="My requests"
        subtitle="Access you asked for: waiting for approval, active until it expires, or ended."
        actions={
          <Link href="/request-access" className="button">
            Request access
          </Link>
        }
      />
      <RequestList
        view="mine"
        caption="My requests"
        emptyTitle="No requests here"
        emptyBody={
          <p>
            When you need access for a while, <Link href="/request-access">request it</Link>: someone approves it and RRCU removes it when it ends.
          </p>
        }
        actions={(r, open) => (
          <div className="row-actions">
            {r.status === 'pending' && (
              <button type="button" className="button secondary small" onClick={() => open({ kind: 'cancel', request: r })} aria-label={`Cancel request #${r.id}`}>
                Cancel
              </button>
            )}
            {r.status === 'active' && (
              <button type="button" className="button secondary small" onClick={() => open({ kind: 'extend', request: r })} aria-label={`Extend request #${r.id}`}>
                Extend
              </button>
            )}
            {(r.status === 'active' || r.status === 'provisioning') && !r.ending && (
              <button type="button" className="button danger small" onClick={() => open({ kind: 'revoke', request: r })} aria-label={`End request #${r.id} now`}>
                End now
              </button>
            )}
          </div>
        )}
      />
    </div>
  );
}

/** What waits for the signed-in person's decision: never their own requests (the server leaves them out; the buttons check again). */
export function ApprovalsPage() {
  const me = useMe();
  const mine = (r: RequestView) => me.user.email !== null && r.requester.email?.toLowerCase() === me.user.email.toLowerCase();
  return (
    <div className="page requests-page">
      <PageHeader title="Approvals" subtitle="Requests waiting for your decision, and break-glass access waiting for your review after the fact. Nobody approves their own request." />
      <RequestList
        view="approvals"
        caption="Requests waiting for your decision"
        emptyTitle="Nothing waits for you"
        emptyBody={<p>When someone asks for access you approve, it shows here and in your notifications.</p>}
        actions={(r, open) =>
          mine(r) ? (
            <span className="muted">Your own request</span>
          ) : r.status !== 'pending' && r.postHocReview?.status === 'awaited' ? (
            // Break-glass was granted without approval: it waits for a verdict after the fact, given on its page.
            <Link href={`/requests/${r.id}`} className="button small" aria-label={`Review break-glass request #${r.id}`}>
              Break-glass to review
            </Link>
          ) : (
            <div className="row-actions">
              <button type="button" className="button small" onClick={() => open({ kind: 'approve', request: r })} aria-label={`Approve request #${r.id}`}>
                Approve
              </button>
              <button type="button" className="button danger small" onClick={() => open({ kind: 'deny', request: r })} aria-label={`Deny request #${r.id}`}>
                Deny
              </button>
            </div>
          )
        }
      />
    </div>
  );
}

/** Every request, for administrators and auditors (the API answers `all` to them only). */
export function AllRequestsPage() {
  return (
    <div className="page requests-page">
      <PageHeader
        title="All requests"
        subtitle="Every just-in-time access request, newest first."
        actions={
          <Link href="/request-policies" className="button secondary">
            Request policies
          </Link>
        }
      />
      <RequestList view="all" caption="All requests" emptyTitle="No requests" emptyBody={<p>Nobody has asked for access under a request policy yet.</p>} />
    </div>
  );
}
