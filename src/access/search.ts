import { sql, type SQL } from 'drizzle-orm';
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
 * not crowd out the account it also names.
 *
 * Ordered by how well they match (case aside): a name, id or email equal to `text` first, then one
 * starting with it, then one containing it; ties by kind, then label. So "AdministratorAccess" is the
 * permission set before the `AWSReservedSSO_AdministratorAccess_…` roles named after it, and each
 * kind's `limit` keeps its best matches.
 *
 * Groups come twice on purpose: as `group` (who is a member) and as `principal` (what the group holds).
 * The same external id in two connectors is one suggestion: the access question spans connectors.
 */
export async function searchInventory(db: Db, text: string, limit: number): Promise<SearchHit[]> {
  const typed = text.trim();
  const contains = `%${literalPattern(typed)}%`;
  const prefix = `${literalPattern(typed)}%`;
  /** 0 when one of `fields` is `text`, 1 when one starts with it, 2 otherwise (the query keeps only rows containing it). */
  const matchRank = (fields: SQL[]) => sql`case
    when ${sql.join(fields.map((f) => sql`lower(${f}) = lower(${typed}::text)`), sql` or `)} then 0
    when ${sql.join(fields.map((f) => sql`${f} ilike ${prefix}`), sql` or `)} then 1
    else 2 end`;
  const resourceFields = [sql`r.display_name`, sql`r.external_id`, sql`r.attributes->>'email'`];
  const personFields = [sql`p.display_name`, sql`p.email`, sql`p.user_name`];
  const current = (types: string[]) => sql`r.seen_to is null and r.resource_type_id in ${types}
    and (${sql.join(resourceFields.map((f) => sql`${f} ilike ${contains}`), sql` or `)})`;
  const resourcesOf = (kind: SearchKind, types: string[]) => sql`
    (select distinct ${kind}::text as kind, r.external_id as value, r.display_name as label,
            t.display_name || ' ' || r.external_id as detail, lower(r.display_name) as sort_key, ${matchRank(resourceFields)} as match_rank
     from resources r join resource_types t on t.id = r.resource_type_id
     where ${current(types)}
     order by match_rank, sort_key, value limit ${limit})`;

  const rows = await queryRows<SearchHit & { sort_key: string; match_rank: number }>(db, sql`
    select kind, value, label, detail, sort_key, match_rank from (
      (select 'person'::text as kind, coalesce(p.email, p.user_name, p.display_name) as value, p.display_name as label,
              coalesce(p.email, p.user_name, '') as detail, lower(p.display_name) as sort_key, ${matchRank(personFields)} as match_rank
       from people p
       where (${sql.join(personFields.map((f) => sql`${f} ilike ${contains}`), sql` or `)})
         and exists (select 1 from resources r where r.person_id = p.id and r.seen_to is null)
       order by match_rank, sort_key, value limit ${limit})
      union all ${resourcesOf('principal', ['iam_user', 'iam_role', 'sso_user', 'sso_group', 'iam_group'])}
      union all ${resourcesOf('account', ['account'])}
      union all ${resourcesOf('group', ['sso_group', 'iam_group'])}
      union all ${resourcesOf('permissionSet', ['permission_set'])}
    ) hits`);
  const rank = (k: SearchKind) => SEARCH_KINDS.indexOf(k);
  return rows
    .sort((a, b) => Number(a.match_rank) - Number(b.match_rank) || rank(a.kind) - rank(b.kind) || compare(a.sort_key, b.sort_key) || compare(a.value, b.value))
    .map(({ kind, value, label, detail }) => ({ kind, value, label, detail }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
