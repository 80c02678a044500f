import { useState } from 'react';
import { useMe } from '../auth/session.tsx';
import { actorLabel } from '../ui/actor-label.ts';
import { Link } from '../ui/link.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { QueryView } from '../ui/query-view.tsx';
import { formatDate } from '../ui/when.ts';
import { useRequest } from './queries.ts';
import { RequestActionDialog, type RequestDialog } from './request-dialogs.tsx';
import { RequestStatusBadge, TargetStatusBadge } from './request-parts.tsx';
import { formatMinutes, sessionWarning } from './request-text.ts';
import type { RequestDetail } from './types.ts';
import './requests.css';

/** One request (`/requests/:id`, where notifications lead): its terms, approvals, accounts with their tasks, timeline, and what the reader may do now. */
export function RequestDetailPage({ id }: { id: string }) {
  const number = Number(id);
  const request = useRequest(Number.isSafeInteger(number) && number > 0 ? number : 0);
  return (
    <div className="page request-detail-page">
      <PageHeader
        title={`Request #${id}`}
        subtitle={
          <>
            <Link href="/my-requests">My requests</Link> · <Link href="/approvals">Approvals</Link>
          </>
        }
      />
      <QueryView query={request} loading="Loading the request…">
        {(r) => <RequestBody r={r} />}
      </QueryView>
    </div>
  );
}

function RequestBody({ r }: { r: RequestDetail }) {
  const me = useMe();
  const [dialog, setDialog] = useState<RequestDialog | null>(null);
  const open = (kind: RequestDialog['kind']) => setDialog({ kind, request: r });
  const isPermissionSet = r.entitlement.kind === 'permission_set';
  return (
    <>
      <section className="panel request-summary" aria-label="Request">
        <h2>
          {r.entitlementText} <RequestStatusBadge status={r.status} />
          {r.breakGlass && <span className="badge badge-danger">Break-glass</span>}
        </h2>
        <div className="button-row">
          {r.can.approve && (
            <>
              <button type="button" className="button" onClick={() => open('approve')}>
                Approve
              </button>
              <button type="button" className="button danger" onClick={() => open('deny')}>
                Deny
              </button>
            </>
          )}
          {r.can.reviewBreakGlass && (
            <>
              <button type="button" className="button" onClick={() => open('appropriate')}>
                Appropriate
              </button>
              <button type="button" className="button danger" onClick={() => open('inappropriate')}>
                Inappropriate
              </button>
            </>
          )}
          {r.can.cancel && (
            <button type="button" className="button secondary" onClick={() => open('cancel')}>
              Cancel request
            </button>
          )}
          {r.can.extend && (
            <button type="button" className="button secondary" onClick={() => open('extend')}>
              Extend
            </button>
          )}
          {r.can.revoke && (
            <button type="button" className="button danger" onClick={() => open('revoke')}>
              End now
            </button>
          )}
        </div>
        {r.duplicateWarning && <p className="warn-box">{r.duplicateWarning}</p>}
        {r.ending && (
          <p className="notice">
            {r.ending.as === 'expire' ? 'Expired' : `Ended early${r.ending.by ? ` by ${actorLabel(r.ending.by, me.user.id, r.ending.byName)}` : ''}`} while the grants still run: carried out
            once they finish{r.ending.reason ? ` (“${r.ending.reason}”)` : ''}.
          </p>
        )}
        <dl className="props">
          <dt>Requester</dt>
          <dd>
            {r.requester.displayName}
            {r.requester.email && <span className="muted"> ({r.requester.email})</span>}
          </dd>
          <dt>For</dt>
          <dd>
            {r.principal.name ?? r.principal.id} <span className="muted">({r.principal.type})</span>
          </dd>
          <dt>Policy</dt>
          <dd>
            {r.policy.id ? <Link href={`/request-policies/${r.policy.id}`}>{r.policy.name}</Link> : r.policy.name} <span className="muted">version {r.policy.version}</span>
          </dd>
          <dt>Duration</dt>
          <dd>
            {formatMinutes(r.durationMinutes)}
            {r.durationClamped && <span className="muted"> (cut to the policy’s maximum)</span>}
          </dd>
          {isPermissionSet && (
            <>
              <dt>AWS sessions</dt>
              <dd>{sessionWarning(r.sessionDuration)}</dd>
            </>
          )}
          <dt>Justification</dt>
          <dd>{r.justification ?? <span className="muted">None given</span>}</dd>
          <dt>Ticket</dt>
          <dd>{r.ticket ?? <span className="muted">None</span>}</dd>
          {r.autoApproved && (
            <>
              <dt>Approved without a person</dt>
              <dd>{r.autoApproved}</dd>
            </>
          )}
          {r.extensionOf !== null && (
            <>
              <dt>Extends</dt>
              <dd>
                <Link href={`/requests/${r.extensionOf}`}>request #{r.extensionOf}</Link>
              </dd>
            </>
          )}
          <dt>Asked</dt>
          <dd>{formatDate(r.createdAt)}</dd>
          {r.status === 'pending' && (
            <>
              <dt>Times out</dt>
              <dd>{formatDate(r.pendingUntil)}</dd>
            </>
          )}
          <dt>Active since</dt>
          <dd>{formatDate(r.activeAt)}</dd>
          <dt>Expires</dt>
          <dd>{formatDate(r.expiresAt)}</dd>
          {r.endedAt && (
            <>
              <dt>Ended</dt>
              <dd>
                {formatDate(r.endedAt)}
                {r.endReason && <> — {r.endReason}</>}
              </dd>
            </>
          )}
        </dl>
      </section>

      <section className="panel" aria-label="Approval">
        <h2>Approval</h2>
        {r.postHocReview?.status === 'awaited' && <p className="notice">Break-glass: awaiting review after the fact by an approver of step 1.</p>}
        {r.postHocReview?.status === 'recorded' && (
          <p className={r.postHocReview.verdict === 'inappropriate' ? 'warn-box' : 'notice'}>
            Break-glass reviewed <strong>{r.postHocReview.verdict}</strong> by {r.postHocReview.reviewer.displayName} on {formatDate(r.postHocReview.at)}
            {r.postHocReview.comment && <> — “{r.postHocReview.comment}”</>}
          </p>
        )}
        {r.steps.length === 0 ? (
          <p className="muted">No approval step: {r.autoApproved ?? 'approved by the policy’s rules.'}</p>
        ) : (
          <ol className="request-steps">
            {r.steps.map((s) => {
              const decisions = r.approvals.filter((a) => a.step === s.step);
              return (
                <li key={s.step} className={s.step === r.currentStep && r.status === 'pending' ? 'request-step current' : 'request-step'}>
                  <strong>
                    Step {s.step}: {s.approvals} approval{s.approvals === 1 ? '' : 's'}
                  </strong>{' '}
                  from {s.approvers.length > 0 ? s.approvers.map((p) => p.displayName).join(', ') : <span className="muted">nobody found</span>}
                  {decisions.length > 0 && (
                    <ul className="plain-list">
                      {decisions.map((a) => (
                        <li key={`${a.approver.personId}-${a.at}`}>
                          {a.decision === 'approve' ? 'Approved' : 'Denied'} by {a.approver.displayName} on {formatDate(a.at)}
                          {a.comment && <> — “{a.comment}”</>}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <section className="panel" aria-label="Accounts">
        <h2>{isPermissionSet ? 'Accounts' : 'Target'}</h2>
        <div className="table-wrap">
          <table className="data request-targets">
            <caption className="visually-hidden">Where the access is granted</caption>
            <thead>
              <tr>
                <th scope="col">Where</th>
                <th scope="col">Status</th>
                <th scope="col">Grant</th>
                <th scope="col">Removal</th>
              </tr>
            </thead>
            <tbody>
              {r.targets.map((t) => (
                <tr key={t.entitlementKey} data-target={t.resourceId}>
                  <td>
                    {t.resourceName ?? t.resourceId}
                    <span className="cell-sub mono">{t.resourceId}</span>
                  </td>
                  <td>
                    <TargetStatusBadge status={t.status} />
                    {t.keptBecause && <span className="cell-sub">Kept: {t.keptBecause}</span>}
                    {t.error && <span className="cell-sub danger-text">{t.error}</span>}
                  </td>
                  <td>
                    <TaskCell task={t.grantTask} />
                  </td>
                  <td>
                    <TaskCell task={t.revokeTask} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="panel" aria-label="Timeline">
        <h2>Timeline</h2>
        <ol className="request-timeline">
          {r.timeline.map((e, i) => (
            <li key={`${e.at}-${i}`} data-event={e.type}>
              <time dateTime={e.at}>{formatDate(e.at)}</time> <span className="timeline-summary">{e.summary}</span>
              <span className="muted"> — {actorLabel(e.actor, me.user.id, e.actorName)}</span>
            </li>
          ))}
        </ol>
      </section>
      {dialog && <RequestActionDialog dialog={dialog} onClose={() => setDialog(null)} />}
    </>
  );
}

function TaskCell({ task }: { task: RequestDetail['targets'][number]['grantTask'] }) {
  if (!task) return <span className="muted">—</span>;
  return (
    <>
      <Link href={`/tasks?${new URLSearchParams({ task: task.id }).toString()}`}>task {task.id.slice(0, 8)}</Link> <span className="muted">{task.outcome ?? task.status}</span>
      {task.verified && <span className="cell-sub">read back from AWS{task.finishedAt ? ` ${formatDate(task.finishedAt)}` : ''}</span>}
      {task.observedRunId !== null && <span className="cell-sub">seen by sync #{task.observedRunId}</span>}
    </>
  );
}
