import { useState } from 'react';
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
                Showing the first {number.format(changes[kind].length)} of {number.format(changes.counts[kind])}. The command line lists them all: <code>rrcu runs</code>{' '}
                and the diff of two runs.
              </p>
            )}
          </div>
        ),
      )}
    </>
  );
}

function ChangeTable({ section, items }: { section: Section; items: DiffRow[] }) {
  return (
    <div className="table-wrap short">
      <table className="data">
        <thead>
          {section === 'grants' ? (
            <tr>
              <th scope="col">Principal</th>
              <th scope="col">Entitlement</th>
              <th scope="col">Via</th>
            </tr>
          ) : section === 'resources' ? (
            <tr>
              <th scope="col">Resource</th>
              <th scope="col">Type</th>
              <th scope="col">ID</th>
            </tr>
          ) : (
            <tr>
              <th scope="col">Entitlement</th>
              <th scope="col">On</th>
              <th scope="col">Resource ID</th>
            </tr>
          )}
        </thead>
        <tbody>
          {items.map((row) =>
            section === 'grants' ? (
              <tr key={row.key}>
                <td className="break">
                  <span className="mono">{row.externalId}</span>
                  <span className="cell-sub">{resourceTypeLabel(row.type)}</span>
                </td>
                <td className="mono break">{row.entitlementKey ?? '—'}</td>
                <td className="mono break">{row.via ?? <span className="muted">Direct</span>}</td>
              </tr>
            ) : (
              <tr key={row.key}>
                <td className="break">
                  {row.displayName ?? <span className="muted">(no name)</span>}
                  {row.before && row.before.displayName !== row.displayName && <span className="cell-sub">was {row.before.displayName ?? '(no name)'}</span>}
                </td>
                <td>{resourceTypeLabel(row.type)}</td>
                <td className="mono break">{row.externalId}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
