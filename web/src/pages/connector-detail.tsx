import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api } from '../api.ts';
import { Empty, ErrorBox, Field, formatDate, formatDuration, Loading, PageHeader, StatusBadge } from '../components.tsx';
import { ConfirmDialog } from '../confirm-dialog.tsx';
import { Link } from '../link.tsx';
import { navigate } from '../router.ts';
import { RunsTable } from '../runs-table.tsx';
import { can, useMe } from '../session.tsx';
import { changeSummary, countSummary, number, retriesTotal, retrySummary } from '../sync-format.ts';
import type { ConnectorView, SyncRunView } from '../types.ts';
import { ActionsTable, ConnectorNotLoaded, ConnectorStatus, ExternalId, isBusy, SetupDocuments, TestConnection, useConnector, useSetup, useSyncNow } from './connector-parts.tsx';

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
        <Settings connector={c} />
        <LastSync connector={c} />
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
      <SetupPanel connectorId={c.id} />

      {removing && <RemoveConnector connector={c} onClose={() => setRemoving(false)} />}
    </>
  );
}

function Settings({ connector: c }: { connector: ConnectorView }) {
  const yesNo = (v: boolean) => (v ? 'On' : 'Off');
  return (
    <section className="panel" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <dl className="props">
        <dt>External ID</dt>
        <dd>
          <ExternalId value={c.config.externalId} />
        </dd>
        <dt>Role ARN</dt>
        <dd className="mono">{c.config.roleArn ?? <span className="muted">Not set: the server’s own AWS credentials are used as they are</span>}</dd>
        <dt>AWS Organizations</dt>
        <dd>{yesNo(c.config.organizations)}</dd>
        <dt>Identity Center</dt>
        <dd>{c.config.identityCenterRegion ? `On, in ${c.config.identityCenterRegion}` : 'Off'}</dd>
        <dt>SCIM API</dt>
        <dd>
          {c.config.scimEndpoint ? <span className="mono">{c.config.scimEndpoint}</span> : 'Off'}
          {c.config.scimEndpoint && <span className="cell-sub">{c.hasScimToken ? 'A token is saved' : 'No token saved'}</span>}
        </dd>
        <dt>Cross-account role</dt>
        <dd>{c.config.crossAccountRoleName ?? <span className="muted">None: only the management account’s IAM is read</span>}</dd>
        <dt>Region</dt>
        <dd>{c.config.region}</dd>
        {c.config.endpoint && (
          <>
            <dt>AWS endpoint</dt>
            <dd className="mono">{c.config.endpoint}</dd>
          </>
        )}
        <dt>Owners</dt>
        <dd>{c.owners.length ? c.owners.join(', ') : <span className="muted">No owner</span>}</dd>
        <dt>Created</dt>
        <dd>{formatDate(c.createdAt)}</dd>
        <dt>Changed</dt>
        <dd>{formatDate(c.updatedAt)}</dd>
      </dl>
    </section>
  );
}

function LastSync({ connector: c }: { connector: ConnectorView }) {
  const run = c.lastRun;
  return (
    <section className="panel" aria-labelledby="last-sync-heading">
      <div className="panel-head">
        <h2 id="last-sync-heading">Last sync</h2>
        {run && <Link href={`/syncs/${run.id}`}>Run #{run.id} details</Link>}
      </div>
      {!run ? (
        <Empty title="Not synced yet">
          <p>The first sync reads the organisation’s accounts, users, groups, roles and permission sets. It can take a few minutes for large organisations.</p>
        </Empty>
      ) : (
        <>
          <dl className="props">
            <dt>Status</dt>
            <dd>
              <StatusBadge status={run.status} />
            </dd>
            <dt>Started</dt>
            <dd>{formatDate(run.startedAt)}</dd>
            <dt>Duration</dt>
            <dd>{run.status === 'running' ? 'Running' : formatDuration(run.durationMs)}</dd>
            <dt>Inventory</dt>
            <dd>{countSummary(run.counts)}</dd>
            <dt>Changes</dt>
            <dd>{run.status === 'succeeded' ? changeSummary(run.changes) : '—'}</dd>
            <dt>AWS API calls</dt>
            <dd>
              {number.format(run.apiCalls.total)}
              {retriesTotal(run.apiCalls.retries) > 0 && ` (retried: ${retrySummary(run.apiCalls.retries)})`}
            </dd>
            <dt>Warnings</dt>
            <dd>{run.warnings.length ? `${run.warnings.length} — see the run` : 'None'}</dd>
          </dl>
        </>
      )}
    </section>
  );
}

function RunningPanel({ run }: { run: SyncRunView }) {
  const p = run.progress;
  return (
    <section className="panel" aria-labelledby="running-heading" aria-live="polite">
      <div className="panel-head">
        <h2 id="running-heading">Sync in progress</h2>
        <Link href={`/syncs/${run.id}`}>Follow run #{run.id}</Link>
      </div>
      <div className="progress-bar" aria-hidden="true">
        <span />
      </div>
      <p>
        {p ? (
          <>
            {p.stage}
            {p.detail ? ` — ${p.detail}` : ''} · {number.format(p.items)} items · {number.format(p.apiCalls)} API calls
            {retrySummary(p.retries) ? ` · retried: ${retrySummary(p.retries)}` : p.throttled > 0 ? ` · ${number.format(p.throttled)} throttled` : ''}
          </>
        ) : (
          'Starting…'
        )}
      </p>
    </section>
  );
}

function RecentRuns({ connectorId, live }: { connectorId: string; live: boolean }) {
  const runs = useQuery({
    queryKey: ['syncs', { connectorId, limit: 10 }],
    queryFn: () => api<{ items: SyncRunView[] }>('GET', '/api/syncs', { query: { connectorId, limit: 10 } }),
    refetchInterval: (q) => (live || q.state.data?.items.some((r) => r.status === 'running') ? 2000 : false),
  });
  return (
    <section className="panel" aria-labelledby="runs-heading">
      <div className="panel-head">
        <h2 id="runs-heading">Recent syncs</h2>
        <Link href={`/syncs?connectorId=${encodeURIComponent(connectorId)}`}>All syncs of this connector</Link>
      </div>
      {runs.isPending && <Loading label="Loading syncs…" />}
      {runs.error && <ErrorBox error={runs.error} />}
      {runs.data && runs.data.items.length === 0 && <Empty title="No syncs yet">Sync now runs the first one.</Empty>}
      {runs.data && runs.data.items.length > 0 && (
        <div className="table-wrap short">
          <RunsTable runs={runs.data.items} />
        </div>
      )}
    </section>
  );
}

function SetupPanel({ connectorId }: { connectorId: string }) {
  const [open, setOpen] = useState(false);
  const setup = useSetup(connectorId, open);
  return (
    <section className="panel" aria-labelledby="setup-heading">
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          <h2 id="setup-heading" className="summary-heading">
            Setup documents
          </h2>{' '}
          <span className="muted">— the role’s trust policy, inline policy, Terraform and CloudFormation</span>
        </summary>
        {open && (
        <div className="details-body">
          {setup.isPending && <Loading label="Generating the setup documents…" />}
          {setup.error && <ErrorBox error={setup.error} />}
          {setup.data && (
            <>
              <p className="lead">External ID</p>
              <ExternalId value={setup.data.externalId} />
              <div className="details-body">
                <SetupDocuments setup={setup.data} />
              </div>
              <details className="advanced">
                <summary>Why each permission</summary>
                <ActionsTable actions={setup.data.actions} />
              </details>
            </>
          )}
        </div>
        )}
      </details>
    </section>
  );
}

function RemoveConnector({ connector, onClose }: { connector: ConnectorView; onClose: () => void }) {
  const queryClient = useQueryClient();
  const archive = useMutation({
    mutationFn: () => api<void>('DELETE', `/api/connectors/${encodeURIComponent(connector.id)}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['connector', connector.id] });
      void queryClient.invalidateQueries({ queryKey: ['connectors'] });
      void queryClient.invalidateQueries({ queryKey: ['access-connectors'] });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      // The simulated-organisation banner goes once its connector is archived.
      void queryClient.invalidateQueries({ queryKey: ['me'] });
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title={`Archive connector “${connector.name}”`}
      confirm="Archive connector"
      busyLabel="Archiving…"
      busy={archive.isPending}
      error={archive.error}
      onConfirm={() => archive.mutate()}
      onClose={onClose}
    >
      <p>
        RRCU stops syncing this connector and changing access through it; provisioning tasks still waiting are cancelled. Its history stays: sync runs,
        tasks and the audit trail remain readable, and Access as of a date it covered still shows its grants. Current access no longer includes it.
      </p>
      <p>Nothing changes in AWS: the role stays until you delete it there. A new connector may take this name.</p>
    </ConfirmDialog>
  );
}

/** An archived connector: what it was, its history, and for a Super Administrator the way to delete that history for good. */
function ArchivedConnectorPage({ connector: c, canPurge, purging, setPurging }: { connector: ConnectorView; canPurge: boolean; purging: boolean; setPurging: (on: boolean) => void }) {
  return (
    <>
      <ConnectorHeader
        connector={c}
        actions={
          canPurge && (
            <button type="button" className="button danger" onClick={() => setPurging(true)}>
              Delete data for good
            </button>
          )
        }
      />
      <div className="warn-box" role="status">
        <p>
          <strong>Archived {formatDate(c.archivedAt!)}</strong>
          {c.archivedBy ? ` by ${c.archivedByName ?? c.archivedBy}` : ''}. It no longer syncs or changes access. Its sync runs, tasks and audit trail stay readable, and{' '}
          <Link href={`/access?connectorId=${encodeURIComponent(c.id)}&at=${encodeURIComponent(lastCoveredInstant(c.archivedAt!))}`}>Access as of a date it covered</Link> still shows its
          grants.
        </p>
      </div>
      <div className="grid-2">
        <Settings connector={c} />
        <LastSync connector={c} />
      </div>
      <RecentRuns connectorId={c.id} live={false} />
      {purging && <PurgeConnector connector={c} onClose={() => setPurging(false)} />}
    </>
  );
}

function PurgeConnector({ connector, onClose }: { connector: ConnectorView; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const purge = useMutation({
    mutationFn: () => api<unknown>('POST', `/api/connectors/${encodeURIComponent(connector.id)}/purge`, { body: { confirm: typed.trim() } }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['connector', connector.id] });
      void queryClient.invalidateQueries({ queryKey: ['connectors'] });
      void queryClient.invalidateQueries({ queryKey: ['access-connectors'] });
      void queryClient.invalidateQueries({ queryKey: ['syncs'] });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      navigate('/connectors');
    },
  });
  const h = connector.history;
  return (
    <ConfirmDialog
      title={`Delete the data of “${connector.name}” for good`}
      confirm="Delete for good"
      busyLabel="Deleting…"
      busy={purge.isPending}
      ready={typed.trim() === connector.name}
      error={purge.error}
      onConfirm={() => purge.mutate()}
      onClose={onClose}
    >
      <p>This erases everything RRCU recorded through this connector. It cannot be undone:</p>
      {h ? (
        <ul>
          <li>{number.format(h.runs)} sync runs</li>
          <li>
            {number.format(h.resources)} resource, {number.format(h.entitlements)} entitlement and {number.format(h.grants)} grant records (its whole access history)
          </li>
          <li>{number.format(h.tasks)} provisioning tasks</li>
        </ul>
      ) : (
        <p className="muted">Its sync runs, access history and provisioning tasks.</p>
      )}
      <p>The audit log keeps every event, and records this deletion with these counts.</p>
      <Field label="Type the connector’s name to confirm">
        <input type="text" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" autoFocus />
      </Field>
    </ConfirmDialog>
  );
}

/** A second before the archive: the last instant the connector's grants were current (they end at the archive). */
function lastCoveredInstant(archivedAt: string): string {
  return new Date(Date.parse(archivedAt) - 1000).toISOString();
}

/** The way back to the list and the connector's name, status and kind, live or archived. */
function ConnectorHeader({ connector: c, actions }: { connector: ConnectorView; actions: ReactNode }) {
  return (
    <>
      <Link href="/connectors" className="back-link">
        ← Connectors
      </Link>
      <PageHeader
        title={c.name}
        subtitle={
          <>
            <ConnectorStatus connector={c} /> AWS connector{c.simulated ? ' · built-in simulator' : ''}
          </>
        }
        actions={actions}
      />
    </>
  );
}
