import { useState } from 'react';
import { Checkbox, Field, fieldError, FormError } from '../ui/form.tsx';
import { Link } from '../ui/link.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { QueryView } from '../ui/query-view.tsx';
import { useMyAccess } from '../me/queries.ts';
import { useRequestable, useSubmitRequest } from './queries.ts';
import { RequestStatusBadge } from './request-parts.tsx';
import {
  alreadyHeld, draftKeys, durationChoices, formatMinutes, matchesSearch, maxMinutesOf, REQUESTABLE_KIND_LABELS, requestableKey, requestableName, requestBody, sessionWarning, type RequestDraft,
} from './request-text.ts';
import type { RequestableView, SubmittedRequest } from './types.ts';
import './requests.css';

/**
 * Request access, for every signed-in person: search what they may request (each entry under the policy that
 * applies to them), pick the accounts, the duration, say why; the page names the policy and its terms, the
 * permission set's own session duration, and after sending, the duplicate warning and which policy applied.
 */
export function RequestAccessPage() {
  const requestable = useRequestable();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<SubmittedRequest | null>(null);
  return (
    <div className="page request-access-page">
      <PageHeader
        title="Request access"
        subtitle="Ask for AWS access for a limited time: someone approves it, RRCU grants it, and removes it when it ends."
        actions={
          <Link href="/my-requests" className="button secondary">
            My requests
          </Link>
        }
      />
      {submitted && <Submitted out={submitted} onAgain={() => setSubmitted(null)} />}
      <QueryView
        query={requestable}
        loading="Finding what you may request…"
        empty={(items) => items.length === 0}
        emptyTitle="Nothing you may request"
        emptyBody={<p>No request policy makes you eligible for anything yet. An administrator writes request policies: ask yours which one would cover what you need.</p>}
      >
        {(items) => {
          const shown = items.filter((v) => matchesSearch(v, search));
          const current = items.find((v) => requestableKey(v) === chosen) ?? null;
          return (
            <div className="request-access-layout">
              <section className="panel" aria-label="What you may request">
                <Field label="Search" hint="A permission set, group, account or policy">
                  <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="e.g. ReadOnly payments" />
                </Field>
                {shown.length === 0 ? (
                  <p className="muted">Nothing you may request matches “{search}”.</p>
                ) : (
                  <ul className="requestable-list">
                    {shown.map((v) => {
                      const key = requestableKey(v);
                      return (
                        <li key={key}>
                          <button type="button" className={key === chosen ? 'requestable chosen' : 'requestable'} aria-pressed={key === chosen} onClick={() => setChosen(key)}>
                            <span className="requestable-name">{requestableName(v.requestable)}</span>
                            <span className="cell-sub">
                              {REQUESTABLE_KIND_LABELS[v.requestable.kind]}
                              {v.requestable.kind === 'permission_set' && ` · ${v.requestable.accounts.length} account${v.requestable.accounts.length === 1 ? '' : 's'}`} · policy {v.policy.name}
                            </span>
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                )}
              </section>
              {current ? (
                <RequestForm key={requestableKey(current)} entry={current} onSubmitted={(out) => { setSubmitted(out); setChosen(null); window.scrollTo(0, 0); }} />
              ) : (
                <section className="panel muted">Choose what you need from the list.</section>
              )}
            </div>
          );
        }}
      </QueryView>
    </div>
  );
}

/** What was sent: the request's number and status, which policy applied and why, and what already grants the same access. */
function Submitted({ out, onAgain }: { out: SubmittedRequest; onAgain: () => void }) {
  const r = out.request;
  return (
    <section className="panel submitted" aria-label="Request sent" role="status">
      <h2>
        Request <Link href={`/requests/${r.id}`}>#{r.id}</Link> sent <RequestStatusBadge status={r.status} />
      </h2>
      <p>
        {r.entitlementText} for {formatMinutes(r.durationMinutes)}
        {r.durationClamped && ' (cut to the policy’s maximum)'}. {out.policyWhy}
      </p>
      {r.autoApproved && <p>Approved without a person: {r.autoApproved}</p>}
      {out.duplicateWarning && <p className="warn-box">{out.duplicateWarning}</p>}
      <div className="button-row">
        <Link href={`/requests/${r.id}`} className="button">
          Open request #{r.id}
        </Link>
        <button type="button" className="button secondary" onClick={onAgain}>
          Close
        </button>
      </div>
    </section>
  );
}

function stepsText(v: RequestableView): string {
  if (v.approvalSteps.length === 0) return 'Approved without a person (the policy’s auto-approval).';
  const steps = v.approvalSteps.map((s, i) => `${v.approvalSteps.length > 1 ? `step ${i + 1}: ` : ''}${s.approvals} approval${s.approvals === 1 ? '' : 's'} from ${s.sources.join(', ')}`);
  return `Needs ${steps.join('; then ')}${v.autoApproval ? ', unless an auto-approval rule of the policy approves it at once' : ''}. You never approve your own request.`;
}

function RequestForm({ entry, onSubmitted }: { entry: RequestableView; onSubmitted: (out: SubmittedRequest) => void }) {
  const r = entry.requestable;
  const [draft, setDraft] = useState<RequestDraft>({ accounts: r.kind === 'permission_set' && r.accounts.length === 1 ? [r.accounts[0]!.id] : [], durationMinutes: entry.defaultDurationMinutes, justification: '', ticket: '', breakGlass: false });
  const [accountSearch, setAccountSearch] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = useSubmitRequest(onSubmitted);
  const mine = useMyAccess(undefined);
  const held = alreadyHeld(mine.data?.items ?? [], draftKeys(entry, r.kind === 'permission_set' ? draft.accounts : []));
  const set = (patch: Partial<RequestDraft>) => {
    setProblem(null);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const max = maxMinutesOf(entry, draft.breakGlass);
  const choices = durationChoices(Math.min(entry.defaultDurationMinutes, max), max);
  const duration = Math.min(draft.durationMinutes, max);
  const title = requestableName(r);
  // A refusal shown next to its field (the policy's ticket, say) leaves only its fix for the box below the form.
  const formFields = [...(r.kind === 'permission_set' ? ['entitlement.accounts'] : []), 'durationMinutes', 'justification', 'ticket'];
  return (
    <form
      className="panel request-form"
      aria-label={`Request ${title}`}
      onSubmit={(e) => {
        e.preventDefault();
        const built = requestBody(entry, { ...draft, durationMinutes: duration });
        if (!built.ok) return setProblem(built.problem);
        submit.mutate(built.body);
      }}
    >
      <h2>{title}</h2>
      <div className="policy-applies">
        <p>
          <strong>Policy {entry.policy.name} applies</strong>: of the request policies covering this, it is the most restrictive one you are eligible for.
          {entry.policy.description && <> {entry.policy.description}</>}
        </p>
        <p>{stepsText(entry)}</p>
      </div>
      {r.kind === 'permission_set' && (
        <fieldset className="account-choice">
          <legend>Accounts ({draft.accounts.length} of {r.accounts.length} chosen)</legend>
          {r.accounts.length > 8 && (
            <Field label="Find an account">
              <input type="search" value={accountSearch} onChange={(e) => setAccountSearch(e.target.value)} />
            </Field>
          )}
          <div className="account-list">
            {r.accounts
              .filter((a) => !accountSearch || `${a.name} ${a.id} ${a.ouPath ?? ''}`.toLowerCase().includes(accountSearch.toLowerCase()))
              .map((a) => (
                <Checkbox
                  key={a.id}
                  label={`${a.name} (${a.id})`}
                  {...(a.ouPath ? { hint: a.ouPath } : {})}
                  checked={draft.accounts.includes(a.id)}
                  onChange={(on) => set({ accounts: on ? [...draft.accounts, a.id] : draft.accounts.filter((x) => x !== a.id) })}
                />
              ))}
          </div>
          {fieldError(submit.error, 'entitlement.accounts') && <p className="field-error">{fieldError(submit.error, 'entitlement.accounts')}</p>}
        </fieldset>
      )}
      <Field label="Duration" hint={`Default ${formatMinutes(entry.defaultDurationMinutes)}; at most ${formatMinutes(max)}${draft.breakGlass ? ' for break-glass' : ''} under this policy.`} error={fieldError(submit.error, 'durationMinutes')}>
        <select value={duration} onChange={(e) => set({ durationMinutes: Number(e.target.value) })}>
          {choices.map((m) => (
            <option key={m} value={m}>
              {formatMinutes(m)}
              {m === entry.defaultDurationMinutes ? ' (default)' : m === max ? ' (maximum)' : ''}
            </option>
          ))}
        </select>
      </Field>
      {held.length > 0 && (
        <div className="warn-box" role="note" aria-label="Already held">
          {held.map((line) => (
            <p key={line}>{line}</p>
          ))}
          <p>A request for it still ends on time; what else grants it stays.</p>
        </div>
      )}
      {r.kind === 'permission_set' && <p className="notice session-warning">{sessionWarning(r.sessionDuration)}</p>}
      <Field label="Justification" hint={entry.justificationRequired || draft.breakGlass ? 'Required: what you need it for' : 'Optional'} error={fieldError(submit.error, 'justification')}>
        <textarea rows={3} value={draft.justification} maxLength={2000} onChange={(e) => set({ justification: e.target.value })} />
      </Field>
      <Field
        label="Ticket"
        hint={`${entry.ticket.required ? 'Required' : 'Optional'}${entry.ticket.pattern ? `; the form ${entry.ticket.pattern}` : ''}`}
        error={fieldError(submit.error, 'ticket')}
      >
        <input value={draft.ticket} maxLength={200} onChange={(e) => set({ ticket: e.target.value })} />
      </Field>
      {entry.breakGlass.allowed && (
        <Checkbox
          label="Break-glass: emergency access now"
          hint="Granted at once without an approver, flagged, and reviewed afterwards by the approvers. Needs a justification."
          checked={draft.breakGlass}
          onChange={(on) => set({ breakGlass: on })}
        />
      )}
      {problem && <p className="field-error" role="alert">{problem}</p>}
      <FormError error={submit.error} fields={formFields} />
      <div className="button-row">
        <button type="submit" className={draft.breakGlass ? 'button danger-solid' : 'button'} disabled={submit.isPending}>
          {submit.isPending ? 'Sending…' : draft.breakGlass ? 'Take break-glass access' : 'Request access'}
        </button>
      </div>
    </form>
  );
}
