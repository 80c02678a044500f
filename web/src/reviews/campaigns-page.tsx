import { can, useMe } from '../auth/session.tsx';
import { setQuery, useLocation } from '../router.ts';
import { Field } from '../ui/form.tsx';
import { Link } from '../ui/link.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { QueryView } from '../ui/query-view.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { formatDay } from '../ui/when.ts';
import { CampaignProgressBar } from './campaign-progress.tsx';
import { useCampaigns } from './queries.ts';
import type { CampaignStatus } from './types.ts';
import './reviews.css';

const STATUSES: CampaignStatus[] = ['draft', 'active', 'closed'];

/** Every campaign with its status, progress and due date; administrators start a new one here. */
export function CampaignsPage() {
  const me = useMe();
  const { query } = useLocation();
  const status = STATUSES.find((s) => s === query.get('status'));
  const campaigns = useCampaigns(status);
  return (
    <div className="page campaigns-page">
      <PageHeader
        title="Access reviews"
        subtitle="Certification campaigns: who reviewed what, and what became of what they revoked."
        actions={
          can(me, 'operate') && (
            <Link href="/reviews/new" className="button">
              New access review
            </Link>
          )
        }
      />
      <div className="toolbar">
        <Field label="Status">
          <select value={status ?? ''} onChange={(e) => setQuery({ status: e.target.value })}>
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s[0]!.toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <QueryView query={campaigns} loading="Loading access reviews…" empty={(d) => d.items.length === 0} emptyTitle={status ? `No ${status} access reviews` : 'No access reviews yet'}>
        {({ items }) => (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">Access reviews</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">Connector</th>
                  <th scope="col">Progress</th>
                  <th scope="col">Due</th>
                  <th scope="col">Launched</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link href={`/reviews/${c.id}`}>{c.name}</Link>
                      {c.currentStage !== null && c.stageCount > 1 && (
                        <div className="cell-sub">
                          Stage {c.currentStage} of {c.stageCount}
                        </div>
                      )}
                    </td>
                    <td>
                      <StatusBadge status={c.status} />
                    </td>
                    <td>{c.connectorName ?? c.connectorId}</td>
                    <td>{c.status === 'draft' ? <span className="muted">Not launched</span> : <CampaignProgressBar progress={c.progress} />}</td>
                    <td title={c.dueAt ?? undefined} className={overdue(c.dueAt, c.status) ? 'overdue' : undefined}>
                      {formatDay(c.dueAt)}
                      {overdue(c.dueAt, c.status) && ' (overdue)'}
                    </td>
                    <td title={c.launchedAt ?? undefined}>{formatDay(c.launchedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </div>
  );
}

function overdue(dueAt: string | null, status: CampaignStatus): boolean {
  return status === 'active' && dueAt !== null && new Date(dueAt).getTime() < Date.now();
}
