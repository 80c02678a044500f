import { CodeBlock } from '../../ui/copy.tsx';
import { ErrorBox, Loading } from '../../ui/feedback.tsx';
import type { ConnectorView } from '../../types.ts';
import { SetupNeedsSettings } from '../config-problems.tsx';
import { useSetup } from '../queries.ts';
import { ActionsTable, ExternalId, SetupDocuments } from '../setup-documents.tsx';

/** Step 2: the External ID, and the role to create in AWS with its trust and inline policies (or as Terraform, CloudFormation). */
export function CreateRole({ connector: c }: { connector: ConnectorView }) {
  // Saved settings to fix first: the API would refuse the documents (409), so they are not asked for.
  const blocked = c.configProblems.length > 0;
  const setup = useSetup(c.id, !blocked);
  if (blocked) return <SetupNeedsSettings connector={c} />;
  if (setup.isPending) return <Loading label="Generating the role’s policies…" />;
  if (setup.error) return <ErrorBox error={setup.error} />;
  const s = setup.data;
  return (
    <>
      <p className="lead">Copy the External ID: the role’s trust policy requires it, so only this connector can assume the role.</p>
      <ExternalId value={s.externalId} />
      {s.rrcuIdentity ? (
        <p className="hint">
          The trust policy lets only the AWS identity RRCU runs as, <code>{s.rrcuIdentity}</code>, assume the role, and only with this External ID.
        </p>
      ) : (
        <div className="warn-box">
          <p>
            <strong>RRCU could not tell which AWS identity it runs as</strong> (it found no AWS credentials, or could not reach AWS). Check the trust policy’s
            Principal: it must be the IAM role or user RRCU’s server runs as. Give the server AWS credentials, or set the AWS endpoint under Advanced in step 3,
            then reload this page.
          </p>
        </div>
      )}
      <h3 className="sub-heading">In the AWS console</h3>
      <ol className="guide">
        <li>
          Sign in to AWS.{' '}
          {c.config.organizations ? (
            <strong>Use the management account of your AWS Organization</strong>
          ) : (
            'To read every account of an AWS Organization, use its management account'
          )}
          : RRCU lists the organisation’s accounts from there.
        </li>
        <li>
          Open IAM → Roles → <em>Create role</em>, choose <em>Custom trust policy</em> and paste the trust policy:
          <CodeBlock code={JSON.stringify(s.trustPolicy, null, 2)} label="Copy trust policy" />
        </li>
        <li>
          Skip <em>Add permissions</em>. Name the role, for example <code>RRCUIntegration</code>, and create it.
        </li>
        <li>
          Open the role, choose <em>Add permissions</em> → <em>Create inline policy</em>, switch to JSON and paste the inline policy; name it, for example{' '}
          <code>RRCUPermissions</code>:
          <CodeBlock code={JSON.stringify(s.inlinePolicy, null, 2)} label="Copy inline policy" />
          <p className="hint">
            The policy asks only for what the features chosen in step 3 use. If you change them later, update the role’s inline policy from here.
          </p>
        </li>
        <li>
          Copy the role’s ARN, e.g. <code>arn:aws:iam::123456789012:role/RRCUIntegration</code>, for step 3.
        </li>
      </ol>
      <details className="advanced">
        <summary>Or create the role with Terraform or CloudFormation</summary>
        <p className="hint">The same role, trust policy and inline policy as code, with this connector’s External ID filled in.</p>
        <SetupDocuments setup={s} tabs={['terraform', 'cloudformation']} />
      </details>
      <details className="advanced">
        <summary>Why each permission</summary>
        <ActionsTable actions={s.actions} />
      </details>
    </>
  );
}
