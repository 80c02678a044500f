import { useState } from 'react';
import { can, useMe } from '../auth/session.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { ErrorBox } from '../ui/feedback.tsx';
import { Link } from '../ui/link.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { QueryView } from '../ui/query-view.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { formatDate } from '../ui/when.ts';
import { CampaignItems } from './campaign-items.tsx';
import { CampaignProgressBar, CampaignStatisticsPanel, CompletenessProof, RemediationPanel, StageProgress } from './campaign-progress.tsx';
import { exportHref, useCampaign, useCampaignAction, useCampaignItems, useCampaignStatistics, usePeopleById, useStageCounts } from './queries.ts';
import type { CampaignView } from './types.ts';
import './reviews.css';

/** One campaign: its proof of completeness, progress, statistics, remediation and items; an administrator launches, advances and closes it. */
export function CampaignDetailPage({ id }: { id: string }) {
  const campaign = useCampaign(id);
  return (
    <div className="page campaign-detail-page">
      <QueryView query={campaign} loading="Loading the access review…">
        {(c) => <CampaignDetail campaign={c} />}
      </QueryView>
    </div>
  );
}

function CampaignDetail({ campaign: c }: { campaign: CampaignView }) {
  const me = useMe();
  const admin = can(me, 'operate');
  const launched = c.status !== 'draft';
  const statistics = useCampaignStatistics(c.id, launched);
  // Revokes not yet seen gone by a sync: few, so one page of them is the list.
  const unremediated = useCampaignItems(c.id, { outcome: 'revoked' });
  const revoked = unremediated.data?.pages.flatMap((p) => p.items) ?? [];
  const stages = useStageCounts(c.id, launched ? c.stageCount : 0);
  const people = usePeopleById(statistics.data?.reviewers.map((r) => r.reviewerPersonId) ?? []);
  return (
    <>
      <PageHeader
        title={c.name}
        subtitle={
          <>
            <Link href="/reviews">Access reviews</Link> · <StatusBadge status={c.status} /> · {c.connectorName ?? c.connectorId}
            {c.currentStage !== null && ` · stage ${c.currentStage} of ${c.stageCount}`} · due {formatDate(c.dueAt)}
          </>
        }
        actions={
          <>
            {launched && (
              <>
                <a className="button secondary" href={exportHref(c.id, 'csv')} download>
                  Export CSV
                </a>
                <a className="button secondary" href={exportHref(c.id, 'json')} download>
                  Export JSON
                </a>
              </>
            )}
            {admin && <CampaignActions campaign={c} />}
          </>
        }
      />
      {c.description && <p>{c.description}</p>}
      {c.snapshot ? <CompletenessProof snapshot={c.snapshot} /> : <p className="muted">Not launched: launching takes the population from the connector’s last committed sync.</p>}
      {launched && (
        <section className="panel" aria-label="Progress">
          <h2>Progress</h2>
          <CampaignProgressBar progress={c.progress} />
          <p>
            {c.progress.kept.toLocaleString()} kept, {c.progress.revoked.toLocaleString()} revoked, {c.progress.pending.toLocaleString()} pending
            {c.progress.notReviewed > 0 && <>, {c.progress.notReviewed.toLocaleString()} not reviewed (never counted as kept)</>}.
          </p>
          {c.stageCount > 1 && <StageProgress stages={stages} />}
        </section>
      )}
      {statistics.data && <CampaignStatisticsPanel statistics={statistics.data} people={people} />}
      {statistics.error && <ErrorBox error={statistics.error} />}
      {launched && <RemediationPanel progress={c.progress} unremediated={revoked.filter((i) => i.remediation && i.remediation.state !== 'remediated')} />}
      {launched && <CampaignItems campaign={c} />}
    </>
  );
}

/** Launch a draft; advance the open stage; close (confirmed: it locks every decision). */
function CampaignActions({ campaign: c }: { campaign: CampaignView }) {
  const launch = useCampaignAction(c.id, 'launch');
  const advance = useCampaignAction(c.id, 'advance');
  const [closing, setClosing] = useState(false);
  const close = useCampaignAction(c.id, 'close', () => setClosing(false));
  return (
    <>
      {c.status === 'draft' && (
        <button type="button" className="button" onClick={() => launch.mutate(undefined)} disabled={launch.isPending}>
          {launch.isPending ? 'Launching…' : 'Launch'}
        </button>
      )}
      {c.status === 'active' && c.currentStage !== null && c.currentStage < c.stageCount && (
        <button type="button" className="button secondary" onClick={() => advance.mutate(undefined)} disabled={advance.isPending}>
          {advance.isPending ? 'Closing the stage…' : `Close stage ${c.currentStage} and open stage ${c.currentStage + 1}`}
        </button>
      )}
      {c.status === 'active' && (
        <button type="button" className="button danger" onClick={() => setClosing(true)}>
          Close campaign
        </button>
      )}
      {(launch.error || advance.error) && <ErrorBox error={launch.error ?? advance.error} />}
      {closing && (
        <ConfirmDialog title={`Close ${c.name}?`} confirm="Close campaign" busyLabel="Closing…" busy={close.isPending} error={close.error} onConfirm={() => close.mutate(undefined)} onClose={() => setClosing(false)}>
          <p>
            Closing locks every decision. {c.progress.pending.toLocaleString()} items still pending become <strong>Not reviewed</strong> — never counted as kept.
            {c.options.remediateImmediately ? '' : ' Each Revoke becomes a provisioning task now.'}
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
