import type { CampaignScope, CreateCampaignInput, PeopleScope, PersonRef, ReviewerPolicy, SCOPE_PRINCIPAL_TYPES, SCOPE_RESOURCE_TYPES } from './types.ts';

/** The create form's state, as typed: lists as free text (one value a line or comma-separated), people as picked. */
/** An RRCU group a named policy may take: one of RRCU's roles, or '' for none. */
export type ReviewerGroupDraft = NonNullable<Extract<ReviewerPolicy, { kind: 'named' }>['rrcuGroup']> | '';
export type PolicyDraft = { kind: 'manager' } | { kind: 'owner'; includeTagOwners: boolean } | { kind: 'named'; people: PersonRef[]; rrcuGroup: ReviewerGroupDraft };

export type CampaignDraft = {
  name: string;
  description: string;
  connectorId: string;
  resourceTypes: (typeof SCOPE_RESOURCE_TYPES)[number][];
  principalTypes: (typeof SCOPE_PRINCIPAL_TYPES)[number][];
  accountIds: string;
  ouPaths: string;
  permissionSetArns: string;
  groupIds: string;
  privilegedOnly: boolean;
  peopleMode: PeopleScope['mode'];
  people: PersonRef[];
  stages: PolicyDraft[][];
  fallback: PersonRef | null;
  administrators: PersonRef[];
  excludeGranters: boolean;
  requireCommentOnKeep: boolean;
  remediateImmediately: boolean;
  maxSyncAgeHours: number;
  /** Days before the due date a reminder goes out, as typed (`7, 1`); empty for none. */
  reminderDaysBeforeDue: string;
  remindDailyAfterDue: boolean;
  /** Days past due after which undecided items escalate, as typed; '' never escalates. */
  escalateAfterDays: string;
  /** ISO instant the campaign closes by itself, or '' for none. */
  endsAt: string;
  granterLookbackDays: number;
  /** ISO instant, or '' for no due date. */
  dueAt: string;
  recurrenceCron: string;
};

export const EMPTY_DRAFT: CampaignDraft = {
  name: '',
  description: '',
  connectorId: '',
  resourceTypes: [],
  principalTypes: [],
  accountIds: '',
  ouPaths: '',
  permissionSetArns: '',
  groupIds: '',
  privilegedOnly: false,
  peopleMode: 'all',
  people: [],
  stages: [[{ kind: 'manager' }, { kind: 'owner', includeTagOwners: false }]],
  fallback: null,
  administrators: [],
  excludeGranters: false,
  requireCommentOnKeep: false,
  remediateImmediately: false,
  maxSyncAgeHours: 24,
  // The service's defaults (campaignOptionsSchema), shown so the form says what a campaign will do.
  reminderDaysBeforeDue: '3',
  remindDailyAfterDue: true,
  escalateAfterDays: '2',
  endsAt: '',
  granterLookbackDays: 90,
  dueAt: '',
  recurrenceCron: '',
};

/** `a, b\nc` → `['a', 'b', 'c']`; undefined for none (a filter left out narrows nothing). */
export function splitList(text: string): string[] | undefined {
  const values = text.split(/[\n,]/).map((v) => v.trim()).filter((v) => v !== '');
  return values.length > 0 ? values : undefined;
}

/**
 * The scope as the API takes it, filters left out when empty. An OU path list is kept apart: `''` (the root)
 * is a meaningful path, written `/` in the form.
 */
export function draftScope(d: CampaignDraft): CampaignScope {
  const ouPaths = d.ouPaths.split(/[\n,]/).map((v) => v.trim()).filter((v) => v !== '').map((v) => (v === '/' ? '' : v));
  const people: PeopleScope | undefined =
    d.peopleMode === 'all' ? undefined : d.peopleMode === 'named' ? { mode: 'named', personIds: d.people.map((p) => p.id) } : { mode: d.peopleMode };
  const lists = { accountIds: splitList(d.accountIds), permissionSetArns: splitList(d.permissionSetArns), groupIds: splitList(d.groupIds) };
  return {
    connectorId: d.connectorId,
    ...(d.resourceTypes.length > 0 ? { resourceTypes: d.resourceTypes } : {}),
    ...(d.principalTypes.length > 0 ? { principalTypes: d.principalTypes } : {}),
    ...Object.fromEntries(Object.entries(lists).filter(([, v]) => v !== undefined)),
    ...(ouPaths.length > 0 ? { ouPaths } : {}),
    ...(d.privilegedOnly ? { privilegedOnly: true } : {}),
    ...(people ? { people } : {}),
  };
}

function policy(p: PolicyDraft): ReviewerPolicy {
  if (p.kind === 'manager') return { kind: p.kind };
  if (p.kind === 'owner') return { kind: p.kind, includeTagOwners: p.includeTagOwners };
  return { kind: 'named', ...(p.people.length > 0 ? { personIds: p.people.map((x) => x.id) } : {}), ...(p.rrcuGroup ? { rrcuGroup: p.rrcuGroup } : {}) };
}

/** The create (and preview) body, or null while the two things every campaign needs are missing: its connector and fallback reviewer. */
export function draftInput(d: CampaignDraft): CreateCampaignInput | null {
  if (!d.connectorId || !d.fallback) return null;
  return {
    name: d.name,
    description: d.description,
    scope: draftScope(d),
    reviewerPlan: {
      stages: d.stages.map((policies) => ({ policies: policies.map(policy) })),
      fallbackPersonId: d.fallback.id,
      administratorPersonIds: d.administrators.map((p) => p.id),
      excludeGranters: d.excludeGranters,
    },
    options: {
      requireCommentOnKeep: d.requireCommentOnKeep,
      remediateImmediately: d.remediateImmediately,
      maxSyncAgeSeconds: Math.round(d.maxSyncAgeHours * 3600),
      // Typed text goes as numbers, a typo as NaN → null in JSON: the server's 400 names the option.
      reminderDaysBeforeDue: (splitList(d.reminderDaysBeforeDue) ?? []).map(Number),
      remindDailyAfterDue: d.remindDailyAfterDue,
      escalateAfterDays: d.escalateAfterDays.trim() === '' ? null : Number(d.escalateAfterDays),
      endsAt: d.endsAt || null,
      granterLookbackDays: d.granterLookbackDays,
    },
    dueAt: d.dueAt || null,
    recurrenceCron: d.recurrenceCron.trim() || null,
  };
}

/** The preview asks about the population only: the name is not needed yet, so an unnamed draft still previews. */
export function previewInput(d: CampaignDraft): CreateCampaignInput | null {
  const input = draftInput(d);
  return input && { ...input, name: input.name.trim() || 'Preview' };
}
