import { useState } from 'react';
import { useConnectorList } from '../connectors/queries.ts';
import { useLocation } from '../router.ts';
import { ConnectorFilter } from '../ui/connector-filter.tsx';
import { Empty, ErrorBox, Loading } from '../ui/feedback.tsx';
import { Link } from '../ui/link.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { formatDate } from '../ui/when.ts';
import { useSyncRuns, useSyncSchedule } from './queries.ts';
import { RunsTable } from './runs-table.tsx';

const PAGE = 50;
const MAX = 200;

export function SyncsPage() {
  const location = useLocation();
  const connectorId = location.query.get('connectorId') ?? '';
  const [limit, setLimit] = useState(PAGE);
  const connectors = useConnectorList();
  const runs = useSyncRuns({ connectorId, limit }, { keepPrevious: true });
  const items = runs.data?.items ?? [];

  return (
    <>
      <PageHeader title="Syncs" subtitle="Every run that read a connector’s AWS organisation: how long it took, what it found and changed, which AWS calls it made." />
      <SyncSchedule />
      <div className="toolbar">
        <ConnectorFilter connectors={connectors.data?.items ?? []} value={connectorId} disabled={!connectors.data} />
        {runs.isFetching && !runs.isPending && <span className="muted">Refreshing…</span>}
      </div>
      {connectors.error && <ErrorBox error={connectors.error} />}
      {runs.isPending && <Loading label="Loading syncs…" />}
      {runs.error && <ErrorBox error={runs.error} />}
      {runs.data && items.length === 0 && (
        <Empty title={connectorId ? 'This connector has not synced yet' : 'No syncs yet'}>
          <p>
            A sync runs on the schedule above, when a Connector Administrator presses Sync now on a <Link href="/connectors">connector</Link>, or when
            someone runs <code>rrcu sync</code> on the command line.
          </p>
        </Empty>
      )}
      {items.length > 0 && (
        <>
          <div className="table-wrap tall">
            <RunsTable runs={items} showConnector />
          </div>
          <div className="button-row">
            <span className="muted">
              {items.length < limit ? `All ${items.length} runs shown.` : `The latest ${items.length} runs.`}
            </span>
            {items.length >= limit && limit < MAX && (
              <button type="button" className="button secondary small" onClick={() => setLimit(Math.min(MAX, limit + 50 * 3))} disabled={runs.isFetching}>
                Show more
              </button>
            )}
          </div>
        </>
      )}
    </>
  );
}

/** When connectors sync on their own: set by RRCU_SYNC_SCHEDULE on the server. */
function SyncSchedule() {
  const schedule = useSyncSchedule();
  if (schedule.error) return <ErrorBox error={schedule.error} />;
  if (!schedule.data) return null;
  const { cron, timezone, next } = schedule.data;
  return (
    <p className="hint" aria-label="Sync schedule">
      {cron ? (
        <>
          Every connector syncs on the schedule <code>{cron}</code> ({timezone}){next[0] ? <>; next at {formatDate(next[0])}</> : null}. The server’s
          RRCU_SYNC_SCHEDULE sets it.
        </>
      ) : (
        <>No sync schedule: connectors sync only when asked (RRCU_SYNC_SCHEDULE is off).</>
      )}
    </p>
  );
}
