import { useState } from 'react';
import { UnmarkPrivilegedDialog } from '../access/privileged-mark-dialogs.tsx';
import { usePrivilegedMarks, type PrivilegedMark } from '../access/queries.ts';
import { Empty, ErrorBox, Loading } from '../ui/feedback.tsx';
import { Checkbox } from '../ui/form.tsx';
import { Link } from '../ui/link.tsx';
import { formatDate } from '../ui/when.ts';

/** The entitlements administrators marked privileged, newest first; the history adds the unmarked ones, with who ended each and why. */
export function PrivilegedMarksSection() {
  const [history, setHistory] = useState(false);
  const marks = usePrivilegedMarks(history);
  const [unmarking, setUnmarking] = useState<PrivilegedMark | null>(null);

  return (
    <section className="panel" aria-labelledby="marks-heading">
      <h2 id="marks-heading">Privileged marks</h2>
      <p className="hint">
        Entitlements counted privileged by hand, beyond what the sync finds in their policies. Mark one from a row of{' '}
        <Link href="/access">Access</Link>; the rules are in docs/privileged-access.md.
      </p>
      <Checkbox label="Show the history (unmarked ones too)" checked={history} onChange={setHistory} />
      {marks.isPending ? (
        <Loading label="Loading privileged marks…" />
      ) : marks.isError ? (
        <ErrorBox error={marks.error} />
      ) : marks.data.items.length === 0 ? (
        <Empty title={history ? 'No privileged marks yet' : 'No active privileged marks'}>
          <p>An administrator marks an entitlement privileged from its row in Access, with a reason.</p>
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">{history ? 'Privileged marks, with the history' : 'Active privileged marks'}</caption>
            <thead>
              <tr>
                <th scope="col">Entitlement</th>
                <th scope="col">Marked</th>
                <th scope="col">Reason</th>
                {history && <th scope="col">Unmarked</th>}
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {marks.data.items.map((m) => (
                <tr key={m.id}>
                  <td>
                    {m.entitlementName}
                    <span className="cell-sub one-line mono" title={m.entitlementKey}>
                      {m.entitlementKey}
                    </span>
                  </td>
                  <td className="nowrap">
                    {formatDate(m.markedAt)}
                    <span className="cell-sub">by {m.markedByName}</span>
                  </td>
                  <td>{m.reason}</td>
                  {history && (
                    <td>
                      {m.unmarkedAt ? (
                        <>
                          {formatDate(m.unmarkedAt)}
                          <span className="cell-sub">
                            by {m.unmarkedByName ?? m.unmarkedBy}: {m.unmarkReason}
                          </span>
                        </>
                      ) : (
                        <span className="badge badge-warn">active</span>
                      )}
                    </td>
                  )}
                  <td className="actions">
                    {!m.unmarkedAt && (
                      <button type="button" className="button small danger" onClick={() => setUnmarking(m)}>
                        Unmark…<span className="visually-hidden"> {m.entitlementName}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {unmarking && <UnmarkPrivilegedDialog markId={unmarking.id} what={unmarking.entitlementName} onClose={() => setUnmarking(null)} />}
    </section>
  );
}
