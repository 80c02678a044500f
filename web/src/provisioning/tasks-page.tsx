import { useId } from 'react';
import { resourceTypeLabel } from '../access/labels.ts';
import { can, useMe } from '../auth/session.tsx';
import { useConnectorChoices } from '../connectors/queries.ts';
import { setQuery, useLocation } from '../router.ts';
import type { TaskStatus, TaskView } from '../types.ts';
import { actorLabel } from '../ui/actor-label.ts';
import { ConnectorFilter } from '../ui/connector-filter.tsx';
import { ExpandableRow, useOpenRows } from '../ui/expandable-row.tsx';
import { Empty, ErrorBox, Loading } from '../ui/feedback.tsx';
import { Link } from '../ui/link.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { formatDate, formatDay, formatTime } from '../ui/when.ts';
import { useTask, useTasks } from './queries.ts';
import { TaskProgress } from './task-progress.tsx';
import { isFinished, outcomeText, verifiedText } from './task-text.ts';
import '../ui/pages.css';

const STATUSES: TaskStatus[] = ['pending', 'running', 'succeeded', 'failed'];
const STATUS_LABELS: Record<TaskStatus, string> = { pending: 'Pending', running: 'Running', succeeded: 'Succeeded', failed: 'Failed' };
const LIMIT = 200;

function isStatus(s: string | null): s is TaskStatus {
  return s !== null && (STATUSES as string[]).includes(s);
}

/** The provisioning tasks: every grant and revoke RRCU carried out or is carrying out, newest first. */
export function TasksPage() {
  const me = useMe();
  const { query } = useLocation();
  const ids = useId();
  const status = isStatus(query.get('status')) ? (query.get('status') as TaskStatus) : undefined;
  const connectorId = query.get('connectorId') || undefined;
  const focus = query.get('task') || undefined;
  const connectors = useConnectorChoices();
  const [open, toggle] = useOpenRows<string>(focus ? [focus] : []);

  const tasks = useTasks({ status, connectorId }, LIMIT);
  const focused = useTask(focus);

  const connectorList = connectors.data?.items ?? [];
  const connectorName = (id: string) => {
    const c = connectorList.find((known) => known.id === id);
    return c ? (c.archivedAt ? `${c.name} (archived)` : c.name) : id;
  };
  const items = tasks.data?.items ?? [];
  const running = items.filter((t) => !isFinished(t)).length;

  return (
    <div className="page tasks-page">
      <PageHeader
        title="Provisioning"
        subtitle="Every grant and revoke RRCU makes in AWS: who asked, why, how it went, and whether a later sync saw it."
        actions={
          can(me, 'operate') ? (
            <Link className="button secondary" href="/access">
              Grant or revoke on the Access page
            </Link>
          ) : undefined
        }
      />

      {focus && (
        <div className="task-list">
          {focused.isPending ? (
            <Loading label="Loading the task…" />
          ) : focused.isError ? (
            <ErrorBox error={focused.error} />
          ) : (
            <TaskProgress key={focused.data.id} task={focused.data} onDismiss={() => setQuery({ task: undefined })} />
          )}
        </div>
      )}

      <div className="toolbar">
        <div className="field">
          <label htmlFor={`${ids}-status`}>Status</label>
          <select id={`${ids}-status`} value={status ?? ''} onChange={(e) => setQuery({ status: e.target.value })}>
            <option value="">All statuses</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        {connectorList.length > 1 && <ConnectorFilter connectors={connectorList} value={connectorId} />}
        {running > 0 && (
          <p className="hint" role="status">
            {running} unfinished {running === 1 ? 'task' : 'tasks'}: refreshing every 2 seconds.
          </p>
        )}
      </div>

      {tasks.isPending ? (
        <Loading label="Loading tasks…" />
      ) : tasks.isError && !tasks.data ? (
        <ErrorBox error={tasks.error} />
      ) : items.length === 0 ? (
        status || connectorId ? (
          <Empty title="No tasks match">
            <p>No provisioning task has this status{connectorId ? ' on this connector' : ''}. Choose “All statuses” to see every task.</p>
          </Empty>
        ) : (
          <Empty title="No provisioning tasks yet">
            <p>
              Tasks appear here when someone grants or revokes access. Connector Administrators do that from the <Link href="/access">Access</Link> page
              or with <code>rrcu grant</code> / <code>rrcu revoke</code>.
            </p>
          </Empty>
        )
      ) : (
        <>
          {tasks.isRefetchError && <ErrorBox error={tasks.error} />}
          <div className="table-wrap tall">
            <table className="data">
              <caption className="visually-hidden">Provisioning tasks, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Details</span>
                  </th>
                  <th scope="col">Asked</th>
                  <th scope="col">Change</th>
                  <th scope="col">Principal</th>
                  <th scope="col">Status</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Seen by sync</th>
                  <th scope="col">Asked by</th>
                </tr>
              </thead>
              <tbody>
                {items.map((t) => (
                  <ExpandableRow
                    key={t.id}
                    open={open.has(t.id)}
                    onToggle={() => toggle(t.id)}
                    label={`Details of task ${t.id}`}
                    detailsId={`${ids}-${t.id}`}
                    span={7}
                    className={t.id === focus ? 'highlight' : undefined}
                    details={() => <TaskDetails task={t} connector={connectorName(t.connectorId)} />}
                  >
                    <td className="nowrap" title={formatDate(t.createdAt)}>
                      {formatDay(t.createdAt)}
                      <span className="cell-sub">{formatTime(t.createdAt)}</span>
                    </td>
                    <td>
                      <strong>{t.action === 'grant' ? 'Grant' : 'Revoke'}</strong> {t.entitlement.displayName}
                      {connectorList.length > 1 && <span className="cell-sub">{connectorName(t.connectorId)}</span>}
                    </td>
                    <td>
                      {t.principal.displayName}
                      <span className="cell-sub one-line narrow" title={t.principal.externalId}>
                        {resourceTypeLabel(t.principal.type)} · <span className="mono">{t.principal.externalId}</span>
                      </span>
                    </td>
                    <td>
                      <StatusBadge status={t.status} />
                      <span className="cell-sub">{t.attempts === 1 ? '1 attempt' : `${t.attempts} attempts`}</span>
                      {t.error && <span className="cell-sub">{t.status === 'failed' ? t.error.message : `Retrying: ${t.error.message}`}</span>}
                    </td>
                    <td className="nowrap" title={t.outcome ? outcomeText(t) : undefined}>
                      {t.outcome === 'applied' ? (t.action === 'grant' ? 'Granted' : 'Removed') : t.outcome === 'already' ? 'Already so' : '—'}
                      {t.verified !== null && <span className="cell-sub">{t.verified ? 'verified in AWS' : 'not verified'}</span>}
                    </td>
                    <td className="nowrap">{t.observedRunId !== null ? <Link href={`/syncs/${t.observedRunId}`}>Run {t.observedRunId}</Link> : t.status === 'succeeded' ? 'Not yet' : '—'}</td>
                    <td>
                      <span title={t.actor}>{actorLabel(t.actor, me.user.id, t.actorName)}</span>
                      {t.reason && <span className="cell-sub">“{t.reason}”</span>}
                    </td>
                  </ExpandableRow>
                ))}
              </tbody>
            </table>
          </div>
          <p className="hint table-footer">
            {items.length === LIMIT ? `The newest ${LIMIT} tasks; filter by status to see older ones.` : `${items.length} ${items.length === 1 ? 'task' : 'tasks'}.`}
          </p>
        </>
      )}
    </div>
  );
}

function TaskDetails({ task: t, connector }: { task: TaskView; connector: string }) {
  return (
    <>
      <dl className="props">
        <dt>Task</dt>
        <dd className="mono">{t.id}</dd>
        <dt>Connector</dt>
        <dd>{connector}</dd>
        <dt>Entitlement</dt>
        <dd>
          {t.entitlement.displayName} <span className="mono muted">{t.entitlement.key}</span>
        </dd>
        <dt>Asked by</dt>
        <dd className="mono">{t.actor}</dd>
        <dt>Trigger</dt>
        <dd>{t.trigger}</dd>
        <dt>Reason</dt>
        <dd>{t.reason ?? '—'}</dd>
        <dt>Attempts</dt>
        <dd>{t.attempts}</dd>
        <dt>Started</dt>
        <dd>{formatDate(t.startedAt)}</dd>
        <dt>Finished</dt>
        <dd>{formatDate(t.finishedAt)}</dd>
        <dt>Verified</dt>
        <dd>{verifiedText(t)}</dd>
        <dt>AWS request id</dt>
        <dd className="mono">{t.requestId ?? '—'}</dd>
      </dl>
      {t.error && <ErrorBox error={t.status === 'failed' ? t.error : { ...t.error, message: `Attempt ${t.attempts} ran into: ${t.error.message}` }} />}
    </>
  );
}
