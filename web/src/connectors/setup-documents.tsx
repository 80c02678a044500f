import { useState } from 'react';
import { CodeBlock, CopyButton } from '../ui/copy.tsx';
import { Empty } from '../ui/feedback.tsx';
import type { SetupView } from './queries.ts';

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
