import { useState } from 'react';
import { can, useMe } from '../auth/session.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { Checkbox } from '../ui/form.tsx';
import { Link } from '../ui/link.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { QueryView } from '../ui/query-view.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { formatDate } from '../ui/when.ts';
import { useArchivePolicy, usePolicies } from './queries.ts';
import { formatMinutes } from './request-text.ts';
import type { PolicyView } from './types.ts';
import './requests.css';

/** What a policy makes requestable, in a few words: "ReadOnlyAccess on every account; member of Admins". */
export function requestableSummary(p: PolicyView): string {
  return p.document.requestable
    .map((r) => {
      if (r.kind === 'permission_set') {
        const where = r.accounts === '*' ? (r.ouPaths?.length ? `accounts under ${r.ouPaths.join(', ')}` : 'every account') : `${r.accounts.length} account${r.accounts.length === 1 ? '' : 's'}`;
        return `${r.permissionSet} on ${where}`;
      }
      return r.kind === 'sso_group' ? `member of ${r.group}` : `member of IAM group ${r.group}`;
    })
    .join('; ');
}

/** Request policies: what may be requested, by whom, approved by whom, for how long. Administrators create, edit and archive them; auditors read. */
export function PoliciesPage() {
  const me = useMe();
  const [archived, setArchived] = useState(false);
  const [archiving, setArchiving] = useState<PolicyView | null>(null);
  const policies = usePolicies(archived);
  const archive = useArchivePolicy(() => setArchiving(null));
  const operate = can(me, 'operate');
  return (
    <div className="page policies-page">
      <PageHeader
        title="Request policies"
        subtitle="What people may request for a limited time, who may ask, who approves, and for how long. Several policies may cover one thing: the most restrictive applies."
        actions={
          operate && (
            <Link href="/request-policies/new" className="button">
              New request policy
            </Link>
          )
        }
      />
      <div className="toolbar">
        <Checkbox label="Show archived policies" checked={archived} onChange={setArchived} />
      </div>
      <QueryView
        query={policies}
        loading="Loading request policies…"
        empty={(items) => items.length === 0}
        emptyTitle="No request policies"
        emptyBody={<p>Nothing can be requested until a policy makes it requestable. Write one here, or apply a file with <code>rrcu policy apply FILE</code>.</p>}
      >
        {(items) => (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">Request policies</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Requestable</th>
                  <th scope="col">Durations</th>
                  <th scope="col">Connector</th>
                  <th scope="col">Updated</th>
                  {operate && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link href={`/request-policies/${p.id}`}>{p.name}</Link> {p.archivedAt && <StatusBadge status="archived" />}
                      <span className="cell-sub">version {p.version}</span>
                    </td>
                    <td>{requestableSummary(p)}</td>
                    <td className="nowrap">
                      {formatMinutes(p.document.defaultDurationMinutes)}, at most {formatMinutes(p.document.maxDurationMinutes)}
                      {p.document.breakGlass.allowed && <span className="cell-sub">break-glass allowed</span>}
                    </td>
                    <td>{p.connectorName ?? p.connectorId}</td>
                    <td className="nowrap" title={p.updatedAt}>
                      {formatDate(p.updatedAt)}
                    </td>
                    {operate && (
                      <td className="actions">
                        {!p.archivedAt && (
                          <button type="button" className="button ghost small" onClick={() => setArchiving(p)} aria-label={`Archive ${p.name}`}>
                            Archive
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
      {archiving && (
        <ConfirmDialog
          title={`Archive ${archiving.name}?`}
          confirm="Archive"
          busyLabel="Archiving…"
          busy={archive.isPending}
          error={archive.error}
          onConfirm={() => archive.mutate(archiving.id)}
          onClose={() => setArchiving(null)}
        >
          <p>Nothing new can be requested under it. Requests made under it keep their terms until they end.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
