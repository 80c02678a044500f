import { can, useMe } from '../auth/session.tsx';
import { useQueueSync } from '../connectors/queries.ts';
import type { TaskView } from '../types.ts';
import { ErrorBox } from '../ui/feedback.tsx';
import { Link } from '../ui/link.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { formatDate } from '../ui/when.ts';
import { useFollowedTask } from './queries.ts';
import { describeTask, isFinished, outcomeText, verifiedText } from './task-text.ts';

/**
 * The live state of one provisioning task: asks GET /api/tasks/:id every second until it succeeds or fails, then
 * less often until a sync has seen the change (which is when the access explorer shows it).
 */
export function TaskProgress({ task: initial, existing, onDismiss }: { task: TaskView; existing?: boolean; onDismiss?: () => void }) {
  const operator = can(useMe(), 'operate');
  const sync = useQueueSync(initial.connectorId);
  const query = useFollowedTask(initial);
  const task = query.data;

  const finished = isFinished(task);
  return (
    <section className={`task-progress task-${task.status}`} aria-label={`Task: ${describeTask(task)}`} aria-busy={!finished}>
      <div className="task-progress-head">
        <h3>{describeTask(task)}</h3>
        <StatusBadge status={task.status} />
        {onDismiss && finished && (
          <button type="button" className="button ghost small" onClick={onDismiss} aria-label="Dismiss task">
            ✕
          </button>
        )}
      </div>
      {existing && <p className="hint">This change was already asked for and is not finished: showing that task instead of starting another.</p>}
      <dl className="task-facts" aria-live="polite">
        <div>
          <dt>Status</dt>
          <dd>{statusText(task)}</dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd>{task.attempts}</dd>
        </div>
        <div>
          <dt>Outcome</dt>
          <dd>{outcomeText(task)}</dd>
        </div>
        <div>
          <dt>Verified</dt>
          <dd>{verifiedText(task)}</dd>
        </div>
        <div>
          <dt>Seen by sync</dt>
          <dd>
            {task.observedRunId !== null ? (
              <Link href={`/syncs/${task.observedRunId}`}>Run {task.observedRunId}</Link>
            ) : task.status === 'succeeded' ? (
              <>
                Not yet: the explorer shows the change after the next sync.
                {operator && !sync.isSuccess && (
                  <>
                    {' '}
                    <button type="button" className="link-button" onClick={() => sync.mutate()} disabled={sync.isPending}>
                      Sync now
                    </button>
                  </>
                )}
                {sync.isSuccess && (
                  <>
                    {' '}
                    {sync.data.alreadyQueued ? 'A sync was already waiting' : 'Sync started'}: <Link href="/syncs">follow it</Link>.
                  </>
                )}
              </>
            ) : (
              '—'
            )}
          </dd>
        </div>
      </dl>
      {task.error && (
        <ErrorBox error={task.status === 'failed' ? task.error : { ...task.error, message: `Attempt ${task.attempts} ran into: ${task.error.message} RRCU retries.` }} />
      )}
      {query.isError && <ErrorBox error={query.error} />}
      {sync.isError && <ErrorBox error={sync.error} />}
      <p className="hint">
        Task <Link href={`/tasks?task=${encodeURIComponent(task.id)}`}>{task.id}</Link>, asked {formatDate(task.createdAt)}
        {task.finishedAt ? `, finished ${formatDate(task.finishedAt)}` : ''}.
      </p>
    </section>
  );
}

function statusText(t: TaskView): string {
  switch (t.status) {
    case 'pending':
      return 'Waiting for a worker';
    case 'running':
      return t.attempts > 1 ? `Running (attempt ${t.attempts})` : 'Running';
    case 'succeeded':
      return 'Succeeded';
    case 'failed':
      return 'Failed';
  }
}
