import { ErrorBox, Loading } from '../ui/feedback.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { useTestConnection, type TestResult } from './queries.ts';

/** "Test connection": asks AWS for each action the connector needs, and shows every check with its fix. */
export function TestConnection({ connectorId, canRun }: { connectorId: string; canRun: boolean }) {
  const test = useTestConnection(connectorId);
  return (
    <div>
      {canRun && (
        <div className="button-row">
          <button type="button" className="button secondary" onClick={() => test.mutate()} disabled={test.isPending}>
            {test.isPending ? 'Testing…' : 'Test connection'}
          </button>
          {test.isPending && <Loading label="Asking AWS for each permission the connector needs…" />}
        </div>
      )}
      {test.error && <ErrorBox error={test.error} />}
      {test.data && <TestResults result={test.data} />}
    </div>
  );
}

// What needs attention first: denials and failures, then what could not be checked, then what passed.
const CHECK_ORDER: Record<TestResult['checks'][number]['status'], number> = { denied: 0, failed: 0, not_checked: 1, ok: 2 };

export function TestResults({ result }: { result: TestResult }) {
  const problems = result.checks.filter((c) => c.status === 'denied' || c.status === 'failed');
  const requiredProblems = problems.filter((c) => c.required);
  return (
    <section aria-label="Connection test results" className="test-results">
      {result.ok ? (
        <div className="ok-box" role="status">
          <p>
            <strong>Connection works.</strong>{' '}
            {problems.length === 0
              ? `All ${result.checks.length} checks passed.`
              : `${problems.length} optional ${problems.length === 1 ? 'permission is' : 'permissions are'} missing; the features named below will be left out.`}
          </p>
        </div>
      ) : (
        <div className="error-box" role="alert">
          <p className="error-title">The connection test failed</p>
          <p>
            {requiredProblems.length > 0
              ? `${requiredProblems.length} required ${requiredProblems.length === 1 ? 'check' : 'checks'} did not pass. The fix for each is in the table.`
              : 'See the checks below for what to change.'}
          </p>
        </div>
      )}
      <div className="table-wrap short">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Action</th>
              <th scope="col">Feature</th>
              <th scope="col">Required</th>
              <th scope="col" className="col-wide">
                Result
              </th>
            </tr>
          </thead>
          <tbody>
            {[...result.checks].sort((a, b) => CHECK_ORDER[a.status] - CHECK_ORDER[b.status] || Number(b.required) - Number(a.required)).map((c, i) => (
              <tr key={`${c.action}-${i}`}>
                <td>
                  <StatusBadge status={c.status} />
                </td>
                <td className="mono nowrap">{c.action}</td>
                <td>{c.feature}</td>
                <td>{c.required ? 'Required' : 'Optional'}</td>
                <td className="break">
                  {c.message}
                  {c.fix && (
                    <span className="cell-sub">
                      <strong>Fix: </strong>
                      {c.fix}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

