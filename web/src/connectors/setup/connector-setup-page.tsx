import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../api.ts';
import { useMe } from '../../auth/session.tsx';
import { navigate } from '../../router.ts';
import { countSummary, number } from '../../syncs/sync-format.ts';
import type { ConnectorView } from '../../types.ts';
import { CodeBlock } from '../../ui/copy.tsx';
import { ErrorBox, Loading } from '../../ui/feedback.tsx';
import { Field, fieldError } from '../../ui/form.tsx';
import { Link } from '../../ui/link.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { formatDate } from '../../ui/when.ts';
import { ConnectorNotLoaded, ConnectorStatus } from '../connector-status.tsx';
import { isBusy, useConnector, useSetup, useSyncNow } from '../queries.ts';
import { ActionsTable, ExternalId, SetupDocuments } from '../setup-documents.tsx';
import { TestConnection } from '../test-connection.tsx';

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

function parseOwners(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function NameAndOwners({ connector }: { connector?: ConnectorView }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [name, setName] = useState(connector?.name ?? '');
  const [owners, setOwners] = useState((connector?.owners ?? (me.user.email ? [me.user.email] : [])).join(', '));
  const [updated, setUpdated] = useState(false);
  // Asked up front when creating: the inline policy of step 2 only lists what the chosen features use.
  const [organizations, setOrganizations] = useState(true);
  const [identityCenter, setIdentityCenter] = useState(true);
  const [icRegion, setIcRegion] = useState('us-east-1');
  const save = useMutation({
    mutationFn: (body: { name: string; owners: string[] }) =>
      connector
        ? api<ConnectorView>('PATCH', `/api/connectors/${encodeURIComponent(connector.id)}`, { body })
        : api<ConnectorView>('POST', '/api/connectors', {
            body: { ...body, config: { organizations, ...(identityCenter ? { identityCenterRegion: icRegion } : {}) } },
          }),
    onSuccess: (c) => {
      queryClient.setQueryData(['connector', c.id], c);
      void queryClient.invalidateQueries({ queryKey: ['connectors'] });
      if (connector) setUpdated(true);
      else navigate(`/connectors/${c.id}/edit`, { replace: true });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setUpdated(false);
    save.mutate({ name: name.trim(), owners: parseOwners(owners) });
  };
  const unchanged = connector !== undefined && name.trim() === connector.name && parseOwners(owners).join(',') === connector.owners.join(',');
  return (
    <form onSubmit={submit} className="form-narrow" noValidate>
      <Field label="Connector name" hint="How RRCU shows this AWS organisation, e.g. “Production organisation”." error={fieldError(save.error, 'name')}>
        <input type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required autoFocus={!connector} />
      </Field>
      <Field label="Owners" hint="Email addresses of the people who answer for this connector, separated by commas. They need the Connector Administrator role and the right to create an IAM role in AWS." error={fieldError(save.error, 'owners')}>
        <input type="text" value={owners} onChange={(e) => setOwners(e.target.value)} autoComplete="off" />
      </Field>
      {!connector && (
        <fieldset className="plain">
          <legend>What RRCU reads (the role’s policy is written for this; you can change it in step 3)</legend>
          <Checkbox label="Every account of the organisation (AWS Organizations)" checked={organizations} onChange={setOrganizations} hint="The role must then be in the management account." />
          <Checkbox label="IAM Identity Center" checked={identityCenter} onChange={setIdentityCenter} hint="Users, groups, permission sets and account assignments." />
          {identityCenter && (
            <Field label="Region of IAM Identity Center">
              <select value={icRegion} onChange={(e) => setIcRegion(e.target.value)}>
                {REGIONS.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </Field>
          )}
        </fieldset>
      )}
      {save.error && !fieldError(save.error, 'name') && !fieldError(save.error, 'owners') && <ErrorBox error={save.error} />}
      <div className="button-row">
        <button type="submit" className={connector ? 'button secondary' : 'button'} disabled={save.isPending || !name.trim() || unchanged}>
          {connector ? (save.isPending ? 'Updating…' : 'Update name and owners') : save.isPending ? 'Creating…' : 'Create connector'}
        </button>
        {updated && unchanged && (
          <span role="status" className="muted">
            Updated.
          </span>
        )}
      </div>
    </form>
  );
}

function CreateRole({ connector: c }: { connector: ConnectorView }) {
  const setup = useSetup(c.id);
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

const REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'ca-west-1', 'sa-east-1', 'mx-central-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2',
  'il-central-1', 'me-south-1', 'me-central-1', 'af-south-1',
  'ap-south-1', 'ap-south-2', 'ap-east-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'us-gov-west-1', 'us-gov-east-1',
];

type PatchConfig = Partial<Record<'roleArn' | 'identityCenterRegion' | 'scimEndpoint' | 'crossAccountRoleName' | 'endpoint' | 'region', string | null>> & { organizations?: boolean };

function RoleSettings({ connector: c, saved, onSaved, onEdit }: { connector: ConnectorView; saved: boolean; onSaved: () => void; onEdit: () => void }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [roleArn, setRoleArn] = useState(c.config.roleArn ?? '');
  const [organizations, setOrganizations] = useState(c.config.organizations);
  const [identityCenter, setIdentityCenter] = useState(c.config.identityCenterRegion !== undefined);
  const [icRegion, setIcRegion] = useState(c.config.identityCenterRegion ?? 'us-east-1');
  const [scim, setScim] = useState(c.config.scimEndpoint !== undefined);
  const [scimEndpoint, setScimEndpoint] = useState(c.config.scimEndpoint ?? '');
  const [replacingToken, setReplacingToken] = useState(!c.hasScimToken);
  const [scimToken, setScimToken] = useState('');
  const [crossAccount, setCrossAccount] = useState(c.config.crossAccountRoleName ?? '');
  const [endpoint, setEndpoint] = useState(c.config.endpoint ?? '');
  const [region, setRegion] = useState(c.config.region);
  const [problems, setProblems] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: (body: { config: PatchConfig; scimToken?: string | null }) => api<ConnectorView>('PATCH', `/api/connectors/${encodeURIComponent(c.id)}`, { body }),
    onSuccess: (updated) => {
      setReplacingToken(!updated.hasScimToken);
      setScimToken('');
      queryClient.setQueryData(['connector', c.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['connector-setup', c.id] });
      void queryClient.invalidateQueries({ queryKey: ['connectors'] });
      onSaved();
    },
  });

  const edited = () => {
    if (saved) onEdit();
  };

  // The saved token is only ever sent to the endpoint it was saved for: a new endpoint needs its token.
  const endpointMoved = scim && c.hasScimToken && scimEndpoint.trim() !== (c.config.scimEndpoint ?? '');
  const askToken = replacingToken || endpointMoved;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (scim && !scimEndpoint.trim()) found['config.scimEndpoint'] = 'Enter the SCIM endpoint, or turn the SCIM API off.';
    if (scim && replacingToken && !scimToken && !c.hasScimToken) found.scimToken = 'Enter the SCIM access token, or turn the SCIM API off.';
    if (endpointMoved && !scimToken) found.scimToken = 'The SCIM endpoint changed: enter the access token for the new endpoint. The saved token is only sent to the endpoint it was saved for.';
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const config: PatchConfig = {
      roleArn: roleArn.trim() || null,
      organizations,
      identityCenterRegion: identityCenter ? icRegion : null,
      scimEndpoint: scim ? scimEndpoint.trim() : null,
      crossAccountRoleName: crossAccount.trim() || null,
      endpoint: endpoint.trim() || null,
      ...(region.trim() ? { region: region.trim() } : {}),
    };
    const body: { config: PatchConfig; scimToken?: string | null } = { config };
    if (!scim && c.hasScimToken) body.scimToken = null;
    else if (scim && askToken && scimToken) body.scimToken = scimToken;
    save.mutate(body);
  };

  const err = (field: string) => problems[field] ?? fieldError(save.error, field);
  const shownFields = ['config.roleArn', 'config.identityCenterRegion', 'config.scimEndpoint', 'config.crossAccountRoleName', 'config.endpoint', 'config.region', 'scimToken'];
  const unplaced = save.error && !shownFields.some((f) => err(f));

  return (
    <form onSubmit={submit} onChange={edited} noValidate>
      <div className="form-grid">
        <div className="span-2">
          <Field label="Role ARN" hint="The ARN of the role you created in step 2." error={err('config.roleArn')}>
            <input type="text" value={roleArn} onChange={(e) => setRoleArn(e.target.value)} placeholder="arn:aws:iam::123456789012:role/RRCUIntegration" spellCheck={false} autoComplete="off" />
          </Field>
        </div>
        <div className="span-2">
          <Checkbox
            label="Enable support for AWS Organizations"
            checked={organizations}
            onChange={setOrganizations}
            hint="Reads every account of the organisation. The role must then be in the organisation’s management account; in a member account the connection test fails."
          />
          <Checkbox
            label="Enable support for AWS IAM Identity Center"
            checked={identityCenter}
            onChange={setIdentityCenter}
            hint="Reads Identity Center users, groups, permission sets and account assignments."
          />
          {identityCenter && (
            <div className="indent">
              <Field label="Identity Center region" hint="The region your IAM Identity Center instance is in." error={err('config.identityCenterRegion')}>
                <select value={icRegion} onChange={(e) => setIcRegion(e.target.value)}>
                  {(REGIONS.includes(icRegion) ? REGIONS : [icRegion, ...REGIONS]).map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
          )}
          <Checkbox
            label="Enable usage of the AWS IAM Identity Center SCIM API"
            checked={scim}
            onChange={setScim}
            hint="Reads whether Identity Center users are active. Needs the SCIM endpoint and an access token from Identity Center’s automatic provisioning settings."
          />
          {scim && (
            <div className="indent">
              <Field label="SCIM endpoint" error={err('config.scimEndpoint')}>
                <input type="url" value={scimEndpoint} onChange={(e) => setScimEndpoint(e.target.value)} placeholder="https://scim.us-east-1.amazonaws.com/…/scim/v2" spellCheck={false} autoComplete="off" />
              </Field>
              {askToken ? (
                <Field
                  label="SCIM access token"
                  hint={endpointMoved ? 'Needed again for the new endpoint. Stored encrypted; after saving it is never shown again.' : 'Stored encrypted. After saving it is never shown again.'}
                  error={err('scimToken')}
                >
                  <input type="password" value={scimToken} onChange={(e) => setScimToken(e.target.value)} autoComplete="new-password" spellCheck={false} />
                </Field>
              ) : (
                <div className="field">
                  <span className="field-label">SCIM access token</span>
                  <div className="secret-saved">
                    <span>A token is saved. It is never shown again.</span>
                    <button type="button" className="button secondary small" onClick={() => setReplacingToken(true)}>
                      Replace token
                    </button>
                  </div>
                </div>
              )}
              {replacingToken && !endpointMoved && c.hasScimToken && (
                <button type="button" className="button ghost small keep-token" onClick={() => (setReplacingToken(false), setScimToken(''))}>
                  Keep the saved token
                </button>
              )}
            </div>
          )}
        </div>
        <Field
          label="Cross-account role name"
          hint="Optional. RRCU assumes this role in every member account to read its IAM users, groups and roles; leave empty to read IAM in the management account only. Needs AWS Organizations support."
          error={err('config.crossAccountRoleName')}
        >
          <input type="text" value={crossAccount} onChange={(e) => setCrossAccount(e.target.value)} placeholder="OrganizationAccountAccessRole" spellCheck={false} autoComplete="off" />
        </Field>
        <div className="span-2">
          <details className="advanced" open={Boolean(c.config.endpoint) || undefined}>
            <summary>Advanced</summary>
            <div className="form-grid">
              <Field label="AWS endpoint" hint="Only for RRCU’s built-in AWS simulator or a private endpoint. Leave empty for AWS itself." error={err('config.endpoint')}>
                <input type="url" value={endpoint} onChange={(e) => setEndpoint(e.target.value)} placeholder="https://…" spellCheck={false} autoComplete="off" />
              </Field>
              <Field label="AWS region" hint="Where RRCU calls STS, IAM and Organizations." error={err('config.region')}>
                <input type="text" value={region} onChange={(e) => setRegion(e.target.value)} spellCheck={false} autoComplete="off" />
              </Field>
            </div>
            {me.simulation && endpoint !== me.simulation.endpoint && (
              <button
                type="button"
                className="button secondary small"
                onClick={() => {
                  setEndpoint(me.simulation!.endpoint);
                  edited();
                }}
              >
                Use the built-in simulator
              </button>
            )}
          </details>
        </div>
      </div>
      {Object.keys(problems).length > 0 && (
        <p className="field-error" role="alert">
          Not saved: see the fields marked above.
        </p>
      )}
      {unplaced && <ErrorBox error={save.error} />}
      <div className="button-row">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        {saved && (
          <span role="status" className="saved-note">
            ✓ Saved. Next: test the connection.
          </span>
        )}
      </div>
    </form>
  );
}

function Checkbox({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string }) {
  const id = useId();
  return (
    <div className="check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <div className="check-text">
        <label htmlFor={id}>{label}</label>
        {hint && (
          <span className="hint" id={`${id}-hint`}>
            {hint}
          </span>
        )}
      </div>
    </div>
  );
}

function TestAndSync({ connector: c }: { connector: ConnectorView }) {
  const syncNow = useSyncNow();
  const busy = isBusy(c);
  const run = c.lastRun;
  return (
    <>
      <p className="lead">
        Test the connection: RRCU assumes the role and asks AWS whether each action it needs is allowed, without changing anything. Then run the first sync;
        the status moves from Not connected to Syncing to Connected.
      </p>
      <TestConnection connectorId={c.id} canRun={true} />
      <div className="button-row sync-row">
        <button type="button" className="button" onClick={() => syncNow.mutate(c)} disabled={busy || syncNow.isPending}>
          {busy ? 'Syncing…' : 'Sync now'}
        </button>
        <span>
          Status: <ConnectorStatus connector={c} />
        </span>
      </div>
      {syncNow.error && <ErrorBox error={syncNow.error} />}
      <div aria-live="polite">
        {run?.status === 'running' && (
          <p className="sync-live">
            {run.progress ? `${run.progress.stage}${run.progress.detail ? ` — ${run.progress.detail}` : ''} · ${number.format(run.progress.items)} items · ${number.format(run.progress.apiCalls)} API calls` : 'Starting…'}{' '}
            <Link href={`/syncs/${run.id}`}>Follow run #{run.id}</Link>
          </p>
        )}
        {c.status === 'connected' && run && (
          <div className="ok-box">
            <p>
              <strong>Connected.</strong> The last sync finished {formatDate(run.finishedAt)}: {countSummary(run.counts)}.{' '}
              <Link href={`/connectors/${c.id}`}>Go to the connector</Link> · <Link href="/access">Explore access</Link>
            </p>
          </div>
        )}
        {c.status === 'error' && run?.error && <ErrorBox title="The sync failed" error={run.error} />}
      </div>
    </>
  );
}
