import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { RrcuError } from '../core/errors.ts';
import { queryRows, people, type Db } from '../store/index.ts';
import { literalPattern } from './access-query.ts';
import { ACCESS_ERRORS } from './errors.ts';

/** A principal of a person as the last sync of its connector saw it. */
const personPrincipalSchema = z.object({
  resourceType: z.string(), externalId: z.string(), displayName: z.string(), connectorId: z.string(),
  /** An IAM user's password, MFA and access keys (connectors/aws/sync/credential-report.ts); a field absent is unknown. */
  credentials: z.object({
    passwordEnabled: z.boolean(), passwordLastUsed: z.string().nullable(), mfaActive: z.boolean(),
    accessKeys: z.array(z.object({
      active: z.boolean(), lastRotated: z.string().nullable(), lastUsedDate: z.string().nullable(), lastUsedService: z.string().nullable(), lastUsedRegion: z.string().nullable(),
    })),
  }).partial().optional(),
});
export type PersonPrincipal = z.infer<typeof personPrincipalSchema>;

/** What a person's Identity Center user says of them (its title and enterprise attributes), as the last sync saw it. */
const personAttributesSchema = z.object({
  title: z.string(), department: z.string(), division: z.string(), organization: z.string(), costCenter: z.string(), employeeNumber: z.string(),
}).partial();

/** A person with the principals that are theirs now (`rrcu sync` links them by email or user name); the API answers with it. */
export const personViewSchema = z.object({
  id: z.string(), displayName: z.string(), email: z.string().nullable(), userName: z.string().nullable(),
  attributes: personAttributesSchema,
  /** The person of their Identity Center user's manager. */
  manager: z.object({ id: z.string(), displayName: z.string(), email: z.string().nullable() }).nullable(),
  principals: z.array(personPrincipalSchema),
});
export type PersonView = z.infer<typeof personViewSchema>;

type PersonRow = { id: string; display_name: string; email: string | null; user_name: string | null; attributes: Record<string, unknown>; manager_id: string | null; manager_name: string | null; manager_email: string | null };
const PERSON_COLUMNS = sql`p.id, p.display_name, p.email, p.user_name, p.attributes, p.manager_id, m.display_name as manager_name, m.email as manager_email`;
const PERSON_FROM = sql`people p left join people m on m.id = p.manager_id`;

function personView(row: PersonRow, principals: Map<string, PersonPrincipal[]>): PersonView {
  return {
    id: row.id, displayName: row.display_name, email: row.email, userName: row.user_name,
    // linkPeople writes these keys only; a value of another shape is left out rather than refusing the answer.
    attributes: personAttributesSchema.catch({}).parse(row.attributes),
    manager: row.manager_id && row.manager_name !== null ? { id: row.manager_id, displayName: row.manager_name, email: row.manager_email } : null,
    principals: principals.get(row.id) ?? [],
  };
}

export type PeopleFilter = {
  /** Part of a display name, email or user name. */
  q?: string;
  limit?: number;
};

/** People by display name, each with their current principals. */
export async function listPeople(db: Db, filter: PeopleFilter = {}): Promise<PersonView[]> {
  const pattern = filter.q ? `%${literalPattern(filter.q.trim())}%` : undefined;
  const rows = await queryRows<PersonRow>(db, sql`
    select ${PERSON_COLUMNS} from ${PERSON_FROM}
    ${pattern ? sql`where p.display_name ilike ${pattern} or p.email ilike ${pattern} or p.user_name ilike ${pattern}` : sql``}
    order by lower(p.display_name), p.email nulls last, p.id
    limit ${filter.limit ?? 100}`);
  const principals = await principalsOf(db, rows.map((r) => r.id));
  return rows.map((r) => personView(r, principals));
}

/** One person, or PERSON_NOT_FOUND. */
export async function getPerson(db: Db, id: string): Promise<PersonView> {
  const [row] = z.uuid().safeParse(id).success
    ? await queryRows<PersonRow>(db, sql`select ${PERSON_COLUMNS} from ${PERSON_FROM} where p.id = ${id}`)
    : [];
  if (!row) throw new RrcuError(ACCESS_ERRORS.PERSON_NOT_FOUND, `No person with id ${JSON.stringify(id)}.`, { fix: 'Find people with GET /api/people?q=<name or email>.' });
  const principals = await principalsOf(db, [row.id]);
  return personView(row, principals);
}

/**
 * The person of the inventory with this email, for "my access". Linked by email only (people's emails
 * are stored lower-cased and unique): a name match could show someone else's access.
 */
export async function personWithEmail(db: Db, email: string): Promise<{ id: string; displayName: string; email: string | null } | undefined> {
  const [person] = await db.select({ id: people.id, displayName: people.displayName, email: people.email }).from(people).where(eq(people.email, email.toLowerCase()));
  return person;
}

async function principalsOf(db: Db, personIds: string[]): Promise<Map<string, PersonPrincipal[]>> {
  const byPerson = new Map<string, PersonPrincipal[]>();
  if (personIds.length === 0) return byPerson;
  const rows = await queryRows<{ person_id: string; resource_type_id: string; external_id: string; display_name: string; connector_id: string; attributes: Record<string, unknown> | null }>(db, sql`
    select r.person_id, r.resource_type_id, r.external_id, r.display_name, r.connector_id, r.attributes from resources r
    where r.seen_to is null and r.person_id in ${personIds}
    order by r.resource_type_id, lower(r.display_name), r.external_id`);
  for (const r of rows) {
    let list = byPerson.get(r.person_id);
    if (!list) byPerson.set(r.person_id, (list = []));
    const credentials = r.resource_type_id === 'iam_user' ? credentialsOf(r.attributes) : undefined;
    list.push({ resourceType: r.resource_type_id, externalId: r.external_id, displayName: r.display_name, connectorId: r.connector_id, ...(credentials ? { credentials } : {}) });
  }
  return byPerson;
}

const credentialsSchema = personPrincipalSchema.shape.credentials.unwrap();

/** The credential facts among an IAM user's attributes; a sync that could not read them left them out. */
function credentialsOf(attributes: Record<string, unknown> | null): z.infer<typeof credentialsSchema> | undefined {
  if (!attributes || !('accessKeys' in attributes || 'mfaActive' in attributes)) return undefined;
  const { passwordEnabled, passwordLastUsed, mfaActive, accessKeys } = attributes;
  const parsed = credentialsSchema.safeParse({ passwordEnabled, passwordLastUsed, mfaActive, accessKeys });
  return parsed.success ? parsed.data : undefined;
}
