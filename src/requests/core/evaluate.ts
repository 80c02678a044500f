import { refersTo, describeRequested, sameName, type RequestedEntitlement } from './entitlement.ts';
import type { ApproverSource, Requestable, RequestPolicyDocument } from './policy.ts';
import { describeWindow, localTime, withinWindow } from './time-window.ts';

/**
 * The rules that decide a request with its policies (docs/access-requests.md): what a policy covers, who
 * is eligible, which of several policies applies, who approves, auto-approval, durations, ticket and
 * justification. Pure: the service gathers the facts (inventory, people, groups, owners) and the clock.
 */

/** The requester as the service knows them: their person, synced enterprise attributes and Identity Center groups as last synced. */
export type Requester = { personId: string; email: string | null; attributes: Record<string, unknown>; ssoGroups: { id: string; name: string }[] };
export type StoredPolicy = { id: string; version: number; document: RequestPolicyDocument };
type ApprovalStep = RequestPolicyDocument['approvalSteps'][number];
type AutoApprovalRule = RequestPolicyDocument['autoApproval'][number];

const quote = (policy: RequestPolicyDocument) => `"${policy.name}"`;

/** `a`, `a or b`, `a, b, or c`. */
function orList(items: string[]): string {
  return items.length <= 2 ? items.join(' or ') : `${items.slice(0, -1).join(', ')}, or ${items.at(-1)}`;
}

/** `Root/Workloads/Dev` covers that OU and every OU under it, on whole names; `''` (or `/`) the root, every account with a synced path. */
function underOuPath(path: string | null, prefixes: string[]): boolean {
  if (path === null) return false;
  const trim = (p: string) => p.trim().replace(/^\/+|\/+$/g, '').toLowerCase();
  const at = trim(path);
  return prefixes.map(trim).some((p) => p === '' || at === p || at.startsWith(`${p}/`));
}

function requestableCovers(r: Requestable, e: RequestedEntitlement): boolean {
  switch (r.kind) {
    case 'permission_set': {
      if (e.kind !== 'permission_set' || !refersTo(r.permissionSet, { id: e.permissionSetArn, name: e.permissionSetName })) return false;
      const listed = r.accounts !== '*' && r.accounts.some((a) => refersTo(a, e.account));
      // OU paths narrow `*` to the accounts under them; with a list, the two add up.
      if (r.ouPaths) return listed || underOuPath(e.account.ouPath, r.ouPaths);
      return r.accounts === '*' || listed;
    }
    case 'sso_group':
      return e.kind === 'sso_group' && refersTo(r.group, { id: e.groupId, name: e.groupName });
    case 'iam_group':
      return e.kind === 'iam_group' && refersTo(r.group, { id: e.groupArn, name: e.groupName }) && (r.account === undefined || refersTo(r.account, e.account));
  }
}

/** Whether the policy makes `e` requestable: names case-insensitively, ids and ARNs exactly. */
export function covers(policy: RequestPolicyDocument, e: RequestedEntitlement): boolean {
  return policy.requestable.some((r) => requestableCovers(r, e));
}

/** An enterprise attribute of the requester, its name case-insensitive; a list counts as any of its values. */
function attributeOf(attributes: Record<string, unknown>, name: string): { name: string; values: string[] } {
  const [synced, value] = Object.entries(attributes).find(([k]) => sameName(k, name)) ?? [name, undefined];
  const values = Array.isArray(value) ? value : [value];
  return { name: synced, values: values.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String) };
}

/** Who a policy is for, in words: `members of Identity Center group Operators, 1 named person, or people whose department is Security`. */
function eligibleWho(policy: RequestPolicyDocument): string {
  const e = policy.eligibility;
  if (e.everyone) return 'everyone';
  const parts = [
    ...(e.ssoGroups.length > 0 ? [`members of Identity Center group${e.ssoGroups.length > 1 ? 's' : ''} ${orList(e.ssoGroups)}`] : []),
    ...(e.people.length > 0 ? [`${e.people.length} named ${e.people.length === 1 ? 'person' : 'people'}`] : []),
    ...e.attributes.map((a) => `people whose ${a.attribute} is ${orList(a.equals)}`),
  ];
  return parts.length === 0 ? 'nobody (it names no one who may request)' : orList(parts);
}

/** Whether the requester may request under the policy, and the line that makes them eligible (or who the policy is for). */
export function eligibility(policy: RequestPolicyDocument, r: Requester): { eligible: boolean; because: string } {
  const e = policy.eligibility;
  if (e.everyone) return { eligible: true, because: 'everyone may request under this policy' };
  const group = r.ssoGroups.find((g) => e.ssoGroups.some((ref) => refersTo(ref, g)));
  if (group) return { eligible: true, because: `you are a member of Identity Center group ${group.name}` };
  const email = r.email;
  if (email !== null && e.people.some((p) => sameName(p, email))) return { eligible: true, because: `you are named in the policy (${email})` };
  for (const match of e.attributes) {
    const attribute = attributeOf(r.attributes, match.attribute);
    const value = attribute.values.find((v) => match.equals.some((want) => sameName(want, v)));
    if (value !== undefined) return { eligible: true, because: `your ${attribute.name} is ${value}` };
  }
  return { eligible: false, because: `this policy is for ${eligibleWho(policy)}` };
}

/** Whether a rule's conditions other than its window can hold for `e` (a window holds at some time). */
function ruleCanApprove(rule: AutoApprovalRule, e: RequestedEntitlement | undefined): boolean {
  if (e === undefined) return true;
  return permissionSetCondition(rule, e) !== false && tagCondition(rule, e) !== false;
}

/** A rule's permission set condition: undefined when it has none, false when it fails, else why it holds. */
function permissionSetCondition(rule: AutoApprovalRule, e: RequestedEntitlement): string | false | undefined {
  if (!rule.permissionSets) return undefined;
  if (e.kind !== 'permission_set') return false;
  return rule.permissionSets.some((ref) => refersTo(ref, { id: e.permissionSetArn, name: e.permissionSetName })) && `${e.permissionSetName} is one of its permission sets`;
}

/** Tags match exactly, keys and values, as AWS compares them: a loosening rule should not match more than its author wrote. */
function tagCondition(rule: AutoApprovalRule, e: RequestedEntitlement): string | false | undefined {
  if (!rule.accountTags) return undefined;
  if (e.kind !== 'permission_set') return false;
  const tags = Object.entries(rule.accountTags);
  const held = tags.every(([key, values]) => e.account.tags[key] !== undefined && values.includes(e.account.tags[key]!));
  return held && `account ${e.account.name} has ${tags.map(([key]) => `${key}=${e.account.tags[key]}`).join(' and ')}`;
}

/**
 * The criteria of "more restrictive", in order; each gives a number, lower being stricter, and says how two
 * policies differ on it (for the request page's "why").
 */
const RESTRICTIVENESS: { rank(p: RequestPolicyDocument, e?: RequestedEntitlement): number; differs(a: RequestPolicyDocument, b: RequestPolicyDocument): string }[] = [
  {
    rank: (p, e) => (p.autoApproval.some((rule) => ruleCanApprove(rule, e)) ? 1 : 0),
    differs: (_a, b) => `this one has no auto-approval for it, ${quote(b)} has`,
  },
  {
    rank: (p) => -totalApprovals(p),
    differs: (a, b) => `this one needs ${totalApprovals(a)} approval${totalApprovals(a) === 1 ? '' : 's'}, ${quote(b)} ${totalApprovals(b)}`,
  },
  { rank: (p) => p.maxDurationMinutes, differs: (a, b) => `this one allows at most ${describeDuration(a.maxDurationMinutes)}, ${quote(b)} ${describeDuration(b.maxDurationMinutes)}` },
  { rank: (p) => (p.ticket.required ? 0 : 1), differs: (_a, b) => `this one requires a ticket reference, ${quote(b)} does not` },
  { rank: (p) => (p.justificationRequired ? 0 : 1), differs: (_a, b) => `this one requires a justification, ${quote(b)} does not` },
  { rank: (p) => (p.breakGlass.allowed ? 1 : 0), differs: (_a, b) => `this one allows no break-glass, ${quote(b)} does` },
];

const totalApprovals = (p: RequestPolicyDocument) => p.approvalSteps.reduce((n, s) => n + s.approvals, 0);

/** `45 minutes`, `4 hours`, `90 minutes`, `2 days`. */
export function describeDuration(minutes: number): string {
  if (minutes % (60 * 24) === 0) return `${minutes / (60 * 24)} day${minutes === 60 * 24 ? '' : 's'}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? '' : 's'}`;
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Negative when `a` is more restrictive than `b`. In order: no auto-approval (for `e`, when given: only rules
 * whose permission set and tag conditions could approve it count) before auto; more approvals in total; a
 * shorter maximum duration; a ticket required; a justification required; no break-glass; then the name.
 */
export function compareRestrictiveness(a: RequestPolicyDocument, b: RequestPolicyDocument, e?: RequestedEntitlement): number {
  for (const c of RESTRICTIVENESS) {
    const d = c.rank(a, e) - c.rank(b, e);
    if (d !== 0) return d;
  }
  return a.name.toLowerCase().localeCompare(b.name.toLowerCase());
}

/** Where `a` (which sorts first) is stricter than `b`, in words. */
function whyStricter(a: RequestPolicyDocument, b: RequestPolicyDocument, e: RequestedEntitlement): string {
  const c = RESTRICTIVENESS.find((criterion) => criterion.rank(a, e) !== criterion.rank(b, e));
  return c ? c.differs(a, b) : `they are as restrictive, and ${quote(a)} comes first by name`;
}

/**
 * Policies covering `e` for which `r` is eligible, most restrictive first: the first applies, and `why` names
 * it, why the requester may use it and, where several cover `e`, what makes it the most restrictive.
 */
export function applicablePolicy(
  policies: StoredPolicy[],
  r: Requester,
  e: RequestedEntitlement,
): { ok: true; applies: StoredPolicy; alsoCovering: StoredPolicy[]; why: string } | { ok: false; reason: 'no_policy' | 'not_eligible'; message: string } {
  const what = describeRequested(e);
  const covering = policies.filter((p) => covers(p.document, e));
  if (covering.length === 0) return { ok: false, reason: 'no_policy', message: `No request policy makes ${what} requestable.` };
  const judged = covering.map((p) => ({ p, e: eligibility(p.document, r) }));
  const eligible = judged.filter((j) => j.e.eligible).sort((x, y) => compareRestrictiveness(x.p.document, y.p.document, e));
  if (eligible.length === 0) {
    const names = covering.map((p) => quote(p.document));
    const forWhom = covering.length === 1 ? `it is for ${eligibleWho(covering[0]!.document)}` : covering.map((p) => `${quote(p.document)} is for ${eligibleWho(p.document)}`).join('; ');
    return { ok: false, reason: 'not_eligible', message: `${what} is requestable under ${covering.length === 1 ? 'policy' : 'policies'} ${names.join(', ')}, but not by you: ${forWhom}.` };
  }
  const [first, ...rest] = eligible;
  const applies = first!.p;
  let why = `Policy ${quote(applies.document)} applies: ${first!.e.because}.`;
  if (rest.length > 0) {
    const others = rest.map((j) => quote(j.p.document)).join(', ');
    why += ` ${rest.length} other ${rest.length === 1 ? 'policy also covers' : 'policies also cover'} ${what} for you (${others}); where several do, the most restrictive applies: ${whyStricter(applies.document, rest[0]!.p.document, e)}.`;
  }
  return { ok: true, applies, alsoCovering: rest.map((j) => j.p), why };
}

export type Person = { personId: string; displayName: string; email: string | null };
/**
 * Facts the service gathered for a step's sources: people by lower-case email, RRCU roles' and Identity
 * Center groups' members (by lower-case name and id), the resource's owners set in RRCU (`owners`) and those
 * read from the owner tag (`tagOwners`, counted only where a step's owner source has `includeTagOwners`), the
 * requester's manager.
 */
export type ApproverFacts = {
  people: Map<string, Person>;
  roleMembers: Map<string, Person[]>;
  ssoGroupMembers: Map<string, Person[]>;
  owners: Person[];
  tagOwners?: Person[];
  manager: Person | null;
};

function sourcePeople(source: ApproverSource, facts: ApproverFacts): Person[] {
  switch (source.kind) {
    case 'people':
      return source.emails.flatMap((email) => facts.people.get(email.trim().toLowerCase()) ?? []);
    case 'rrcu_role':
      return facts.roleMembers.get(source.role) ?? [];
    case 'sso_group':
      return facts.ssoGroupMembers.get(source.group.trim().toLowerCase()) ?? [];
    case 'owner':
      return source.includeTagOwners ? [...facts.owners, ...(facts.tagOwners ?? [])] : facts.owners;
    case 'manager':
      return facts.manager ? [facts.manager] : [];
  }
}

/**
 * Eligible approvers of a step, in the order of its sources, each person once, the requester removed: nobody
 * approves their own request, whatever their role. `null` keeps the requester in (to tell "the only possible
 * approver is you" from "nobody").
 */
export function approversOf(step: ApprovalStep, facts: ApproverFacts, requesterPersonId: string | null): Person[] {
  return distinctPeople(step.approvers.flatMap((source) => sourcePeople(source, facts)), requesterPersonId);
}

/** Each person once, in order, without `leftOut`. */
function distinctPeople(people: Person[], leftOut: string | null): Person[] {
  const seen = new Set<string>(leftOut === null ? [] : [leftOut]);
  const kept: Person[] = [];
  for (const p of people) {
    if (seen.has(p.personId)) continue;
    seen.add(p.personId);
    kept.push(p);
  }
  return kept;
}

/** Who may approve a step, in words: "Alice or members of Identity Center group Admins". */
export function describeStepApprovers(step: RequestPolicyDocument['approvalSteps'][number]): string {
  return orList(step.approvers.map(describeSource));
}

function describeSource(source: ApproverSource): string {
  switch (source.kind) {
    case 'people':
      return `named people (${source.emails.join(', ')})`;
    case 'rrcu_role':
      return `members of RRCU role ${source.role}`;
    case 'sso_group':
      return `members of Identity Center group ${source.group}`;
    case 'owner':
      return source.includeTagOwners ? "the resource's owner (set in RRCU or by its owner tag)" : "the resource's owner";
    case 'manager':
      return 'your manager';
  }
}

const names = (people: Person[]) => (people.length > 5 ? `${people.slice(0, 5).map((p) => p.displayName).join(', ')} and ${people.length - 5} more` : people.map((p) => p.displayName).join(', '));
const andList = (items: (string | number)[]) => (items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** Every subset of step indexes, smallest first (at most 2^5 - 1: a policy has at most 5 steps). */
function stepSubsets(count: number): number[][] {
  const all: number[][] = [];
  for (let mask = 1; mask < 1 << count; mask++) all.push([...Array(count).keys()].filter((i) => mask & (1 << i)));
  return all.sort((a, b) => a.length - b.length);
}

/**
 * Refusal when the steps cannot collect their approvals without the requester. Each step needs `approvals`
 * different people, and nobody approves two steps, so every set of steps needs as many different people
 * (other than the requester) as its approvals add up to (Hall's condition: then one approver per approval
 * can be found). Approver lists may include the requester; they are left out here.
 */
export function submittable(policy: RequestPolicyDocument, stepsApprovers: Person[][], requesterPersonId: string): { ok: true } | { ok: false; message: string; step: number } {
  const refuse = (step: number, why: string) => ({
    ok: false as const, step,
    message: `Policy ${quote(policy)} cannot approve this request: ${why}, and nobody approves their own request. Ask an administrator to add an approver to the policy.`,
  });
  const candidates = policy.approvalSteps.map((_, i) => {
    const list = stepsApprovers[i] ?? [];
    return { others: distinctPeople(list, requesterPersonId), hadRequester: list.some((p) => p.personId === requesterPersonId) };
  });
  for (const subset of stepSubsets(policy.approvalSteps.length)) {
    const needed = subset.reduce((n, i) => n + policy.approvalSteps[i]!.approvals, 0);
    const possible = new Map(subset.flatMap((i) => candidates[i]!.others.map((p) => [p.personId, p] as const)));
    if (possible.size >= needed) continue;
    const last = subset.at(-1)!;
    if (subset.length > 1) {
      return refuse(last + 1, `steps ${andList(subset.map((i) => i + 1))} need ${needed} different approvers other than you; only ${possible.size} ${possible.size === 1 ? 'is' : 'are'} possible (${names([...possible.values()])})`);
    }
    const step = policy.approvalSteps[last]!;
    const sources = orList(step.approvers.map(describeSource));
    const { others, hadRequester } = candidates[last]!;
    if (others.length === 0) {
      return refuse(last + 1, hadRequester ? `the only possible approver of step ${last + 1} (${sources}) is you` : `step ${last + 1} (${sources}) has no possible approver other than you`);
    }
    return refuse(last + 1, `step ${last + 1} (${sources}) needs ${step.approvals} approvers other than you; ${others.length} ${others.length === 1 ? 'is' : 'are'} possible (${names(others)})`);
  }
  return { ok: true };
}

/**
 * The first auto-approval rule that approves `e` at `now`, its index and why (each condition, the window in
 * its IANA time zone), or null. A rule approves when every condition it gives holds; one with none approves
 * every request of its policy.
 */
export function autoApproval(policy: RequestPolicyDocument, e: RequestedEntitlement, now: Date): { rule: number; why: string } | null {
  for (const [i, rule] of policy.autoApproval.entries()) {
    const ps = permissionSetCondition(rule, e);
    const tags = tagCondition(rule, e);
    if (ps === false || tags === false) continue;
    if (rule.window && !withinWindow(rule.window, now)) continue;
    const local = rule.window && localTime(now, rule.window.timeZone);
    const parts = [ps, tags, rule.window && local && `${local.day[0]!.toUpperCase()}${local.day.slice(1)} ${local.time} in ${rule.window.timeZone} is within ${describeWindow(rule.window)}`].filter(
      (p): p is string => typeof p === 'string',
    );
    return { rule: i, why: `auto-approval rule ${i + 1}: ${parts.length === 0 ? 'it approves every request of this policy' : parts.join('; ')}` };
  }
  return null;
}

/** The shortest duration a request may have (the policy schema's minimum). */
export const MIN_DURATION_MINUTES = 5;

/**
 * The duration to use: the one asked (or the policy's default), in whole minutes, at least 5 and at most the
 * maximum (break-glass: its own maximum if the policy sets one). `clamped` when it is not what was asked.
 */
export function clampDuration(policy: RequestPolicyDocument, requestedMinutes: number | undefined, breakGlass: boolean): { minutes: number; clamped: boolean } {
  const max = breakGlass ? (policy.breakGlass.maxDurationMinutes ?? policy.maxDurationMinutes) : policy.maxDurationMinutes;
  const asked = requestedMinutes !== undefined && Number.isFinite(requestedMinutes) ? requestedMinutes : policy.defaultDurationMinutes;
  const minutes = Math.min(max, Math.max(MIN_DURATION_MINUTES, Math.ceil(asked)));
  return { minutes, clamped: minutes !== asked };
}

/** A ticket reference: required when the policy says so; one given must match the whole pattern, if the policy has one. */
export function checkTicket(policy: RequestPolicyDocument, ticket: string | undefined): { ok: true } | { ok: false; message: string } {
  const given = ticket?.trim() ?? '';
  const pattern = policy.ticket.pattern;
  if (given === '') {
    return policy.ticket.required ? { ok: false, message: `Policy ${quote(policy)} requires a ticket reference${pattern ? ` matching ${pattern}` : ''}.` } : { ok: true };
  }
  if (pattern !== undefined && !new RegExp(`^(?:${pattern})$`, 'u').test(given)) {
    return { ok: false, message: `Ticket reference "${given}" does not match ${pattern}, which policy ${quote(policy)} requires.` };
  }
  return { ok: true };
}

/** A justification: when the policy requires one, and always for break-glass. */
export function checkJustification(policy: RequestPolicyDocument, justification: string | undefined, breakGlass: boolean): { ok: true } | { ok: false; message: string } {
  if ((justification?.trim() ?? '') !== '') return { ok: true };
  if (breakGlass) return { ok: false, message: 'Break-glass access requires a justification: say what the emergency is.' };
  return policy.justificationRequired ? { ok: false, message: `Policy ${quote(policy)} requires a justification.` } : { ok: true };
}

/** Break-glass only where the policy allows it. */
export function checkBreakGlass(policy: RequestPolicyDocument): { ok: true } | { ok: false; message: string } {
  return policy.breakGlass.allowed ? { ok: true } : { ok: false, message: `Policy ${quote(policy)} does not allow break-glass access: request it for approval.` };
}
