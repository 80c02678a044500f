import { useId, useState, type FormEvent } from 'react';
import { useConnectorChoices } from '../connectors/queries.ts';
import { useRequestTask, type RequestedTask } from '../provisioning/queries.ts';
import type { AccessRecord, ConnectorView } from '../types.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { ErrorBox, Loading } from '../ui/feedback.tsx';
import { Field, fieldError } from '../ui/form.tsx';
import { Link } from '../ui/link.tsx';
import { SuggestInput } from './access-suggest.tsx';
import { entitlementLabel, principalLabel, resourceLabel, resourceTypeLabel } from './labels.ts';

/** Connectors that can still change access: an archived one's history is readable, but it no longer provisions. */
export const liveConnectors = (connectors: ConnectorView[] | undefined): ConnectorView[] => (connectors ?? []).filter((c) => !c.archivedAt);

/** A row's own connector; for a new grant, the explorer's connector filter, else the only connector, else the person chooses. */
export function knownConnector(record: AccessRecord | null, filterConnectorId: string | undefined, connectors: ConnectorView[]): string | undefined {
  if (record) return record.connectorId;
  if (filterConnectorId) return filterConnectorId;
  return connectors.length === 1 ? connectors[0]!.id : undefined;
}

function ConnectorChoice({ connectors, value, onChange, error }: { connectors: ConnectorView[]; value: string; onChange: (id: string) => void; error?: string | undefined }) {
  return (
    <Field label="Connector" error={error}>
      <select value={value} onChange={(e) => onChange(e.target.value)} required>
        <option value="">Choose a connector…</option>
        {connectors.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

export type GrantDefaults = { principal?: string; entitlement?: string; resource?: string; connectorId?: string };

/** Asks for access to be given: POST /api/tasks with action grant. The names are resolved by the server against the last sync. */
export function GrantForm({ defaults, onRequested, onCancel }: { defaults: GrantDefaults; onRequested: (r: RequestedTask) => void; onCancel: () => void }) {
  const ids = { principal: useId(), entitlement: useId(), resource: useId() };
  const connectors = useConnectorChoices();
  const [connector, setConnector] = useState(defaults.connectorId ?? '');
  const [principal, setPrincipal] = useState(defaults.principal ?? '');
  const [entitlement, setEntitlement] = useState(defaults.entitlement ?? '');
  const [resource, setResource] = useState(defaults.resource ?? '');
  const [reason, setReason] = useState('');
  const grant = useRequestTask(onRequested);

  if (connectors.isPending) return <Loading label="Loading connectors…" />;
  if (connectors.isError) return <ErrorBox error={connectors.error} />;
  const list = liveConnectors(connectors.data.items);
  if (list.length === 0) {
    return (
      <div className="panel">
        <p>
          There is no connector to grant through yet. <Link href="/connectors/new">Connect an AWS organisation</Link> first.
        </p>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    );
  }
  const chosen = connector || (list.length === 1 ? list[0]!.id : '');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    grant.mutate({
      action: 'grant',
      connector: chosen,
      principal: principal.trim(),
      entitlement: entitlement.trim(),
      ...(resource.trim() ? { resource: resource.trim() } : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
  };
  const err = grant.error;

  return (
    <form className="panel grant-form" onSubmit={submit} aria-label="Grant access">
      <h2>Grant access</h2>
      <p className="hint">RRCU makes the change in AWS through a provisioning task and shows its progress here.</p>
      {list.length === 1 && (
        <p>
          Through the connector <strong>{list[0]!.name}</strong>.
        </p>
      )}
      <div className="form-grid">
        {list.length > 1 && (
          <div className="span-2">
            <ConnectorChoice connectors={list} value={chosen} onChange={setConnector} error={fieldError(err, 'connector')} />
          </div>
        )}
        <Field label="Principal" error={fieldError(err, 'principal')} hint="Who gets the access: a person’s email, a user or group name, or its ARN / Identity Center id.">
          <SuggestInput id={ids.principal} value={principal} onChange={setPrincipal} onPick={(s) => setPrincipal(s.value)} kinds={['person', 'principal', 'group']} />
        </Field>
        <Field
          label="Entitlement"
          error={fieldError(err, 'entitlement')}
          hint="A permission set with its account (“AdministratorAccess on payments-prod”), or a group name for membership."
        >
          <SuggestInput id={ids.entitlement} value={entitlement} onChange={setEntitlement} onPick={(s) => setEntitlement(s.value)} kinds={['permissionSet', 'group']} />
        </Field>
        <Field label="Account or resource (optional)" error={fieldError(err, 'resource')} hint="The account for a permission set, when the entitlement does not name it.">
          <SuggestInput id={ids.resource} value={resource} onChange={setResource} onPick={(s) => setResource(s.value)} kinds={['account']} />
        </Field>
        <Field label="Reason" error={fieldError(err, 'reason')} hint="Recorded in the audit log with the change.">
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={1000} />
        </Field>
      </div>
      {err && !fieldError(err, 'principal') && !fieldError(err, 'entitlement') && <ErrorBox error={err} />}
      <div className="button-row">
        <button type="submit" className="button" disabled={grant.isPending || !chosen || !principal.trim() || !entitlement.trim()}>
          {grant.isPending ? 'Asking…' : 'Grant access'}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The key of membership in the group a grant came through (as src/provisioning/resolve-target.ts names them). */
function membershipKey(via: string): string {
  return via.startsWith('arn:aws:iam::') ? `iam_group:${via}#member` : `sso_group:${via}#member`;
}

/**
 * Confirms a revoke and asks why. A grant held through a group cannot be revoked on its own: what can be taken
 * away is the principal's membership of that group (which also ends everything else the group gives).
 */
export function RevokeDialog({
  record,
  filterConnectorId,
  onRequested,
  onClose,
}: {
  record: AccessRecord;
  filterConnectorId: string | undefined;
  onRequested: (r: RequestedTask) => void;
  onClose: () => void;
}) {
  const connectors = useConnectorChoices();
  const [picked, setPicked] = useState('');
  const [reason, setReason] = useState('');
  const revoke = useRequestTask(onRequested);
  const list = liveConnectors(connectors.data?.items);
  const connector = knownConnector(record, filterConnectorId, list) ?? picked;
  const group = record.via ? (record.viaName ?? record.via) : null;
  const who = principalLabel(record);
  const what = `${entitlementLabel(record)} on ${resourceLabel(record)}`;

  const submit = () => {
    const common = { action: 'revoke' as const, connector, reason: reason.trim() };
    // Only synced rows offer Revoke (a task's row no sync has seen has no grant id yet).
    revoke.mutate(record.via ? { ...common, entitlement: membershipKey(record.via), principal: record.principalId } : { ...common, grantId: record.grantId! });
  };

  return (
    <ConfirmDialog
      title={group ? 'Revoke group membership' : 'Revoke access'}
      confirm={group ? 'Revoke membership' : 'Revoke'}
      busyLabel="Asking…"
      busy={revoke.isPending}
      ready={Boolean(reason.trim() && connector)}
      error={fieldError(revoke.error, 'reason') ? null : revoke.error}
      onConfirm={submit}
      onClose={onClose}
      className="revoke-form"
    >
      {group ? (
        <>
          <p>
            <strong>{who}</strong> has <strong>{what}</strong> through membership of the group <strong>{group}</strong>, not directly. It cannot be revoked
            on its own.
          </p>
          <p>
            Revoking <strong>{who}</strong>’s membership of <strong>{group}</strong> ends this access <em>and everything else the group gives</em>.
          </p>
          <p className="hint">
            To take {what} away from every member instead, revoke the group’s own assignment:{' '}
            <Link href={`/access?principal=${encodeURIComponent(record.via!)}`} onClick={onClose}>
              show the access of {group}
            </Link>
            .
          </p>
        </>
      ) : (
        <p>
          Remove <strong>{what}</strong> from <strong>{who}</strong> ({resourceTypeLabel(record.principalType)}) in AWS?
        </p>
      )}
      {connectors.isPending && <Loading label="Loading connectors…" />}
      {connectors.isError && <ErrorBox error={connectors.error} />}
      {!knownConnector(record, filterConnectorId, list) && list.length > 1 && (
        <ConnectorChoice connectors={list} value={picked} onChange={setPicked} error={fieldError(revoke.error, 'connector')} />
      )}
      <Field label="Reason" error={fieldError(revoke.error, 'reason')} hint="Required. Recorded in the audit log with the change.">
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={1000} required autoFocus />
      </Field>
    </ConfirmDialog>
  );
}
