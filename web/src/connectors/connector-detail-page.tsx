import { useState } from 'react';
import { can, useMe } from '../auth/session.tsx';
import { ErrorBox } from '../ui/feedback.tsx';
import { Link } from '../ui/link.tsx';
import { ArchiveConnector, ArchivedConnectorPage } from './archived-connector.tsx';
import { ConfigProblems } from './config-problems.tsx';
import { LastSyncPanel, RecentRuns, RunningPanel, SettingsPanel, SetupPanel } from './connector-panels.tsx';
import { ConnectorHeader, ConnectorNotLoaded } from './connector-status.tsx';
import { isBusy, useConnector, useSyncNow } from './queries.ts';
import { TestConnection } from './test-connection.tsx';

/** One connector: its status, settings, last sync, the connection test, recent syncs and setup documents; archived, its history. */
export function ConnectorDetailPage({ id }: { id: string }) {
  const me = useMe();
  const connector = useConnector(id);
  const syncNow = useSyncNow();
  const [removing, setRemoving] = useState(false);
  const [purging, setPurging] = useState(false);

  if (connector.isPending || connector.error) return <ConnectorNotLoaded query={connector} />;
  const c = connector.data;
  if (c.archivedAt) return <ArchivedConnectorPage connector={c} canPurge={can(me, 'admin')} purging={purging} setPurging={setPurging} />;
  const operate = can(me, 'operate');
  const busy = isBusy(c);
  const running = c.lastRun?.status === 'running' ? c.lastRun : null;

  return (
    <>
      <ConnectorHeader
        connector={c}
        actions={
          operate && (
            <>
              <Link href={`/connectors/${c.id}/edit`} className="button secondary">
                Edit
              </Link>
              <button type="button" className="button" onClick={() => syncNow.mutate(c)} disabled={busy || syncNow.isPending}>
                {busy ? 'Syncing…' : 'Sync now'}
              </button>
              <button type="button" className="button danger" onClick={() => setRemoving(true)}>
                Archive
              </button>
            </>
          )
        }
      />
      <ConfigProblems connector={c} canEdit={operate} />
      {syncNow.error && <ErrorBox error={syncNow.error} />}
      {syncNow.data?.alreadyQueued && (
        <div className="warn-box" role="status">
          <p>A sync of this connector was already queued; it was not queued twice.</p>
        </div>
      )}
      {c.status === 'error' && c.lastRun?.error && (
        <ErrorBox title={`The last sync failed (run #${c.lastRun.id})`} error={c.lastRun.error} />
      )}
      {c.status === 'not_connected' && !busy && (
        <div className="warn-box">
          <p>
            <strong>Not connected yet.</strong>{' '}
            {c.config.roleArn || c.config.endpoint
              ? 'Test the connection, then run the first sync.'
              : operate
                ? 'Finish the setup: create the role in AWS and enter its ARN.'
                : 'A Connector Administrator has to finish its setup.'}{' '}
            {operate && <Link href={`/connectors/${c.id}/edit`}>Continue the setup</Link>}
          </p>
        </div>
      )}

      {running && <RunningPanel run={running} />}

      <div className="grid-2">
        <SettingsPanel connector={c} />
        <LastSyncPanel connector={c} />
      </div>

      <section className="panel" aria-labelledby="test-heading">
        <h2 id="test-heading">Connection test</h2>
        <p className="lead">
          Assumes the role with the External ID and asks AWS, without changing anything, whether each action the connector needs is allowed.
        </p>
        <TestConnection connectorId={c.id} canRun={operate} />
        {!operate && <p className="muted">A Connector Administrator can run the test.</p>}
      </section>

      <RecentRuns connectorId={c.id} live={busy} />
      <SetupPanel connector={c} />

      {removing && <ArchiveConnector connector={c} onClose={() => setRemoving(false)} />}
    </>
  );
}
