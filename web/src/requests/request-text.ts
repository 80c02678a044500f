/**
 * The words and numbers the request pages share, pure (tested in test/web/request-text.test.ts): durations,
 * the permission set's own session length, the duration choices a policy allows, what a requestable entry is
 * called and whether a search finds it, and the body a request form sends.
 */
import type { AccessRecord } from '../types.ts';
import type { RequestableView, RequestStatus, SubmitRequestInput } from './types.ts';

/** `90` → "1 h 30 min"; `2880` → "2 days". */
export function formatMinutes(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} ${days === 1 ? 'day' : 'days'}`);
  if (hours) parts.push(`${hours} h`);
  if (mins || parts.length === 0) parts.push(`${mins} min`);
  return parts.join(' ');
}

/** An ISO 8601 duration as AWS gives a permission set's session duration (`PT8H`, `PT1H30M`, `P1D`) in minutes; null when it is not one. */
export function isoDurationMinutes(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return null;
  const [, d, h, min, s] = m.map((x) => Number(x ?? 0));
  return d! * 1440 + h! * 60 + min! + Math.ceil(s! / 60);
}

/**
 * The warning a request page shows: access removed at the end does not end an AWS console or CLI session
 * already started, which lasts up to the permission set's own session duration (AWS's default is one hour).
 */
export function sessionWarning(sessionDuration: string | null | undefined): string {
  const minutes = isoDurationMinutes(sessionDuration);
  const figure = minutes === null ? 'up to 1 h (AWS’s default session duration; RRCU has not read this permission set’s)' : `up to ${formatMinutes(minutes)} (the permission set’s session duration, ${sessionDuration})`;
  return `An AWS session started before the access ends may last ${figure} after it ends: removing the assignment does not end a session already open.`;
}

const STEPS = [15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320, 10080, 20160, 43200, 86400, 129600];

/** The durations a form offers: the usual steps up to the policy's maximum, with its default and its maximum among them. */
export function durationChoices(defaultMinutes: number, maxMinutes: number): number[] {
  return [...new Set([...STEPS.filter((m) => m <= maxMinutes), defaultMinutes, maxMinutes])].filter((m) => m >= 5 && m <= maxMinutes).sort((a, b) => a - b);
}

/** What a requestable entry is called: "AdministratorAccess (permission set)", "member of Admins". */
export function requestableName(r: RequestableView['requestable']): string {
  switch (r.kind) {
    case 'permission_set':
      return r.permissionSetName;
    case 'sso_group':
      return `Member of ${r.groupName}`;
    case 'iam_group':
      return `Member of IAM group ${r.groupName} in ${r.account.name}`;
  }
}

export const REQUESTABLE_KIND_LABELS: Record<RequestableView['requestable']['kind'], string> = {
  permission_set: 'Permission set',
  sso_group: 'Identity Center group',
  iam_group: 'IAM group',
};

/**
 * A stable key for one entry of the requestable list. The same permission set may come under two connectors, two
 * policies (on other accounts each) or two lines of one policy: each is an entry of its own, with its own form.
 */
export function requestableKey(v: RequestableView): string {
  const r = v.requestable;
  const id = r.kind === 'permission_set' ? `${r.permissionSetArn}@${r.accounts.map((a) => a.id).join(',')}` : r.kind === 'sso_group' ? r.groupId : r.groupArn;
  return `${v.connectorId}|${v.policy.id}|${r.kind}|${id}`;
}

/** Whether every word of the search is in the entry's name, its accounts, its policy or its connector (case-insensitive). */
export function matchesSearch(v: RequestableView, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const r = v.requestable;
  const text = [
    requestableName(r),
    REQUESTABLE_KIND_LABELS[r.kind],
    v.policy.name,
    v.policy.description,
    v.connectorName ?? '',
    ...(r.kind === 'permission_set' ? r.accounts.flatMap((a) => [a.name, a.id, a.ouPath ?? '']) : r.kind === 'iam_group' ? [r.account.name, r.account.id] : []),
  ]
    .join(' ')
    .toLowerCase();
  return words.every((w) => text.includes(w));
}

/** The form's fields, as typed. */
export type RequestDraft = { accounts: string[]; durationMinutes: number; justification: string; ticket: string; breakGlass: boolean };

/** The body of POST /api/requests for one requestable entry, or why it cannot be sent yet (the server checks again). */
export function requestBody(v: RequestableView, draft: RequestDraft): { ok: true; body: SubmitRequestInput } | { ok: false; problem: string } {
  const r = v.requestable;
  if (r.kind === 'permission_set' && draft.accounts.length === 0) return { ok: false, problem: 'Choose at least one account.' };
  if ((v.justificationRequired || draft.breakGlass) && draft.justification.trim() === '') return { ok: false, problem: draft.breakGlass ? 'Break-glass access needs a justification.' : 'This policy needs a justification.' };
  if (v.ticket.required && draft.ticket.trim() === '') return { ok: false, problem: 'This policy needs a ticket reference.' };
  if (draft.ticket.trim() && v.ticket.pattern && !new RegExp(`^(?:${v.ticket.pattern})$`, 'u').test(draft.ticket.trim())) {
    return { ok: false, problem: `The ticket reference does not match ${v.ticket.pattern}.` };
  }
  const entitlement: SubmitRequestInput['entitlement'] =
    r.kind === 'permission_set'
      ? { kind: 'permission_set', permissionSet: r.permissionSetArn, accounts: draft.accounts }
      : r.kind === 'sso_group'
        ? { kind: 'sso_group', group: r.groupId }
        : { kind: 'iam_group', group: r.groupArn, account: r.account.id };
  return {
    ok: true,
    body: {
      connector: v.connectorId,
      entitlement,
      // The form shows at most the maximum (break-glass's own once ticked): send what it shows.
      durationMinutes: Math.min(draft.durationMinutes, maxMinutesOf(v, draft.breakGlass)),
      breakGlass: draft.breakGlass,
      ...(draft.justification.trim() ? { justification: draft.justification.trim() } : {}),
      ...(draft.ticket.trim() ? { ticket: draft.ticket.trim() } : {}),
    },
  };
}

/** The longest a request may last under this entry's policy: break-glass has its own maximum where the policy sets one. */
export function maxMinutesOf(v: RequestableView, breakGlass: boolean): number {
  return breakGlass && v.breakGlass.maxDurationMinutes !== null ? v.breakGlass.maxDurationMinutes : v.maxDurationMinutes;
}

export const STATUS_LABELS: Record<RequestStatus, string> = {
  pending: 'Waiting for approval',
  approved: 'Approved',
  denied: 'Denied',
  cancelled: 'Cancelled',
  timed_out: 'Timed out',
  provisioning: 'Provisioning',
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked early',
  failed: 'Failed',
};

/** The statuses whose access is held or being given, and those still to be decided: what a list shows first. */
export const OPEN_STATUSES: RequestStatus[] = ['pending', 'approved', 'provisioning', 'active'];

/** The inventory keys a draft asks for (one per chosen account), with how each reads. */
export function draftKeys(v: RequestableView, accounts: readonly string[]): Map<string, string> {
  const r = v.requestable;
  if (r.kind === 'permission_set') {
    return new Map(r.accounts.filter((a) => accounts.includes(a.id)).map((a) => [`account:${a.id}#${r.permissionSetArn}`, `${r.permissionSetName} on ${a.name}`]));
  }
  return r.kind === 'sso_group' ? new Map([[`sso_group:${r.groupId}#member`, `membership of ${r.groupName}`]]) : new Map([[`iam_group:${r.groupArn}#member`, `membership of ${r.groupName}`]]);
}

/**
 * Before sending: what the person already holds of what they ask for, from their own access (GET /api/me/access),
 * "You already hold ReadOnlyAccess on payments-prod through group Analytics." The server says it again on the request.
 */
export function alreadyHeld(rows: readonly AccessRecord[], keys: ReadonlyMap<string, string>): string[] {
  const lines = new Set<string>();
  for (const r of rows) {
    const label = keys.get(r.entitlementKey);
    if (!label || r.pending?.kind === 'revoke') continue;
    lines.add(`You already hold ${label} ${r.via ? `through group ${r.viaName ?? r.via}` : 'directly'}.`);
  }
  return [...lines];
}
