import { useState } from 'react';
import { useSyncRuns } from '../syncs/queries.ts';
import { RunsTable } from '../syncs/runs-table.tsx';
import { changeSummary, countSummary, number, retriesTotal, retrySummary } from '../syncs/sync-format.ts';
import type { ConnectorView, SyncRunView } from '../types.ts';
import { Empty, ErrorBox, Loading } from '../ui/feedback.tsx';
import { Link } from '../ui/link.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { formatDate, formatDuration } from '../ui/when.ts';
import { SetupNeedsSettings } from './config-problems.tsx';
import { useSetup } from './queries.ts';
import { ActionsTable, ExternalId, SetupDocuments } from './setup-documents.tsx';

/** The panels of a connector's page, live or archived. */

export function SettingsPanel({ connector: c }: { connector: ConnectorView }) {
  const yesNo = (v: boolean | undefined) => (v ? 'On' : 'Off');
  return (
    <section className="panel" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <dl className="props">
        <dt>External ID</dt>
        <dd>
          {c.config.externalId === undefined ? <span className="muted">Could not be read</span> : <ExternalId value={c.config.externalId} />}
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
        <dd>{c.config.region ?? <span className="muted">Could not be read</span>}</dd>
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

export function LastSyncPanel({ connector: c }: { connector: ConnectorView }) {
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

export function RunningPanel({ run }: { run: SyncRunView }) {
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

export function RecentRuns({ connectorId, live }: { connectorId: string; live: boolean }) {
  const runs = useSyncRuns({ connectorId, limit: 10 }, { live });
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

export function SetupPanel({ connector: c }: { connector: ConnectorView }) {
  const [open, setOpen] = useState(false);
  // Saved settings to fix first: the API would refuse the documents (409), so they are not asked for.
  const blocked = c.configProblems.length > 0;
  const setup = useSetup(c.id, open && !blocked);
  return (
    <section className="panel" aria-labelledby="setup-heading">
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          <h2 id="setup-heading" className="summary-heading">
            Setup documents
          </h2>{' '}
          <span className="muted">— the role’s trust policy, inline policy, Terraform and CloudFormation</span>
        </summary>
        {open && blocked && <SetupNeedsSettings connector={c} />}
        {open && !blocked && (
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
