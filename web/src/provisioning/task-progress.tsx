import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../api.ts';
import { can, useMe } from '../auth/session.tsx';
import type { TaskView } from '../types.ts';
import { ErrorBox } from '../ui/feedback.tsx';
import { Link } from '../ui/link.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { formatDate } from '../ui/when.ts';

export const isFinished = (t: Pick<TaskView, 'status'>) => t.status === 'succeeded' || t.status === 'failed';

/** "Grant AdministratorAccess on payments-prod to Alice" — what a task changes, in one line. */
export function describeTask(t: TaskView): string {
  return t.action === 'grant'
    ? `Grant ${t.entitlement.displayName} to ${t.principal.displayName}`
    : `Revoke ${t.entitlement.displayName} from ${t.principal.displayName}`;
}

export function outcomeText(t: TaskView): string {
  if (t.outcome === 'applied') return t.action === 'grant' ? 'Granted in AWS' : 'Removed in AWS';
  if (t.outcome === 'already') return t.action === 'grant' ? 'AWS already had this access: nothing changed' : 'AWS no longer had this access: nothing changed';
  return '—';
}

export function verifiedText(t: TaskView): string {
  if (t.verified === true) return 'Yes: read back from AWS';
  if (t.verified === false) return 'No: AWS did not confirm the change when read back';
  return isFinished(t) ? '—' : 'Not yet';
}

/**
 * The live state of one provisioning task: asks GET /api/tasks/:id every second until it succeeds or fails, then
 * less often until a sync has seen the change (which is when the access explorer shows it).
 */
export function TaskProgress({ task: initial, existing, onDismiss }: { task: TaskView; existing?: boolean; onDismiss?: () => void }) {
  const queryClient = useQueryClient();
  const operator = can(useMe(), 'operate');
  const sync = useMutation({
    mutationFn: () => api<{ jobId: string; alreadyQueued: boolean }>('POST', `/api/connectors/${encodeURIComponent(initial.connectorId)}/sync`),
  });
  const query = useQuery({
    queryKey: ['task', initial.id],
    queryFn: () => api<TaskView>('GET', `/api/tasks/${encodeURIComponent(initial.id)}`),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (q) => {
      const t = q.state.data;
      if (!t || !isFinished(t)) return 1000;
      return t.status === 'succeeded' && t.observedRunId === null ? 5000 : false;
    },
  });
  const task = query.data;

  // The explorer reads the inventory, which changes when the task ends and again when a sync has seen it.
  const seen = useRef({ finished: isFinished(initial), observed: initial.observedRunId });
  useEffect(() => {
    const finishedNow = isFinished(task) && !seen.current.finished;
    const observedNow = task.observedRunId !== null && seen.current.observed === null;
    seen.current = { finished: isFinished(task), observed: task.observedRunId };
    if (finishedNow || observedNow) {
      void queryClient.invalidateQueries({ queryKey: ['access'] });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    }
  }, [task, queryClient]);

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
