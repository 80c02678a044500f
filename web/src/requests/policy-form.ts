/**
 * The request policy form, pure (tested in test/web/policy-form.test.ts): the fields most policies need, read
 * from a policy document and written back into it. The document is the truth (the JSON tab edits all of it);
 * the form keeps every field it does not show (auto-approval rules, the pending timeout) as they are. A
 * document the form cannot show whole — an IAM group, permission sets on different accounts, several approval
 * steps — is edited as JSON only, and `formOf` says why.
 */
import type { ApproverSource, PolicyDocument } from './types.ts';

export type PolicyForm = {
  name: string;
  description: string;
  connector: string;
  /** Permission set names or ARNs, one a line; all on the same accounts. */
  permissionSets: string;
  /** Account ids or names, one a line; `*` for every account. */
  accounts: string;
  ouPaths: string;
  /** Identity Center groups whose membership may be requested. */
  groups: string;
  everyone: boolean;
  eligibleGroups: string;
  eligiblePeople: string;
  /** `department: Engineering, Platform`, one attribute a line. */
  eligibleAttributes: string;
  approvals: number;
  approverPeople: string;
  approverGroups: string;
  approverRole: '' | 'auditor' | 'connector_admin' | 'super_admin';
  approverManager: boolean;
  approverOwner: boolean;
  maxDurationMinutes: number;
  defaultDurationMinutes: number;
  justificationRequired: boolean;
  ticketRequired: boolean;
  ticketPattern: string;
  breakGlass: boolean;
  breakGlassMaxMinutes: string;
};

/** One entry a line (commas too), blank ones dropped. */
export function lines(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const joinLines = (xs: readonly string[] | undefined) => (xs ?? []).join('\n');

/** A new policy's document: a permission set on every account, one approval by a connector administrator, up to 8 hours. */
export function newPolicyDocument(connector: string): PolicyDocument {
  return {
    name: '',
    description: '',
    connector,
    requestable: [{ kind: 'permission_set', permissionSet: 'ReadOnlyAccess', accounts: '*' }],
    eligibility: { everyone: true, ssoGroups: [], people: [], attributes: [] },
    approvalSteps: [{ approvers: [{ kind: 'rrcu_role', role: 'connector_admin' }], approvals: 1 }],
    maxDurationMinutes: 480,
    defaultDurationMinutes: 60,
    justificationRequired: true,
    ticket: { required: false },
    autoApproval: [],
    breakGlass: { allowed: false },
    pendingTimeoutHours: 72,
  };
}

/** The form's fields of a document, or why the form cannot show it whole (then it is edited as JSON). */
export function formOf(d: PolicyDocument): { ok: true; form: PolicyForm } | { ok: false; why: string } {
  const sets = d.requestable.filter((r) => r.kind === 'permission_set');
  const groups = d.requestable.filter((r) => r.kind === 'sso_group');
  if (d.requestable.some((r) => r.kind === 'iam_group')) return { ok: false, why: 'It makes an IAM group requestable.' };
  const where = (r: (typeof sets)[number]) => JSON.stringify([r.accounts ?? '*', r.ouPaths ?? []]);
  if (sets.length > 1 && sets.some((r) => where(r) !== where(sets[0]!))) return { ok: false, why: 'Its permission sets are on different accounts.' };
  const steps = d.approvalSteps ?? [];
  if (steps.length > 1) return { ok: false, why: 'It has several approval steps.' };
  const approvers: ApproverSource[] = steps[0]?.approvers ?? [];
  const roles = approvers.filter((a) => a.kind === 'rrcu_role');
  if (roles.length > 1) return { ok: false, why: 'Its step names several RRCU roles.' };
  if (approvers.some((a) => a.kind === 'owner' && a.includeTagOwners)) return { ok: false, why: 'Its owner approvers include owners from tags.' };
  const first = sets[0];
  const e = d.eligibility;
  return {
    ok: true,
    form: {
      name: d.name,
      description: d.description ?? '',
      connector: d.connector,
      permissionSets: sets.map((r) => r.permissionSet).join('\n'),
      accounts: first ? (first.accounts === '*' || first.accounts === undefined ? '*' : first.accounts.join('\n')) : '*',
      ouPaths: joinLines(first?.ouPaths),
      groups: groups.map((g) => g.group).join('\n'),
      everyone: e.everyone ?? false,
      eligibleGroups: joinLines(e.ssoGroups),
      eligiblePeople: joinLines(e.people),
      eligibleAttributes: (e.attributes ?? []).map((a) => `${a.attribute}: ${a.equals.join(', ')}`).join('\n'),
      approvals: steps[0]?.approvals ?? 1,
      approverPeople: approvers.flatMap((a) => (a.kind === 'people' ? a.emails : [])).join('\n'),
      approverGroups: approvers.flatMap((a) => (a.kind === 'sso_group' ? [a.group] : [])).join('\n'),
      approverRole: roles[0]?.kind === 'rrcu_role' ? roles[0].role : '',
      approverManager: approvers.some((a) => a.kind === 'manager'),
      approverOwner: approvers.some((a) => a.kind === 'owner'),
      maxDurationMinutes: d.maxDurationMinutes,
      defaultDurationMinutes: d.defaultDurationMinutes,
      justificationRequired: d.justificationRequired ?? true,
      ticketRequired: d.ticket?.required ?? false,
      ticketPattern: d.ticket?.pattern ?? '',
      breakGlass: d.breakGlass?.allowed ?? false,
      breakGlassMaxMinutes: d.breakGlass?.maxDurationMinutes !== undefined ? String(d.breakGlass.maxDurationMinutes) : '',
    },
  };
}

/** The document with the form's fields written into `base` (what the form does not show stays as it was). */
export function documentOf(f: PolicyForm, base: PolicyDocument): PolicyDocument {
  const accounts = lines(f.accounts);
  const ouPaths = lines(f.ouPaths);
  const requestable: PolicyDocument['requestable'] = [
    ...lines(f.permissionSets).map((permissionSet) => ({
      kind: 'permission_set' as const,
      permissionSet,
      accounts: accounts.length === 0 || accounts.includes('*') ? ('*' as const) : accounts,
      ...(ouPaths.length ? { ouPaths } : {}),
    })),
    ...lines(f.groups).map((group) => ({ kind: 'sso_group' as const, group })),
  ];
  const approvers: ApproverSource[] = [
    ...(lines(f.approverPeople).length ? [{ kind: 'people' as const, emails: lines(f.approverPeople) }] : []),
    ...lines(f.approverGroups).map((group) => ({ kind: 'sso_group' as const, group })),
    ...(f.approverRole ? [{ kind: 'rrcu_role' as const, role: f.approverRole }] : []),
    ...(f.approverOwner ? [{ kind: 'owner' as const, includeTagOwners: false }] : []),
    ...(f.approverManager ? [{ kind: 'manager' as const }] : []),
  ];
  const breakGlassMax = Number(f.breakGlassMaxMinutes);
  return {
    ...base,
    name: f.name.trim(),
    description: f.description.trim(),
    connector: f.connector,
    requestable,
    eligibility: {
      everyone: f.everyone,
      ssoGroups: lines(f.eligibleGroups),
      people: lines(f.eligiblePeople),
      attributes: f.eligibleAttributes
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => {
          const at = l.indexOf(':');
          return at < 0 ? { attribute: l, equals: [] } : { attribute: l.slice(0, at).trim(), equals: lines(l.slice(at + 1)) };
        }),
    },
    approvalSteps: approvers.length ? [{ approvers, approvals: f.approvals }] : [],
    maxDurationMinutes: f.maxDurationMinutes,
    defaultDurationMinutes: f.defaultDurationMinutes,
    justificationRequired: f.justificationRequired,
    ticket: { required: f.ticketRequired, ...(f.ticketPattern.trim() ? { pattern: f.ticketPattern.trim() } : {}) },
    breakGlass: { allowed: f.breakGlass, ...(f.breakGlass && f.breakGlassMaxMinutes.trim() && Number.isFinite(breakGlassMax) ? { maxDurationMinutes: breakGlassMax } : {}) },
  };
}

/** The JSON tab's text as a document, or the parse error to show; the server checks the document itself. */
export function parseDocument(text: string): { ok: true; document: PolicyDocument } | { ok: false; error: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'A policy is a JSON object.' };
    return { ok: true, document: value as PolicyDocument };
  } catch (e) {
    return { ok: false, error: `Not JSON: ${(e as Error).message}` };
  }
}
