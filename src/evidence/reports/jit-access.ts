import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { COMMON_ERRORS, RrcuError } from '../../core/errors.ts';
import { queryRows, type Db } from '../../store/index.ts';
import { columns, connectorIdSchema, generated, instantSchema, onPaper, organisationOf, paged, PAGE_SIZE, utc, type ReportProducer, type Row } from './common.ts';

const parameters = z.object({ connectorId: connectorIdSchema, from: instantSchema, to: instantSchema }).refine((p) => p.to > p.from, { path: ['to'], message: 'is not after from' });

type Period = { connectorId: string; from: string; to: string };

/** The requests of the period: asked within [from, to) on the connector. */
const inPeriod = (p: Period) => sql`r.connector_id = ${p.connectorId} and r.created_at >= ${p.from}::timestamptz and r.created_at < ${p.to}::timestamptz`;

type RequestRow = {
  id: number; requester: string; requester_email: string | null; principal: string; entitlement: string; justification: string | null; ticket: string | null;
  policy_name: string; policy_version: number; status: string; break_glass: boolean; auto_approved: string | null; extension_of: number | null; duration_minutes: number;
  created_at: Date; decided_at: Date | null; active_at: Date | null; expires_at: Date | null; ended_at: Date | null; end_reason: string | null;
  decisions: string | null; kept_because: string | null;
};

/** A page of the period's requests after request id `after`, each with its decisions and what was kept, by one query (no query per request). */
function requestsAfter(db: Db, p: Period, after: number, only = sql`true`): Promise<RequestRow[]> {
  return queryRows<RequestRow>(db, sql`
    select r.id::bigint as id, pe.display_name as requester, pe.email as requester_email, coalesce(r.principal_name, r.principal_id) as principal, r.entitlement_text as entitlement,
           r.justification, r.ticket, r.policy_name, r.policy_version, r.status, r.break_glass, r.auto_approved, r.extension_of::bigint as extension_of, r.duration_minutes,
           r.created_at, r.decided_at, r.active_at, r.expires_at, r.ended_at, r.end_reason,
           (select string_agg(ap.display_name || ' ' || case a.decision when 'approve' then 'approved' else 'denied' end || ' at ' || to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                              || coalesce(' (step ' || a.step || ')', '') || coalesce(': ' || a.comment, ''), '; ' order by a.at)
            from access_request_approvals a join people ap on ap.id = a.approver_person_id where a.request_id = r.id) as decisions,
           (select string_agg(coalesce(t.resource_name, t.resource_id) || ': ' || t.kept_because, '; ' order by t.id)
            from access_request_targets t where t.request_id = r.id and t.kept_because is not null) as kept_because
    from access_requests r join people pe on pe.id = r.requester_person_id
    where ${inPeriod(p)} and r.id > ${after} and ${only}
    order by r.id limit ${PAGE_SIZE}`);
}

type RemovalRow = {
  target_id: number; request_id: number; resource: string; entitlement_key: string; target_status: string; kept_because: string | null;
  task_id: string | null; aws_request_id: string | null; task_status: string | null; outcome: string | null; verified: boolean | null; finished_at: Date | null;
  observed_run_id: number | null; observed_at: Date | null;
};

/** The period's requests' targets after target id `after` that ended (removed, kept, revoke failed or under way), with the revoke task and the sync run that observed it. */
function removalsAfter(db: Db, p: Period, after: number): Promise<RemovalRow[]> {
  return queryRows<RemovalRow>(db, sql`
    select t.id::bigint as target_id, r.id::bigint as request_id, coalesce(t.resource_name, t.resource_id) as resource, t.entitlement_key, t.status as target_status, t.kept_because,
           k.id as task_id, k.aws_request_id, k.status as task_status, k.outcome, k.verified, k.finished_at, k.observed_run_id::bigint as observed_run_id, s.started_at as observed_at
    from access_requests r join access_request_targets t on t.request_id = r.id
    left join provisioning_tasks k on k.id = t.revoke_task_id
    left join sync_runs s on s.id = k.observed_run_id
    where ${inPeriod(p)} and t.status in ('revoke_waiting', 'revoking', 'removed', 'revoke_failed', 'kept') and t.id > ${after}
    order by t.id limit ${PAGE_SIZE}`);
}

export const JIT_COLUMNS = columns(
  ['id', 'Request'], ['requester', 'Requester', 2], ['requesterEmail', 'Requester email', 2], ['principal', 'Principal'], ['entitlement', 'Entitlement', 3],
  ['justification', 'Justification', 2], ['ticket', 'Ticket'], ['policy', 'Policy (version)', 2], ['status', 'Status'], ['breakGlass', 'Break-glass'],
  ['autoApproved', 'Auto-approved by'], ['extensionOf', 'Extends request'], ['durationMinutes', 'Minutes'], ['decisions', 'Approvers and decisions', 3],
  ['askedAt', 'Asked', 2], ['approvedAt', 'Decided', 2], ['activeAt', 'Active', 2], ['expiresAt', 'Ends', 2], ['endedAt', 'Ended', 2], ['endReason', 'End reason', 2], ['keptBecause', 'Kept because', 2],
);

const REMOVAL_COLUMNS = columns(
  ['requestId', 'Request'], ['resource', 'Account or group', 2], ['entitlementKey', 'Entitlement key', 3], ['targetStatus', 'Outcome'], ['keptBecause', 'Kept because', 2],
  ['taskId', 'Revoke task', 2], ['awsRequestId', 'AWS request id', 2], ['taskStatus', 'Task status'], ['taskOutcome', 'Task outcome'], ['verified', 'Read back'],
  ['finishedAt', 'Task finished', 2], ['observedRunId', 'Observed by sync run'], ['observedAt', 'Sync run started', 2],
);

const requestRow = (r: RequestRow): Row => ({
  id: Number(r.id), requester: r.requester, requesterEmail: r.requester_email, principal: r.principal, entitlement: r.entitlement, justification: r.justification, ticket: r.ticket,
  policy: `${r.policy_name} (v${r.policy_version})`, status: r.status, breakGlass: r.break_glass, autoApproved: r.auto_approved, extensionOf: r.extension_of === null ? null : Number(r.extension_of),
  durationMinutes: r.duration_minutes, decisions: r.decisions, askedAt: date(r.created_at), approvedAt: date(r.decided_at), activeAt: date(r.active_at), expiresAt: date(r.expires_at),
  endedAt: date(r.ended_at), endReason: r.end_reason, keptBecause: r.kept_because,
});

const removalRow = (r: RemovalRow): Row => ({
  requestId: Number(r.request_id), resource: r.resource, entitlementKey: r.entitlement_key, targetStatus: r.target_status, keptBecause: r.kept_because, taskId: r.task_id,
  awsRequestId: r.aws_request_id, taskStatus: r.task_status, taskOutcome: r.outcome, verified: r.verified, finishedAt: date(r.finished_at),
  observedRunId: r.observed_run_id === null ? null : Number(r.observed_run_id), observedAt: date(r.observed_at),
});

const date = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

type Figures = { requests: number; approved: number; denied: number; break_glass: number; kept: number; median_seconds: number | null };

/** The summary's figures over the whole period, counted by the database. */
async function figuresOf(db: Db, p: Period): Promise<Figures> {
  const [row] = await queryRows<Figures>(db, sql`
    select count(*)::int as requests,
           count(*) filter (where r.decided_at is not null and r.status not in ('denied', 'cancelled', 'timed_out'))::int as approved,
           count(*) filter (where r.status = 'denied')::int as denied,
           count(*) filter (where r.break_glass)::int as break_glass,
           (select count(*)::int from access_request_targets t join access_requests r on r.id = t.request_id where ${inPeriod(p)} and t.status = 'kept') as kept,
           percentile_cont(0.5) within group (order by extract(epoch from r.decided_at - r.created_at)) filter (where r.decided_at is not null and r.status <> 'denied' and not r.break_glass and r.auto_approved is null) as median_seconds
    from access_requests r where ${inPeriod(p)}`);
  return row!;
}

const duration = (seconds: number | null) => {
  if (seconds === null) return 'none approved by a person';
  const s = Math.round(Number(seconds));
  return s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`;
};

/** Just-in-time access requests asked in a period: who asked for what and why, who approved, when it was active and ended, each removal's task and the sync that observed it; break-glass uses apart. */
export const jitAccessReport: ReportProducer<typeof parameters> = {
  parameters,
  async produce(db, p, by, now) {
    if (p.from > now) throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `from: ${p.from.toISOString()} is in the future.`, { fix: 'Ask about a period that has begun.' });
    const organisation = await organisationOf(db, p.connectorId);
    const period: Period = { connectorId: p.connectorId, from: p.from.toISOString(), to: p.to.toISOString() };
    const f = await figuresOf(db, period);
    const runs = await queryRows<{ id: number }>(db, sql`
      select distinct k.observed_run_id::bigint as id from access_requests r join access_request_targets t on t.request_id = r.id join provisioning_tasks k on k.id = t.revoke_task_id
      where ${inPeriod(period)} and k.observed_run_id is not null order by 1`);
    const requestPages = (only?: ReturnType<typeof sql>) => paged<number, RequestRow>(async (after = 0) => {
      const page = await requestsAfter(db, period, after, only);
      return { rows: page, next: page.length === PAGE_SIZE ? Number(page.at(-1)!.id) : undefined };
    }, requestRow);
    return {
      kind: 'jit_access',
      title: `Just-in-time access, ${utc(p.from)} to ${utc(p.to)}`,
      organisation,
      period: `${utc(p.from)} – ${utc(p.to)}`,
      parameters: { connectorId: p.connectorId, from: p.from.toISOString(), to: p.to.toISOString() },
      ...generated(by, now),
      syncRunIds: runs.map((r) => Number(r.id)),
      summary: [
        { label: 'Requests', value: f.requests },
        { label: 'Approved', value: f.approved },
        { label: 'Denied', value: f.denied },
        { label: 'Break-glass', value: f.break_glass },
        { label: 'Median time to approve', value: duration(f.median_seconds) },
        { label: 'Removals kept because something else grants', value: f.kept },
      ],
      tables: [
        {
          name: 'requests', title: 'Requests asked in the period',
          columns: onPaper(JIT_COLUMNS, ['id', 'requester', 'entitlement', 'justification', 'ticket', 'policy', 'decisions', 'askedAt', 'activeAt', 'endedAt', 'endReason']),
          rows: requestPages(),
        },
        {
          name: 'removals', title: 'Removals at the end: the revoke task, its AWS request id and the sync run that observed it',
          columns: onPaper(REMOVAL_COLUMNS, ['requestId', 'resource', 'targetStatus', 'keptBecause', 'taskId', 'awsRequestId', 'verified', 'observedRunId']),
          rows: paged<number, RemovalRow>(async (after = 0) => {
            const page = await removalsAfter(db, period, after);
            return { rows: page, next: page.length === PAGE_SIZE ? Number(page.at(-1)!.target_id) : undefined };
          }, removalRow),
        },
        {
          name: 'break_glass', title: 'Break-glass uses',
          columns: onPaper(JIT_COLUMNS, ['id', 'requester', 'entitlement', 'justification', 'ticket', 'decisions', 'askedAt', 'activeAt', 'endedAt', 'endReason']),
          rows: requestPages(sql`r.break_glass`),
        },
      ],
    };
  },
};
