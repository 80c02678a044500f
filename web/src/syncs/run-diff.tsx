import { useState } from 'react';
import { useMe } from '../auth/session.tsx';
import { actorLabel } from '../ui/actor-label.ts';
import { ExpandableRow, useOpenRows } from '../ui/expandable-row.tsx';
import { Empty, ErrorBox, Loading } from '../ui/feedback.tsx';
import { Link } from '../ui/link.tsx';
import { useRunDiff, type Changes, type DiffRow } from './queries.ts';
import { number, resourceTypeLabel } from './sync-format.ts';

type Section = 'grants' | 'resources' | 'entitlements';

/** A finished run's changes since the previous successful sync: grants, resources and entitlements, one tab each. */
export function RunDiff({ runId }: { runId: number }) {
  const [section, setSection] = useState<Section>('grants');
  const diff = useRunDiff(runId);
  if (diff.isPending) return <Loading label="Comparing with the previous sync…" />;
  if (diff.error) return <ErrorBox error={diff.error} />;
  const d = diff.data;
  const total = (c: Changes) => c.counts.added + c.counts.removed + c.counts.changed;
  const names: Record<Section, string> = { grants: 'Grants', resources: 'Resources', entitlements: 'Entitlements' };
  return (
    <>
      <p className="lead">
        {d.fromRunId === null ? (
          'This is the connector’s first successful sync: everything it found is new.'
        ) : (
          <>
            Compared with <Link href={`/syncs/${d.fromRunId}`}>run #{d.fromRunId}</Link>, the previous successful sync.
          </>
        )}
      </p>
      <div className="tabs" role="tablist" aria-label="Kind of change">
        {(['grants', 'resources', 'entitlements'] as const).map((s) => (
          <button key={s} type="button" role="tab" className="tab" id={`diff-tab-${s}`} aria-selected={section === s} aria-controls="diff-panel" onClick={() => setSection(s)}>
            {names[s]} ({number.format(total(d[s]))})
          </button>
        ))}
      </div>
      <div role="tabpanel" id="diff-panel" aria-labelledby={`diff-tab-${section}`}>
        <ChangeLists section={section} changes={d[section]} />
      </div>
    </>
  );
}

function ChangeLists({ section, changes }: { section: Section; changes: Changes }) {
  if (changes.counts.added + changes.counts.removed + changes.counts.changed === 0) {
    return <Empty title={`No ${section} changed`} />;
  }
  return (
    <>
      {(['added', 'removed', 'changed'] as const).map((kind) =>
        changes.counts[kind] === 0 ? null : (
          <div key={kind} className="change-list">
            <h3 className={`diff-${kind}`}>
              {kind === 'added' ? 'Added' : kind === 'removed' ? 'Removed' : 'Changed'} ({number.format(changes.counts[kind])})
            </h3>
            <ChangeTable section={section} items={changes[kind]} />
            {changes[kind].length < changes.counts[kind] && (
              <p className="hint">
                Showing the first {number.format(changes[kind].length)} of {number.format(changes.counts[kind])}. The command line lists them all: <code>rrcu diff</code>.
              </p>
            )}
          </div>
        ),
      )}
    </>
  );
}

function ChangeTable({ section, items }: { section: Section; items: DiffRow[] }) {
  const [open, toggle] = useOpenRows<string>();
  const span = section === 'grants' ? 4 : 2;
  return (
    <div className="table-wrap short">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Details</span>
            </th>
            {section === 'grants' ? (
              <>
                <th scope="col">Principal</th>
                <th scope="col">Entitlement</th>
                <th scope="col">Via</th>
                <th scope="col">Made by</th>
              </>
            ) : (
              <>
                <th scope="col">{section === 'resources' ? 'Resource' : 'Entitlement'}</th>
                <th scope="col">{section === 'resources' ? 'Type' : 'On'}</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {items.map((row) => (
            <ExpandableRow
              key={row.key}
              open={open.has(row.key)}
              onToggle={() => toggle(row.key)}
              label={`Details of ${row.summary}`}
              detailsId={`diff-${section}-${row.id}`}
              span={span}
              details={() => <RowDetails row={row} />}
            >
              {section === 'grants' ? <GrantCells row={row} /> : <ItemCells section={section} row={row} />}
            </ExpandableRow>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A grant by the names the run saw: who, what on which resource, through which group, and who made the change. */
function GrantCells({ row }: { row: DiffRow }) {
  return (
    <>
      <td className="break" title={row.key}>
        {row.displayName ?? <span className="mono">{row.externalId}</span>}
        <span className="cell-sub">{row.typeName ?? resourceTypeLabel(row.type)}</span>
      </td>
      <td className="break">{row.entitlementName ?? <span className="mono">{row.entitlementKey}</span>}</td>
      <td className="break">{row.via ? (row.viaName ?? <span className="mono">{row.via}</span>) : <span className="muted">Direct</span>}</td>
      <td>
        <Cause cause={row.cause} />
      </td>
    </>
  );
}

function ItemCells({ section, row }: { section: Section; row: DiffRow }) {
  const renamed = row.before && row.before.summary !== row.summary;
  return (
    <>
      <td className="break" title={row.key}>
        {row.displayName ?? <span className="muted">(no name)</span>}
        {renamed && <span className="cell-sub">was {row.before!.displayName ?? '(no name)'}</span>}
      </td>
      <td className="break">
        {section === 'resources' ? (row.typeName ?? resourceTypeLabel(row.type)) : (row.resourceName ?? <span className="mono">{row.externalId}</span>)}
        <span className="cell-sub">
          {section === 'entitlements' && (row.typeName ?? resourceTypeLabel(row.type))}
          {row.parentName && `${section === 'entitlements' ? ' ' : ''}in ${row.parentName}`}
        </span>
      </td>
    </>
  );
}

/** The task that made a change, with who asked and why; otherwise a change someone made in AWS directly. */
function Cause({ cause }: { cause: DiffRow['cause'] }) {
  const me = useMe();
  if (!cause) {
    return (
      <span className="badge badge-warn">
        <span aria-hidden="true" className="badge-mark">
          !
        </span>
        Made outside RRCU
      </span>
    );
  }
  const trigger = cause.trigger === 'manual' ? '' : ` (${cause.trigger}${cause.triggerRef ? ` ${cause.triggerRef}` : ''})`;
  return (
    <>
      <span className="badge badge-ok" title={`Task ${cause.taskId}, seen in AWS by run #${cause.observedRunId}`}>
        <span aria-hidden="true" className="badge-mark">
          ✓
        </span>
        Task {cause.taskId.slice(0, 8)}
      </span>
      <span className="cell-sub">
        {cause.action === 'grant' ? 'Granted' : 'Revoked'} by <span title={cause.actor}>{actorLabel(cause.actor, me.user.id, cause.actorName)}</span>
        {trigger}
        {cause.reason ? `: ${cause.reason}` : ''}
      </span>
    </>
  );
}

/** What the names stand for: the inventory key and ids, for whoever needs to look them up. */
function RowDetails({ row }: { row: DiffRow }) {
  return (
    <dl className="props">
      <dt>Key</dt>
      <dd className="mono break">{row.key}</dd>
      <dt>{row.entitlementKey ? 'Principal ID' : 'ID'}</dt>
      <dd className="mono break">{row.externalId}</dd>
      {row.entitlementKey && (
        <>
          <dt>Entitlement</dt>
          <dd className="mono break">{row.entitlementKey}</dd>
        </>
      )}
      {row.via && (
        <>
          <dt>Group ID</dt>
          <dd className="mono break">{row.via}</dd>
        </>
      )}
      {row.cause && (
        <>
          <dt>Task</dt>
          <dd className="mono break">{row.cause.taskId}</dd>
        </>
      )}
    </dl>
  );
}
