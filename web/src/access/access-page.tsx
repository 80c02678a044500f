import { useId, useState } from 'react';
import { can, useMe } from '../auth/session.tsx';
import { useConnectorChoices } from '../connectors/queries.ts';
import type { RequestedTask } from '../provisioning/queries.ts';
import { TaskProgress } from '../provisioning/task-progress.tsx';
import { setQuery, useLocation } from '../router.ts';
import type { AccessRecord } from '../types.ts';
import { ConnectorFilter } from '../ui/connector-filter.tsx';
import { Empty, ErrorBox, Loading } from '../ui/feedback.tsx';
import { Checkbox } from '../ui/form.tsx';
import { Link } from '../ui/link.tsx';
import { NextPageFooter } from '../ui/next-page-footer.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { beforeHistory, formatDate, validAt } from '../ui/when.ts';
import { GrantForm, RevokeDialog, type GrantDefaults } from './access-actions.tsx';
import { AsOfPicker } from './access-as-of.tsx';
import { ExportCsvButton } from './access-export.tsx';
import { GroupByField, groupByIn } from './access-group-by.tsx';
import { PersonCard } from './person-card.tsx';
import { MarkActionButton, MarkPrivilegedDialog, markedEntitlementLabel, UnmarkPrivilegedDialog } from './privileged-mark-dialogs.tsx';
import { ownedResourcesOf } from '../ownership/owned-resources.ts';
import { ResourceOwners } from '../ownership/resource-owners.tsx';
import { SuggestInput } from './access-suggest.tsx';
import { AccessSummary, AccessTable } from './access-table.tsx';
import { ACCESS_KINDS, ACCESS_KIND_LABELS, type AccessKind } from './labels.ts';
import { useAccess, type Suggestion } from './queries.ts';
import '../ui/pages.css';

const PAGE_SIZE = 500;

type Filter = Partial<Record<AccessKind, string>>;

/**
 * The access explorer: one search box (people, principals, accounts, groups, permission sets), the answer as a
 * table, any moment in the past, CSV export, and — for operators — grant and revoke with the task's progress.
 * Everything asked lives in the URL, so a link shows the same answer.
 */
export function AccessPage() {
  const me = useMe();
  const operator = can(me, 'operate');
  const { query } = useLocation();
  const searchId = useId();

  const filter: Filter = {};
  for (const k of ACCESS_KINDS) {
    const v = query.get(k);
    if (v) filter[k] = v;
  }
  const at = validAt(query.get('at'));
  const connectorId = query.get('connectorId') || undefined;
  const groupBy = groupByIn(query);
  // Only grants whose entitlement the sync found privileged or an administrator marked (docs/privileged-access.md).
  const privileged = query.get('privileged') === 'true';
  // Only grants to principals outside the organisation: who may assume roles from other accounts, or anyone.
  const external = query.get('external') === 'true';
  const question = { ...filter, ...(privileged ? { privileged: 'true' } : {}), ...(external ? { external: 'true' } : {}), ...(connectorId ? { connectorId } : {}), ...(at ? { at } : {}) };
  const searched = Object.keys(filter).length > 0;
  const filtered = searched || privileged || external;

  const [text, setText] = useState('');
  // What the picked suggestion was called, for the filter chips (the URL holds only kind and value).
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [granting, setGranting] = useState(false);
  const [revoking, setRevoking] = useState<AccessRecord | null>(null);
  // The row whose entitlement an operator is marking privileged, or unmarking (its mark is on the row).
  const [marking, setMarking] = useState<{ record: AccessRecord; unmark: boolean } | null>(null);
  const [tasks, setTasks] = useState<RequestedTask[]>([]);
  const [exportError, setExportError] = useState<unknown>(null);
  const connectors = useConnectorChoices();

  const access = useAccess(question, at, PAGE_SIZE);
  const rows = access.data?.pages.flatMap((p) => p.items) ?? [];
  const first = access.data?.pages[0];
  const total = first?.total ?? 0;
  const answeredAt = first?.at;
  const firstSyncAt = first?.firstSyncAt ?? null;
  // Before the first sync RRCU knows nothing: that is not "nothing was held".
  const beforeFirstSync = at !== undefined && first !== undefined && beforeHistory(at, firstSyncAt);

  const pick = (s: Suggestion) => {
    const next: Record<string, string | undefined> = {};
    for (const k of ACCESS_KINDS) next[k] = undefined;
    next[s.kind] = s.value;
    setLabels((l) => ({ ...l, [`${s.kind}:${s.value}`]: s.detail ? `${s.label} (${s.detail})` : s.label }));
    setText('');
    setQuery(next);
  };

  // Rows whose revoke was asked for, by the task that carries it out (a membership revoke covers every row through that group).
  const [revokeAsked, setRevokeAsked] = useState<Record<string, string>>({});
  const rowKey = (r: AccessRecord) => (r.via ? `member:${r.principalId}|${r.via}` : `grant:${r.grantId}`);
  const requested = (r: RequestedTask) => {
    setTasks((ts) => [r, ...ts.filter((t) => t.task.id !== r.task.id)]);
    if (revoking) setRevokeAsked((m) => ({ ...m, [rowKey(revoking)]: r.task.id }));
    setGranting(false);
    setRevoking(null);
  };
  const dismiss = (taskId: string) => {
    setTasks((ts) => ts.filter((x) => x.task.id !== taskId));
    setRevokeAsked((m) => Object.fromEntries(Object.entries(m).filter(([, id]) => id !== taskId)));
  };

  const grantDefaults: GrantDefaults = {
    ...(filter.principal ? { principal: filter.principal } : filter.person ? { principal: filter.person } : {}),
    ...(filter.permissionSet ? { entitlement: filter.permissionSet } : filter.group ? { entitlement: filter.group } : {}),
    ...(filter.account ? { resource: filter.account } : {}),
    ...(connectorId ? { connectorId } : {}),
  };

  const connectorList = connectors.data?.items ?? [];
  const pivot = (kind: 'principal' | 'account' | 'group', value: string) => `/access?${new URLSearchParams({ [kind]: value, ...(at ? { at } : {}) }).toString()}`;

  return (
    <div className="page access-page">
      <PageHeader
        title="Access"
        subtitle="Who has what in AWS — now, or at any moment since the first sync."
        actions={
          <>
            <ExportCsvButton query={question} onError={setExportError} />
            {operator && !granting && (
              <button type="button" className="button" onClick={() => setGranting(true)}>
                Grant access
              </button>
            )}
          </>
        }
      />

      <div className="toolbar access-toolbar" role="search">
        <div className="field grow">
          <label htmlFor={searchId}>Search</label>
          <SuggestInput id={searchId} value={text} onChange={setText} onPick={pick} placeholder="A person, user, group, account or permission set…" />
        </div>
        <AsOfPicker at={at} onChange={(iso) => setQuery({ at: iso })} />
        {connectorList.length > 1 && <ConnectorFilter connectors={connectorList} value={connectorId} />}
        <GroupByField value={groupBy} />
        <Checkbox
          label="Privileged only"
          checked={privileged}
          onChange={(on) => setQuery({ privileged: on ? 'true' : undefined })}
          hint="Administrator-level access, as the sync judged the policies"
        />
        <Checkbox
          label="External only"
          checked={external}
          onChange={(on) => setQuery({ external: on ? 'true' : undefined })}
          hint="Principals outside the organisation that may assume a role"
        />
      </div>

      {searched && (
        <div className="chips" aria-label="Showing access of">
          {Object.entries(filter).map(([k, v]) => {
            const kind = k as AccessKind;
            const shown = labels[`${kind}:${v}`] ?? nameInRows(rows, kind, v) ?? v;
            return (
              <span className="chip" key={k}>
                <span className="chip-kind">{ACCESS_KIND_LABELS[kind]}:</span> {shown}
                <button type="button" className="chip-remove" aria-label={`Remove filter ${ACCESS_KIND_LABELS[kind]} ${shown}`} onClick={() => setQuery({ [kind]: undefined })}>
                  ✕
                </button>
              </span>
            );
          })}
        </div>
      )}

      {filter.person && <PersonCard email={filter.person} at={at} />}
      {ownedResourcesOf(filter, rows).map((r) => (
        <ResourceOwners key={`${r.connectorId}|${r.resourceType}|${r.resourceId}`} resource={r} />
      ))}

      {at && (
        <p className="notice" role="note">
          Showing access as it was on <strong>{formatDate(at)}</strong>. Grant and revoke act on today’s access:{' '}
          <button type="button" className="link-button" onClick={() => setQuery({ at: undefined })}>
            show access now
          </button>
          .
        </p>
      )}

      {tasks.length > 0 && (
        <div className="task-list" aria-label="Provisioning tasks you asked for">
          {tasks.map((t) => (
            <TaskProgress key={t.task.id} task={t.task} existing={t.existing} onDismiss={() => dismiss(t.task.id)} />
          ))}
        </div>
      )}

      {granting && <GrantForm defaults={grantDefaults} onRequested={requested} onCancel={() => setGranting(false)} />}
      {revoking && <RevokeDialog record={revoking} filterConnectorId={connectorId} onRequested={requested} onClose={() => setRevoking(null)} />}
      {marking && !marking.unmark && <MarkPrivilegedDialog record={marking.record} onClose={() => setMarking(null)} />}
      {marking?.unmark && marking.record.privilegedMark && (
        <UnmarkPrivilegedDialog markId={marking.record.privilegedMark.id} what={markedEntitlementLabel(marking.record)} onClose={() => setMarking(null)} />
      )}
      {exportError !== null && <ErrorBox error={exportError} />}

      {access.isPending ? (
        <Loading label="Loading access…" />
      ) : !access.data ? (
        <ErrorBox error={access.error} />
      ) : rows.length === 0 ? (
        beforeFirstSync ? (
          <Empty title="Before RRCU’s history starts">
            {firstSyncAt ? (
              <p>
                History starts at the first sync, on <strong>{formatDate(firstSyncAt)}</strong>: RRCU does not know what was held before it.{' '}
                <button type="button" className="link-button" onClick={() => setQuery({ at: firstSyncAt })}>
                  Show access as of the first sync
                </button>
                .
              </p>
            ) : (
              <p>
                History starts at the first sync, and no sync has succeeded yet. <Link href="/connectors">Open Connectors</Link> to run one.
              </p>
            )}
          </Empty>
        ) : filtered || at ? (
          <Empty title={at ? `No access matched on ${formatDate(at)}` : 'No access matches'}>
            <p>Nothing was held that matches this question{at ? ' at that moment' : ''}. Search for someone else, or pick another date.</p>
          </Empty>
        ) : (
          <Empty title="No access synced yet">
            <p>
              RRCU shows access after a connector has synced. <Link href="/connectors">Open Connectors</Link> to connect an AWS organisation or run a sync.
            </p>
          </Empty>
        )
      ) : (
        <section aria-label="Results">
          {access.isRefetchError && <ErrorBox error={access.error} />}
          {first && <AccessSummary totals={first.totals} />}
          {answeredAt && !at && <p className="hint">As of {formatDate(answeredAt)}.</p>}
          <AccessTable
            rows={rows}
            connectorNames={connectorList.length > 1 ? new Map(connectorList.map((c) => [c.id, c.archivedAt ? `${c.name} (archived)` : c.name])) : undefined}
            groupBy={groupBy}
            pivot={pivot}
            caption={filtered ? 'Access matching the search' : 'All access'}
            firstSyncAt={firstSyncAt}
            actions={
              operator && !at
                ? (r) => (
                    <>
                      <MarkActionButton record={r} onMark={() => setMarking({ record: r, unmark: false })} onUnmark={() => setMarking({ record: r, unmark: true })} />{' '}
                      {r.pending ? (
                        // A task's change no sync has seen yet: there is no synced grant to revoke until the sync confirms it.
                        <span className="hint">Awaiting sync</span>
                      ) : revokeAsked[rowKey(r)] ? (
                        <span className="hint">Revoke asked</span>
                      ) : (
                        <button type="button" className="button small danger" onClick={() => setRevoking(r)} title={r.via ? `Held via group ${r.viaName ?? r.via}: revoke the membership` : undefined}>
                          Revoke
                        </button>
                      )}
                    </>
                  )
                : undefined
            }
          />
          <NextPageFooter pages={access} more={`Show more (next ${Math.min(PAGE_SIZE, total - rows.length).toLocaleString()})`} loading="Loading more…">
            Showing {rows.length.toLocaleString()} of {total.toLocaleString()}
          </NextPageFooter>
        </section>
      )}
    </div>
  );
}

/** A filter given by id (a shared link, a name clicked in the table) reads better by the name the answer carries. */
function nameInRows(rows: AccessRecord[], kind: AccessKind, value: string): string | undefined {
  for (const r of rows) {
    if (kind === 'principal' && r.principalId === value && r.principalName) return `${r.principalName} (${value})`;
    if ((kind === 'account' || kind === 'group') && r.resourceId === value && r.resourceName) return `${r.resourceName} (${value})`;
    if (kind === 'group' && r.via === value && r.viaName) return `${r.viaName} (${value})`;
  }
  return undefined;
}
