import { setQuery } from '../router.ts';
import { Field } from '../ui/form.tsx';

/** How the access table groups its rows, kept in the URL (`groupBy`) so that a shared link groups the same way. */

const GROUP_BYS = ['none', 'principal', 'resource', 'entitlement', 'how'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
const GROUP_BY_LABELS: Record<GroupBy, string> = {
  none: 'Nothing',
  principal: 'Principal',
  resource: 'Account or resource',
  entitlement: 'Entitlement',
  how: 'Direct or group',
};

function isGroupBy(v: string): v is GroupBy {
  return (GROUP_BYS as readonly string[]).includes(v);
}

/** The grouping the URL asks for; an unknown one (an old or edited link) groups by nothing. */
export function groupByIn(query: URLSearchParams): GroupBy {
  const v = query.get('groupBy') ?? 'none';
  return isGroupBy(v) ? v : 'none';
}

export function GroupByField({ value }: { value: GroupBy }) {
  return (
    <Field label="Group by">
      <select value={value} onChange={(e) => setQuery({ groupBy: e.target.value === 'none' ? undefined : e.target.value })}>
        {GROUP_BYS.map((g) => (
          <option key={g} value={g}>
            {GROUP_BY_LABELS[g]}
          </option>
        ))}
      </select>
    </Field>
  );
}
