import { useState, type ReactNode } from 'react';
import { useAccess } from '../access/queries.ts';
import { AccessTable } from '../access/access-table.tsx';
import { can, useMe } from '../auth/session.tsx';
import { QueryView } from '../ui/query-view.tsx';
import { ItemsTable } from './items-table.tsx';
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

/** A person whole: their items to review, and everything they hold, directly and through groups, as the explorer answers it. */
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

/** For those who may read everyone's access (the access API answers them only); a reviewer sees what each item brings in its row. */
function EffectiveAccess({ group }: { group: PersonGroup }) {
  const [shown, setShown] = useState(false);
  if (!can(useMe(), 'read')) return null;
  return (
    <div>
      <button type="button" className="button secondary small" aria-expanded={shown} onClick={() => setShown(!shown)}>
        {shown ? 'Hide' : 'Show'} all access of {group.name}
      </button>
      {shown && <EffectiveAccessTable group={group} />}
    </div>
  );
}

function EffectiveAccessTable({ group }: { group: PersonGroup }) {
  const access = useAccess(group.email ? { person: group.email } : { principal: group.principalId }, undefined, 500);
  const first = access.data?.pages[0];
  return (
    <QueryView query={access} loading="Loading their access…" empty={(d) => d.pages.every((p) => p.items.length === 0)} emptyTitle="No other access">
      {(d) => <AccessTable rows={d.pages.flatMap((p) => p.items)} caption={`All access of ${group.name}`} firstSyncAt={first?.firstSyncAt ?? null} groupBy="none" />}
    </QueryView>
  );
}
