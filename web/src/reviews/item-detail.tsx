import { Fragment } from 'react';
import { credentialSummary, type Credentials } from '../access/credential-summary.ts';
import { can, useMe } from '../auth/session.tsx';
import { actorLabel } from '../ui/actor-label.ts';
import { ErrorBox } from '../ui/feedback.tsx';
import { Link } from '../ui/link.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { QueryView } from '../ui/query-view.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { formatDate } from '../ui/when.ts';
import { grantLabel, KIND_LABELS, OUTCOME_LABELS, POLICY_LABELS, PRINCIPAL_TYPE_LABELS, REASSIGNMENT_LABELS, REMEDIATION_LABELS } from './labels.ts';
import { useItemDetail, useRemediationAction } from './queries.ts';
import { RiskFlags } from './risk-flags.tsx';
import type { ItemDetail, ItemView } from './types.ts';
import './reviews.css';

/** One item on a page of its own (`/review-items/:id`), for links from the inbox and the export. */
export function ItemDetailPage({ id }: { id: string }) {
  const detail = useItemDetail(id);
  return (
    <div className="page item-detail-page">
      <PageHeader title="Review item" subtitle={<Link href="/my-reviews">My reviews</Link>} />
      <QueryView query={detail} loading="Loading the item…">
        {(item) => <ItemContext item={item} />}
      </QueryView>
    </div>
  );
}

/** The item beside a list (My reviews, a campaign's items): its context, loaded when opened. */
export function ItemDrawer({ item, onClose }: { item: ItemView; onClose: () => void }) {
  const detail = useItemDetail(item.id);
  return (
    <aside className="item-drawer" aria-label={`Item: ${item.principal.name ?? item.principal.id}, ${grantLabel(item)}`}>
      <div className="item-drawer-head">
        <h2>
          {item.principal.name ?? item.principal.id} — {grantLabel(item)}
        </h2>
        <button type="button" className="button ghost small" onClick={onClose} aria-label="Close the item">
          ✕
        </button>
      </div>
      <QueryView query={detail} loading="Loading the item’s context…">
        {(d) => <ItemContext item={d} />}
      </QueryView>
    </aside>
  );
}

/** Credential facts as the sync stored them; the API types them loosely, the access page's summary reads them. */
function credentialLines(c: Record<string, unknown> | null): string[] {
  return c ? credentialSummary(c as Credentials, Date.now()) : [];
}

/** What a reviewer needs to decide: how it is held and since when, who gave it and why, who the person is, the risks, what was decided before. */
export function ItemContext({ item }: { item: ItemDetail }) {
  const me = useMe();
  const { context } = item;
  const credentials = credentialLines(context.credentials);
  return (
    <div className="item-context">
      <dl className="props">
        <dt>Principal</dt>
        <dd>
          {item.principal.name ?? item.principal.id} <span className="muted">({PRINCIPAL_TYPE_LABELS[item.principal.type] ?? item.principal.type})</span>
        </dd>
        {item.person && (
          <>
            <dt>Person</dt>
            <dd>
              {item.person.email ? <Link href={`/access?${new URLSearchParams({ person: item.person.email }).toString()}`}>{item.person.displayName}</Link> : item.person.displayName}
            </dd>
          </>
        )}
        <dt>Grant</dt>
        <dd>
          {grantLabel(item)} <span className="muted">({KIND_LABELS[item.kind]})</span>
        </dd>
        <dt>How held</dt>
        <dd>Direct{item.kind === 'sso_group_membership' || item.kind === 'iam_group_membership' ? ' membership: the group’s access comes with it' : ''}</dd>
        <Confers item={item} />
        <dt>First seen</dt>
        <dd>{formatDate(context.firstSeen)}</dd>
        <dt>Given by RRCU</dt>
        <dd>
          {context.grantedBy ? (
            <>
              {actorLabel(context.grantedBy.actor, me.user.id, context.grantedBy.actorName)} on {formatDate(context.grantedBy.at)}
              {context.grantedBy.reason && <> — “{context.grantedBy.reason}”</>} (<Link href={`/tasks?${new URLSearchParams({ task: context.grantedBy.taskId }).toString()}`}>task</Link>)
            </>
          ) : (
            <span className="muted">Not through RRCU (found by a sync)</span>
          )}
        </dd>
        {context.person && (
          <>
            <dt>Status</dt>
            <dd>{context.person.status ? <StatusBadge status={context.person.status.toLowerCase()} /> : '—'}</dd>
            <dt>Title</dt>
            <dd>{context.person.title ?? '—'}</dd>
            <dt>Department</dt>
            <dd>{context.person.department ?? '—'}</dd>
            <dt>Manager</dt>
            <dd>{context.person.manager?.displayName ?? '—'}</dd>
          </>
        )}
        {credentials.length > 0 && (
          <>
            <dt>IAM user credentials</dt>
            <dd>{credentials.join(', ')}</dd>
          </>
        )}
        <dt>Risk</dt>
        <dd>{item.riskFlags.length > 0 ? <RiskFlags flags={item.riskFlags} /> : <span className="muted">No flags</span>}</dd>
        <dt>Previous campaign</dt>
        <dd>
          {context.previousCampaign ? (
            <>
              <Link href={`/reviews/${context.previousCampaign.campaignId}`}>{context.previousCampaign.campaignName}</Link>:{' '}
              {OUTCOME_LABELS[context.previousCampaign.outcome]}
              {context.previousCampaign.closedAt && <> (closed {formatDate(context.previousCampaign.closedAt)})</>}
            </>
          ) : (
            <span className="muted">Not reviewed before</span>
          )}
        </dd>
        <dt>Now</dt>
        <dd>
          Stage {item.stage}, {item.reviewer ? `reviewed by ${item.reviewer.displayName}` : 'nobody eligible to review'}
          {item.policy && ` (${POLICY_LABELS[item.policy]})`} — {OUTCOME_LABELS[item.outcome]}
        </dd>
        {item.remediation && (
          <>
            <dt>Remediation</dt>
            <dd>
              {REMEDIATION_LABELS[item.remediation.state]}
              {item.remediation.reason && ` — ${item.remediation.reason}`}
              {item.remediation.observedRunId !== null && (
                <>
                  {' '}
                  — seen gone by <Link href={`/syncs/${item.remediation.observedRunId}`}>sync #{item.remediation.observedRunId}</Link> at {formatDate(item.remediation.observedAt)}
                </>
              )}
              {item.remediation.taskId && (
                <>
                  {' '}
                  (<Link href={`/tasks?${new URLSearchParams({ task: item.remediation.taskId }).toString()}`}>task{item.remediation.taskStatus ? `: ${item.remediation.taskStatus}` : ''}</Link>
                  {/* What AWS CloudTrail and support know the change by, as the campaign's evidence report gives it. */}
                  {item.remediation.awsRequestId && <>, AWS request id <code>{item.remediation.awsRequestId}</code></>})
                </>
              )}
              {can(me, 'operate') && item.remediation.state === 'task_failed' && <RemediationButton itemId={item.id} action="retry" label="Retry the revoke" />}
              {item.remediation.manualMarkedAt && (
                <>
                  {' '}
                  — marked removed by {actorLabel(item.remediation.manualMarkedBy ?? '', me.user.id, item.remediation.manualMarkedByName)} at {formatDate(item.remediation.manualMarkedAt)}
                  {item.remediation.state === 'manual' && '; the next sync proves it'}
                </>
              )}
              {can(me, 'operate') && item.remediation.state === 'manual' && !item.remediation.manualMarkedAt && <RemediationButton itemId={item.id} action="done" label="Mark removed" />}
            </dd>
          </>
        )}
      </dl>
      <History item={item} />
    </div>
  );
}

function Confers({ item }: { item: ItemView }) {
  const { accounts, memberCount } = item.confers;
  if (memberCount !== undefined) {
    return (
      <>
        <dt>Held through the group by</dt>
        <dd>{memberCount.toLocaleString()} people</dd>
      </>
    );
  }
  if (!accounts || accounts.length === 0) return null;
  return (
    <>
      <dt>Brings</dt>
      <dd>
        <ul className="plain-list">
          {accounts.map((a) => (
            <li key={`${a.accountId}-${a.permissionSet ?? ''}`}>
              {a.permissionSet ?? 'access'} on {a.accountName ?? a.accountId}
            </li>
          ))}
        </ul>
      </dd>
    </>
  );
}

/** Decisions and reassignments, oldest first, as one history. */
function History({ item }: { item: ItemDetail }) {
  const events = [
    ...item.decisions.map((d, i) => ({ at: d.at, key: `d-${i}`, text: `Stage ${d.stage}: ${d.by.displayName} decided ${d.decision === 'keep' ? 'Keep' : 'Revoke'}${d.comment ? ` — “${d.comment}”` : ''}` })),
    ...item.reassignments.map((r, i) => ({
      at: r.at,
      key: `r-${i}`,
      text: `Stage ${r.stage}: ${r.from?.displayName ?? 'nobody'} → ${r.to?.displayName ?? 'nobody'} (${REASSIGNMENT_LABELS[r.reason] ?? r.reason})${r.note ? ` — “${r.note}”` : ''}`,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  if (events.length === 0) return null;
  return (
    <section aria-label="History">
      <h3>History</h3>
      <ol className="history">
        {events.map((e) => (
          <Fragment key={e.key}>
            <li>
              <time dateTime={e.at}>{formatDate(e.at)}</time> {e.text}
            </li>
          </Fragment>
        ))}
      </ol>
    </section>
  );
}

/** Super and Connector Administrators: ask again for a revoke whose task failed, or say a manual removal is done (the next sync proves it). */
function RemediationButton({ itemId, action, label }: { itemId: string; action: 'retry' | 'done'; label: string }) {
  const change = useRemediationAction(itemId, action);
  return (
    <>
      {' '}
      <button type="button" disabled={change.isPending} onClick={() => change.mutate(undefined)}>
        {change.isPending ? 'Working…' : label}
      </button>
      {change.error && <ErrorBox error={change.error} />}
    </>
  );
}
