import { useMemo, useState, type FormEvent } from 'react';
import { useConnectorChoices } from '../connectors/queries.ts';
import { navigate } from '../router.ts';
import { ErrorBox } from '../ui/feedback.tsx';
import { Checkbox, Field, fieldError } from '../ui/form.tsx';
import { Link } from '../ui/link.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { isoToLocalInput, localInputToIso } from '../ui/when.ts';
import { draftInput, EMPTY_DRAFT, previewInput, type CampaignDraft } from './campaign-form.ts';
import { CampaignPreview } from './campaign-preview.tsx';
import { useCreateCampaign } from './queries.ts';
import { ReviewerPlanFields } from './reviewer-plan-fields.tsx';
import { ScopeFields } from './scope-fields.tsx';
import './reviews.css';

/** A new campaign: name, scope, reviewers, options and due date, with the population it would take beside the form. It is saved as a draft, launched from its page. */
export function CreateCampaignPage() {
  const [draft, setDraft] = useState<CampaignDraft>(EMPTY_DRAFT);
  const set = (patch: Partial<CampaignDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const connectors = useConnectorChoices();
  const create = useCreateCampaign((c) => navigate(`/reviews/${c.id}`));
  const input = draftInput(draft);
  // One object per draft, so the preview's debounce sees a change only when the form changed.
  const preview = useMemo(() => previewInput(draft), [draft]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (input) create.mutate(input);
  };
  return (
    <div className="page create-campaign-page">
      <PageHeader title="New access review" subtitle={<Link href="/reviews">All access reviews</Link>} />
      <div className="create-campaign-layout">
        <form onSubmit={submit} aria-label="New access review">
          <fieldset className="panel">
            <legend>Campaign</legend>
            <Field label="Name" error={fieldError(create.error, 'name')}>
              <input value={draft.name} onChange={(e) => set({ name: e.target.value })} required maxLength={200} />
            </Field>
            <Field label="Description" error={fieldError(create.error, 'description')}>
              <textarea rows={2} value={draft.description} onChange={(e) => set({ description: e.target.value })} maxLength={4000} />
            </Field>
            <Field label="Due" hint="Reminders go out before it; overdue items escalate to the fallback reviewer" error={fieldError(create.error, 'dueAt')}>
              <input type="datetime-local" value={isoToLocalInput(draft.dueAt)} onChange={(e) => set({ dueAt: localInputToIso(e.target.value) ?? '' })} />
            </Field>
            <Field label="Closes by itself at" hint="Decisions lock then and undecided items are Not reviewed; empty to close by hand. Past due, reviewers may still decide until then" error={fieldError(create.error, 'options.endsAt')}>
              <input type="datetime-local" value={isoToLocalInput(draft.endsAt)} onChange={(e) => set({ endsAt: localInputToIso(e.target.value) ?? '' })} />
            </Field>
            <Field label="Repeat (cron, UTC)" hint="A copy launches at each time, e.g. 0 6 1 1,4,7,10 * for quarterly; empty for once. Checked when saved" error={fieldError(create.error, 'recurrenceCron')}>
              <input value={draft.recurrenceCron} onChange={(e) => set({ recurrenceCron: e.target.value })} maxLength={200} />
            </Field>
          </fieldset>
          <ScopeFields draft={draft} set={set} connectors={connectors.data?.items ?? []} error={create.error} />
          <ReviewerPlanFields draft={draft} set={set} error={create.error} />
          <fieldset className="panel">
            <legend>Options</legend>
            <Checkbox label="Require a comment on Keep" checked={draft.requireCommentOnKeep} onChange={(requireCommentOnKeep) => set({ requireCommentOnKeep })} hint="A comment is always required on Revoke" />
            <Checkbox
              label="Remediate immediately"
              checked={draft.remediateImmediately}
              onChange={(remediateImmediately) => set({ remediateImmediately })}
              hint="A Revoke becomes a provisioning task when decided, not at close"
            />
            <Field label="Remind days before due" hint="Reviewers with pending items get a reminder on these days, e.g. 7, 1; empty for none" error={fieldError(create.error, 'options.reminderDaysBeforeDue')}>
              <input value={draft.reminderDaysBeforeDue} onChange={(e) => set({ reminderDaysBeforeDue: e.target.value })} inputMode="numeric" />
            </Field>
            <Checkbox label="Remind daily after due" checked={draft.remindDailyAfterDue} onChange={(remindDailyAfterDue) => set({ remindDailyAfterDue })} hint="Every day past the due date while items are pending" />
            <Field label="Escalate after (days past due)" hint="Undecided items then go to the fallback reviewer; empty never escalates" error={fieldError(create.error, 'options.escalateAfterDays')}>
              <input type="number" min={0} max={365} value={draft.escalateAfterDays} onChange={(e) => set({ escalateAfterDays: e.target.value })} />
            </Field>
            <Field label="Granter look-back (days)" hint="With the granter rule, how far back RRCU tasks count when no earlier campaign of this scope launched" error={fieldError(create.error, 'options.granterLookbackDays')}>
              <input type="number" min={1} max={3650} value={draft.granterLookbackDays} onChange={(e) => set({ granterLookbackDays: Number(e.target.value) })} />
            </Field>
            <Field label="Newest sync no older than (hours)" hint="Launch asks for a sync first when the connector's last one is older" error={fieldError(create.error, 'options.maxSyncAgeSeconds')}>
              <input type="number" min={1} max={720} value={draft.maxSyncAgeHours} onChange={(e) => set({ maxSyncAgeHours: Number(e.target.value) })} />
            </Field>
          </fieldset>
          <ErrorBox error={create.error} />
          <div className="button-row">
            <button type="submit" className="button" disabled={!input || create.isPending}>
              {create.isPending ? 'Saving…' : 'Save draft'}
            </button>
            {!input && <span className="hint">A connector and a fallback reviewer are required.</span>}
          </div>
        </form>
        <CampaignPreview input={preview} />
      </div>
    </div>
  );
}
