import { actorLabel } from '../ui/actor-label.ts';

/** An audit event as the page lists it: its actor as recorded and by name, its data. */
export type SummarizedEvent = { type: string; actor: string; actorName: string | null; data: Record<string, unknown> };

/** The fields that say what an event was about, shown in the row; everything is in the expanded data. */
const SUMMARY_KEYS = ['action', 'entitlement', 'principalName', 'name', 'role', 'reason', 'outcome', 'message', 'code'];

/** The "What" of an audit event's row: a request event in words, any other by the fields that say what it was about. */
export function eventSummary(e: SummarizedEvent): string {
  return e.type.startsWith('request.') ? requestEventSummary(e) : fieldsSummary(e.data);
}

function fieldsSummary(data: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const k of SUMMARY_KEYS) {
    const v = data[k];
    if (v === null || v === undefined || v === '' || typeof v === 'object') continue;
    parts.push(`${k}: ${String(v)}`);
    if (parts.length === 4) break;
  }
  return parts.join(' · ');
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/**
 * "Request #12 · AdministratorAccess on payments-prod — Revoked by Alice (alice@example.com): …". The requests
 * service writes each event's own summary, naming the people it knows (the approver, the reviewer with the
 * verdict and comment); the event's actor it wrote as an id (`Revoked by user:…`), named here by the name the
 * API gives the actor, since the event's data is kept as written. The access is said unless the summary says it;
 * a reason the summary leaves out (a revoke's) is added.
 */
function requestEventSummary(e: SummarizedEvent): string {
  const { data } = e;
  const request = typeof data.requestId === 'number' ? `Request #${data.requestId}` : 'Request';
  const access = text(data.entitlement);
  const own = text(data.summary);
  const said = own ? (/^(user|token):/.test(e.actor) ? own.split(e.actor).join(actorLabel(e.actor, null, e.actorName)) : own) : e.type.slice('request.'.length).replaceAll('_', ' ');
  const reason = text(data.reason);
  return `${request}${access && !said.includes(access) ? ` · ${access}` : ''} — ${said}${reason && !said.includes(reason) ? ` (“${reason}”)` : ''}`;
}
