import { countSummary, number } from '../../syncs/sync-format.ts';
import type { ConnectorView } from '../../types.ts';
import { ErrorBox } from '../../ui/feedback.tsx';
import { Link } from '../../ui/link.tsx';
import { formatDate } from '../../ui/when.ts';
import { ConnectorStatus } from '../connector-status.tsx';
import { isBusy, useSyncNow } from '../queries.ts';
import { TestConnection } from '../test-connection.tsx';

/** Step 4: the connection test, then the first sync, followed until the connector is connected. */
export function TestAndSync({ connector: c }: { connector: ConnectorView }) {
  const syncNow = useSyncNow();
  const busy = isBusy(c);
  const run = c.lastRun;
  return (
    <>
      <p className="lead">
        Test the connection: RRCU assumes the role and asks AWS whether each action it needs is allowed, without changing anything. Then run the first sync;
        the status moves from Not connected to Syncing to Connected.
      </p>
      <TestConnection connectorId={c.id} canRun={true} />
      <div className="button-row sync-row">
        <button type="button" className="button" onClick={() => syncNow.mutate(c)} disabled={busy || syncNow.isPending}>
          {busy ? 'Syncing…' : 'Sync now'}
        </button>
        <span>
          Status: <ConnectorStatus connector={c} />
        </span>
      </div>
      {syncNow.error && <ErrorBox error={syncNow.error} />}
      <div aria-live="polite">
        {run?.status === 'running' && (
          <p className="sync-live">
            {run.progress ? `${run.progress.stage}${run.progress.detail ? ` — ${run.progress.detail}` : ''} · ${number.format(run.progress.items)} items · ${number.format(run.progress.apiCalls)} API calls` : 'Starting…'}{' '}
            <Link href={`/syncs/${run.id}`}>Follow run #{run.id}</Link>
          </p>
        )}
        {c.status === 'connected' && run && (
          <div className="ok-box">
            <p>
              <strong>Connected.</strong> The last sync finished {formatDate(run.finishedAt)}: {countSummary(run.counts)}.{' '}
              <Link href={`/connectors/${c.id}`}>Go to the connector</Link> · <Link href="/access">Explore access</Link>
            </p>
          </div>
        )}
        {c.status === 'error' && run?.error && <ErrorBox title="The sync failed" error={run.error} />}
      </div>
    </>
  );
}
