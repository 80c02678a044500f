import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api.ts';
import { CodeBlock, CopyButton, Empty, ErrorBox, Loading, StatusBadge } from '../components.tsx';
import { Link } from '../link.tsx';
import type { ConnectorView } from '../types.ts';

/** What the connector pages share: live status, Sync now, Test connection and the setup documents. */

export type SetupView = {
  externalId: string;
  rrcuIdentity: string | null;
  trustPolicy: object;
  inlinePolicy: object;
  terraform: string;
  cloudFormation: string;
  actions: { action: string; feature: string; required: boolean; use: string }[];
};

export type TestResult = {
  ok: boolean;
  checks: { action: string; feature: string; required: boolean; status: 'ok' | 'denied' | 'failed' | 'not_checked'; message: string; fix?: string }[];
};

// A sync is queued, not started, when Sync now answers: keep asking until the run shows up (or give up after 2 min).
const requested = new Map<string, { previousRunId: number | null; at: number }>();

export function awaitingSync(c: ConnectorView): boolean {
  const r = requested.get(c.id);
  if (!r) return false;
  if (Date.now() - r.at > 120_000 || (c.lastRun && c.lastRun.id !== r.previousRunId)) {
    requested.delete(c.id);
    return false;
  }
  return true;
}

export function isBusy(c: ConnectorView): boolean {
  return c.status === 'syncing' || awaitingSync(c);
}

export function useConnector(id: string) {
  return useQuery({
    queryKey: ['connector', id],
    queryFn: () => api<ConnectorView>('GET', `/api/connectors/${encodeURIComponent(id)}`),
    refetchInterval: (q) => (q.state.data && isBusy(q.state.data) ? 1000 : false),
  });
}

/** A connector's pages until it loads, or when it cannot: the error, and the way back to the list. */
export function ConnectorNotLoaded({ query }: { query: UseQueryResult<ConnectorView> }) {
  if (query.isPending) return <Loading label="Loading connector…" />;
  return (
    <>
      <Link href="/connectors" className="back-link">
        ← Connectors
      </Link>
      <ErrorBox error={query.error} />
    </>
  );
}

export function useSyncNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (c: ConnectorView) => api<{ jobId: string; alreadyQueued: boolean }>('POST', `/api/connectors/${encodeURIComponent(c.id)}/sync`),
    onMutate: (c) => {
      requested.set(c.id, { previousRunId: c.lastRun?.id ?? null, at: Date.now() });
    },
    onError: (_e, c) => {
      requested.delete(c.id);
    },
    onSettled: (_d, _e, c) => {
      void queryClient.invalidateQueries({ queryKey: ['connector', c.id] });
      void queryClient.invalidateQueries({ queryKey: ['connectors'] });
      void queryClient.invalidateQueries({ queryKey: ['syncs'] });
    },
  });
}

export function ConnectorStatus({ connector }: { connector: ConnectorView }) {
  if (connector.archivedAt) return <StatusBadge status="archived" />;
  if (connector.status !== 'syncing' && awaitingSync(connector)) return <StatusBadge status="queued" />;
  return <StatusBadge status={connector.status} />;
}

/** "Test connection": asks AWS for each action the connector needs, and shows every check with its fix. */
export function TestConnection({ connectorId, canRun }: { connectorId: string; canRun: boolean }) {
  const test = useMutation({ mutationFn: () => api<TestResult>('POST', `/api/connectors/${encodeURIComponent(connectorId)}/test`) });
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

export function useSetup(connectorId: string, enabled = true) {
  return useQuery({
    queryKey: ['connector-setup', connectorId],
    queryFn: () => api<SetupView>('GET', `/api/connectors/${encodeURIComponent(connectorId)}/setup`),
    enabled,
  });
}

export function ExternalId({ value }: { value: string }) {
  return (
    <div className="copy-value">
      <code aria-label="External ID">{value}</code>
      <CopyButton text={value} label="Copy External ID" />
    </div>
  );
}

type DocTab = 'trust' | 'inline' | 'terraform' | 'cloudformation';

/** The role's trust and inline policies (console path), or the whole role as Terraform or CloudFormation. */
export function SetupDocuments({ setup, tabs = ['trust', 'inline', 'terraform', 'cloudformation'] }: { setup: SetupView; tabs?: DocTab[] }) {
  const [tab, setTab] = useState<DocTab>(tabs[0] ?? 'trust');
  const names: Record<DocTab, string> = { trust: 'Trust policy', inline: 'Inline policy', terraform: 'Terraform', cloudformation: 'CloudFormation' };
  return (
    <div>
      <div className="tabs" role="tablist" aria-label="Setup documents">
        {tabs.map((t) => (
          <button key={t} type="button" role="tab" className="tab" id={`doc-tab-${t}`} aria-selected={tab === t} aria-controls={`doc-panel-${t}`} onClick={() => setTab(t)}>
            {names[t]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`doc-panel-${tab}`} aria-labelledby={`doc-tab-${tab}`}>
        {tab === 'trust' && <CodeBlock code={JSON.stringify(setup.trustPolicy, null, 2)} label="Copy trust policy" />}
        {tab === 'inline' && <CodeBlock code={JSON.stringify(setup.inlinePolicy, null, 2)} label="Copy inline policy" />}
        {tab === 'terraform' && <CodeBlock code={setup.terraform} label="Copy Terraform module" />}
        {tab === 'cloudformation' && <CodeBlock code={setup.cloudFormation} label="Copy CloudFormation template" />}
      </div>
    </div>
  );
}

/** Why the inline policy asks for each action: what breaks without it. */
export function ActionsTable({ actions }: { actions: SetupView['actions'] }) {
  if (actions.length === 0) return <Empty title="No AWS actions listed" />;
  return (
    <div className="table-wrap short">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Used for</th>
            <th scope="col">Feature</th>
            <th scope="col">Required</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((a) => (
            <tr key={`${a.action}-${a.use}`}>
              <td className="mono nowrap">{a.action}</td>
              <td>{USES[a.use] ?? a.use}</td>
              <td>{a.feature}</td>
              <td>{a.required ? 'Required' : 'Optional'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const USES: Record<string, string> = {
  sync: 'Sync',
  provision: 'Provisioning',
  'management-account-provisioning': 'Provisioning in the management account',
  'cross-account': 'IAM of member accounts',
};
