import { Checkbox, Field, fieldError } from '../ui/form.tsx';
import type { CampaignDraft, PolicyDraft, ReviewerGroupDraft } from './campaign-form.ts';
import { PeoplePicker, PersonPicker } from './person-picker.tsx';

type Props = { draft: CampaignDraft; set: (patch: Partial<CampaignDraft>) => void; error: unknown };

const POLICY_NAMES: Record<PolicyDraft['kind'], string> = { manager: 'Manager of the person', owner: 'Owner of the resource', named: 'Named reviewers' };

/** The RRCU groups a named policy can take: RRCU's roles (everyone signed in is a Person, so that is none). */
const REVIEWER_GROUPS: Record<Exclude<ReviewerGroupDraft, ''>, string> = { super_admin: 'Super Administrators', connector_admin: 'Connector Administrators', auditor: 'Auditors' };

function blank(kind: PolicyDraft['kind']): PolicyDraft {
  if (kind === 'named') return { kind, people: [], rrcuGroup: '' };
  return kind === 'owner' ? { kind, includeTagOwners: false } : { kind };
}

/**
 * Who reviews: stages one after the other, each a list of policies tried in order until one gives an eligible
 * reviewer, then the fallback reviewer (required). A later stage reviews only what earlier ones kept.
 */
export function ReviewerPlanFields({ draft, set, error }: Props) {
  const setStage = (i: number, policies: PolicyDraft[]) => set({ stages: draft.stages.map((s, j) => (j === i ? policies : s)) });
  return (
    <fieldset className="panel">
      <legend>Reviewers</legend>
      <ol className="stage-list">
        {draft.stages.map((policies, i) => (
          <li key={i}>
            <fieldset className="stage">
              <legend>Stage {i + 1}</legend>
              <ol className="policy-list">
                {policies.map((p, k) => (
                  <li key={k} className="policy">
                    <span>
                      {k + 1}. {POLICY_NAMES[p.kind]}
                    </span>
                    <span className="row-actions">
                      <button type="button" className="button ghost small" disabled={k === 0} aria-label={`Move ${POLICY_NAMES[p.kind]} up in stage ${i + 1}`} onClick={() => setStage(i, swap(policies, k, k - 1))}>
                        ↑
                      </button>
                      <button type="button" className="button ghost small" disabled={k === policies.length - 1} aria-label={`Move ${POLICY_NAMES[p.kind]} down in stage ${i + 1}`} onClick={() => setStage(i, swap(policies, k, k + 1))}>
                        ↓
                      </button>
                      <button type="button" className="button ghost small" disabled={policies.length === 1} aria-label={`Remove ${POLICY_NAMES[p.kind]} from stage ${i + 1}`} onClick={() => setStage(i, policies.filter((_, j) => j !== k))}>
                        ✕
                      </button>
                    </span>
                    {p.kind === 'owner' && (
                      <div className="indent">
                        <Checkbox
                          label={`Stage ${i + 1}: also owners read from the owner tag`}
                          hint="Owners set in RRCU always review. A tag can be set by anyone allowed to tag the resource in AWS, so its owners count only when you say so."
                          checked={p.includeTagOwners}
                          onChange={(includeTagOwners) => setStage(i, policies.map((q, j) => (j === k ? { ...p, includeTagOwners } : q)))}
                        />
                      </div>
                    )}
                    {p.kind === 'named' && (
                      <div className="indent">
                        <PeoplePicker label={`Named reviewers of stage ${i + 1}`} value={p.people} onChange={(people) => setStage(i, policies.map((q, j) => (j === k ? { ...p, people } : q)))} />
                        <Field label="And an RRCU group" hint="The people of the role's enabled users (matched by email), after those named">
                          <select value={p.rrcuGroup} onChange={(e) => setStage(i, policies.map((q, j) => (j === k ? { ...p, rrcuGroup: e.target.value as ReviewerGroupDraft } : q)))}>
                            <option value="">None</option>
                            {Object.entries(REVIEWER_GROUPS).map(([value, label]) => (
                              <option key={value} value={value}>
                                {label}
                              </option>
                            ))}
                          </select>
                        </Field>
                      </div>
                    )}
                  </li>
                ))}
              </ol>
              <Field label={`Add a policy to stage ${i + 1}`}>
                <select
                  value=""
                  onChange={(e) => {
                    if (e.target.value) setStage(i, [...policies, blank(e.target.value as PolicyDraft['kind'])]);
                  }}
                >
                  <option value="">Choose…</option>
                  {(Object.keys(POLICY_NAMES) as PolicyDraft['kind'][]).map((k) => (
                    <option key={k} value={k}>
                      {POLICY_NAMES[k]}
                    </option>
                  ))}
                </select>
              </Field>
              {draft.stages.length > 1 && (
                <button type="button" className="button secondary small" onClick={() => set({ stages: draft.stages.filter((_, j) => j !== i) })}>
                  Remove stage {i + 1}
                </button>
              )}
            </fieldset>
          </li>
        ))}
      </ol>
      {draft.stages.length < 5 && (
        <button type="button" className="button secondary small" onClick={() => set({ stages: [...draft.stages, [{ kind: 'owner', includeTagOwners: false }]] })}>
          Add a stage
        </button>
      )}
      <PersonPicker
        label="Fallback reviewer"
        value={draft.fallback}
        onChange={(fallback) => set({ fallback })}
        hint="Required: reviews what no policy can give to an eligible person, and receives overdue items"
        error={fieldError(error, 'reviewerPlan.fallbackPersonId')}
      />
      <PeoplePicker label="Campaign administrators" value={draft.administrators} onChange={(administrators) => set({ administrators })} hint="In order, after the fallback reviewer" />
      <Checkbox
        label="Granters may not review what they gave"
        hint="A person who asked RRCU for a grant during the campaign period does not review it"
        checked={draft.excludeGranters}
        onChange={(excludeGranters) => set({ excludeGranters })}
      />
    </fieldset>
  );
}

function swap<T>(list: T[], a: number, b: number): T[] {
  const next = [...list];
  [next[a], next[b]] = [next[b]!, next[a]!];
  return next;
}
