import type { SyncRunView } from '../types.ts';
import { Link } from '../ui/link.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { formatDate, formatDuration } from '../ui/when.ts';
import { changeSummary, countSummary, number, retriesTotal, retrySummary } from './sync-format.ts';

/**
 * Sync runs as the Syncs page and a connector's Recent syncs list them, so that both read the same. `showConnector`
 * where the runs can be of more than one connector. A running run shows its live API call count.
 */
export function RunsTable({ runs, showConnector = false }: { runs: SyncRunView[]; showConnector?: boolean }) {
  return (
    <table className="data">
      <thead>
        <tr>
          <th scope="col">Run</th>
          {showConnector && <th scope="col">Connector</th>}
          <th scope="col">Status</th>
          <th scope="col">Started</th>
          <th scope="col" className="num">
            Duration
          </th>
          <th scope="col">Inventory</th>
          <th scope="col">Changes</th>
          <th scope="col" className="num">
            API calls
          </th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id}>
            <td>
              <Link href={`/syncs/${r.id}`}>#{r.id}</Link>
            </td>
            {showConnector && (
              <td>
                <Link href={`/connectors/${r.connectorId}`}>{r.connectorName}</Link>
              </td>
            )}
            <td>
              <StatusBadge status={r.stale ? 'interrupted' : r.status} />
              {r.stale && <span className="cell-sub">silent for {formatDuration(Date.now() - Date.parse(r.heartbeatAt))}</span>}
              {r.warnings.length > 0 && (
                <span className="cell-sub">
                  {r.warnings.length} {r.warnings.length === 1 ? 'warning' : 'warnings'}
                </span>
              )}
            </td>
            <td className="nowrap">{formatDate(r.startedAt)}</td>
            <td className="num">{r.stale ? '—' : r.status === 'running' ? 'Running' : formatDuration(r.durationMs)}</td>
            <td className="nowrap">{countSummary(r.counts)}</td>
            <td>{r.status === 'succeeded' ? changeSummary(r.changes) : r.error ? <span className="muted">{r.error.code}</span> : '—'}</td>
            <td className="num">
              {number.format(r.status === 'running' && r.progress ? r.progress.apiCalls : r.apiCalls.total)}
              {retriesTotal(r.apiCalls.retries) > 0 && <span className="cell-sub">{retrySummary(r.apiCalls.retries)}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
