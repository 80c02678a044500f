import { can, useMe } from '../auth/session.tsx';
import { countSummary } from '../syncs/sync-format.ts';
import type { ConnectorView } from '../types.ts';
import { Empty, ErrorBox, Loading } from '../ui/feedback.tsx';
import { Link } from '../ui/link.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { formatDate } from '../ui/when.ts';
import { ConfigProblems } from './config-problems.tsx';
import { ConnectorStatus } from './connector-status.tsx';
import { isBusy, useConnectorList, useSyncNow } from './queries.ts';

/** The AWS organisations RRCU reads, whether each is connected, Sync now on each; archived ones apart. */
export function ConnectorsPage() {
  const me = useMe();
  const operate = can(me, 'operate');
  const connectors = useConnectorList({ followSyncs: true });
  const syncNow = useSyncNow();
  const live = connectors.data?.items.filter((c) => !c.archivedAt) ?? [];
  const archived = connectors.data?.items.filter((c) => c.archivedAt) ?? [];

  return (
    <>
      <PageHeader
        title="Connectors"
        subtitle="The AWS organisations RRCU reads access from, and whether each one is connected."
        actions={
          operate && (
            <Link href="/connectors/new" className="button">
              Add connector
            </Link>
          )
        }
      />
      {connectors.isPending && <Loading label="Loading connectors…" />}
      {connectors.error && <ErrorBox error={connectors.error} />}
      {syncNow.error && <ErrorBox error={syncNow.error} />}
      {syncNow.data?.alreadyQueued && (
        <div className="warn-box" role="status">
          <p>A sync of this connector was already queued; it was not queued twice.</p>
        </div>
      )}
      {connectors.data && live.length === 0 && (
        <Empty title="No connectors yet">
          {operate ? (
            <p>
              A connector is the role RRCU assumes in your AWS management account. <Link href="/connectors/new">Add a connector</Link> and follow the steps: you
              create the role in AWS with the policies RRCU gives you, paste its ARN, test the connection and run the first sync.
            </p>
          ) : (
            <p>A Connector Administrator adds connectors; once one has synced, its access shows here and under Access.</p>
          )}
        </Empty>
      )}
      {live.length > 0 && (
        <div className="table-wrap tall">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Last sync</th>
                <th scope="col">Inventory</th>
                <th scope="col">Owners</th>
                {operate && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {live.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link href={`/connectors/${c.id}`} className="strong-link">
                      {c.name}
                    </Link>
                    <span className="cell-sub mono">{c.config.roleArn ?? (c.simulated ? 'Built-in simulator' : 'No role ARN yet')}</span>
                    <span className="cell-sub">
                      {[c.config.organizations ? 'Organizations' : null, c.config.identityCenterRegion ? `Identity Center (${c.config.identityCenterRegion})` : null]
                        .filter(Boolean)
                        .join(' · ') || 'IAM of one account'}
                    </span>
                    <ConfigProblems connector={c} canEdit={operate} compact />
                  </td>
                  <td>
                    <ConnectorStatus connector={c} />
                  </td>
                  <td className="nowrap">
                    {c.lastRun ? (
                      <>
                        <Link href={`/syncs/${c.lastRun.id}`}>{formatDate(c.lastRun.finishedAt ?? c.lastRun.startedAt)}</Link>
                        <span className="cell-sub">
                          <StatusBadge status={c.lastRun.status} />
                        </span>
                      </>
                    ) : (
                      <span className="muted">Never</span>
                    )}
                  </td>
                  <td>{c.lastRun ? countSummary(c.lastRun.counts) : '—'}</td>
                  <td className="break owners">{c.owners.length ? c.owners.join(', ') : <span className="muted">No owner</span>}</td>
                  {operate && (
                    <td className="actions">
                      <button
                        type="button"
                        className="button secondary small"
                        disabled={isBusy(c) || (syncNow.isPending && syncNow.variables?.id === c.id)}
                        onClick={() => syncNow.mutate(c)}
                      >
                        Sync now
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {archived.length > 0 && <ArchivedConnectors connectors={archived} />}
    </>
  );
}

/** Removed connectors, apart: they no longer sync, and their history stays readable (Access as of a date they covered, Syncs, Tasks, Audit). */
function ArchivedConnectors({ connectors }: { connectors: ConnectorView[] }) {
  return (
    <section className="panel" aria-labelledby="archived-heading">
      <h2 id="archived-heading">Archived</h2>
      <p className="lead">Removed connectors. They no longer sync or change access; their sync runs, access history and tasks stay readable.</p>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Archived</th>
              <th scope="col">Last sync</th>
            </tr>
          </thead>
          <tbody>
            {connectors.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link href={`/connectors/${c.id}`} className="strong-link">
                    {c.name}
                  </Link>{' '}
                  <StatusBadge status="archived" />
                  <span className="cell-sub mono">{c.config.roleArn ?? (c.simulated ? 'Built-in simulator' : 'No role ARN')}</span>
                </td>
                <td className="nowrap">{formatDate(c.archivedAt!)}</td>
                <td className="nowrap">{c.lastRun ? <Link href={`/syncs/${c.lastRun.id}`}>{formatDate(c.lastRun.finishedAt ?? c.lastRun.startedAt)}</Link> : <span className="muted">Never</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
