import type { ConnectorView } from '../types.ts';
import { Checkbox, Field, fieldError } from '../ui/form.tsx';
import type { CampaignDraft } from './campaign-form.ts';
import { PRINCIPAL_TYPE_LABELS, RESOURCE_TYPE_LABELS } from './labels.ts';
import { PeoplePicker } from './person-picker.tsx';
import { SCOPE_PRINCIPAL_TYPES, SCOPE_RESOURCE_TYPES } from './types.ts';

type Props = { draft: CampaignDraft; set: (patch: Partial<CampaignDraft>) => void; connectors: ConnectorView[]; error: unknown };

function toggle<T>(list: T[], value: T, on: boolean): T[] {
  return on ? [...list, value] : list.filter((v) => v !== value);
}

/** What the campaign reviews: the scope filters of docs/access-reviews.md, combined with AND, values within one with OR. */
export function ScopeFields({ draft, set, connectors, error }: Props) {
  const err = (name: string) => fieldError(error, `scope.${name}`);
  return (
    <fieldset className="panel">
      <legend>Scope</legend>
      <p className="hint">Filters combine: a grant is reviewed when it passes every filter given. A filter left empty narrows nothing.</p>
      <Field label="Connector" error={err('connectorId')}>
        <select value={draft.connectorId} onChange={(e) => set({ connectorId: e.target.value })} required>
          <option value="">Choose a connector</option>
          {connectors.filter((c) => !c.archivedAt).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="check-group">
        <legend>Resource types</legend>
        {SCOPE_RESOURCE_TYPES.map((t) => (
          <Checkbox key={t} label={RESOURCE_TYPE_LABELS[t] ?? t} checked={draft.resourceTypes.includes(t)} onChange={(on) => set({ resourceTypes: toggle(draft.resourceTypes, t, on) })} />
        ))}
      </fieldset>
      <fieldset className="check-group">
        <legend>Principal types</legend>
        {SCOPE_PRINCIPAL_TYPES.map((t) => (
          <Checkbox key={t} label={PRINCIPAL_TYPE_LABELS[t] ?? t} checked={draft.principalTypes.includes(t)} onChange={(on) => set({ principalTypes: toggle(draft.principalTypes, t, on) })} />
        ))}
        <p className="hint">Role trust (who may assume a role) is reviewed only when “IAM role trust” is ticked.</p>
      </fieldset>
      <div className="form-grid">
        <Field label="Accounts" hint="12-digit account ids, one a line or comma-separated" error={err('accountIds')}>
          <textarea rows={2} value={draft.accountIds} onChange={(e) => set({ accountIds: e.target.value })} />
        </Field>
        <Field label="OU paths" hint="As synced, e.g. Workloads/Production (covers the OUs under it); / is the root" error={err('ouPaths')}>
          <textarea rows={2} value={draft.ouPaths} onChange={(e) => set({ ouPaths: e.target.value })} />
        </Field>
        <Field label="Permission sets" hint="Permission set ARNs" error={err('permissionSetArns')}>
          <textarea rows={2} value={draft.permissionSetArns} onChange={(e) => set({ permissionSetArns: e.target.value })} />
        </Field>
        <Field label="Groups" hint="Identity Center group ids or IAM group ARNs" error={err('groupIds')}>
          <textarea rows={2} value={draft.groupIds} onChange={(e) => set({ groupIds: e.target.value })} />
        </Field>
      </div>
      <Checkbox label="Privileged only" hint="Grants whose entitlement the sync judged privileged, or an administrator marked" checked={draft.privilegedOnly} onChange={(v) => set({ privilegedOnly: v })} />
      <Field label="People" error={err('people')}>
        <select value={draft.peopleMode} onChange={(e) => set({ peopleMode: e.target.value as CampaignDraft['peopleMode'] })}>
          <option value="all">Everyone</option>
          <option value="named">Named people</option>
          <option value="unmatched">Principals with no matching person</option>
          <option value="inactive">Users inactive in Identity Center</option>
        </select>
      </Field>
      {draft.peopleMode === 'named' && <PeoplePicker label="People in scope" value={draft.people} onChange={(people) => set({ people })} error={err('people.personIds')} />}
    </fieldset>
  );
}
