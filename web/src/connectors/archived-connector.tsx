import { useState } from 'react';
import { navigate } from '../router.ts';
import { number } from '../syncs/sync-format.ts';
import type { ConnectorView } from '../types.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { Field } from '../ui/form.tsx';
import { Link } from '../ui/link.tsx';
import { formatDate } from '../ui/when.ts';
import { LastSyncPanel, RecentRuns, SettingsPanel } from './connector-panels.tsx';
import { ConnectorHeader } from './connector-status.tsx';
import { useArchiveConnector, usePurgeConnector } from './queries.ts';

/** Archiving a connector, and what is left of it afterwards: its history, and for a Super Administrator the way to delete it for good. */

export function ArchiveConnector({ connector, onClose }: { connector: ConnectorView; onClose: () => void }) {
  const archive = useArchiveConnector(connector.id, onClose);
  return (
    <ConfirmDialog
      title={`Archive connector “${connector.name}”`}
      confirm="Archive connector"
      busyLabel="Archiving…"
      busy={archive.isPending}
      error={archive.error}
      onConfirm={() => archive.mutate()}
      onClose={onClose}
    >
      <p>
        RRCU stops syncing this connector and changing access through it; provisioning tasks still waiting are cancelled. Its history stays: sync runs,
        tasks and the audit trail remain readable, and Access as of a date it covered still shows its grants. Current access no longer includes it.
      </p>
      <p>Nothing changes in AWS: the role stays until you delete it there. A new connector may take this name.</p>
    </ConfirmDialog>
  );
}

/** An archived connector: what it was, its history, and for a Super Administrator the way to delete that history for good. */
export function ArchivedConnectorPage({ connector: c, canPurge, purging, setPurging }: { connector: ConnectorView; canPurge: boolean; purging: boolean; setPurging: (on: boolean) => void }) {
  return (
    <>
      <ConnectorHeader
        connector={c}
        actions={
          canPurge && (
            <button type="button" className="button danger" onClick={() => setPurging(true)}>
              Delete data for good
            </button>
          )
        }
      />
      <div className="warn-box" role="status">
        <p>
          <strong>Archived {formatDate(c.archivedAt!)}</strong>
          {c.archivedBy ? ` by ${c.archivedByName ?? c.archivedBy}` : ''}. It no longer syncs or changes access. Its sync runs, tasks and audit trail stay readable, and{' '}
          <Link href={`/access?connectorId=${encodeURIComponent(c.id)}&at=${encodeURIComponent(lastCoveredInstant(c.archivedAt!))}`}>Access as of a date it covered</Link> still shows its
          grants.
        </p>
      </div>
      <div className="grid-2">
        <SettingsPanel connector={c} />
        <LastSyncPanel connector={c} />
      </div>
      <RecentRuns connectorId={c.id} live={false} />
      {purging && <PurgeConnector connector={c} onClose={() => setPurging(false)} />}
    </>
  );
}

function PurgeConnector({ connector, onClose }: { connector: ConnectorView; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const purge = usePurgeConnector(connector.id, () => navigate('/connectors'));
  const h = connector.history;
  return (
    <ConfirmDialog
      title={`Delete the data of “${connector.name}” for good`}
      confirm="Delete for good"
      busyLabel="Deleting…"
      busy={purge.isPending}
      ready={typed.trim() === connector.name}
      error={purge.error}
      onConfirm={() => purge.mutate(typed.trim())}
      onClose={onClose}
    >
      <p>This erases everything RRCU recorded through this connector. It cannot be undone:</p>
      {h ? (
        <ul>
          <li>{number.format(h.runs)} sync runs</li>
          <li>
            {number.format(h.resources)} resource, {number.format(h.entitlements)} entitlement and {number.format(h.grants)} grant records (its whole access history)
          </li>
          <li>{number.format(h.tasks)} provisioning tasks</li>
          <li>{number.format(h.marks)} privileged marks administrators made on its entitlements (active and unmarked)</li>
          <li>{number.format(h.owners)} resource owners set in RRCU (current and removed)</li>
        </ul>
      ) : (
        <p className="muted">Its sync runs, access history, provisioning tasks, privileged marks and resource owners.</p>
      )}
      <p>The audit log keeps every event, and records this deletion with these counts. Access review campaigns on this connector are kept, with their decisions.</p>
      <Field label="Type the connector’s name to confirm">
        <input type="text" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" autoFocus />
      </Field>
    </ConfirmDialog>
  );
}

/** A second before the archive: the last instant the connector's grants were current (they end at the archive). */
function lastCoveredInstant(archivedAt: string): string {
  return new Date(Date.parse(archivedAt) - 1000).toISOString();
}
