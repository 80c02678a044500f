import { useReducer, useState, type FormEvent } from 'react';
import { useMe } from '../../auth/session.tsx';
import { navigate } from '../../router.ts';
import type { ConnectorView } from '../../types.ts';
import { ErrorBox } from '../../ui/feedback.tsx';
import { Checkbox, Field, fieldError } from '../../ui/form.tsx';
import { useCreateConnector, useUpdateConnector } from '../queries.ts';
import { REGIONS } from './regions.ts';
import { initialSetupForm, nameAndOwnersUnchanged, newConnectorBody, renameBody, setupFormReducer } from './setup-form.ts';

/**
 * Step 1: the connector's name and owners. Creating, it also asks up front what RRCU reads, because the inline
 * policy of step 2 only lists what the chosen features use; then the guide goes on at /connectors/:id/edit.
 */
export function NameAndOwners({ connector }: { connector?: ConnectorView }) {
  const me = useMe();
  const [form, dispatch] = useReducer(setupFormReducer, connector, (c) => initialSetupForm(c, me.user.email));
  const [updated, setUpdated] = useState(false);
  const create = useCreateConnector((c) => navigate(`/connectors/${c.id}/edit`, { replace: true }));
  const update = useUpdateConnector(connector?.id ?? '', () => setUpdated(true));
  const save = connector ? update : create;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setUpdated(false);
    if (connector) update.mutate(renameBody(form));
    else create.mutate(newConnectorBody(form));
  };
  const unchanged = connector !== undefined && nameAndOwnersUnchanged(form, connector);
  return (
    <form onSubmit={submit} className="form-narrow" noValidate>
      <Field label="Connector name" hint="How RRCU shows this AWS organisation, e.g. “Production organisation”." error={fieldError(save.error, 'name')}>
        <input type="text" value={form.name} onChange={(e) => dispatch({ type: 'edit', field: 'name', value: e.target.value })} maxLength={200} required autoFocus={!connector} />
      </Field>
      <Field label="Owners" hint="Email addresses of the people who answer for this connector, separated by commas. They need the Connector Administrator role and the right to create an IAM role in AWS." error={fieldError(save.error, 'owners')}>
        <input type="text" value={form.owners} onChange={(e) => dispatch({ type: 'edit', field: 'owners', value: e.target.value })} autoComplete="off" />
      </Field>
      {!connector && (
        <fieldset className="plain">
          <legend>What RRCU reads (the role’s policy is written for this; you can change it in step 3)</legend>
          <Checkbox
            label="Every account of the organisation (AWS Organizations)"
            checked={form.organizations}
            onChange={(value) => dispatch({ type: 'edit', field: 'organizations', value })}
            hint="The role must then be in the management account."
          />
          <Checkbox
            label="IAM Identity Center"
            checked={form.identityCenter}
            onChange={(value) => dispatch({ type: 'edit', field: 'identityCenter', value })}
            hint="Users, groups, permission sets and account assignments."
          />
          {form.identityCenter && (
            <Field label="Region of IAM Identity Center">
              <select value={form.identityCenterRegion} onChange={(e) => dispatch({ type: 'edit', field: 'identityCenterRegion', value: e.target.value })}>
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
        <button type="submit" className={connector ? 'button secondary' : 'button'} disabled={save.isPending || !form.name.trim() || unchanged}>
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
