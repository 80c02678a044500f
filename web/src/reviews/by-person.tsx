import { useState, type ReactNode } from 'react';
import { AccessTable } from '../access/access-table.tsx';
import { QueryView } from '../ui/query-view.tsx';
import { ItemsTable } from './items-table.tsx';
import { useHolderAccess } from './queries.ts';
import type { ItemView } from './types.ts';

type PersonGroup = { key: string; name: string; email: string | null; principalId: string; items: ItemView[] };

/** Items grouped by the person holding them (or the principal, when no person matched), in first-seen order. */
export function groupByPerson(rows: readonly ItemView[]): PersonGroup[] {
  const groups = new Map<string, PersonGroup>();
  for (const item of rows) {
    const key = item.person ? `person:${item.person.id}` : `principal:${item.principal.id}`;
    const group = groups.get(key) ?? {
      key,
      name: item.person?.displayName ?? item.principal.name ?? item.principal.id,
      email: item.person?.email ?? null,
      principalId: item.principal.id,
      items: [],
    };
    group.items.push(item);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** A person whole: their items to review, and everything they hold, directly and through groups, as the explorer answers it (for the reviewer too). */
export function ByPersonView({ rows, onOpen, actions }: { rows: ItemView[]; onOpen: (item: ItemView) => void; actions: (item: ItemView) => ReactNode }) {
  return (
    <div className="by-person">
      {groupByPerson(rows).map((g) => (
        <section key={g.key} className="panel" aria-label={g.name}>
          <h2>
            {g.name} <span className="muted">— {g.items.length} item{g.items.length === 1 ? '' : 's'} to review</span>
          </h2>
          <ItemsTable rows={g.items} caption={`Items of ${g.name}`} onOpen={(item) => onOpen(item)} actions={(item) => actions(item)} />
          <EffectiveAccess group={g} />
        </section>
      ))}
    </div>
  );
}

/** What else the person holds, for the reviewer as for readers: asked through one of their items, which is what entitles a reviewer to see it. */
function EffectiveAccess({ group }: { group: PersonGroup }) {
  const [shown, setShown] = useState(false);
  return (
    <div>
      <button type="button" className="button secondary small" aria-expanded={shown} onClick={() => setShown(!shown)}>
        {shown ? 'Hide' : 'Show'} all access of {group.name}
      </button>
      {shown && <EffectiveAccessTable group={group} />}
    </div>
  );
}

const SHOWN_ROWS = 500;

function EffectiveAccessTable({ group }: { group: PersonGroup }) {
  const access = useHolderAccess(group.items[0]!.id, SHOWN_ROWS);
  return (
    <QueryView query={access} loading="Loading their access…" empty={(d) => d.items.length === 0} emptyTitle="No other access">
      {(d) => (
        <>
          <AccessTable rows={d.items} caption={`All access of ${group.name}`} firstSyncAt={d.firstSyncAt} groupBy="none" />
          {d.total > d.items.length && <p className="muted">The first {d.items.length} of {d.total} rows.</p>}
        </>
      )}
    </QueryView>
  );
}
