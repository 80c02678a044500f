import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Db } from '../../store/index.ts';
import { columns, generated, connectorIdSchema, dateOf, instantSchema, onPaper, paged, PAGE_SIZE, utc, type ReportProducer, type Row } from './common.ts';
import { FINDINGS, identityFindings, unusedKeys, type Finding } from './dormancy.ts';
import { pointInTime, runLine } from './inventory-at.ts';

const parameters = z.object({
  connectorId: connectorIdSchema,
  at: instantSchema.optional(),
  keyUnusedDays: z.number().int().min(0).max(3650).default(90),
});

/** The users an identity report looks at: people sign in as these; groups and roles are never "unmatched". */
const USER_TYPES = ['iam_user', 'sso_user'];

type Identity = { id: number; resource_type_id: string; external_id: string; display_name: string; attributes: Record<string, unknown>; person_id: string | null; person_email: string | null; account: string | null; grants: number };

/** The users live at `at` after resource row `after`, by row id (keyset), with their account and how many grants they held then. */
async function identitiesAfter(db: Db, connectorId: string, at: Date, after: number): Promise<Identity[]> {
  const t = at.toISOString();
  const live = (alias: string) => {
    const x = sql.raw(alias);
    return sql`${x}.seen_from <= ${t}::timestamptz and (${x}.seen_to is null or ${x}.seen_to > ${t}::timestamptz)`;
  };
  return queryRows<Identity>(db, sql`
    select r.id::bigint as id, r.resource_type_id, r.external_id, r.display_name, r.attributes, r.person_id, (select p.email from people p where p.id = r.person_id) as person_email,
           (select a.display_name from resources a where a.connector_id = r.connector_id and a.resource_type_id = 'account' and a.external_id = r.parent_external_id and ${live('a')} limit 1) as account,
           (select count(*)::int from grants g where g.connector_id = r.connector_id and g.principal_type_id = r.resource_type_id and g.principal_external_id = r.external_id and ${live('g')}) as grants
    from resources r
    where r.connector_id = ${connectorId} and r.resource_type_id in (${sql.join(USER_TYPES.map((u) => sql`${u}`), sql`, `)}) and ${live('r')} and r.id > ${after}
    order by r.id limit ${PAGE_SIZE}`);
}

/** Principals with no matching person (or one known by user name alone), disabled Identity Center users, IAM users never used or with keys unused for N days. */
export const orphanedIdentitiesReport: ReportProducer<typeof parameters> = {
  parameters,
  async produce(db, p, by, now) {
    const at = p.at ?? now;
    const { organisation, run } = await pointInTime(db, p.connectorId, at);
    const findingsOf = (i: Identity) => identityFindings({ resourceType: i.resource_type_id, personId: i.person_id, personEmail: i.person_email, attributes: i.attributes ?? {} }, at, p.keyUnusedDays);
    const pages = (toRow: (i: Identity, findings: Finding[]) => Row) => paged<number, Row>(async (after = 0) => {
      const page = await identitiesAfter(db, p.connectorId, at, after);
      const rows = page.map((i) => ({ i, findings: findingsOf(i) })).filter((x) => x.findings.length > 0).map((x) => toRow(x.i, x.findings));
      return { rows, next: page.length === PAGE_SIZE ? Number(page.at(-1)!.id) : undefined };
    }, (row) => row);
    // One pass to count (no row kept), then the table reads the same pages again.
    const counts = new Map<string, number>([...USER_TYPES.map((t) => [`users:${t}`, 0] as const), ...FINDINGS.map((f) => [f, 0] as const), ['any', 0]]);
    for await (const row of pages((i, findings) => ({ type: i.resource_type_id, findings: findings.join(' ') }))()) {
      counts.set('any', counts.get('any')! + 1);
      for (const f of String(row.findings).split(' ')) counts.set(f, (counts.get(f) ?? 0) + 1);
    }
    const users = await queryRows<{ resource_type_id: string; n: number }>(db, sql`
      select resource_type_id, count(*)::int as n from resources where connector_id = ${p.connectorId} and resource_type_id in ('iam_user', 'sso_user')
        and seen_from <= ${at.toISOString()}::timestamptz and (seen_to is null or seen_to > ${at.toISOString()}::timestamptz) group by 1`);
    const n = (k: string) => counts.get(k) ?? 0;
    return {
      kind: 'orphaned_identities',
      title: `Orphaned and dormant identities at ${utc(at)}`,
      organisation,
      period: utc(at),
      parameters: { connectorId: p.connectorId, at: at.toISOString(), keyUnusedDays: p.keyUnusedDays },
      ...generated(by, now),
      syncRunIds: [run.id],
      summary: [
        { label: 'As of', value: at.toISOString() },
        { label: 'Sync run in force', value: runLine(run) },
        ...users.sort((a, b) => a.resource_type_id.localeCompare(b.resource_type_id)).map((u) => ({ label: `Users (${u.resource_type_id})`, value: Number(u.n) })),
        { label: 'Users with a finding', value: n('any') },
        { label: 'No matching person', value: n('no_matching_person') },
        { label: 'Matched by user name alone (no email ties them to a directory identity)', value: n('user_name_only') },
        { label: 'Identity Center users disabled', value: n('disabled') },
        { label: 'IAM users never used (password and keys)', value: n('never_used') },
        { label: `IAM users with an active access key unused for ${p.keyUnusedDays} days or more`, value: n('access_key_unused') },
        { label: 'Identity Center sign-in activity', value: 'not given by the AWS APIs RRCU reads: "never used" is judged for IAM users only, from their credential report' },
      ],
      tables: [{
        name: 'identities',
        title: 'Users with a finding: one row per user',
        // On paper every column but the user's id.
        columns: onPaper(columns(
          ['principalType', 'Type'], ['principalId', 'Id', 2], ['principal', 'Name', 2], ['account', 'Account', 2], ['findings', 'Findings', 2], ['status', 'Status'],
          ['passwordLastUsed', 'Password last used', 2], ['keysUnused', `Keys unused ${p.keyUnusedDays}+ days`], ['keyLastUsed', 'A key last used', 2], ['grantsHeld', 'Grants held'],
        ), ['principalType', 'principal', 'account', 'findings', 'status', 'passwordLastUsed', 'keysUnused', 'keyLastUsed', 'grantsHeld']),
        rows: pages((i, findings) => {
          const a = i.attributes ?? {};
          const keys = Array.isArray(a.accessKeys) ? (a.accessKeys as { lastUsedDate?: string | null }[]) : [];
          const lastUsed = keys.map((k) => k.lastUsedDate).filter((d): d is string => typeof d === 'string').sort().at(-1) ?? null;
          return {
            principalType: i.resource_type_id, principalId: i.external_id, principal: i.display_name, account: i.account, findings: findings.join(' '),
            status: typeof a.status === 'string' ? a.status : null, passwordLastUsed: typeof a.passwordLastUsed === 'string' ? dateOf(a.passwordLastUsed) : null,
            keysUnused: i.resource_type_id === 'iam_user' ? unusedKeys(a, at, p.keyUnusedDays).length : null, keyLastUsed: dateOf(lastUsed), grantsHeld: Number(i.grants),
          };
        }),
      }],
    };
  },
};
