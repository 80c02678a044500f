import { COMMON_ERRORS, RrcuError } from '../../core/errors.ts';
import type { CreateCampaignInput, PeopleScope, ReviewerGroup, ReviewerPolicy, ScopePrincipalType } from '../../reviews/index.ts';

/** `rrcu review create`'s flags, as commander gives them (repeatable flags as lists). */
export type CreateFlags = {
  name: string;
  description?: string;
  connector: string;
  account: string[];
  ou: string[];
  permissionSet: string[];
  group: string[];
  resourceType: string[];
  principalType: string[];
  privilegedOnly?: boolean;
  people?: string;
  stage: string[];
  fallback: string;
  due?: string;
  ends?: string;
  recurrence?: string;
  remindBefore?: string;
  /** commander's `--no-remind-after-due`: true unless that flag is given. */
  remindAfterDue: boolean;
  escalateAfter?: string;
  maxSyncAge?: string;
  granterLookback?: string;
  requireCommentOnKeep?: boolean;
  remediateImmediately?: boolean;
  excludeGranters?: boolean;
};

/** A person id or email, turned into a person id by the store or the API. */
export type ResolvePerson = (idOrEmail: string) => Promise<string>;

export const POLICY_HELP =
  'policies in order, comma-separated: manager, owner (owners set in RRCU), owner+tags (also owners read from the connector\'s owner tag, which anyone who may tag the resource in AWS can set), named:<person id or email>, group:<super_admin|connector_admin|auditor> (the people of an RRCU role) (repeat --stage for each stage)';
export const PEOPLE_HELP = 'all | unmatched | inactive | named:<person id or email>,…';

/** Appends each use of a repeatable flag, splitting comma lists (`--account 1,2 --account 3`). */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter((v) => v !== '')];
}

/** Appends each use of a repeatable flag whole (a stage's comma list is one stage). */
export function each(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * The flags as the service's create input (`createCampaignInputSchema` validates it, in the store or the
 * API): people named by email are looked up, so a typo is refused before anything is created.
 */
export async function createInputFromFlags(flags: CreateFlags, connectorId: string, resolvePerson: ResolvePerson): Promise<CreateCampaignInput> {
  if (flags.stage.length === 0) throw invalidFlag('--stage', `give at least one stage (${POLICY_HELP})`);
  const stages: { policies: ReviewerPolicy[] }[] = [];
  for (const stage of flags.stage) {
    const policies: ReviewerPolicy[] = [];
    for (const token of stage.split(',').map((t) => t.trim()).filter((t) => t !== '')) {
      if (token === 'manager') policies.push({ kind: token });
      else if (token === 'owner' || token === 'owner+tags') policies.push({ kind: 'owner', includeTagOwners: token === 'owner+tags' });
      else if (token.startsWith('group:')) policies.push({ kind: 'named', rrcuGroup: token.slice('group:'.length) as ReviewerGroup });
      else if (token.startsWith('named:')) policies.push({ kind: 'named', personIds: [await resolvePerson(token.slice('named:'.length))] });
      else throw invalidFlag('--stage', `unknown policy ${JSON.stringify(token)}: ${POLICY_HELP}`);
    }
    stages.push({ policies });
  }
  const list = <T extends string>(values: string[]): T[] | undefined => (values.length > 0 ? (values as T[]) : undefined);
  const scope = {
    connectorId,
    ...(list(flags.resourceType) ? { resourceTypes: list(flags.resourceType) } : {}),
    ...(list(flags.account) ? { accountIds: flags.account } : {}),
    ...(list(flags.ou) ? { ouPaths: flags.ou } : {}),
    ...(list(flags.permissionSet) ? { permissionSetArns: flags.permissionSet } : {}),
    ...(list(flags.group) ? { groupIds: flags.group } : {}),
    ...(list(flags.principalType) ? { principalTypes: list<ScopePrincipalType>(flags.principalType) } : {}),
    ...(flags.privilegedOnly ? { privilegedOnly: true } : {}),
    ...(flags.people ? { people: await peopleScope(flags.people, resolvePerson) } : {}),
  };
  return {
    name: flags.name,
    description: flags.description ?? '',
    scope: scope as CreateCampaignInput['scope'],
    reviewerPlan: { stages, fallbackPersonId: await resolvePerson(flags.fallback), excludeGranters: Boolean(flags.excludeGranters) },
    // Options not given are left to the service's defaults (campaignOptionsSchema), which also bounds those given.
    options: {
      requireCommentOnKeep: Boolean(flags.requireCommentOnKeep),
      remediateImmediately: Boolean(flags.remediateImmediately),
      remindDailyAfterDue: flags.remindAfterDue,
      ...(flags.maxSyncAge !== undefined ? { maxSyncAgeSeconds: Math.round(number('--max-sync-age', flags.maxSyncAge) * 3600) } : {}),
      ...(flags.remindBefore !== undefined ? { reminderDaysBeforeDue: collect(flags.remindBefore, []).map((d) => number('--remind-before', d)) } : {}),
      ...(flags.escalateAfter !== undefined ? { escalateAfterDays: flags.escalateAfter === 'never' ? null : number('--escalate-after', flags.escalateAfter) } : {}),
      ...(flags.granterLookback !== undefined ? { granterLookbackDays: number('--granter-lookback', flags.granterLookback) } : {}),
      ...(flags.ends !== undefined ? { endsAt: instant('--ends', flags.ends).toISOString() } : {}),
    },
    dueAt: flags.due ? instant('--due', flags.due) : null,
    ...(flags.recurrence !== undefined ? { recurrenceCron: flags.recurrence } : {}),
  };
}

function number(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw invalidFlag(flag, `${JSON.stringify(value)} is not a number`);
  return n;
}

async function peopleScope(value: string, resolvePerson: ResolvePerson): Promise<PeopleScope> {
  if (value === 'all' || value === 'unmatched' || value === 'inactive') return { mode: value };
  if (value.startsWith('named:')) {
    const names = value.slice('named:'.length).split(',').map((v) => v.trim()).filter((v) => v !== '');
    return { mode: 'named', personIds: await Promise.all(names.map(resolvePerson)) };
  }
  throw invalidFlag('--people', `expected ${PEOPLE_HELP}, got ${JSON.stringify(value)}`);
}

function instant(flag: string, value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw invalidFlag(flag, `${JSON.stringify(value)} is not a date (e.g. 2026-12-31 or 2026-12-31T17:00:00Z)`);
  return at;
}

/** The create input's fields as the flags that set them, so a refusal names the flag. */
const FLAG_OF: Record<string, string> = {
  name: '--name', description: '--description', dueAt: '--due', connectorId: '--connector', resourceTypes: '--resource-type', accountIds: '--account', ouPaths: '--ou',
  permissionSetArns: '--permission-set', groupIds: '--group', principalTypes: '--principal-type', people: '--people', stages: '--stage', fallbackPersonId: '--fallback',
  recurrenceCron: '--recurrence', endsAt: '--ends', reminderDaysBeforeDue: '--remind-before', escalateAfterDays: '--escalate-after', maxSyncAgeSeconds: '--max-sync-age',
  granterLookbackDays: '--granter-lookback', requireCommentOnKeep: '--require-comment-on-keep', remediateImmediately: '--remediate-immediately',
};

export function flagOf(path: readonly PropertyKey[]): string {
  const named = [...path].reverse().find((p) => typeof p === 'string' && p in FLAG_OF);
  return named === undefined ? path.join('.') : FLAG_OF[named as string]!;
}

export function invalidFlag(flag: string, problem: string): RrcuError {
  return new RrcuError(COMMON_ERRORS.INVALID_INPUT, `${flag}: ${problem}.`, { fix: 'Correct it and run the command again (`rrcu review create --help`).' });
}
