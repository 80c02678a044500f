import type { SyncRunView } from '../types.ts';
import { number, retriesTotal, retrySummary } from './sync-format.ts';

/** A running sync's stage and counts, as its last heartbeat left them. */
export function LiveProgress({ run }: { run: SyncRunView }) {
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
