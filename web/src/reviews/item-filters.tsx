import { useEffect, useState, type RefObject } from 'react';
import { useDebounced } from '../ui/use-debounced.ts';
import { setQuery } from '../router.ts';
import { Checkbox, Field } from '../ui/form.tsx';
import { KIND_LABELS, OUTCOME_LABELS } from './labels.ts';
import { REVIEW_ITEM_KINDS, type ItemFilter, type ItemOutcome, type ItemView } from './types.ts';

const DECISIONS = ['undecided', 'keep', 'revoke'] as const;
const OUTCOMES: ItemOutcome[] = ['pending', 'kept', 'revoked', 'not_reviewed'];

/** The item filters a URL holds (`kind`, `decision`, `outcome`, `privileged`, `search`), so a link shows the same list. */
export function itemFilterIn(query: URLSearchParams): ItemFilter {
  const filter: ItemFilter = {};
  const kind = REVIEW_ITEM_KINDS.find((k) => k === query.get('kind'));
  if (kind) filter.kind = kind;
  const decision = DECISIONS.find((d) => d === query.get('decision'));
  if (decision) filter.decision = decision;
  const outcome = OUTCOMES.find((o) => o === query.get('outcome'));
  if (outcome) filter.outcome = outcome;
  if (query.get('privileged') === 'true') filter.privileged = true;
  const search = query.get('search')?.trim();
  if (search) filter.search = search;
  return filter;
}

/** The filters above an item list; each change goes to the URL. */
export function ItemFilters({ filter, searchRef }: { filter: ItemFilter; searchRef?: RefObject<HTMLInputElement | null> }) {
  return (
    <div className="toolbar item-filters">
      <Field label="Search">
        <SearchInput initial={filter.search ?? ''} searchRef={searchRef} />
      </Field>
      <Field label="Kind">
        <select value={filter.kind ?? ''} onChange={(e) => setQuery({ kind: e.target.value })}>
          <option value="">All kinds</option>
          {REVIEW_ITEM_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Decision">
        <select value={filter.decision ?? ''} onChange={(e) => setQuery({ decision: e.target.value })}>
          <option value="">Any decision</option>
          <option value="undecided">Undecided</option>
          <option value="keep">Keep</option>
          <option value="revoke">Revoke</option>
        </select>
      </Field>
      <Field label="Outcome">
        <select value={filter.outcome ?? ''} onChange={(e) => setQuery({ outcome: e.target.value })}>
          <option value="">Any outcome</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {OUTCOME_LABELS[o]}
            </option>
          ))}
        </select>
      </Field>
      <Checkbox label="Privileged only" checked={filter.privileged === true} onChange={(on) => setQuery({ privileged: on ? 'true' : undefined })} />
    </div>
  );
}

/** The search box asks once typing rests, not per keystroke. */
function SearchInput({ initial, searchRef }: { initial: string; searchRef: RefObject<HTMLInputElement | null> | undefined }) {
  const [text, setText] = useState(initial);
  const settled = useDebounced(text, 300);
  useEffect(() => {
    if (settled.trim() !== (new URLSearchParams(location.search).get('search') ?? '')) setQuery({ search: settled.trim() });
  }, [settled]);
  return <input ref={searchRef} type="search" value={text} placeholder="Principal, resource or entitlement" onChange={(e) => setText(e.target.value)} />;
}

/**
 * The campaigns whose items this page has listed, by the names the items carry, for as long as the app runs: a
 * reviewer of the person role may not read the campaign list, so a chosen campaign whose items are loading or
 * filtered away would otherwise have no name, and the other campaigns would drop out of the choice.
 */
const campaignsListed = new Map<string, string>();

/**
 * My reviews' campaign choice: the chosen campaign first if no list has shown it, then every campaign listed so
 * far. Labelled by the items' campaign name, else `names` (the campaign list, for those who may read it), else
 * the id's start.
 */
export function campaignChoices(chosen: string | undefined, rows: readonly ItemView[], names: ReadonlyMap<string, string> = new Map()): { id: string; label: string }[] {
  for (const r of rows) campaignsListed.set(r.campaignId, r.campaignName);
  const ids = [...campaignsListed.keys()];
  return (chosen && !campaignsListed.has(chosen) ? [chosen, ...ids] : ids).map((id) => ({ id, label: campaignsListed.get(id) ?? names.get(id) ?? `Campaign ${id.slice(0, 8)}…` }));
}
