import { Fragment } from 'react';
import { Link } from '../ui/link.tsx';
import { formatDate } from '../ui/when.ts';
import { daysAgo } from '../access/credential-summary.ts';
import { KIND_LABELS, REMEDIATION_LABELS } from './labels.ts';
import type { CampaignStatistics, CampaignView, ItemView, PersonRef } from './types.ts';

/** Decided of all items, as a bar with its words (never the bar alone). */
export function CampaignProgressBar({ progress }: { progress: CampaignView['progress'] }) {
  const label = `${progress.decided.toLocaleString()} of ${progress.items.toLocaleString()} decided`;
  return (
    <div className="campaign-progress">
      <progress max={Math.max(progress.items, 1)} value={progress.decided} aria-label={label} />
      <span>{label}</span>
    </div>
  );
}

/** The line an auditor quotes: "N items from sync #R at T; reconciled: yes", the digest, and the reconciliation rows behind it. */
export function CompletenessProof({ snapshot }: { snapshot: NonNullable<CampaignView['snapshot']> }) {
  const r = snapshot.reconciliation;
  return (
    <section className="panel" aria-label="Completeness proof">
      <h2>Completeness proof</h2>
      <p className="proof-line">
        <strong>{snapshot.itemCount.toLocaleString()}</strong> items from <Link href={`/syncs/${snapshot.syncRunId}`}>sync #{snapshot.syncRunId}</Link> at {formatDate(snapshot.syncAt)};
        reconciled: <strong className={r.reconciled ? 'ok-text' : 'danger-text'}>{r.reconciled ? 'yes' : 'no'}</strong>
      </p>
      <details>
        <summary>Reconciliation and digest</summary>
        <p>
          SHA-256 of the item list: <code className="break">{snapshot.sha256}</code>
        </p>
        <p>
          The sync counted {r.syncGrantTotal === null ? 'no total' : r.syncGrantTotal.toLocaleString()} grants; read back {r.populationTotal.toLocaleString()}, of which {r.indirect.toLocaleString()} are held
          through a group (reviewed as the membership and the group’s assignment).
        </p>
        <table className="data compact">
          <caption className="visually-hidden">Reconciliation by kind</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col" className="num">In sync</th>
              <th scope="col" className="num">In campaign</th>
              <th scope="col" className="num">Excluded by scope</th>
              <th scope="col">Excluded by</th>
              <th scope="col" className="num">Unexplained</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((row) => (
              <tr key={row.type}>
                <td>{row.type === 'not_reviewable' ? 'Not reviewable' : KIND_LABELS[row.type]}</td>
                <td className="num">{row.inSync.toLocaleString()}</td>
                <td className="num">{row.inCampaign.toLocaleString()}</td>
                <td className="num">{row.excludedByScope.toLocaleString()}</td>
                <td>
                  {Object.entries(row.excluded)
                    .map(([filter, n]) => `${filter}: ${(n ?? 0).toLocaleString()}`)
                    .join(', ') || '—'}
                </td>
                <td className={row.unexplained > 0 ? 'num danger-text' : 'num'}>{row.unexplained.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {r.missingItems.length > 0 && <p className="danger-text">Grants in scope missing from the items: {r.missingItems.join(', ')}</p>}
        {r.unexpectedItems.length > 0 && <p className="danger-text">Items that are not grants of the sync in scope: {r.unexpectedItems.join(', ')}</p>}
      </details>
    </section>
  );
}

/** Who has how much left (pending in the open stage; not reviewed once its stage or the campaign closed), how fast they decide, and whose decisions look rubber-stamped (shown, never blocked). */
export function CampaignStatisticsPanel({ statistics, people }: { statistics: CampaignStatistics; people: ReadonlyMap<string, PersonRef> }) {
  return (
    <section className="panel" aria-label="Progress by reviewer">
      <h2>Progress by reviewer</h2>
      <p>
        {statistics.decided.toLocaleString()} decided, {statistics.pending.toLocaleString()} pending
        {statistics.notReviewed > 0 && <>, {statistics.notReviewed.toLocaleString()} not reviewed</>}
        {statistics.unassigned > 0 && <>, {statistics.unassigned.toLocaleString()} with nobody eligible to review</>}; median {seconds(statistics.medianSecondsPerDecision)} per decision.
      </p>
      <table className="data compact">
        <caption className="visually-hidden">Progress by reviewer</caption>
        <thead>
          <tr>
            <th scope="col">Reviewer</th>
            <th scope="col" className="num">Items</th>
            <th scope="col" className="num">Decided</th>
            <th scope="col" className="num">Pending</th>
            <th scope="col" className="num">Not reviewed</th>
            <th scope="col" className="num">Kept</th>
            <th scope="col" className="num">Revoked</th>
            <th scope="col" className="num">Median per decision</th>
            <th scope="col">Flags</th>
          </tr>
        </thead>
        <tbody>
          {statistics.reviewers.map((r) => (
            <tr key={r.reviewerPersonId}>
              <td>{people.get(r.reviewerPersonId)?.displayName ?? <span className="mono">{r.reviewerPersonId.slice(0, 8)}…</span>}</td>
              <td className="num">{r.items.toLocaleString()}</td>
              <td className="num">{r.decided.toLocaleString()}</td>
              <td className="num">{r.pending.toLocaleString()}</td>
              <td className="num">{r.notReviewed.toLocaleString()}</td>
              <td className="num">{r.kept.toLocaleString()}</td>
              <td className="num">{r.revoked.toLocaleString()}</td>
              <td className="num">{seconds(r.medianSecondsPerDecision)}</td>
              <td>
                {r.rubberStamp && (
                  <span className="badge badge-warn" title="Every decision Keep, quickly: about the time of a bulk decision or less than reading an item">
                    <span aria-hidden="true" className="badge-mark">!</span>
                    Looks rubber-stamped
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function seconds(s: number | null): string {
  return s === null ? '—' : s < 60 ? `${s.toFixed(s < 10 ? 1 : 0)} s` : `${Math.round(s / 60)} min`;
}

/** What became of the revokes: remediated (a later sync no longer sees the grant) against the rest, and the rest with their age. */
export function RemediationPanel({ progress, unremediated }: { progress: CampaignView['progress']; unremediated: ItemView[] }) {
  const total = progress.remediated + progress.unremediated;
  const now = Date.now();
  return (
    <section className="panel" aria-label="Remediation">
      <h2>Remediation</h2>
      {total === 0 ? (
        <p className="muted">No revokes to remediate yet.</p>
      ) : (
        <>
          <div className="campaign-progress">
            <progress max={total} value={progress.remediated} aria-label={`${progress.remediated} of ${total} revokes remediated`} />
            <span>
              {progress.remediated.toLocaleString()} of {total.toLocaleString()} revokes remediated (a sync after the change no longer sees the grant)
            </span>
          </div>
          {unremediated.length > 0 && (
            <table className="data compact">
              <caption>Unremediated revocations</caption>
              <thead>
                <tr>
                  <th scope="col">Principal</th>
                  <th scope="col">Grant</th>
                  <th scope="col">State</th>
                  <th scope="col">Age</th>
                </tr>
              </thead>
              <tbody>
                {unremediated.map((i) => (
                  <tr key={i.id}>
                    <td>{i.principal.name ?? i.principal.id}</td>
                    <td>{i.entitlement.name ?? i.entitlement.slug} · {i.resource.name ?? i.resource.id}</td>
                    <td>
                      {i.remediation ? REMEDIATION_LABELS[i.remediation.state] : '—'}
                      {i.remediation?.taskId && (
                        <Fragment>
                          {' '}
                          (<Link href={`/tasks?task=${encodeURIComponent(i.remediation.taskId)}`}>task{i.remediation.taskStatus ? `: ${i.remediation.taskStatus}` : ''}</Link>)
                        </Fragment>
                      )}
                      {i.remediation?.reason && <div className="cell-sub">{i.remediation.reason}</div>}
                    </td>
                    <td title={i.remediation?.since}>{i.remediation ? daysAgo(i.remediation.since, now) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

/** Decided and pending per stage: the items each stage holds now. */
export function StageProgress({ stages }: { stages: { stage: number; items: number | undefined; decided: number | undefined; pending: number | undefined }[] }) {
  const n = (v: number | undefined) => (v === undefined ? '…' : v.toLocaleString());
  return (
    <table className="data compact">
      <caption>By stage (the stage each item has reached)</caption>
      <thead>
        <tr>
          <th scope="col">Stage</th>
          <th scope="col" className="num">Items</th>
          <th scope="col" className="num">Decided</th>
          <th scope="col" className="num">Pending</th>
        </tr>
      </thead>
      <tbody>
        {stages.map((s) => (
          <tr key={s.stage}>
            <td>Stage {s.stage}</td>
            <td className="num">{n(s.items)}</td>
            <td className="num">{n(s.decided)}</td>
            <td className="num">{n(s.pending)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
