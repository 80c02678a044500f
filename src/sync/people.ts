import { sql } from 'drizzle-orm';
import type { Db } from '../store/index.ts';

/**
 * Links the connector's current principals to people, so "what can Alice reach" spans IAM and
 * Identity Center. A principal with an email (attribute `email`) belongs to the person with that email,
 * created if new; one without an email belongs to the one person whose user name matches its user name
 * (attribute `userName`), created keyed by user name if there is none. An ambiguous user name links to
 * nobody rather than to the wrong person.
 *
 * The link is derived data: it is set on the current row of each principal, not versioned.
 *
 * A person with an Identity Center user takes from it their title and enterprise attributes
 * (department, division, organization, cost centre, employee number) and their manager: the person of
 * the manager's user. Derived too, as the connector's last sync saw the user.
 */
export async function linkPeople(db: Db, connectorId: string): Promise<void> {
  const principals = sql`
    select r.id, lower(nullif(trim(r.attributes->>'email'), '')) as email, lower(nullif(trim(r.attributes->>'userName'), '')) as user_name,
           coalesce(nullif(r.attributes->>'displayName', ''), r.display_name) as display_name, r.resource_type_id
    from resources r join resource_types t on t.id = r.resource_type_id and t.is_principal
    where r.connector_id = ${connectorId} and r.seen_to is null and (r.attributes ? 'email' or r.attributes ? 'userName')`;

  // Identity Center users first: their display names are people's names, IAM user names are not always.
  await db.execute(sql`
    insert into people (display_name, email, user_name)
    select distinct on (p.email) p.display_name, p.email, p.user_name
    from (${principals}) p where p.email is not null
    order by p.email, (p.resource_type_id = 'sso_user') desc, p.id
    on conflict (email) where email is not null do nothing`);

  await db.execute(sql`
    insert into people (display_name, user_name)
    select distinct on (p.user_name) p.display_name, p.user_name
    from (${principals}) p
    where p.email is null and p.user_name is not null
      and not exists (select 1 from people x where x.user_name = p.user_name)
    order by p.user_name, p.id
    on conflict (user_name) where email is null and user_name is not null do nothing`);

  await db.execute(sql`
    update resources r set person_id = m.person_id
    from (
      select p.id,
             coalesce(
               (select x.id from people x where p.email is not null and x.email = p.email),
               (select min(x.id::text)::uuid from people x where p.email is null and x.user_name = p.user_name
                having count(*) = 1)
             ) as person_id
      from (${principals}) p
    ) m
    where r.id = m.id and r.person_id is distinct from m.person_id`);

  await db.execute(sql`
    update people p set attributes = u.attributes, manager_id = u.manager_id
    from (
      select distinct on (r.person_id) r.person_id,
             jsonb_strip_nulls(jsonb_build_object(${sql.join(PERSON_ATTRIBUTES.map((key) => sql`${key}::text, r.attributes->${key}`), sql`, `)})) as attributes,
             nullif(m.person_id, r.person_id) as manager_id
      from resources r
      left join resources m on m.connector_id = r.connector_id and m.resource_type_id = 'sso_user'
        and m.external_id = r.attributes->>'managerId' and m.seen_to is null
      where r.connector_id = ${connectorId} and r.resource_type_id = 'sso_user' and r.seen_to is null and r.person_id is not null
      order by r.person_id, r.id
    ) u
    where p.id = u.person_id and (p.attributes is distinct from u.attributes or p.manager_id is distinct from u.manager_id)`);
}

/** What a person takes from their Identity Center user's attributes, under the same keys. */
const PERSON_ATTRIBUTES = ['title', 'department', 'division', 'organization', 'costCenter', 'employeeNumber'] as const;
