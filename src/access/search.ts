import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../store/index.ts';
import { literalPattern } from './access-query.ts';

/** What a search suggestion stands for: the name of the `/api/access` (and `rrcu access`) filter it fills in. */
export const SEARCH_KINDS = ['person', 'principal', 'account', 'group', 'permissionSet'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One suggestion: `kind` + `value` are an access question (`?person=alice@example.com`); `label` and `detail` are what people read. */
export type SearchHit = { kind: SearchKind; value: string; label: string; detail: string };

/**
 * Suggestions for a search box over the current inventory (rows still open, `seen_to is null`):
 * people with at least one current principal, principals, accounts, groups and permission sets whose
 * name, id or email contains `text`. At most `limit` of each kind, so a common word among people does
 * not crowd out the account it also names; ordered by kind, then label.
 *
 * Groups come twice on purpose: as `group` (who is a member) and as `principal` (what the group holds).
 * The same external id in two connectors is one suggestion: the access question spans connectors.
 */
export async function searchInventory(db: Db, text: string, limit: number): Promise<SearchHit[]> {
  const pattern = `%${literalPattern(text.trim())}%`;
  const current = (types: string[]) => sql`r.seen_to is null and r.resource_type_id in ${types}
    and (r.display_name ilike ${pattern} or r.external_id ilike ${pattern} or r.attributes->>'email' ilike ${pattern})`;
  const resourcesOf = (kind: SearchKind, types: string[]) => sql`
    (select distinct ${kind}::text as kind, r.external_id as value, r.display_name as label,
            t.display_name || ' ' || r.external_id as detail, lower(r.display_name) as sort_key
     from resources r join resource_types t on t.id = r.resource_type_id
     where ${current(types)}
     order by sort_key, value limit ${limit})`;

  const rows = await queryRows<SearchHit & { sort_key: string }>(db, sql`
    select kind, value, label, detail, sort_key from (
      (select 'person'::text as kind, coalesce(p.email, p.user_name, p.display_name) as value, p.display_name as label,
              coalesce(p.email, p.user_name, '') as detail, lower(p.display_name) as sort_key
       from people p
       where (p.display_name ilike ${pattern} or p.email ilike ${pattern} or p.user_name ilike ${pattern})
         and exists (select 1 from resources r where r.person_id = p.id and r.seen_to is null)
       order by sort_key, value limit ${limit})
      union all ${resourcesOf('principal', ['iam_user', 'iam_role', 'sso_user', 'sso_group', 'iam_group'])}
      union all ${resourcesOf('account', ['account'])}
      union all ${resourcesOf('group', ['sso_group', 'iam_group'])}
      union all ${resourcesOf('permissionSet', ['permission_set'])}
    ) hits`);
  const rank = (k: SearchKind) => SEARCH_KINDS.indexOf(k);
  return rows
    .sort((a, b) => rank(a.kind) - rank(b.kind) || compare(a.sort_key, b.sort_key) || compare(a.value, b.value))
    .map(({ kind, value, label, detail }) => ({ kind, value, label, detail }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
