import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api.ts';
import { Empty, ErrorBox, formatDate, formatDuration, Loading, PageHeader, StatusBadge } from '../components.tsx';
import { Link } from '../link.tsx';
import { countLabel, number, resourceTypeLabel, retriesTotal, retrySummary } from '../sync-format.ts';
import type { SyncRunView } from '../types.ts';

type DiffRow = { key: string; id: number; type: string; externalId: string; displayName: string | null; entitlementKey?: string; via?: string | null; before?: DiffRow };
/** The diff lists rows; a changed row may come as its versions before and after. */
type DiffItem = DiffRow | { key: string; before?: DiffRow; after?: DiffRow };
type Changes = { added: DiffItem[]; removed: DiffItem[]; changed: DiffItem[]; counts: { added: number; removed: number; changed: number } };
type RunDiffView = { fromRunId: number | null; toRunId: number; resources: Changes; entitlements: Changes; grants: Changes };

const DIFF_LIMIT = 500;

/** Resources first, then what can be granted on them, then the grants: the order a reader builds the picture in. */
function kindRank(key: string): number {
  const i = ['resource', 'entitlement', 'grant'].indexOf(key.split(':')[0] ?? '');
  return i === -1 ? 3 : i;
}

export function SyncDetailPage({ id }: { id: number }) {
  const run = useQuery({
    queryKey: ['sync', id],
    queryFn: () => api<SyncRunView>('GET', `/api/syncs/${id}`),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });

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

function LiveProgress({ run }: { run: SyncRunView }) {
  const p = run.progress;
  return (
    <section className="panel live" aria-labelledby="live-heading">
      <h2 id="live-heading">Running</h2>
      <div className="progress-bar" aria-hidden="true">
        <span />
      </div>
      <dl className="stats" aria-live="polite">
        <div className="stat">
          <dt>Stage</dt>
          <dd className="stat-small">
            {p?.stage ?? 'Starting'}
            {p?.detail && <span className="cell-sub">{p.detail}</span>}
          </dd>
        </div>
        <div className="stat">
          <dt>Items</dt>
          <dd>{number.format(p?.items ?? 0)}</dd>
        </div>
        <div className="stat">
          <dt>API calls</dt>
          <dd>{number.format(p?.apiCalls ?? 0)}</dd>
        </div>
        <div className="stat">
          <dt>Retried</dt>
          <dd>
            {number.format(p?.retries ? retriesTotal(p.retries) : (p?.throttled ?? 0))}
            {retrySummary(p?.retries) && <span className="cell-sub">{retrySummary(p?.retries)}</span>}
          </dd>
        </div>
      </dl>
      <p className="hint">
        Updates every second. Throttled calls are retried: AWS limits how fast its APIs may be called, and RRCU slows down to stay within. Calls answered with a server error or cut off
        (no answer within 30 s) are retried a few times.
      </p>
    </section>
  );
}

type Section = 'grants' | 'resources' | 'entitlements';

function RunDiff({ runId }: { runId: number }) {
  const [section, setSection] = useState<Section>('grants');
  const diff = useQuery({
    queryKey: ['sync-diff', runId],
    queryFn: () => api<RunDiffView>('GET', `/api/syncs/${runId}/diff`, { query: { limit: DIFF_LIMIT } }),
    staleTime: Infinity,
  });
  if (diff.isPending) return <Loading label="Comparing with the previous sync…" />;
  if (diff.error) return <ErrorBox error={diff.error} />;
  const d = diff.data;
  const total = (c: Changes) => c.counts.added + c.counts.removed + c.counts.changed;
  const names: Record<Section, string> = { grants: 'Grants', resources: 'Resources', entitlements: 'Entitlements' };
  return (
    <>
      <p className="lead">
        {d.fromRunId === null ? (
          'This is the connector’s first successful sync: everything it found is new.'
        ) : (
          <>
            Compared with <Link href={`/syncs/${d.fromRunId}`}>run #{d.fromRunId}</Link>, the previous successful sync.
          </>
        )}
      </p>
      <div className="tabs" role="tablist" aria-label="Kind of change">
        {(['grants', 'resources', 'entitlements'] as const).map((s) => (
          <button key={s} type="button" role="tab" className="tab" id={`diff-tab-${s}`} aria-selected={section === s} aria-controls="diff-panel" onClick={() => setSection(s)}>
            {names[s]} ({number.format(total(d[s]))})
          </button>
        ))}
      </div>
      <div role="tabpanel" id="diff-panel" aria-labelledby={`diff-tab-${section}`}>
        <ChangeLists section={section} changes={d[section]} />
      </div>
    </>
  );
}

function ChangeLists({ section, changes }: { section: Section; changes: Changes }) {
  if (changes.counts.added + changes.counts.removed + changes.counts.changed === 0) {
    return <Empty title={`No ${section} changed`} />;
  }
  return (
    <>
      {(['added', 'removed', 'changed'] as const).map((kind) =>
        changes.counts[kind] === 0 ? null : (
          <div key={kind} className="change-list">
            <h3 className={`diff-${kind}`}>
              {kind === 'added' ? 'Added' : kind === 'removed' ? 'Removed' : 'Changed'} ({number.format(changes.counts[kind])})
            </h3>
            <ChangeTable section={section} items={changes[kind]} />
            {changes[kind].length < changes.counts[kind] && (
              <p className="hint">
                Showing the first {number.format(changes[kind].length)} of {number.format(changes.counts[kind])}. The command line lists them all: <code>rrcu runs</code>{' '}
                and the diff of two runs.
              </p>
            )}
          </div>
        ),
      )}
    </>
  );
}

function rowOf(item: DiffItem): DiffRow | undefined {
  return 'externalId' in item ? item : (item.after ?? item.before);
}

function ChangeTable({ section, items }: { section: Section; items: DiffItem[] }) {
  const rows = items.map((i) => ({ key: i.key, row: rowOf(i) }));
  return (
    <div className="table-wrap short">
      <table className="data">
        <thead>
          {section === 'grants' ? (
            <tr>
              <th scope="col">Principal</th>
              <th scope="col">Entitlement</th>
              <th scope="col">Via</th>
            </tr>
          ) : section === 'resources' ? (
            <tr>
              <th scope="col">Resource</th>
              <th scope="col">Type</th>
              <th scope="col">ID</th>
            </tr>
          ) : (
            <tr>
              <th scope="col">Entitlement</th>
              <th scope="col">On</th>
              <th scope="col">Resource ID</th>
            </tr>
          )}
        </thead>
        <tbody>
          {rows.map(({ key, row }) =>
            !row ? (
              <tr key={key}>
                <td colSpan={3} className="mono break">
                  {key}
                </td>
              </tr>
            ) : section === 'grants' ? (
              <tr key={key}>
                <td className="break">
                  <span className="mono">{row.externalId}</span>
                  <span className="cell-sub">{resourceTypeLabel(row.type)}</span>
                </td>
                <td className="mono break">{row.entitlementKey ?? '—'}</td>
                <td className="mono break">{row.via ?? <span className="muted">Direct</span>}</td>
              </tr>
            ) : (
              <tr key={key}>
                <td className="break">
                  {row.displayName ?? <span className="muted">(no name)</span>}
                  {row.before && row.before.displayName !== row.displayName && <span className="cell-sub">was {row.before.displayName ?? '(no name)'}</span>}
                </td>
                <td>{resourceTypeLabel(row.type)}</td>
                <td className="mono break">{row.externalId}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
