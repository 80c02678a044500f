import { useState } from 'react';
import { can, useMe } from '../auth/session.tsx';
import { useConnectorChoices } from '../connectors/queries.ts';
import { navigate, useLocation } from '../router.ts';
import { ErrorBox, Loading } from '../ui/feedback.tsx';
import { Checkbox, Field, fieldError } from '../ui/form.tsx';
import { Link } from '../ui/link.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { QueryView } from '../ui/query-view.tsx';
import { useDebounced } from '../ui/use-debounced.ts';
import { documentOf, formOf, newPolicyDocument, parseDocument, type PolicyForm } from './policy-form.ts';
import { useApplyPolicy, usePolicy, usePolicyPreview } from './queries.ts';
import { formatMinutes } from './request-text.ts';
import type { AppliedPolicy, PolicyDocument, PolicyView } from './types.ts';
import './requests.css';

const OUTCOME: Record<AppliedPolicy['outcome'], string> = {
  created: 'Created.',
  updated: 'Saved as a new version: requests made before keep the version they were made under.',
  unchanged: 'Nothing changed: the document is the one stored.',
};

/** A new policy (`/request-policies/new`) or one by id, as a form or its JSON document, with a live preview of who may ask and who approves. */
export function PolicyEditPage({ id }: { id: string | null }) {
  const me = useMe();
  const { query } = useLocation();
  const policy = usePolicy(id);
  const connectors = useConnectorChoices(id === null);
  // What the last save did, in the URL: saving a new policy moves to its own page, which shows it.
  const saved = (Object.keys(OUTCOME) as AppliedPolicy['outcome'][]).find((o) => o === query.get('saved'));
  const title = id === null ? 'New request policy' : (policy.data?.name ?? 'Request policy');
  const onSaved = (out: AppliedPolicy) => navigate(`/request-policies/${out.policy.id}?saved=${out.outcome}`, { replace: out.policy.id === id });
  return (
    <div className="page policy-edit-page">
      <PageHeader title={title} subtitle={<Link href="/request-policies">Request policies</Link>} />
      {saved && (
        <p className="ok-box" role="status">
          {OUTCOME[saved]}
        </p>
      )}
      {id === null ? (
        <QueryView query={connectors} loading="Loading connectors…">
          {({ items }) => <Editor initial={newPolicyDocument(items[0]?.name ?? '')} connectors={items.map((c) => c.name)} onSaved={onSaved} />}
        </QueryView>
      ) : (
        <QueryView query={policy} loading="Loading the policy…">
          {(p) => (can(me, 'operate') && !p.archivedAt ? <Editor key={`${p.id}-${p.version}`} initial={p.document} existing={p} onSaved={onSaved} /> : <ReadOnly policy={p} />)}
        </QueryView>
      )}
    </div>
  );
}

/** Auditors (and an archived policy): the document as stored. */
function ReadOnly({ policy }: { policy: PolicyView }) {
  return (
    <section className="panel">
      <p>
        Version {policy.version}, updated {policy.updatedAt} by {policy.updatedBy}
        {policy.archivedAt && `; archived ${policy.archivedAt}`}.
      </p>
      <pre className="json">{JSON.stringify(policy.document, null, 2)}</pre>
    </section>
  );
}

function Editor({ initial, existing, connectors, onSaved }: { initial: PolicyDocument; existing?: PolicyView; connectors?: string[]; onSaved: (out: AppliedPolicy) => void }) {
  const [doc, setDoc] = useState<PolicyDocument>(initial);
  const firstForm = formOf(initial);
  const [mode, setMode] = useState<'form' | 'json'>(firstForm.ok ? 'form' : 'json');
  const [form, setForm] = useState<PolicyForm | null>(firstForm.ok ? firstForm.form : null);
  const [text, setText] = useState(() => JSON.stringify(initial, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [formWhy, setFormWhy] = useState<string | null>(firstForm.ok ? null : firstForm.why);
  const apply = useApplyPolicy(onSaved);

  const changeForm = (patch: Partial<PolicyForm>) => {
    const next = { ...form!, ...patch };
    setForm(next);
    setDoc((d) => documentOf(next, d));
  };
  const toJson = () => {
    setText(JSON.stringify(doc, null, 2));
    setJsonError(null);
    setMode('json');
  };
  const toForm = () => {
    const parsed = parseDocument(text);
    if (!parsed.ok) return setJsonError(parsed.error);
    const f = formOf(parsed.document);
    setDoc(parsed.document);
    if (!f.ok) return setFormWhy(f.why);
    setFormWhy(null);
    setForm(f.form);
    setMode('form');
  };
  const changeText = (value: string) => {
    setText(value);
    const parsed = parseDocument(value);
    setJsonError(parsed.ok ? null : parsed.error);
    if (parsed.ok) setDoc(parsed.document);
  };

  return (
    <div className="policy-editor-layout">
      <form
        className="panel policy-editor"
        aria-label="Request policy"
        onSubmit={(e) => {
          e.preventDefault();
          if (!jsonError && !apply.isPending) apply.mutate(doc);
        }}
      >
        <div className="tabs" role="tablist" aria-label="Edit as">
          <button type="button" role="tab" aria-selected={mode === 'form'} className={mode === 'form' ? 'tab active' : 'tab'} onClick={() => mode === 'json' && toForm()}>
            Form
          </button>
          <button type="button" role="tab" aria-selected={mode === 'json'} className={mode === 'json' ? 'tab active' : 'tab'} onClick={() => mode === 'form' && toJson()}>
            JSON document
          </button>
        </div>
        {formWhy && <p className="notice">The form cannot show this policy whole: {formWhy} Edit it as JSON.</p>}
        {mode === 'form' && form ? (
          <PolicyFields form={form} change={changeForm} error={apply.error} connectors={connectors} existing={existing !== undefined} />
        ) : (
          <Field label="Policy document (JSON)" hint="The shape PUT /api/request-policies and rrcu policy apply take; JSON or YAML files live in git." error={jsonError ?? undefined}>
            <textarea className="mono policy-json" rows={28} value={text} spellCheck={false} onChange={(e) => changeText(e.target.value)} />
          </Field>
        )}
        {apply.error !== null && <ErrorBox error={apply.error} />}
        <div className="button-row">
          <button type="submit" className="button" disabled={apply.isPending || jsonError !== null}>
            {apply.isPending ? 'Saving…' : existing ? 'Save policy' : 'Create policy'}
          </button>
        </div>
      </form>
      <PolicyPreviewPanel document={jsonError ? null : doc} />
    </div>
  );
}

function PolicyFields({ form, change, error, connectors, existing }: { form: PolicyForm; change: (p: Partial<PolicyForm>) => void; error: unknown; connectors: string[] | undefined; existing: boolean }) {
  const text = (label: string, key: keyof PolicyForm, hint?: string, rows = 0, path = key as string) => (
    <Field label={label} hint={hint} error={fieldError(error, path)}>
      {rows > 0 ? (
        <textarea rows={rows} value={form[key] as string} onChange={(e) => change({ [key]: e.target.value })} />
      ) : (
        <input value={form[key] as string} onChange={(e) => change({ [key]: e.target.value })} />
      )}
    </Field>
  );
  const minutes = (label: string, key: 'maxDurationMinutes' | 'defaultDurationMinutes') => (
    <Field label={label} hint={formatMinutes(form[key])} error={fieldError(error, key)}>
      <input type="number" min={5} step={5} value={form[key]} onChange={(e) => change({ [key]: Number(e.target.value) })} />
    </Field>
  );
  return (
    <>
      <fieldset>
        <legend>Policy</legend>
        {text('Name', 'name', existing ? 'Saving under another name makes a new policy' : 'Unique on its connector; the request page names it')}
        {text('Description', 'description', undefined, 2)}
        {connectors && connectors.length > 0 ? (
          <Field label="Connector">
            <select value={form.connector} onChange={(e) => change({ connector: e.target.value })}>
              {connectors.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </Field>
        ) : (
          text('Connector', 'connector', 'Its name or id')
        )}
      </fieldset>
      <fieldset>
        <legend>What may be requested</legend>
        {text('Permission sets', 'permissionSets', 'Names or ARNs, one a line', 3, 'requestable')}
        {text('Accounts', 'accounts', 'Ids or names, one a line; * for every account', 3)}
        {text('OU paths', 'ouPaths', 'Every account under these OU paths (Root/Workloads/Dev), one a line', 2)}
        {text('Identity Center groups', 'groups', 'Group memberships that may be requested, one a line', 2)}
      </fieldset>
      <fieldset>
        <legend>Who may ask</legend>
        <Checkbox label="Everyone" checked={form.everyone} onChange={(v) => change({ everyone: v })} hint="Every person of the inventory" />
        {text('Members of Identity Center groups', 'eligibleGroups', 'As last synced, one a line', 2, 'eligibility')}
        {text('People', 'eligiblePeople', 'Emails, one a line', 2)}
        {text('People with attributes', 'eligibleAttributes', 'department: Engineering, Platform — one attribute a line', 2)}
      </fieldset>
      <fieldset>
        <legend>Who approves</legend>
        <Field label="Approvals needed" error={fieldError(error, 'approvalSteps')}>
          <input type="number" min={1} max={10} value={form.approvals} onChange={(e) => change({ approvals: Number(e.target.value) })} />
        </Field>
        {text('Approvers', 'approverPeople', 'Emails, one a line', 2)}
        {text('Members of Identity Center groups', 'approverGroups', 'One a line', 2)}
        <Field label="Members of an RRCU role">
          <select value={form.approverRole} onChange={(e) => change({ approverRole: e.target.value as PolicyForm['approverRole'] })}>
            <option value="">None</option>
            <option value="connector_admin">Connector Administrators</option>
            <option value="super_admin">Super Administrators</option>
            <option value="auditor">Auditors</option>
          </select>
        </Field>
        <Checkbox label="The requester’s manager" checked={form.approverManager} onChange={(v) => change({ approverManager: v })} />
        <Checkbox label="The resource’s owners (set in RRCU)" checked={form.approverOwner} onChange={(v) => change({ approverOwner: v })} />
        <p className="hint">Nobody approves their own request: a request whose only possible approver is the requester cannot be sent.</p>
      </fieldset>
      <fieldset>
        <legend>Durations and conditions</legend>
        {minutes('Default duration (minutes)', 'defaultDurationMinutes')}
        {minutes('Maximum duration (minutes)', 'maxDurationMinutes')}
        <Checkbox label="Justification required" checked={form.justificationRequired} onChange={(v) => change({ justificationRequired: v })} />
        <Checkbox label="Ticket reference required" checked={form.ticketRequired} onChange={(v) => change({ ticketRequired: v })} />
        {text('Ticket pattern', 'ticketPattern', 'A regular expression the whole reference matches, e.g. ^(OPS|SEC)-\\d+$', 0, 'ticket.pattern')}
        <Checkbox label="Break-glass allowed" checked={form.breakGlass} onChange={(v) => change({ breakGlass: v })} hint="Emergency access without an approver: granted at once, flagged, reviewed afterwards by the approvers" />
        {form.breakGlass && text('Break-glass maximum (minutes)', 'breakGlassMaxMinutes', 'Empty: the maximum above', 0, 'breakGlass.maxDurationMinutes')}
        <p className="hint">Auto-approval rules and the pending timeout are in the JSON document.</p>
      </fieldset>
    </>
  );
}

/** What the draft would do, from the last sync: who may ask, who approves each step, what it makes requestable, names the sync does not know. */
function PolicyPreviewPanel({ document }: { document: PolicyDocument | null }) {
  const settled = useDebounced(document, 400);
  const preview = usePolicyPreview(settled);
  const stale = settled !== document || preview.isFetching;
  return (
    <section className="panel policy-preview" aria-label="Preview" aria-busy={stale}>
      <h2>Preview</h2>
      {document === null ? (
        <p className="muted">The preview waits for a document that parses.</p>
      ) : preview.isPending ? (
        <Loading label="Asking who this policy covers…" />
      ) : preview.isError ? (
        <ErrorBox error={preview.error} title="The server refuses this document" />
      ) : (
        preview.data && (
          <>
            <h3>Who may ask</h3>
            <p>
              <strong>{preview.data.eligible.count.toLocaleString()}</strong> {preview.data.eligible.count === 1 ? 'person' : 'people'}
              {preview.data.eligible.people.length > 0 && `: ${preview.data.eligible.people.map((p) => p.displayName).join(', ')}${preview.data.eligible.count > preview.data.eligible.people.length ? '…' : ''}`}
            </p>
            <h3>Who approves</h3>
            {preview.data.steps.length === 0 ? (
              <p className="muted">No approval step: approved by the auto-approval rules.</p>
            ) : (
              <ol className="plain-list preview-steps">
                {preview.data.steps.map((s) => (
                  <li key={s.step}>
                    Step {s.step}: {s.approvals} approval{s.approvals === 1 ? '' : 's'} from{' '}
                    {s.approvers.length > 0 ? s.approvers.map((p) => p.displayName).join(', ') : <span className="muted">nobody named</span>}
                    {s.dependsOnRequest.length > 0 && <span className="cell-sub">and, per request: {s.dependsOnRequest.join(', ')}</span>}
                  </li>
                ))}
              </ol>
            )}
            <h3>What may be requested</h3>
            <ul className="plain-list">
              {preview.data.requestable.map((r) => (
                <li key={r.kind === 'permission_set' ? r.permissionSetArn : r.kind === 'sso_group' ? r.groupId : r.groupArn}>
                  {r.kind === 'permission_set' ? `${r.permissionSetName} on ${r.accounts.length} account${r.accounts.length === 1 ? '' : 's'}` : `Member of ${r.groupName}`}
                </li>
              ))}
            </ul>
            {preview.data.unresolved.length > 0 && (
              <p className="warn-box">
                Not known to the last sync: {preview.data.unresolved.join(', ')}. They count once a sync brings them.
              </p>
            )}
          </>
        )
      )}
    </section>
  );
}
