import { useId, useState, type ReactNode } from 'react';
import { Link } from '../../ui/link.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { ConfigProblems } from '../config-problems.tsx';
import { ConnectorNotLoaded, ConnectorStatus } from '../connector-status.tsx';
import { useConnector } from '../queries.ts';
import { CreateRole } from './create-role.tsx';
import { NameAndOwners } from './name-and-owners.tsx';
import { RoleSettings } from './role-settings.tsx';
import { TestAndSync } from './test-and-sync.tsx';

/**
 * /connectors/new and /connectors/:id/edit: the setup guide's four steps. Creating the connector comes first because
 * the External ID, which the role's trust policy needs, is generated with it.
 */
export function ConnectorSetupPage({ id }: { id?: string }) {
  if (!id) {
    return (
      <>
        <Link href="/connectors" className="back-link">
          ← Connectors
        </Link>
        <PageHeader title="Add connector" subtitle="Connect an AWS organisation: RRCU assumes a role you create in AWS, with an External ID only this connector knows." />
        <ol className="steps">
          <Step n={1} title="Describe the connector" state="current">
            <NameAndOwners />
          </Step>
          <Step n={2} title="Create the role in AWS" state="pending">
            <p className="muted">Create the connector first: its External ID goes into the role’s trust policy.</p>
          </Step>
          <Step n={3} title="Add the role to RRCU" state="pending">
            <p className="muted">Then enter the role’s ARN and choose what to read: AWS Organizations, IAM Identity Center, its SCIM API.</p>
          </Step>
          <Step n={4} title="Test the connection and sync" state="pending">
            <p className="muted">Finally, test the connection and run the first sync.</p>
          </Step>
        </ol>
      </>
    );
  }
  return <EditConnector id={id} />;
}

function EditConnector({ id }: { id: string }) {
  const connector = useConnector(id);
  const [saved, setSaved] = useState(false);
  if (connector.isPending || connector.error) return <ConnectorNotLoaded query={connector} />;
  const c = connector.data;
  const roleSaved = Boolean(c.config.roleArn || c.config.endpoint);
  return (
    <>
      <Link href={`/connectors/${c.id}`} className="back-link">
        ← {c.name}
      </Link>
      <PageHeader
        title={`Set up “${c.name}”`}
        subtitle={
          <>
            <ConnectorStatus connector={c} /> Follow the steps in order; each can be changed later.
          </>
        }
      />
      <ConfigProblems connector={c} canEdit />
      <ol className="steps">
        <Step n={1} title="Describe the connector" state="done">
          <NameAndOwners connector={c} />
        </Step>
        <Step n={2} title="Create the role in AWS" state={roleSaved ? 'done' : 'current'}>
          <CreateRole connector={c} />
        </Step>
        <Step n={3} title="Add the role to RRCU" state={roleSaved ? 'done' : 'current'}>
          <RoleSettings connector={c} saved={saved} onSaved={() => setSaved(true)} onEdit={() => setSaved(false)} />
        </Step>
        <Step n={4} title="Test the connection and sync" state={c.status === 'connected' ? 'done' : roleSaved ? 'current' : 'pending'}>
          <TestAndSync connector={c} />
        </Step>
      </ol>
    </>
  );
}

function Step({ n, title, state, children }: { n: number; title: string; state: 'done' | 'current' | 'pending'; children?: ReactNode }) {
  const headingId = useId();
  return (
    <li className={`step ${state}`}>
      <span className="step-number" aria-hidden="true">
        {state === 'done' ? '✓' : n}
      </span>
      <section className="panel" aria-labelledby={headingId}>
        <h2 id={headingId}>
          <span className="visually-hidden">Step {n}: </span>
          {title}
          {state === 'done' && <span className="visually-hidden"> (done)</span>}
        </h2>
        {children}
      </section>
    </li>
  );
}
