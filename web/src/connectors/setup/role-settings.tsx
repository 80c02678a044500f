import { useReducer, type FormEvent } from 'react';
import { useMe } from '../../auth/session.tsx';
import type { ConnectorView } from '../../types.ts';
import { ErrorBox } from '../../ui/feedback.tsx';
import { Checkbox, Field, fieldError } from '../../ui/form.tsx';
import { useUpdateConnector } from '../queries.ts';
import { REGIONS } from './regions.ts';
import {
  asksScimToken,
  initialSetupForm,
  roleSettingsBody,
  roleSettingsProblems,
  scimEndpointMoved,
  setupFormReducer,
  type EditableField,
  type SetupForm,
  type SetupFormAction,
} from './setup-form.ts';

/**
 * Step 3: the role's ARN and what RRCU reads with it (Organizations, Identity Center and its SCIM API, member
 * accounts), with the AWS endpoint under Advanced. `saved` shows "Saved" until the next edit (`onEdit`).
 */
export function RoleSettings({ connector: c, saved, onSaved, onEdit }: { connector: ConnectorView; saved: boolean; onSaved: () => void; onEdit: () => void }) {
  const me = useMe();
  const [form, dispatch] = useReducer(setupFormReducer, c, (current) => initialSetupForm(current, me.user.email));
  const save = useUpdateConnector(c.id, (updated) => {
    dispatch({ type: 'saved', connector: updated });
    onSaved();
  });

  const edited = () => {
    if (saved) onEdit();
  };
  const edit = <K extends EditableField>(field: K) => (value: SetupForm[K]) => dispatch({ type: 'edit', field, value } as SetupFormAction);

  const endpointMoved = scimEndpointMoved(form, c);
  const askToken = asksScimToken(form, c);
  const problems = form.problems;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = roleSettingsProblems(form, c);
    dispatch({ type: 'checked', problems: found });
    if (Object.keys(found).length > 0) return;
    save.mutate(roleSettingsBody(form, c));
  };

  const err = (field: string) => problems[field] ?? fieldError(save.error, field);
  const shownFields = ['config.roleArn', 'config.identityCenterRegion', 'config.scimEndpoint', 'config.crossAccountRoleName', 'config.endpoint', 'config.region', 'scimToken'];
  const unplaced = save.error && !shownFields.some((f) => err(f));

  return (
    <form onSubmit={submit} onChange={edited} noValidate>
      <div className="form-grid">
        <div className="span-2">
          <Field label="Role ARN" hint="The ARN of the role you created in step 2." error={err('config.roleArn')}>
            <input type="text" value={form.roleArn} onChange={(e) => edit('roleArn')(e.target.value)} placeholder="arn:aws:iam::123456789012:role/RRCUIntegration" spellCheck={false} autoComplete="off" />
          </Field>
        </div>
        <div className="span-2">
          <Checkbox
            label="Enable support for AWS Organizations"
            checked={form.organizations}
            onChange={edit('organizations')}
            hint="Reads every account of the organisation. The role must then be in the organisation’s management account; in a member account the connection test fails."
          />
          <Checkbox
            label="Enable support for AWS IAM Identity Center"
            checked={form.identityCenter}
            onChange={edit('identityCenter')}
            hint="Reads Identity Center users, groups, permission sets and account assignments."
          />
          {form.identityCenter && (
            <div className="indent">
              <Field label="Identity Center region" hint="The region your IAM Identity Center instance is in." error={err('config.identityCenterRegion')}>
                <select value={form.identityCenterRegion} onChange={(e) => edit('identityCenterRegion')(e.target.value)}>
                  {(REGIONS.includes(form.identityCenterRegion) ? REGIONS : [form.identityCenterRegion, ...REGIONS]).map((r) => (
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
            checked={form.scim}
            onChange={edit('scim')}
            hint="Reads whether Identity Center users are active. Needs the SCIM endpoint and an access token from Identity Center’s automatic provisioning settings."
          />
          {form.scim && (
            <div className="indent">
              <Field label="SCIM endpoint" error={err('config.scimEndpoint')}>
                <input type="url" value={form.scimEndpoint} onChange={(e) => edit('scimEndpoint')(e.target.value)} placeholder="https://scim.us-east-1.amazonaws.com/…/scim/v2" spellCheck={false} autoComplete="off" />
              </Field>
              {askToken ? (
                <Field
                  label="SCIM access token"
                  hint={endpointMoved ? 'Needed again for the new endpoint. Stored encrypted; after saving it is never shown again.' : 'Stored encrypted. After saving it is never shown again.'}
                  error={err('scimToken')}
                >
                  <input type="password" value={form.scimToken} onChange={(e) => edit('scimToken')(e.target.value)} autoComplete="new-password" spellCheck={false} />
                </Field>
              ) : (
                <div className="field">
                  <span className="field-label">SCIM access token</span>
                  <div className="secret-saved">
                    <span>A token is saved. It is never shown again.</span>
                    <button type="button" className="button secondary small" onClick={() => dispatch({ type: 'replace-token' })}>
                      Replace token
                    </button>
                  </div>
                </div>
              )}
              {form.replacingToken && !endpointMoved && c.hasScimToken && (
                <button type="button" className="button ghost small keep-token" onClick={() => dispatch({ type: 'keep-token' })}>
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
          <input type="text" value={form.crossAccountRoleName} onChange={(e) => edit('crossAccountRoleName')(e.target.value)} placeholder="OrganizationAccountAccessRole" spellCheck={false} autoComplete="off" />
        </Field>
        <div className="span-2">
          <details className="advanced" open={Boolean(c.config.endpoint) || undefined}>
            <summary>Advanced</summary>
            <div className="form-grid">
              <Field label="AWS endpoint" hint="Only for RRCU’s built-in AWS simulator or a private endpoint. Leave empty for AWS itself." error={err('config.endpoint')}>
                <input type="url" value={form.endpoint} onChange={(e) => edit('endpoint')(e.target.value)} placeholder="https://…" spellCheck={false} autoComplete="off" />
              </Field>
              <Field label="AWS region" hint="Where RRCU calls STS, IAM and Organizations." error={err('config.region')}>
                <input type="text" value={form.region} onChange={(e) => edit('region')(e.target.value)} spellCheck={false} autoComplete="off" />
              </Field>
            </div>
            {me.simulation && form.endpoint !== me.simulation.endpoint && (
              <button
                type="button"
                className="button secondary small"
                onClick={() => {
                  edit('endpoint')(me.simulation!.endpoint);
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
