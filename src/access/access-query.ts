import { and, eq, ilike, min, or } from 'drizzle-orm';
import { COMMON_ERRORS, RrcuError } from '../core/errors.ts';
import { people, syncRuns, type Db } from '../store/index.ts';
import type { AccessRecord } from './access-record-schema.ts';
import { resolveName, type NameKind } from './resolve-names.ts';
import { grantsAt, grantsAtPage, type AccessFilter, type AccessRow, type AccessTotals } from './grants-at.ts';

/** The ways `rrcu access` and the API let people ask, by names people know. */
export type AccessQuestion = {
  connectorId?: string;
  at?: Date;
  /** Email or display name of a person. */
  person?: string;
  /** External id (ARN, Identity Center id), user name, email or name of a principal (see `resolveName`). */
  principal?: string;
  account?: string;
  /** Name or id of an Identity Center or IAM group: who is a member. */
  group?: string;
  permissionSet?: string;
  /** Only grants whose entitlement the sync found privileged or an administrator marked. */
  privileged?: boolean;
  /** Only grants to principals outside the organisation. */
  external?: boolean;
};

export type { AccessRecord };

export function toAccessRecord(row: AccessRow): AccessRecord {
  const arn = row.entitlementAttributes.permissionSetArn;
  const { privileged, privilegedReasons } = row.entitlementAttributes;
  const mark = row.privilegedMark;
  const reasons = Array.isArray(privilegedReasons) ? privilegedReasons.map(String) : [];
  return {
    grantId: row.grantId,
    connectorId: row.connectorId,
    principalType: row.principalType,
    principalId: row.principalId,
    principalName: row.principalName,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    resourceName: row.resourceName,
    entitlement: row.entitlement,
    permissionSetArn: typeof arn === 'string' ? arn : null,
    via: row.via,
    viaName: row.viaName,
    seenFrom: row.seenFrom.toISOString(),
    // An administrator's mark makes it privileged whatever the sync found (or could not find).
    privileged: mark ? true : typeof privileged === 'boolean' ? privileged : null,
    privilegedReasons: mark ? [`marked by ${mark.by}: ${mark.reason}`, ...(privileged === true ? reasons : [])] : reasons,
    entitlementKey: row.entitlementKey,
    privilegedMark: mark ? { id: mark.id, by: mark.by, at: mark.at.toISOString(), reason: mark.reason } : null,
    pending: row.pending ? { ...row.pending, verifiedAt: row.pending.verifiedAt.toISOString() } : null,
    request: row.request ? { ...row.request, expiresAt: row.request.expiresAt?.toISOString() ?? null } : null,
  };
}

/** Resolves the names in `q` to ids at the same instant, then answers with `grantsAt`. */
export async function answerAccess(db: Db, q: AccessQuestion): Promise<AccessRow[]> {
  return grantsAt(db, await accessFilter(db, q));
}

/**
 * A page of `answerAccess` with the totals of the whole answer (the API's explorer pages through big
 * answers) and when the history of the connector(s) asked about starts, so "as of" before it says so.
 */
export async function answerAccessPage(db: Db, q: AccessQuestion, page: { limit: number; offset: number }): Promise<{ totals: AccessTotals; rows: AccessRow[]; rowCount: number; firstSyncAt: Date | null }> {
  const [answer, first] = await Promise.all([accessFilter(db, q).then((filter) => grantsAtPage(db, filter, page)), firstSyncAt(db, q.connectorId)]);
  return { ...answer, firstSyncAt: first };
}

/**
 * When the first successful sync of `connectorId` (of any connector when absent) started: the inventory
 * records what it saw from that instant, so before it RRCU knows nothing, which is not "nothing was held".
 * Null while no sync has succeeded.
 */
export async function firstSyncAt(db: Db, connectorId?: string): Promise<Date | null> {
  const succeeded = eq(syncRuns.status, 'succeeded');
  const [row] = await db
    .select({ at: min(syncRuns.startedAt) })
    .from(syncRuns)
    .where(connectorId ? and(succeeded, eq(syncRuns.connectorId, connectorId)) : succeeded);
  return row?.at ?? null;
}

/** The question's names resolved to ids at its instant: the filter `grantsAt` answers it with. */
export async function accessFilter(db: Db, q: AccessQuestion): Promise<AccessFilter> {
  const at = q.at ?? new Date();
  const filter: AccessFilter = { at, ...(q.connectorId ? { connectorId: q.connectorId } : {}) };
  if (q.person) filter.personId = await resolvePerson(db, q.person);
  // One person often has an IAM user and an Identity Center user with one email: asking by person takes both.
  if (q.principal) filter.principal = await resolveResource(db, q.principal, 'principal', at, q.connectorId, 'or ask by person (`--person`, `?person=`) for what all of them hold');
  if (q.account) filter.resource = await resolveResource(db, q.account, 'account', at, q.connectorId);
  if (q.group) filter.resource = await resolveResource(db, q.group, 'group', at, q.connectorId);
  if (q.permissionSet) filter.permissionSet = q.permissionSet;
  if (q.privileged) filter.privileged = true;
  if (q.external) filter.external = true;
  return filter;
}

async function resolvePerson(db: Db, text: string): Promise<string> {
  const found = await db
    .select({ id: people.id, name: people.displayName, email: people.email })
    .from(people)
    .where(or(eq(people.email, text.toLowerCase()), ilike(people.displayName, literalPattern(text)), eq(people.userName, text.toLowerCase())));
  if (found.length === 1) return found[0]!.id;
  if (found.length === 0) throw new RrcuError(COMMON_ERRORS.NOT_FOUND, `No person matches ${JSON.stringify(text)}.`, { fix: 'Give an email address or a full display name as synced.' });
  throw new RrcuError(COMMON_ERRORS.AMBIGUOUS, `${found.length} people match ${JSON.stringify(text)}: ${found.map((p) => p.email ?? p.name).join(', ')}.`, { fix: 'Give the email address instead.' });
}

async function resolveResource(db: Db, text: string, kind: NameKind, at: Date, connectorId?: string, orElse?: string) {
  const found = await resolveName(db, kind, text, { at, ...(connectorId ? { connectorId } : {}), ...(orElse ? { orElse } : {}) });
  return { resourceType: found.resourceType, externalId: found.externalId };
}

/** An ILIKE pattern matching `text` itself, case aside: its own % and _ are not wildcards. */
export function literalPattern(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
