import { sql } from 'drizzle-orm';
import { COMMON_ERRORS, RrcuError } from '../core/errors.ts';
import { queryRows, type Db } from '../store/index.ts';

/**
 * The one place where a name a person types becomes a synced resource: `rrcu access`, the access API's
 * filters, grant and revoke (and the requests and reviews to come) all ask here, so a principal that one
 * door accepts every door accepts. Ids always work; names work when exactly one item carries them.
 */

/** What a name is asked to stand for. */
export type NameKind = 'principal' | 'account' | 'group';

/** A synced resource a name stood for. */
export type NamedResource = { connectorId: string; resourceType: string; externalId: string; displayName: string; attributes: Record<string, unknown> };

export type NameScope = {
  /** One connector's inventory; all connectors when absent (the same id in two is one match). */
  connectorId?: string;
  /** The instant the inventory is read at; the last sync when absent. */
  at?: Date;
  /** Among several matches, those that fit (e.g. can hold the entitlement being granted) win when any do. */
  prefer?: (found: NamedResource) => boolean;
  /** What else the caller's door offers when a name is AMBIGUOUS (`rrcu access` can ask by person). */
  orElse?: string;
};

/** A group counts as a principal too: what it holds. */
const TYPES: Record<Exclude<NameKind, 'principal'>, string[]> = { account: ['account'], group: ['sso_group', 'iam_group'] };

/** The forms each kind is tried in, for a NOT_FOUND that says what was tried. */
const TRIED: Record<NameKind, string> = {
  principal: 'an id (ARN, Identity Center id), a user name (IAM or Identity Center), an email, a display name or a group name',
  account: 'an account id or an account name',
  group: 'a group id or a group name',
};

const SHOWN_CANDIDATES = 10;
const MAX_CANDIDATES = 50;

/**
 * The resources `text` names: by external id, display name, user name or email (case aside, except ids).
 * Principals are the types their connector marks as such (`resource_types.is_principal`).
 */
export async function findNamed(db: Db, kind: NameKind, text: string, scope: NameScope = {}): Promise<NamedResource[]> {
  const types = kind === 'principal' ? sql`t.is_principal` : sql`r.resource_type_id in ${TYPES[kind]}`;
  const when = scope.at
    ? sql`r.seen_from <= ${scope.at.toISOString()}::timestamptz and (r.seen_to is null or r.seen_to > ${scope.at.toISOString()}::timestamptz)`
    : sql`r.seen_to is null`;
  const rows = await queryRows<Record<string, unknown>>(db, sql`
    select r.connector_id, r.resource_type_id, r.external_id, r.display_name, r.attributes
    from resources r join resource_types t on t.id = r.resource_type_id
    where ${types} and ${when} ${scope.connectorId ? sql`and r.connector_id = ${scope.connectorId}` : sql``}
      and (r.external_id = ${text} or lower(r.display_name) = lower(${text})
           or lower(r.attributes->>'userName') = lower(${text}) or lower(r.attributes->>'email') = lower(${text}))
    order by r.resource_type_id, r.display_name, r.external_id, r.connector_id
    limit ${MAX_CANDIDATES}`);
  const byId = new Map<string, NamedResource>();
  for (const r of rows) {
    const key = `${String(r.resource_type_id)}\u0000${String(r.external_id)}`;
    if (byId.has(key)) continue;
    byId.set(key, {
      connectorId: String(r.connector_id),
      resourceType: String(r.resource_type_id),
      externalId: String(r.external_id),
      displayName: String(r.display_name),
      attributes: (r.attributes as Record<string, unknown>) ?? {},
    });
  }
  return [...byId.values()];
}

/** The one resource `text` names, or NOT_FOUND saying what was tried, or AMBIGUOUS listing the candidates. */
export async function resolveName(db: Db, kind: NameKind, text: string, scope: NameScope = {}): Promise<NamedResource> {
  const found = await findNamed(db, kind, text, scope);
  const fitting = scope.prefer ? found.filter(scope.prefer) : [];
  const candidates = fitting.length > 0 ? fitting : found;
  if (candidates.length === 1) return candidates[0]!;
  const where = scope.at ? `at ${scope.at.toISOString()}` : `in the last sync${scope.connectorId ? ' of this connector' : ''}`;
  if (candidates.length === 0) {
    throw new RrcuError(COMMON_ERRORS.NOT_FOUND, `No ${kind} matches ${JSON.stringify(text)} ${where}; tried it as ${TRIED[kind]}.`, {
      fix: `Give the ${kind}’s id${kind === 'principal' ? ' (ARN or Identity Center id)' : ''}, or its exact name${kind === 'principal' ? ', user name or email' : ''} as synced (GET /api/search?q= finds it); sync first if it is new.`,
    });
  }
  throw new RrcuError(COMMON_ERRORS.AMBIGUOUS, `${candidates.length} ${kind}s match ${JSON.stringify(text)}: ${listCandidates(candidates.map((c) => `${c.displayName} (${c.resourceType} ${c.externalId})`))}.`, {
    fix: `Give the ${kind}’s id${kind === 'principal' ? ' (ARN or Identity Center id)' : ''} shown beside each candidate instead${scope.orElse ? `, ${scope.orElse}` : ''}.`,
  });
}

/** Candidates for an AMBIGUOUS message: the first ten, and how many more. */
export function listCandidates(items: string[]): string {
  const shown = items.slice(0, SHOWN_CANDIDATES).join('; ');
  return items.length > SHOWN_CANDIDATES ? `${shown}; and ${items.length - SHOWN_CANDIDATES} more` : shown;
}
