import { Empty, ErrorBox, Loading } from '../ui/feedback.tsx';
import { Link } from '../ui/link.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { formatDate, formatDuration } from '../ui/when.ts';
import { LiveProgress } from './live-progress.tsx';
import { useSyncRun } from './queries.ts';
import { RunDiff } from './run-diff.tsx';
import { countLabel, number, retriesTotal, retrySummary } from './sync-format.ts';

/** Resources first, then what can be granted on them, then the grants: the order a reader builds the picture in. */
function kindRank(key: string): number {
  const i = ['resource', 'entitlement', 'grant'].indexOf(key.split(':')[0] ?? '');
  return i === -1 ? 3 : i;
}

export function SyncDetailPage({ id }: { id: number }) {
  const run = useSyncRun(id);

  if (run.isPending) return <Loading label="Loading sync run…" />;
  if (run.error) {
    return (
      <>
        <Link href="/syncs" className="back-link">
          ← Syncs
        </Link>
        <ErrorBox error={run.error} />
      </>
    );
  }
  const r = run.data;
  // While running, the live progress is newer than the calls saved with the last checkpoint.
  const retries = r.status === 'running' && r.progress?.retries && retriesTotal(r.progress.retries) > retriesTotal(r.apiCalls.retries) ? r.progress.retries : r.apiCalls.retries;
  const operations = [...r.apiCalls.operations].sort((a, b) => b.calls - a.calls || a.operation.localeCompare(b.operation));
  const counts = Object.entries(r.counts).sort(([a], [b]) => kindRank(a) - kindRank(b) || countLabel(a).localeCompare(countLabel(b)));

  return (
    <>
      <Link href="/syncs" className="back-link">
        ← Syncs
      </Link>
      <PageHeader
        title={`Sync run #${r.id}`}
        subtitle={
          <>
            <StatusBadge status={r.stale ? 'interrupted' : r.status} /> of <Link href={`/connectors/${r.connectorId}`}>{r.connectorName}</Link>, started {formatDate(r.startedAt)}
          </>
        }
      />

      {r.stale ? (
        <div className="warn-box" role="status">
          <p>
            <strong>No sign of life for {formatDuration(Date.now() - Date.parse(r.heartbeatAt))}</strong> (last at {formatDate(r.heartbeatAt)}): the process running this sync
            most likely died (a crash, a kill, a restart). The next sync of {r.connectorName} resumes it from what it stored.
          </p>
        </div>
      ) : (
        r.status === 'running' && <LiveProgress run={r} />
      )}
      {r.error && <ErrorBox title="The sync failed" error={r.error} />}
      {r.warnings.length > 0 && (
        <details className="warn-box" open={r.warnings.length <= 2 || undefined}>
          <summary>
            <strong>
              {r.warnings.length} {r.warnings.length === 1 ? 'warning' : 'warnings'}
            </strong>{' '}
            — {r.status === 'running' ? 'so far, ' : ''}part of the inventory is left out. Each says what to add to the role’s policy.
          </summary>
          <ul className="problem-list">
            {r.warnings.map((w, i) => (
              <li key={`${w.code}-${i}`}>
                <span className="mono">{w.code}</span>: {w.message}
                {w.fix && (
                  <span className="cell-sub">
                    <strong>Fix: </strong>
                    {w.fix}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}

      <section className="panel" aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        <dl className="stats">
          <div className="stat">
            <dt>Started</dt>
            <dd className="stat-small">{formatDate(r.startedAt)}</dd>
          </div>
          <div className="stat">
            <dt>Finished</dt>
            <dd className="stat-small">{r.status === 'running' ? 'Running' : formatDate(r.finishedAt)}</dd>
          </div>
          <div className="stat">
            <dt>Duration</dt>
            <dd>{r.status === 'running' ? formatDuration(Date.now() - Date.parse(r.startedAt)) : formatDuration(r.durationMs)}</dd>
          </div>
          <div className="stat">
            <dt>AWS API calls</dt>
            <dd>{number.format(r.status === 'running' && r.progress ? Math.max(r.progress.apiCalls, r.apiCalls.total) : r.apiCalls.total)}</dd>
          </div>
          <div className="stat">
            <dt>Retried</dt>
            <dd>
              {number.format(retriesTotal(retries))}
              {retrySummary(retries) && <span className="cell-sub">{retrySummary(retries)}</span>}
            </dd>
          </div>
        </dl>
      </section>

      <div className="grid-2">
        <section className="panel" aria-labelledby="counts-heading">
          <h2 id="counts-heading">What it found</h2>
          {counts.length === 0 ? (
            <Empty title={r.status === 'running' ? 'Counting…' : 'Nothing counted'}>{r.status === 'failed' ? 'The run failed before it stored anything.' : null}</Empty>
          ) : (
            <div className="table-wrap short">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Item</th>
                    <th scope="col" className="num">
                      Count
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {counts.map(([key, n]) => (
                    <tr key={key}>
                      <td>{countLabel(key)}</td>
                      <td className="num">{number.format(n)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section className="panel" aria-labelledby="ops-heading">
          <h2 id="ops-heading">AWS API calls per operation</h2>
          {operations.length === 0 ? (
            <Empty title={r.status === 'running' ? 'No calls recorded yet' : 'No AWS calls recorded'} />
          ) : (
            <div className="table-wrap short">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Operation</th>
                    <th scope="col" className="num">
                      Calls
                    </th>
                    <th scope="col" className="num">
                      Share
                    </th>
                    <th scope="col">Retried</th>
                  </tr>
                </thead>
                <tbody>
                  {operations.map((o) => (
                    <tr key={o.operation}>
                      <td className="mono">{o.operation}</td>
                      <td className="num">{number.format(o.calls)}</td>
                      <td className="num">{r.apiCalls.total ? `${Math.round((o.calls / r.apiCalls.total) * 100)} %` : '—'}</td>
                      <td>{retrySummary(o.retries) || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>

      <section className="panel" aria-labelledby="diff-heading">
        <h2 id="diff-heading">Changes since the previous sync</h2>
        {r.status === 'succeeded' ? (
          <RunDiff runId={r.id} />
        ) : (
          <p className="muted">
            {r.status === 'running' ? 'The changes are known once the run finishes.' : 'A failed run changes nothing: the inventory stays as the previous successful sync left it.'}
          </p>
        )}
      </section>
    </>
  );
}
