import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordAuditEvent, recordAuditEvents, type AuditEventInput } from '../audit/index.ts';
import { canonicalJson } from '../core/canonical-json.ts';
import { RrcuError } from '../core/errors.ts';
import { actorsIn, nameActorsIn } from '../identity/index.ts';
import { parseInput as parse } from '../core/parse-input.ts';
import type { JobEngine } from '../jobs/index.ts';
import { notify } from '../notifications/index.ts';
import type { ProvisioningService } from '../provisioning/index.ts';
import { accessRequestApprovals, accessRequestApprovers, accessRequestPostHocReviews, accessRequests, accessRequestTargets, queryRows, requestPolicies, type Db } from '../store/index.ts';
import { approvalProgress, type ApprovalDecision } from './core/approvals.ts';
import { awaitingPostHocReview, mayReviewBreakGlass } from './core/break-glass.ts';
import { describeRequested, entitlementKeyOf, type RequestedEntitlement } from './core/entitlement.ts';
import {
  applicablePolicy, approversOf, autoApproval, checkBreakGlass, checkJustification, checkTicket, clampDuration, describeStepApprovers, eligibility, type Person, type StoredPolicy,
} from './core/evaluate.ts';
import { duplicateWarning, expiryDecision } from './core/expiry.ts';
import { transition, type RequestEvent } from './core/lifecycle.ts';
import { requestPolicyDocumentSchema, type RequestPolicyDocument, type RequestPolicyInput } from './core/policy.ts';
import { batchesOf, dueWork, planTick } from './core/tick-plan.ts';
import { submittable } from './core/evaluate.ts';
import { REQUEST_ERRORS } from './errors.ts';
import { REQUEST_QUEUES, WATCH_SECONDS, type RequestJob } from './queues.ts';
import {
  approverFacts, connectorRequesters, liveConnector, notAPerson, personRow, principalFor, requesterOf, resolveRequestable, resolveRequested, sessionDurationOf, toPersonRef,
} from './resolve.ts';
import {
  decideRequestInputSchema, extendRequestInputSchema, requestListFilterSchema, reviewBreakGlassInputSchema, revokeRequestInputSchema, submitRequestInputSchema,
  type AppliedPolicy, type PersonRef, type PostHocReviewView, type PolicyPreview, type PolicyView, type RequestableView, type RequestCaller, type RequestDetail, type RequestService,
  type RequestTargetView, type RequestView, type SubmittedRequest, type SubmitRequestInput, type TaskRef, type TickSummary, type TimelineEntry,
} from './service-types.ts';
import { grantsFoundInAws, lockAccess, otherSources, type AccessKey } from './sources.ts';

export type RequestServiceDeps = {
  db: Db;
  /** Grants and revokes go through provisioning (trigger `request`, trigger ref `request:<id>`), one task per account. */
  provisioning: Pick<ProvisioningService, 'requestGrant' | 'requestRevokes'>;
  /** With the job engine, a request's expiry job and its watch are sent in the transaction that approves or provisions it. */
  jobs?: Pick<JobEngine, 'sendInTransaction'>;
  /** The clock (tests move it); default the system's. */
  now?: () => Date;
  log?: (line: string) => void;
  /**
   * Names the actors a request shows (`user:<id>` → the user's name): its timeline's, who ended it or asked
   * its end, and the ids written into its end reason and its events' summaries. Identity's `actorNames`,
   * handed in by the app; without it the ids show as written.
   */
  actorNames?: (actors: Iterable<string>) => Promise<Map<string, string>>;
};

type Row = typeof accessRequests.$inferSelect;
type TargetRow = typeof accessRequestTargets.$inferSelect;
type PolicyRow = typeof requestPolicies.$inferSelect;

const MINUTE = 60_000;
/** The requester is told this long before the end. */
const EXPIRING_NOTICE_MS = 15 * MINUTE;
const ADMIN_ROLES = new Set(['super_admin', 'connector_admin']);
const READ_ALL_ROLES = new Set(['super_admin', 'connector_admin', 'auditor']);
const OPEN_TARGET = new Set(['waiting', 'granting']);
const ENDED = new Set(['denied', 'cancelled', 'timed_out', 'expired', 'revoked', 'failed']);
/**
 * Requests the tick settles in one transaction, for work of one kind (time-outs, ends, notices, the revokes
 * asked after the ends): hundreds due at the same minute were as many transactions, each holding the
 * embedded store's one connection in turn. Bounded, because a transaction on PGlite holds every other
 * query of the process (the web's too) until it commits.
 */
const TICK_BATCH = 50;

const notFound = (id: number | string) =>
  new RrcuError(REQUEST_ERRORS.REQUEST_NOT_FOUND, `No access request #${id} you may see.`, { fix: 'List your requests (rrcu request list, GET /api/requests) and use one of their numbers.' });

const FIXES: Record<string, string> = {
  REQUEST_NOT_PENDING: 'Only a pending request is approved, denied or cancelled: see its status and timeline (rrcu request show N).',
  REQUEST_NOT_ACTIVE: 'Only a request being provisioned or active can be revoked or extended: see its status (rrcu request show N).',
};

/** The lifecycle's refusal as an RrcuError with the capability's code. */
function refusal(t: { code: string; message: string }): RrcuError {
  const code = (REQUEST_ERRORS as Record<string, (typeof REQUEST_ERRORS)[keyof typeof REQUEST_ERRORS]>)[t.code] ?? REQUEST_ERRORS.REQUEST_NOT_PENDING;
  return new RrcuError(code, t.message, { fix: FIXES[code.code] ?? 'See the request\'s status and timeline (rrcu request show N).' });
}

function must(from: Row['status'], event: RequestEvent): Row['status'] {
  const t = transition(from, event);
  if (!t.ok) throw refusal(t);
  return t.to;
}

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const policyDoc = (row: Pick<Row, 'policy'>) => row.policy as unknown as RequestPolicyDocument;
const accessOf = (t: TargetRow): AccessKey => ({ connectorId: t.connectorId ?? '', entitlementKey: t.entitlementKey, principalType: t.principalType, principalId: t.principalId });
const accessId = (t: TargetRow) => `${t.connectorId ?? ''}|${t.principalType}|${t.principalId}`;
/** The order accesses are locked in: by entitlement key (`decideEnds`' order within one request, whose accesses share their principal), then the rest. */
const byLockOrder = (a: TargetRow, b: TargetRow) => (a.entitlementKey !== b.entitlementKey ? (a.entitlementKey < b.entitlementKey ? -1 : 1) : accessId(a) < accessId(b) ? -1 : accessId(a) > accessId(b) ? 1 : 0);
/** A target's grant or revoke as provisioning takes it: trigger `request`, ref `request:<id>`. */
const taskInput = (id: number, t: TargetRow, actor: string, reason: string) =>
  ({ connector: t.connectorId ?? '', entitlement: t.entitlementKey, principal: t.principalId, trigger: 'request' as const, triggerRef: `request:${id}`, actor, reason });
/** A refused grant or revoke: none yet while a task of the other action on the same access runs (asked again at the next look), else the target's error. */
const taskRefusal = (e: RrcuError): { error: string } | null => (e.code === 'TASK_IN_PROGRESS' ? null : { error: `${e.code}: ${e.message}` });
const link = (id: number) => `/requests/${id}`;
const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export function createRequestService(deps: RequestServiceDeps): RequestService {
  const { db } = deps;
  const now = () => deps.now?.() ?? new Date();
  const log = deps.log ?? ((line: string) => console.error(line));
  const namesOf = async (actors: Iterable<string>): Promise<Map<string, string>> => (deps.actorNames ? deps.actorNames(actors) : new Map());

  // ——— reads ———

  async function load(tx: Db, id: number): Promise<Row> {
    if (!Number.isSafeInteger(id) || id <= 0) throw notFound(id);
    const [row] = await tx.select().from(accessRequests).where(eq(accessRequests.id, id));
    if (!row) throw notFound(id);
    return row;
  }
  /** The row, locked until `tx` ends: every state change of one request is serialised here. */
  async function lock(tx: Db, id: number): Promise<Row> {
    if (!Number.isSafeInteger(id) || id <= 0) throw notFound(id);
    await tx.execute(sql`select 1 from access_requests where id = ${id} for update`);
    return load(tx, id);
  }
  /** The rows, locked until `tx` ends, in id order: a batch takes its rows' locks in one order, as the ids sort. */
  async function lockAll(tx: Db, ids: readonly number[]): Promise<Row[]> {
    if (ids.length === 0) return [];
    return tx.select().from(accessRequests).where(inArray(accessRequests.id, [...ids])).orderBy(accessRequests.id).for('update');
  }
  const targetsOf = (tx: Db, id: number) => tx.select().from(accessRequestTargets).where(eq(accessRequestTargets.requestId, id)).orderBy(accessRequestTargets.id);

  async function approverIds(tx: Db, id: number, step?: number): Promise<string[]> {
    const rows = await tx.select({ personId: accessRequestApprovers.personId }).from(accessRequestApprovers)
      .where(step === undefined ? eq(accessRequestApprovers.requestId, id) : and(eq(accessRequestApprovers.requestId, id), eq(accessRequestApprovers.step, step)));
    return [...new Set(rows.map((r) => r.personId))];
  }

  async function mayRead(row: Row, caller: RequestCaller): Promise<boolean> {
    if (READ_ALL_ROLES.has(caller.role)) return true;
    if (caller.personId === null) return false;
    return row.requesterPersonId === caller.personId || (await approverIds(db, row.id)).includes(caller.personId);
  }

  async function toViews(rows: Row[]): Promise<RequestView[]> {
    if (rows.length === 0) return [];
    const ids = [...new Set(rows.map((r) => r.requesterPersonId))];
    const people = new Map((await queryRows<{ id: string; display_name: string; email: string | null }>(db, sql`
      select id, display_name, email from people where id in (${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})`)).map((p) => [p.id, p]));
    const sessions = new Map<string, string | null>();
    const reviews = await postHocReviews(rows.filter((r) => r.breakGlass).map((r) => r.id));
    // Stored as written, ids and all ("revoked by user:…"): named here, when read, as the timeline is.
    const names = await namesOf(rows.flatMap((r) => [...(r.endingBy ? [r.endingBy] : []), ...actorsIn(r.endReason ?? '')]));
    const views: RequestView[] = [];
    for (const r of rows) {
      const p = people.get(r.requesterPersonId);
      const e = r.entitlement as { kind?: string; permissionSetArn?: string };
      let sessionDuration: string | null = null;
      if (e.kind === 'permission_set' && e.permissionSetArn && r.connectorId) {
        const k = `${r.connectorId}|${e.permissionSetArn}`;
        if (!sessions.has(k)) sessions.set(k, await sessionDurationOf(db, r.connectorId, e.permissionSetArn));
        sessionDuration = sessions.get(k) ?? null;
      }
      views.push({
        id: r.id,
        connectorId: r.connectorId,
        requester: { personId: r.requesterPersonId, displayName: p?.display_name ?? r.requesterPersonId, email: p?.email ?? null },
        principal: { type: r.principalType, id: r.principalId, name: r.principalName },
        entitlement: r.entitlement,
        entitlementText: r.entitlementText,
        policy: { id: r.policyId, name: r.policyName, version: r.policyVersion },
        status: r.status,
        justification: r.justification,
        ticket: r.ticket,
        durationMinutes: r.durationMinutes,
        durationClamped: r.durationClamped,
        breakGlass: r.breakGlass,
        autoApproved: r.autoApproved,
        extensionOf: r.extensionOf,
        duplicateWarning: r.duplicateWarning,
        currentStep: r.currentStep,
        stepCount: policyDoc(r).approvalSteps.length,
        sessionDuration,
        createdAt: iso(r.createdAt)!,
        pendingUntil: iso(r.pendingUntil)!,
        decidedAt: iso(r.decidedAt),
        activeAt: iso(r.activeAt),
        expiresAt: iso(r.expiresAt),
        endedAt: iso(r.endedAt),
        endReason: r.endReason === null ? null : nameActorsIn(r.endReason, names),
        ending: r.endingAs ? { as: r.endingAs, by: r.endingBy, byName: r.endingBy ? (names.get(r.endingBy) ?? null) : null, reason: r.endingReason } : null,
        postHocReview: r.breakGlass ? (reviews.get(r.id) ?? { status: 'awaited' }) : null,
      });
    }
    return views;
  }

  /** The recorded post-hoc verdicts of these break-glass requests, by request. */
  async function postHocReviews(ids: number[], on: Db = db): Promise<Map<number, PostHocReviewView>> {
    if (ids.length === 0) return new Map();
    const rows = await queryRows<{ request_id: number | string; verdict: 'appropriate' | 'inappropriate'; comment: string | null; at: Date | string; reviewer_person_id: string; display_name: string; email: string | null }>(on, sql`
      select v.request_id, v.verdict, v.comment, v.at, v.reviewer_person_id, p.display_name, p.email from access_request_post_hoc_reviews v join people p on p.id = v.reviewer_person_id
      where v.request_id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`);
    return new Map(rows.map((v) => [Number(v.request_id), {
      status: 'recorded', verdict: v.verdict, comment: v.comment, at: new Date(v.at).toISOString(), reviewer: { personId: v.reviewer_person_id, displayName: v.display_name, email: v.email },
    }]));
  }

  async function detail(id: number, caller: RequestCaller): Promise<RequestDetail> {
    const row = await load(db, id);
    if (!(await mayRead(row, caller))) throw notFound(id);
    const [view] = await toViews([row]);
    const targets = await targetsOf(db, id);
    const taskIds = targets.flatMap((t) => [t.grantTaskId, t.revokeTaskId]).filter((x): x is string => x !== null);
    const tasks = new Map<string, TaskRef>();
    if (taskIds.length) {
      for (const t of await queryRows<{ id: string; status: string; outcome: string | null; verified: boolean | null; finished_at: Date | string | null; observed_run_id: number | string | null }>(db, sql`
        select id, status, outcome, verified, finished_at, observed_run_id from provisioning_tasks where id in (${sql.join(taskIds.map((t) => sql`${t}::uuid`), sql`, `)})`)) {
        tasks.set(t.id, { id: t.id, status: t.status, outcome: t.outcome, verified: t.verified, finishedAt: iso(t.finished_at ? new Date(t.finished_at) : null), observedRunId: t.observed_run_id === null ? null : Number(t.observed_run_id) });
      }
    }
    const approvals = await queryRows<{ step: number; approver_person_id: string; display_name: string; email: string | null; decision: 'approve' | 'deny'; comment: string | null; at: Date | string }>(db, sql`
      select a.step, a.approver_person_id, p.display_name, p.email, a.decision, a.comment, a.at from access_request_approvals a join people p on p.id = a.approver_person_id
      where a.request_id = ${id} order by a.id`);
    const subjects = [`access_request:${id}`, ...taskIds.map((t) => `provisioning_task:${t}`)];
    const events = await queryRows<{ occurred_at: Date | string; type: string; actor: string; data: Record<string, unknown> }>(db, sql`
      select occurred_at, type, actor, data from audit_events where subject in (${sql.join(subjects.map((s) => sql`${s}`), sql`, `)}) order by seq`);
    const summaries = events.map((e) => (typeof e.data.summary === 'string' ? e.data.summary : summaryOf(e.type, e.data)));
    // A summary may name its actor by id ("Revoked by user:…"): the event is hashed into the chain as written, so it is named when read.
    const names = await namesOf(new Set([...events.map((e) => e.actor), ...summaries.flatMap(actorsIn)]));
    const timeline: TimelineEntry[] = events.map((e, i) => ({
      at: new Date(e.occurred_at).toISOString(), type: e.type, actor: e.actor, actorName: names.get(e.actor) ?? null, summary: nameActorsIn(summaries[i]!, names),
    }));
    const steps = (row.approvers ?? []).map((list, i) => ({ step: i + 1, approvals: policyDoc(row).approvalSteps[i]?.approvals ?? 1, approvers: list.map((p) => ({ ...p })) }));
    const isApprover = caller.personId !== null && (await approverIds(db, id, row.currentStep)).includes(caller.personId) && !approvals.some((a) => a.approver_person_id === caller.personId);
    const mine = caller.personId !== null && caller.personId === row.requesterPersonId;
    const live = row.status === 'active' || row.status === 'provisioning' || row.status === 'approved';
    return {
      ...view!,
      steps,
      approvals: approvals.map((a) => ({ step: a.step, approver: { personId: a.approver_person_id, displayName: a.display_name, email: a.email }, decision: a.decision, comment: a.comment, at: new Date(a.at).toISOString() })),
      targets: targets.map((t): RequestTargetView => ({
        entitlementKey: t.entitlementKey, resourceType: t.resourceType, resourceId: t.resourceId, resourceName: t.resourceName, status: t.status,
        grantTask: t.grantTaskId ? tasks.get(t.grantTaskId) ?? null : null, revokeTask: t.revokeTaskId ? tasks.get(t.revokeTaskId) ?? null : null,
        keptBecause: t.keptBecause, error: t.error,
      })),
      timeline,
      can: {
        approve: row.status === 'pending' && isApprover && !mine,
        cancel: row.status === 'pending' && mine,
        revoke: live && row.endingAs === null && (mine || ADMIN_ROLES.has(caller.role) || (caller.personId !== null && (await approverIds(db, id)).includes(caller.personId))),
        extend: row.status === 'active' && mine,
        reviewBreakGlass: caller.personId !== null && awaitingPostHocReview({ breakGlass: row.breakGlass, reviewed: view!.postHocReview?.status === 'recorded' })
          && mayReviewBreakGlass(id, { breakGlass: row.breakGlass, requesterPersonId: row.requesterPersonId, reviewers: await approverIds(db, id, 1), reviewed: false }, caller.personId).ok,
      },
    };
  }

  // ——— writes' parts ———

  /** A request's event names the request and the access it is for (`entitlement`, as `request.submitted` has it), so the audit log reads alone. */
  const auditEvent = (row: Pick<Row, 'id' | 'entitlementText'>, type: string, actor: string, data: Record<string, unknown>): AuditEventInput =>
    ({ type, actor, subject: `access_request:${row.id}`, data: { requestId: row.id, entitlement: row.entitlementText, ...data } });
  const audit = (tx: Db, row: Pick<Row, 'id' | 'entitlementText'>, type: string, actor: string, data: Record<string, unknown>, at: Date) => recordAuditEvent(tx, auditEvent(row, type, actor, data), at);

  async function tell(tx: Db, personId: string, kind: string, row: Pick<Row, 'id' | 'entitlementText'>, title: string, body: string, dedupe: string, at: Date): Promise<void> {
    await notify(tx, { kind, recipient: { personId }, title: cut(title, 200), body: cut(body, 2000), link: link(row.id), payload: { requestId: row.id }, dedupeKey: dedupe }, at);
  }

  async function sendJob(tx: Db, queue: string, requestId: number, startAfter: Date): Promise<void> {
    if (!deps.jobs) return;
    await deps.jobs.sendInTransaction(tx, queue, [{ data: { requestId } satisfies RequestJob, startAfter }]);
  }

  /** When an approved request ends: its duration from the approval; an extension's from the end of the access it extends, never past the policy's maximum from now. */
  async function expiryFor(tx: Db, row: Row, at: Date): Promise<Date> {
    let base = at;
    if (row.extensionOf !== null) {
      const [original] = await tx.select().from(accessRequests).where(eq(accessRequests.id, row.extensionOf));
      if (original?.expiresAt && (original.status === 'active' || original.status === 'provisioning') && original.expiresAt > at) base = original.expiresAt;
    }
    const cap = at.getTime() + (row.breakGlass ? (policyDoc(row).breakGlass.maxDurationMinutes ?? policyDoc(row).maxDurationMinutes) : policyDoc(row).maxDurationMinutes) * MINUTE;
    return new Date(Math.min(base.getTime() + row.durationMinutes * MINUTE, cap));
  }

  /** Approved: its end fixed and its expiry job sent, in the approving transaction. */
  async function markApproved(tx: Db, row: Row, at: Date, fields: Partial<Row> = {}): Promise<Row> {
    const expiresAt = await expiryFor(tx, row, at);
    const [updated] = await tx.update(accessRequests).set({ status: must(row.status, 'approve'), decidedAt: at, expiresAt, ...fields }).where(eq(accessRequests.id, row.id)).returning();
    await sendJob(tx, REQUEST_QUEUES.expiry, row.id, expiresAt);
    return updated!;
  }

  /**
   * One target's grant task: the one already asked for this request (by a call that died before recording
   * it: found by its trigger ref and taken), or a new one through provisioning. Null when a revoke of the same
   * access still runs (TASK_IN_PROGRESS): asked again at the next look. Another refusal is the target's error.
   */
  async function askGrant(id: number, t: TargetRow, actor: string, reason: string): Promise<{ taskId: string } | { error: string } | null> {
    const [earlier] = await queryRows<{ id: string }>(db, sql`
      select id from provisioning_tasks where trigger = 'request' and trigger_ref = ${`request:${id}`} and action = 'grant' and entitlement_key = ${t.entitlementKey} order by created_at desc limit 1`);
    if (earlier) return { taskId: earlier.id };
    try {
      // A grant reads AWS first: its outcome says whether this request made the access, and its end removes only what it made (decideEnds).
      const { task } = await deps.provisioning.requestGrant({ ...taskInput(id, t, actor, reason), readFirst: true });
      return { taskId: task.id };
    } catch (e) {
      if (!(e instanceof RrcuError)) throw e;
      return taskRefusal(e);
    }
  }

  /**
   * Asks provisioning for each target's grant not yet asked for (one task per account; a task asked for by a
   * call that died before recording it is found by its trigger ref and taken). Provisioning writes its tasks in
   * its own transaction, so the targets follow them in another; a grant refused because a revoke of the same
   * access still runs (TASK_IN_PROGRESS) stays waiting for the next look.
   */
  async function askGrants(id: number): Promise<void> {
    const row = await load(db, id);
    if (row.status !== 'approved' && row.status !== 'provisioning') return;
    const waiting = (await targetsOf(db, id)).filter((t) => t.status === 'waiting' && t.grantTaskId === null);
    const asked = new Map<number, { taskId: string } | { error: string }>();
    const reason = cut(`Access request #${id}${row.justification ? `: ${row.justification}` : ''}`, 1000);
    for (const t of waiting) {
      const answer = await askGrant(id, t, row.requesterActor, reason);
      if (answer) asked.set(t.id, answer);
    }
    await db.transaction(async (tx) => {
      // Recorded whatever the status now: a request ended while its grants were being asked for still has them removed (cleanUpLateGrants).
      const current = await lock(tx, id);
      const taskIds: string[] = [];
      for (const [targetId, a] of asked) {
        if ('taskId' in a) {
          taskIds.push(a.taskId);
          await tx.update(accessRequestTargets).set({ grantTaskId: a.taskId, status: 'granting' }).where(and(eq(accessRequestTargets.id, targetId), eq(accessRequestTargets.status, 'waiting')));
        } else {
          await tx.update(accessRequestTargets).set({ status: 'grant_failed', error: a.error }).where(and(eq(accessRequestTargets.id, targetId), eq(accessRequestTargets.status, 'waiting')));
        }
      }
      if (current.status === 'approved' && asked.size > 0) {
        await tx.update(accessRequests).set({ status: must(current.status, 'provision') }).where(eq(accessRequests.id, id));
        await audit(tx, current, 'request.provisioning', 'system', { taskIds, summary: `${taskIds.length} provisioning task${taskIds.length === 1 ? '' : 's'} asked for` }, now());
      }
      // One watch per batch of new tasks (the watch sends itself again while they run): not one per look.
      if (asked.size > 0) await sendJob(tx, REQUEST_QUEUES.watch, id, new Date(Date.now() + WATCH_SECONDS * 1000));
    });
  }

  /** Targets whose grant or revoke task finished, moved on (granted / grant_failed, removed / revoke_failed). */
  async function followTasks(id: number): Promise<void> {
    const running = (await targetsOf(db, id)).filter((t) => t.status === 'granting' || t.status === 'revoking');
    if (running.length === 0) return;
    const ids = running.map((t) => (t.status === 'granting' ? t.grantTaskId : t.revokeTaskId)).filter((x): x is string => x !== null);
    const tasks = new Map((await queryRows<{ id: string; status: string; outcome: string | null; verified: boolean | null; error: { code?: string; message?: string } | null }>(db, sql`
      select id, status, outcome, verified, error from provisioning_tasks where id in (${sql.join(ids.map((t) => sql`${t}::uuid`), sql`, `)})`)).map((t) => [t.id, t]));
    await db.transaction(async (tx) => {
      for (const t of running) {
        const task = tasks.get((t.status === 'granting' ? t.grantTaskId : t.revokeTaskId) ?? '');
        if (!task || (task.status !== 'succeeded' && task.status !== 'failed')) continue;
        // A grant holds once read back; a revoke AWS already matched ('already': nothing to remove) is done whatever its read-back says.
        const ok = task.status === 'succeeded' && (task.verified !== false || (t.status === 'revoking' && task.outcome === 'already'));
        const error = ok ? null : task.error ? `${task.error.code ?? ''}: ${task.error.message ?? ''}` : task.verified === false ? 'the change was not read back from AWS' : 'failed';
        const next = t.status === 'granting' ? (ok ? 'granted' : 'grant_failed') : ok ? 'removed' : 'revoke_failed';
        const [moved] = await tx.update(accessRequestTargets).set({ status: next, error }).where(and(eq(accessRequestTargets.id, t.id), eq(accessRequestTargets.status, t.status))).returning();
        if (moved && next === 'revoke_failed') {
          // Access that should have ended is still in AWS: the administrators are told once per target.
          await notify(tx, {
            kind: 'request.revoke_failed', recipient: { role: 'connector_admin' }, title: cut(`Access not removed: ${t.resourceName ?? t.resourceId} of request #${id}`, 200),
            body: cut(`The revoke of ${t.entitlementKey} for ${t.principalId} failed (${error ?? ''}). Retry it from the task, or remove it by hand.`, 2000),
            link: link(id), payload: { requestId: id, targetId: t.id }, dedupeKey: `request.revoke_failed:${t.id}`,
          }, now());
        }
      }
    });
  }

  /**
   * Provisioning done (no target waiting or granting): active when every grant holds (read back from AWS);
   * failed when one did not, and what the others granted is removed as at an end (reference-counted), since a
   * request holds all its accounts or none. A revoke asked meanwhile with nothing granted ends it revoked.
   */
  async function finishProvisioning(id: number, at: Date, summary: TickSummary): Promise<void> {
    await db.transaction(async (tx) => {
      const row = await lock(tx, id);
      if (row.status !== 'provisioning') return;
      const targets = await targetsOf(tx, id);
      if (targets.some((t) => OPEN_TARGET.has(t.status))) return;
      const granted = targets.filter((t) => t.status === 'granted');
      if (granted.length === targets.length) {
        await tx.update(accessRequests).set({ status: must(row.status, 'activated'), activeAt: at }).where(eq(accessRequests.id, id));
        await audit(tx, row, 'request.active', 'system', { targets: granted.map((t) => t.entitlementKey), summary: `Active on ${granted.map((t) => t.resourceName ?? t.resourceId).join(', ')} until ${iso(row.expiresAt)}` }, at);
        await tell(tx, row.requesterPersonId, 'request.active', row, `Your access is active: ${row.entitlementText}`, `Request #${id} is active until ${iso(row.expiresAt)}.`, `request.active:${id}`, at);
        summary.activated++;
        return;
      }
      const errors = targets.map((t) => t.error).filter(Boolean).join('; ');
      const revoked = row.endingAs === 'revoke' && granted.length === 0;
      const status = revoked ? 'revoked' : must(row.status, 'provision_failed');
      const decisions = await decideEnds(tx, row, granted);
      await tx.update(accessRequests).set({ status, endedAt: at, endReason: revoked ? `revoked by ${row.endingBy ?? 'someone'} while provisioning; no grant succeeded` : cut(`a grant failed: ${errors}`, 2000), endingAs: null }).where(eq(accessRequests.id, id));
      await audit(tx, row, revoked ? 'request.revoked' : 'request.failed', 'system', { errors, targets: decisions, summary: `${revoked ? 'Revoked' : 'Failed'}: ${errors || 'no grant succeeded'}${granted.length ? `; ${granted.length} granted account(s) removed unless granted otherwise` : ''}` }, at);
      await tell(tx, row.requesterPersonId, revoked ? 'request.revoked' : 'request.failed', row, `${revoked ? 'Revoked' : 'Failed'}: ${row.entitlementText}`, cut(`Request #${id}: ${errors || 'no grant succeeded'}.`, 2000), `request.ended:${id}`, at);
      summary.failed++;
    });
  }

  /**
   * For each target that holds, what else grants the same access decides (reference-counted expiry): kept and
   * why, or to be revoked (`revoke_waiting`, its task asked for after the commit by `askRevokes`). Each access
   * is locked while it is decided, so two requests ending at once do not each keep it for the other. A group
   * bringing the same entitlement keeps nothing (the core's rule) and is recorded with the removal
   * (`alsoHeld`). Targets never granted become `not_granted`.
   */
  async function decideEnds(tx: Db, row: Row, targets: TargetRow[]): Promise<Record<string, unknown>[]> {
    const decisions: Record<string, unknown>[] = [];
    const holding = targets.filter((t) => t.status === 'granted').sort(byLockOrder);
    for (const t of holding) await lockAccess(tx, accessOf(t));
    const found = await grantsFoundInAws(tx, holding);
    for (const t of holding) {
      const decision = expiryDecision(await otherSources(tx, accessOf(t), row.id), { ...(found.has(t.id) ? { foundByTask: found.get(t.id)! } : {}) });
      if (decision.revoke) {
        await tx.update(accessRequestTargets).set({ status: 'revoke_waiting', keptBecause: null }).where(eq(accessRequestTargets.id, t.id));
        decisions.push({ entitlementKey: t.entitlementKey, revoke: true, ...(decision.alsoHeld ? { alsoHeld: decision.alsoHeld } : {}) });
      } else {
        await tx.update(accessRequestTargets).set({ status: 'kept', keptBecause: decision.keptBecause }).where(eq(accessRequestTargets.id, t.id));
        decisions.push({ entitlementKey: t.entitlementKey, revoke: false, keptBecause: decision.keptBecause });
      }
    }
    for (const t of targets) if (OPEN_TARGET.has(t.status)) await tx.update(accessRequestTargets).set({ status: 'not_granted' }).where(eq(accessRequestTargets.id, t.id));
    return decisions;
  }

  /**
   * Ends an active request (expiry or early revoke) in `tx`: each target's end decided (`decideEnds`), the
   * status, its audit event and the requester told. `targets`: the request's, when the caller read them
   * already in `tx` (after the row lock).
   */
  async function endInTx(tx: Db, row: Row, as: 'expire' | 'revoke', by: string, reason: string | null, at: Date, targets?: TargetRow[]): Promise<void> {
    const t = transition(row.status, as === 'expire' ? 'expire' : 'revoke_early');
    if (!t.ok) throw refusal(t);
    if (!t.changed) return;
    const decisions = await decideEnds(tx, row, targets ?? (await targetsOf(tx, row.id)));
    const endReason = as === 'expire' ? 'expired' : cut(`revoked by ${by}${reason ? `: ${reason}` : ''}`, 2000);
    await tx.update(accessRequests).set({ status: t.to, endedAt: at, endReason, endingAs: null }).where(eq(accessRequests.id, row.id));
    const kept = decisions.filter((d) => d.revoke === false);
    await audit(tx, row, as === 'expire' ? 'request.expired' : 'request.revoked', by, {
      targets: decisions, reason, summary: `${as === 'expire' ? 'Expired' : `Revoked by ${by}`}: ${decisions.length - kept.length} to remove, ${kept.length} kept (granted otherwise)`,
    }, at);
    const keptText = kept.map((d) => String(d.keptBecause)).join('; ');
    await tell(tx, row.requesterPersonId, as === 'expire' ? 'request.expired' : 'request.revoked', row, `${as === 'expire' ? 'Expired' : 'Revoked'}: ${row.entitlementText}`,
      `Request #${row.id} ${as === 'expire' ? 'has expired' : `was revoked${reason ? `: ${reason}` : ''}`}.${keptText ? ` Kept in AWS: ${keptText}.` : ''}`, `request.ended:${row.id}`, at);
  }

  /**
   * A grant that finished after its request ended (cancelled or revoked while its task was being asked for):
   * removed like an end's, unless something else grants it. No status changes; recorded on the request.
   */
  async function cleanUpLateGrants(id: number, at: Date): Promise<void> {
    await db.transaction(async (tx) => {
      const row = await lock(tx, id);
      if (!ENDED.has(row.status)) return;
      const late = (await targetsOf(tx, id)).filter((t) => t.status === 'granted');
      if (late.length === 0) return;
      const decisions = await decideEnds(tx, row, late);
      await audit(tx, row, 'request.late_grant_removed', 'system', { targets: decisions, summary: `${late.length} grant(s) that finished after the request ended, removed unless granted otherwise` }, at);
    });
  }

  /**
   * Asks provisioning for each decided revoke not yet asked for, of these requests together: a task asked
   * for by a call that died before recording it is found by its trigger ref and taken; the others in one
   * `requestRevokes` (its tasks written a hundred to a transaction). Refused ones (the grant already gone…)
   * end `revoke_failed` with why; one refused because a grant of the same access still runs
   * (TASK_IN_PROGRESS) stays waiting for the next look. The targets follow in one transaction, with one watch
   * per request.
   */
  async function askRevokes(ids: readonly number[]): Promise<number> {
    if (ids.length === 0) return 0;
    const waiting = await db.select().from(accessRequestTargets)
      .where(and(inArray(accessRequestTargets.requestId, [...ids]), eq(accessRequestTargets.status, 'revoke_waiting'), isNull(accessRequestTargets.revokeTaskId)))
      .orderBy(accessRequestTargets.id);
    if (waiting.length === 0) return 0;
    const requestIds = [...new Set(waiting.map((t) => t.requestId))];
    const rows = new Map((await db.select().from(accessRequests).where(inArray(accessRequests.id, requestIds))).map((r) => [r.id, r]));
    const earlier = new Map((await queryRows<{ id: string; trigger_ref: string; entitlement_key: string }>(db, sql`
      select distinct on (trigger_ref, entitlement_key) id, trigger_ref, entitlement_key from provisioning_tasks
      where trigger = 'request' and action = 'revoke' and trigger_ref in (${sql.join(requestIds.map((id) => sql`${`request:${id}`}`), sql`, `)})
      order by trigger_ref, entitlement_key, created_at desc`)).map((t) => [`${t.trigger_ref}|${t.entitlement_key}`, t.id]));
    const asked = new Map<TargetRow, { taskId: string } | { error: string }>();
    const fresh: TargetRow[] = [];
    for (const t of waiting) {
      const taskId = earlier.get(`request:${t.requestId}|${t.entitlementKey}`);
      if (taskId) asked.set(t, { taskId });
      else fresh.push(t);
    }
    const reasonOf = (row: Row | undefined) => cut(`Access request #${row?.id ?? ''} ${row?.status === 'expired' ? 'expired' : row?.endReason ?? 'ended'}`, 1000);
    const answers = fresh.length ? await deps.provisioning.requestRevokes(fresh.map((t) => taskInput(t.requestId, t, 'system', reasonOf(rows.get(t.requestId))))) : [];
    answers.forEach((answer, i) => {
      const a = answer instanceof RrcuError ? taskRefusal(answer) : { taskId: answer.task.id };
      if (a) asked.set(fresh[i]!, a);
    });
    if (asked.size === 0) return 0;
    await db.transaction(async (tx) => {
      const moved = [...new Set([...asked.keys()].map((t) => t.requestId))];
      await lockAll(tx, moved);
      for (const [t, a] of asked) {
        await tx.update(accessRequestTargets).set('taskId' in a ? { revokeTaskId: a.taskId, status: 'revoking' } : { status: 'revoke_failed', error: a.error })
          .where(and(eq(accessRequestTargets.id, t.id), eq(accessRequestTargets.status, 'revoke_waiting')));
      }
      if (deps.jobs) {
        const startAfter = new Date(Date.now() + WATCH_SECONDS * 1000);
        await deps.jobs.sendInTransaction(tx, REQUEST_QUEUES.watch, moved.map((requestId) => ({ data: { requestId } satisfies RequestJob, startAfter })));
      }
    });
    return [...asked.values()].filter((a) => 'taskId' in a).length;
  }

  /**
   * Pending requests past their deadline, timed out in one transaction: each row locked and judged again
   * (an approval that took its lock first wins), then its status, audit event and the requester told.
   */
  async function timeOut(ids: readonly number[], at: Date): Promise<number> {
    return db.transaction(async (tx) => {
      const due = (await lockAll(tx, ids)).filter((r) => dueWork(r, at) === 'time_out');
      for (const r of due) {
        await tx.update(accessRequests).set({ status: must(r.status, 'time_out'), endedAt: at, endReason: `nobody decided within ${policyDoc(r).pendingTimeoutHours} h` }).where(eq(accessRequests.id, r.id));
      }
      await recordAuditEvents(tx, due.map((r) => auditEvent(r, 'request.timed_out', 'system', { summary: `Timed out after ${policyDoc(r).pendingTimeoutHours} h without a decision` })), at);
      for (const r of due) {
        await tell(tx, r.requesterPersonId, 'request.timed_out', r, `Timed out: ${r.entitlementText}`, `Nobody decided request #${r.id} within ${policyDoc(r).pendingTimeoutHours} hours. Ask again if you still need it.`, `request.decided:${r.id}`, at);
      }
      return due.length;
    });
  }

  /**
   * Active requests past their end, or with an end asked while they were granted, ended in one transaction
   * (`endInTx` each, in id order). Every access of the batch is locked first, in one order (entitlement key
   * first, the order `decideEnds` takes one request's): a request ending beside the batch (its expiry job,
   * a revoke) takes its row and then its accesses in that same order, so neither waits on the other in a
   * circle. Two requests of the batch holding the same access are decided one after the other, the second
   * seeing the first ended, as two ticks would. The revokes are asked after the commit (`askRevokes`).
   */
  async function endAll(ids: readonly number[], at: Date): Promise<{ expired: number[]; revoked: number[] }> {
    return db.transaction(async (tx) => {
      const due = (await lockAll(tx, ids)).filter((r) => dueWork(r, at) === 'end');
      const ended = { expired: [] as number[], revoked: [] as number[] };
      if (due.length === 0) return ended;
      const targets = await tx.select().from(accessRequestTargets).where(inArray(accessRequestTargets.requestId, due.map((r) => r.id))).orderBy(accessRequestTargets.id);
      const accesses = new Map(targets.filter((t) => t.status === 'granted').map((t) => [`${t.entitlementKey}|${accessId(t)}`, t]));
      for (const t of [...accesses.values()].sort(byLockOrder)) await lockAccess(tx, accessOf(t));
      for (const r of due) {
        const as = r.endingAs === 'revoke' ? 'revoke' : 'expire';
        await endInTx(tx, r, as, as === 'revoke' ? (r.endingBy ?? 'system') : 'system', r.endingReason, at, targets.filter((t) => t.requestId === r.id));
        ended[as === 'expire' ? 'expired' : 'revoked'].push(r.id);
      }
      return ended;
    });
  }

  /**
   * The requester of each active request ending within the notice is told once (the dedupe key), in one
   * transaction. The rows are locked and judged again, as `timeOut` and `endAll` do: the tick read them before
   * its earlier batches ran, and a request revoked since is told nothing.
   */
  async function warn(ids: readonly number[], at: Date): Promise<number> {
    return db.transaction(async (tx) => {
      const due = (await lockAll(tx, ids)).filter((r) => dueWork(r, at) === 'notice');
      let sent = 0;
      for (const r of due) {
        const n = await notify(tx, {
          kind: 'request.expiring', recipient: { personId: r.requesterPersonId }, title: cut(`Expiring soon: ${r.entitlementText}`, 200),
          body: `Request #${r.id} ends at ${iso(r.expiresAt)}. Extend it from its page if you still need it.`, link: link(r.id), payload: { requestId: r.id }, dedupeKey: `request.expiring:${r.id}`,
        }, at);
        if (n) sent++;
      }
      return sent;
    });
  }

  /**
   * One request's time-driven work at `at`, in order; safe to run twice, from the tick, the expiry job and the
   * watch at once. Time-outs, ends and notices are the tick's batched steps, here for one request.
   */
  async function settleOne(id: number, at: Date, summary: TickSummary): Promise<void> {
    let row = await load(db, id);
    if (dueWork(row, at) === 'time_out') {
      summary.timedOut += await timeOut([id], at);
      return;
    }
    if (row.status === 'approved' || row.status === 'provisioning') {
      await askGrants(id);
      await followTasks(id);
      await finishProvisioning(id, at, summary);
      row = await load(db, id);
    }
    const work = dueWork(row, at);
    if (work === 'end') {
      const ended = await endAll([id], at);
      summary.expired += ended.expired.length;
      summary.ended += ended.revoked.length;
      row = await load(db, id);
    } else if (work === 'notice') {
      summary.warned += await warn([id], at);
    }
    if (ENDED.has(row.status)) {
      await followTasks(id);
      await cleanUpLateGrants(id, at);
      summary.revokesAsked += await askRevokes([id]);
      await followTasks(id);
    }
  }

  // ——— policies ———

  /** On PGlite a read outside a transaction waits for it: inside one, pass its `tx`. */
  const policyView = async (p: PolicyRow, on: Db = db): Promise<PolicyView> => {
    const [c] = await queryRows<{ name: string }>(on, sql`select name from connectors where id = ${p.connectorId}`);
    return {
      id: p.id, connectorId: p.connectorId, connectorName: c?.name ?? null, name: p.name, version: p.version, document: p.document as unknown as RequestPolicyDocument,
      createdBy: p.createdBy, createdAt: iso(p.createdAt)!, updatedBy: p.updatedBy, updatedAt: iso(p.updatedAt)!, archivedAt: iso(p.archivedAt),
    };
  };
  const policyNotFound = (ref: string) => new RrcuError(REQUEST_ERRORS.POLICY_NOT_FOUND, `No request policy ${JSON.stringify(ref)}.`, { fix: 'List policies (rrcu policy list, GET /api/request-policies) and use one of their ids or names.' });

  async function storedPolicies(connectorId: string): Promise<StoredPolicy[]> {
    const rows = await db.select().from(requestPolicies).where(and(eq(requestPolicies.connectorId, connectorId), sql`${requestPolicies.archivedAt} is null`)).orderBy(requestPolicies.name);
    return rows.map((r) => ({ id: r.id, version: r.version, document: requestPolicyDocumentSchema.parse(r.document) }));
  }

  // ——— submission ———

  async function submitOne(input: SubmitRequestInput, caller: RequestCaller, extensionOf: Row | null): Promise<SubmittedRequest> {
    const parsed = parse(submitRequestInputSchema, input);
    if (caller.personId === null) throw notAPerson(caller.actor);
    const at = now();
    const connector = await liveConnector(db, parsed.connector);
    const targets = await resolveRequested(db, connector.id, parsed.entitlement);
    const person = await personRow(db, caller.personId);
    const requester = await requesterOf(db, connector.id, person);
    const principal = await principalFor(db, connector.id, person.id, targets[0]!);
    const policies = await storedPolicies(connector.id);
    const judged = targets.map((t) => applicablePolicy(policies, requester, t));
    for (const j of judged) {
      if (!j.ok) {
        throw j.reason === 'no_policy'
          ? new RrcuError(REQUEST_ERRORS.NO_POLICY, j.message, { fix: 'Ask an administrator for a request policy that covers it (rrcu policy apply FILE), or request something requestable (GET /api/requests/requestable).' })
          : new RrcuError(REQUEST_ERRORS.NOT_ELIGIBLE, j.message, { fix: 'Ask an administrator to make you eligible, or someone eligible to request it.' });
      }
    }
    const applying = judged.filter((j): j is Extract<typeof j, { ok: true }> => j.ok);
    const policyIds = new Set(applying.map((j) => j.applies.id));
    if (policyIds.size > 1) {
      throw new RrcuError(REQUEST_ERRORS.SPANS_POLICIES, `The accounts asked for fall under ${policyIds.size} request policies (${[...new Set(applying.map((j) => j.applies.document.name))].join(', ')}).`, { fix: 'Make one request per policy: split the accounts.', fields: ['entitlement.accounts'] });
    }
    const { applies, why } = applying[0]!;
    const policy = applies.document;
    const breakGlass = parsed.breakGlass;
    if (breakGlass) {
      const bg = checkBreakGlass(policy);
      if (!bg.ok) throw new RrcuError(REQUEST_ERRORS.BREAK_GLASS_NOT_ALLOWED, bg.message, { fix: 'Request it for approval instead (breakGlass false).' });
    }
    const justification = checkJustification(policy, parsed.justification, breakGlass);
    if (!justification.ok) throw new RrcuError(REQUEST_ERRORS.JUSTIFICATION_REQUIRED, justification.message, { fix: 'Say why you need the access (justification).', fields: ['justification'] });
    const ticket = checkTicket(policy, parsed.ticket);
    if (!ticket.ok) {
      throw new RrcuError(parsed.ticket?.trim() ? REQUEST_ERRORS.TICKET_INVALID : REQUEST_ERRORS.TICKET_REQUIRED, ticket.message, { fix: `Give the ticket reference${policy.ticket.pattern ? ` matching ${policy.ticket.pattern}` : ''} (ticket).`, fields: ['ticket'] });
    }
    const duration = clampDuration(policy, parsed.durationMinutes, breakGlass);
    const facts = await approverFacts(db, connector.id, policy, targets, person);
    const withRequester = policy.approvalSteps.map((s) => approversOf(s, facts, null));
    const steps = withRequester.map((list) => list.filter((p) => p.personId !== person.id));
    if (breakGlass && (steps[0] ?? []).length === 0) {
      // Break-glass skips approval, not review: without someone else on step 1 it would be a self-grant nobody ever judges.
      throw new RrcuError(REQUEST_ERRORS.NO_APPROVER, `Policy "${policy.name}" allows break-glass, but nobody other than you could review it after the fact: step 1 (${describeStepApprovers(policy.approvalSteps[0]!)}) has no possible approver other than you.`, {
        fix: 'Ask an administrator to add another approver to step 1 of the policy, or ask someone else to request it.',
      });
    }
    const autos = breakGlass ? [] : targets.map((t) => autoApproval(policy, t, at));
    const auto = autos.length > 0 && autos.every((a) => a !== null) ? autos[0]!.why : null;
    if (!breakGlass && !auto) {
      const ok = submittable(policy, withRequester, person.id);
      if (!ok.ok) {
        const only = (withRequester[ok.step - 1] ?? []).some((p) => p.personId === person.id);
        throw new RrcuError(only ? REQUEST_ERRORS.ONLY_APPROVER_IS_REQUESTER : REQUEST_ERRORS.NO_APPROVER, ok.message, { fix: 'Ask an administrator to add an approver to the policy (another person, a group, or a role).' });
      }
    }
    const warnings: string[] = [];
    for (const t of targets) {
      const w = duplicateWarning(await otherSources(db, { connectorId: connector.id, entitlementKey: entitlementKeyOf(t), principalType: principal.type, principalId: principal.id }, null));
      if (w) warnings.push(targets.length > 1 ? `${describeRequested(t)}: ${w}` : w);
    }
    const warning = warnings.length ? cut(warnings.join(' '), 2000) : null;
    const asked = askedEntitlement(targets);
    const approved = breakGlass || auto !== null;

    const id = await db.transaction(async (tx) => {
      const [row] = await tx.insert(accessRequests).values({
        connectorId: connector.id, requesterPersonId: person.id, requesterUserId: caller.userId, requesterActor: caller.actor,
        principalType: principal.type, principalId: principal.id, principalName: principal.name,
        entitlement: asked.entitlement, entitlementText: asked.text,
        policyId: applies.id, policyVersion: applies.version, policyName: policy.name, policy: policy as unknown as Record<string, unknown>,
        status: 'pending', justification: parsed.justification?.trim() || null, ticket: parsed.ticket?.trim() || null,
        durationMinutes: duration.minutes, durationClamped: duration.clamped, breakGlass, extensionOf: extensionOf?.id ?? null, duplicateWarning: warning,
        approvers: steps.map((list) => list.map(toPersonRef)), currentStep: 1, createdAt: at,
        pendingUntil: new Date(at.getTime() + policy.pendingTimeoutHours * 3600_000),
      }).returning();
      const r = row!;
      const approverRows = steps.flatMap((list, i) => list.map((p) => ({ requestId: r.id, step: i + 1, personId: p.personId })));
      if (approverRows.length) await tx.insert(accessRequestApprovers).values(approverRows).onConflictDoNothing();
      await tx.insert(accessRequestTargets).values(targets.map((t) => ({
        requestId: r.id, connectorId: connector.id, entitlement: t as unknown as Record<string, unknown>, entitlementKey: entitlementKeyOf(t),
        principalType: principal.type, principalId: principal.id, ...targetResource(t),
      })));
      await audit(tx, r, 'request.submitted', caller.actor, {
        entitlement: asked.text, targets: targets.map(entitlementKeyOf), policy: { id: applies.id, name: policy.name, version: applies.version }, policyWhy: why,
        durationMinutes: duration.minutes, clamped: duration.clamped, breakGlass, extensionOf: extensionOf?.id ?? null, duplicateWarning: warning,
        summary: `${person.display_name} asked for ${asked.text} for ${duration.minutes} min${extensionOf ? ` (extending #${extensionOf.id})` : ''}`,
      }, at);
      if (extensionOf) await audit(tx, extensionOf, 'request.extended', caller.actor, { extensionId: r.id, minutes: duration.minutes, summary: `Extension asked: request #${r.id}` }, at);
      if (breakGlass) {
        await markApproved(tx, r, at, { autoApproved: 'break-glass' });
        await audit(tx, r, 'request.break_glass', caller.actor, { justification: parsed.justification, summary: `Break-glass: granted at once without approval, to be reviewed after the fact by the approvers of step 1` }, at);
        // The review after the fact is step 1's approvers' (the requester never among them): they are the ones told.
        for (const p of new Set((steps[0] ?? []).map((x) => x.personId))) {
          await tell(tx, p, 'request.break_glass_review', r, `Break-glass to review: ${asked.text}`,
            `${person.display_name} used break-glass (request #${r.id}): ${parsed.justification ?? ''}. It was granted at once, without approval. Your review is expected: open the request and record whether it was appropriate (an inappropriate verdict ends the access if it is still held).`,
            `request.break_glass_review:${r.id}:${p}`, at);
        }
      } else if (auto) {
        await markApproved(tx, r, at, { autoApproved: auto });
        await audit(tx, r, 'request.approved', 'system', { auto, summary: `Approved automatically: ${auto}` }, at);
      } else {
        for (const p of steps[0] ?? []) {
          await tell(tx, p.personId, 'request.submitted', r, `Access request to decide: ${asked.text}`, `${person.display_name} asks for ${asked.text} for ${duration.minutes} minutes${parsed.justification ? `: ${parsed.justification}` : ''}.`, `request.submitted:${r.id}:1:${p.personId}`, at);
        }
      }
      return r.id;
    });
    if (approved) await askGrants(id);
    return { request: await detail(id, caller), policyWhy: why, duplicateWarning: warning };
  }

  async function decide(id: number, decision: 'approve' | 'deny', comment: string | undefined, caller: RequestCaller): Promise<RequestDetail> {
    if (caller.personId === null) throw notAPerson(caller.actor);
    const approverId = caller.personId;
    const at = now();
    const approvedNow = await db.transaction(async (tx) => {
      const row = await lock(tx, id);
      if (!(await mayReadIn(tx, row, caller))) throw notFound(id);
      if (row.status !== 'pending') must(row.status, decision === 'approve' ? 'approve' : 'deny');
      if (row.requesterPersonId === approverId) {
        throw new RrcuError(REQUEST_ERRORS.SELF_APPROVAL, `Request #${id} is yours: nobody approves or denies their own request, whatever their role.`, { fix: 'Another approver of the request decides it (see its approvers).' });
      }
      if (!(await approverIds(tx, id, row.currentStep)).includes(approverId)) {
        throw new RrcuError(REQUEST_ERRORS.NOT_AN_APPROVER, `You are not an approver of step ${row.currentStep} of request #${id}.`, { fix: 'The request names its approvers (rrcu request show N); ask one of them.' });
      }
      const earlier = await tx.select().from(accessRequestApprovals).where(eq(accessRequestApprovals.requestId, id)).orderBy(accessRequestApprovals.id);
      if (earlier.some((d) => d.approverPersonId === approverId)) {
        throw new RrcuError(REQUEST_ERRORS.ALREADY_DECIDED, `You already decided request #${id}.`, { fix: 'Each approver decides once; another approver decides the next approval.' });
      }
      await tx.insert(accessRequestApprovals).values({ requestId: id, step: row.currentStep, approverPersonId: approverId, approverUserId: caller.userId, actor: caller.actor, decision, comment: comment ?? null, at });
      const decisions: ApprovalDecision[] = [...earlier, { step: row.currentStep, approverPersonId: approverId, decision, at }].map((d) => ({ step: d.step, approverPersonId: d.approverPersonId, decision: d.decision, at: d.at }));
      const progress = approvalProgress(policyDoc(row).approvalSteps.map((s) => ({ approvals: s.approvals })), decisions);
      const who = await personRow(tx, approverId);
      if (progress.state === 'approved') {
        await markApproved(tx, row, at);
        await audit(tx, row, 'request.approved', caller.actor, { step: row.currentStep, approver: approverId, comment: comment ?? null, summary: `Approved by ${who.display_name}${comment ? `: ${comment}` : ''}` }, at);
        await tell(tx, row.requesterPersonId, 'request.decided', row, `Approved: ${row.entitlementText}`, `${who.display_name} approved request #${id}${comment ? `: ${comment}` : ''}. It is being provisioned.`, `request.decided:${id}`, at);
        return true;
      }
      if (progress.state === 'denied') {
        await tx.update(accessRequests).set({ status: must(row.status, 'deny'), decidedAt: at, endedAt: at, endReason: cut(`denied by ${who.display_name}${comment ? `: ${comment}` : ''}`, 2000) }).where(eq(accessRequests.id, id));
        await audit(tx, row, 'request.denied', caller.actor, { step: row.currentStep, approver: approverId, comment: comment ?? null, summary: `Denied by ${who.display_name}${comment ? `: ${comment}` : ''}` }, at);
        await tell(tx, row.requesterPersonId, 'request.decided', row, `Denied: ${row.entitlementText}`, `${who.display_name} denied request #${id}${comment ? `: ${comment}` : ''}.`, `request.decided:${id}`, at);
        return false;
      }
      await audit(tx, row, 'request.step_approved', caller.actor, { step: row.currentStep, approver: approverId, comment: comment ?? null, summary: `${who.display_name} approved (step ${row.currentStep}: ${progress.approvalsSoFar} of ${progress.needed})` }, at);
      if (progress.step !== row.currentStep) {
        await tx.update(accessRequests).set({ currentStep: progress.step }).where(eq(accessRequests.id, id));
        for (const p of await approverIds(tx, id, progress.step)) {
          if (decisions.some((d) => d.approverPersonId === p)) continue;
          await tell(tx, p, 'request.submitted', row, `Access request to decide: ${row.entitlementText}`, `Request #${id} reached approval step ${progress.step}.`, `request.submitted:${id}:${progress.step}:${p}`, at);
        }
      }
      return false;
    });
    if (approvedNow) await askGrants(id);
    return detail(id, caller);
  }

  async function mayReadIn(tx: Db, row: Row, caller: RequestCaller): Promise<boolean> {
    if (READ_ALL_ROLES.has(caller.role)) return true;
    if (caller.personId === null) return false;
    return row.requesterPersonId === caller.personId || (await approverIds(tx, row.id)).includes(caller.personId);
  }

  function emptySummary(): TickSummary {
    return { granted: 0, activated: 0, failed: 0, expired: 0, timedOut: 0, warned: 0, revokesAsked: 0, ended: 0 };
  }

  return {
    async listPolicies(options = {}) {
      const rows = await db.select().from(requestPolicies).where(and(
        options.connectorId ? eq(requestPolicies.connectorId, options.connectorId) : undefined,
        options.includeArchived ? undefined : sql`${requestPolicies.archivedAt} is null`,
      )).orderBy(requestPolicies.name);
      return Promise.all(rows.map((r) => policyView(r)));
    },

    async getPolicy(ref, connector) {
      const connectorId = connector ? (await liveConnector(db, connector)).id : undefined;
      const rows = await db.select().from(requestPolicies).where(and(
        sql`(${requestPolicies.id}::text = ${ref} or (lower(${requestPolicies.name}) = lower(${ref}) and ${requestPolicies.archivedAt} is null))`,
        connectorId ? eq(requestPolicies.connectorId, connectorId) : undefined,
      ));
      if (rows.length !== 1) throw rows.length ? new RrcuError(REQUEST_ERRORS.POLICY_NOT_FOUND, `${rows.length} policies are named ${JSON.stringify(ref)} on different connectors.`, { fix: 'Name the connector too, or use the policy\'s id.' }) : policyNotFound(ref);
      return policyView(rows[0]!);
    },

    async applyPolicy(document, by): Promise<AppliedPolicy> {
      const doc = parse(requestPolicyDocumentSchema, document);
      const connector = await liveConnector(db, doc.connector);
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`request-policy|${connector.id}|${doc.name.toLowerCase()}`}, 0))`);
        const [existing] = await tx.select().from(requestPolicies).where(and(eq(requestPolicies.connectorId, connector.id), sql`lower(${requestPolicies.name}) = lower(${doc.name})`, sql`${requestPolicies.archivedAt} is null`));
        const at = now();
        if (!existing) {
          const [created] = await tx.insert(requestPolicies).values({ connectorId: connector.id, name: doc.name, document: doc as unknown as Record<string, unknown>, createdBy: by, updatedBy: by, createdAt: at, updatedAt: at }).returning();
          await recordAuditEvent(tx, { type: 'request_policy.created', actor: by, subject: `request_policy:${created!.id}`, data: { policyId: created!.id, name: doc.name, connectorId: connector.id, version: 1, document: doc } }, at);
          return { outcome: 'created' as const, policy: await policyView(created!, tx) };
        }
        if (canonicalJson(existing.document) === canonicalJson(doc)) return { outcome: 'unchanged' as const, policy: await policyView(existing, tx) };
        const [updated] = await tx.update(requestPolicies).set({ name: doc.name, document: doc as unknown as Record<string, unknown>, version: existing.version + 1, updatedBy: by, updatedAt: at }).where(eq(requestPolicies.id, existing.id)).returning();
        await recordAuditEvent(tx, { type: 'request_policy.updated', actor: by, subject: `request_policy:${existing.id}`, data: { policyId: existing.id, name: doc.name, connectorId: connector.id, version: updated!.version, before: existing.document, document: doc } }, at);
        return { outcome: 'updated' as const, policy: await policyView(updated!, tx) };
      });
    },

    async archivePolicy(id, by) {
      return db.transaction(async (tx) => {
        const [p] = await tx.select().from(requestPolicies).where(sql`${requestPolicies.id}::text = ${id}`);
        if (!p) throw policyNotFound(id);
        if (p.archivedAt) return policyView(p, tx);
        const at = now();
        const [archived] = await tx.update(requestPolicies).set({ archivedAt: at, archivedBy: by }).where(eq(requestPolicies.id, p.id)).returning();
        await recordAuditEvent(tx, { type: 'request_policy.archived', actor: by, subject: `request_policy:${p.id}`, data: { policyId: p.id, name: p.name, connectorId: p.connectorId, version: p.version } }, at);
        return policyView(archived!, tx);
      });
    },

    async previewPolicy(document: RequestPolicyInput): Promise<PolicyPreview> {
      const doc = parse(requestPolicyDocumentSchema, document);
      const connector = await liveConnector(db, doc.connector);
      const unresolved: string[] = [];
      const requestable = [];
      for (const r of doc.requestable) {
        const resolved = await resolveRequestable(db, connector.id, doc, r, unresolved);
        if (resolved) requestable.push(resolved);
      }
      // Every person's facts in two queries, then the one eligibility rule over them in memory (no second copy of it in SQL).
      const eligible: PersonRef[] = (await connectorRequesters(db, connector.id))
        .filter(({ requester }) => eligibility(doc, requester).eligible)
        .map(({ person: p }) => ({ personId: p.id, displayName: p.display_name, email: p.email }));
      const facts = await approverFacts(db, connector.id, doc, [], null);
      return {
        connectorId: connector.id,
        eligible: { count: eligible.length, people: eligible.slice(0, 100) },
        steps: doc.approvalSteps.map((s, i) => ({
          step: i + 1, approvals: s.approvals, approvers: approversOf(s, facts, null).map(toPersonRef),
          dependsOnRequest: s.approvers.flatMap((a) => (a.kind === 'owner' ? ["the requested resource's owners"] : a.kind === 'manager' ? ["the requester's manager"] : [])),
        })),
        requestable,
        unresolved,
      };
    },

    async requestable(caller): Promise<RequestableView[]> {
      if (caller.personId === null) return [];
      const person = await personRow(db, caller.personId);
      const out: RequestableView[] = [];
      const policies = await db.select().from(requestPolicies).where(sql`${requestPolicies.archivedAt} is null`).orderBy(requestPolicies.name);
      const requesters = new Map<string, Awaited<ReturnType<typeof requesterOf>>>();
      for (const p of policies) {
        const doc = requestPolicyDocumentSchema.parse(p.document);
        const requester = requesters.get(p.connectorId) ?? (await requesterOf(db, p.connectorId, person));
        requesters.set(p.connectorId, requester);
        if (!eligibility(doc, requester).eligible) continue;
        const view = await policyView(p);
        for (const r of doc.requestable) {
          const resolved = await resolveRequestable(db, p.connectorId, doc, r, []);
          if (!resolved) continue;
          out.push({
            policy: { id: p.id, name: p.name, version: p.version, description: doc.description }, connectorId: p.connectorId, connectorName: view.connectorName, requestable: resolved,
            defaultDurationMinutes: doc.defaultDurationMinutes, maxDurationMinutes: doc.maxDurationMinutes, justificationRequired: doc.justificationRequired,
            ticket: { required: doc.ticket.required, pattern: doc.ticket.pattern ?? null }, breakGlass: { allowed: doc.breakGlass.allowed, maxDurationMinutes: doc.breakGlass.maxDurationMinutes ?? null },
            approvalSteps: doc.approvalSteps.map((s) => ({ approvals: s.approvals, sources: s.approvers.map((a) => (a.kind === 'people' ? a.emails.join(', ') : a.kind === 'rrcu_role' ? `role ${a.role}` : a.kind === 'sso_group' ? `group ${a.group}` : a.kind)) })),
            autoApproval: doc.autoApproval.length > 0,
          });
        }
      }
      return out;
    },

    submit: (input, caller) => submitOne(input, caller, null),

    async listRequests(filter, caller) {
      const f = parse(requestListFilterSchema, filter);
      if (f.view === 'all' && !READ_ALL_ROLES.has(caller.role)) {
        throw new RrcuError(REQUEST_ERRORS.NOT_ALLOWED, 'Every request is for administrators and auditors.', { fix: 'List your own requests (view mine) or those waiting for you (view approvals).' });
      }
      if (f.view !== 'all' && caller.personId === null) return [];
      const where = [
        f.view === 'mine' ? sql`r.requester_person_id = ${caller.personId}` : sql`true`,
        // Waiting for the caller: a pending request at a step they approve and have not decided, or a break-glass one awaiting their post-hoc review.
        f.view === 'approvals' ? sql`r.requester_person_id <> ${caller.personId} and ((r.status = 'pending'
          and exists (select 1 from access_request_approvers a where a.request_id = r.id and a.step = r.current_step and a.person_id = ${caller.personId})
          and not exists (select 1 from access_request_approvals d where d.request_id = r.id and d.approver_person_id = ${caller.personId}))
          or (r.break_glass and exists (select 1 from access_request_approvers a where a.request_id = r.id and a.step = 1 and a.person_id = ${caller.personId})
          and not exists (select 1 from access_request_post_hoc_reviews v where v.request_id = r.id)))` : sql`true`,
        f.status?.length ? sql`r.status in (${sql.join(f.status.map((s) => sql`${s}`), sql`, `)})` : sql`true`,
        f.connectorId ? sql`r.connector_id = ${f.connectorId}` : sql`true`,
        f.before ? sql`r.id < ${f.before}` : sql`true`,
      ];
      const ids = await queryRows<{ id: number | string }>(db, sql`select r.id from access_requests r where ${sql.join(where, sql` and `)} order by r.id desc limit ${f.limit}`);
      if (ids.length === 0) return [];
      const rows = await db.select().from(accessRequests).where(inArray(accessRequests.id, ids.map((r) => Number(r.id))));
      rows.sort((a, b) => b.id - a.id);
      return toViews(rows);
    },

    getRequest: detail,

    async reviewBreakGlass(id, input, caller) {
      const { verdict, comment } = parse(reviewBreakGlassInputSchema, input);
      if (caller.personId === null) throw notAPerson(caller.actor);
      const reviewerId = caller.personId;
      const at = now();
      let endNow = false;
      await db.transaction(async (tx) => {
        const row = await lock(tx, id);
        if (!(await mayReadIn(tx, row, caller))) throw notFound(id);
        const [earlier] = await tx.select({ id: accessRequestPostHocReviews.id }).from(accessRequestPostHocReviews).where(eq(accessRequestPostHocReviews.requestId, id));
        const may = mayReviewBreakGlass(id, { breakGlass: row.breakGlass, requesterPersonId: row.requesterPersonId, reviewers: await approverIds(tx, id, 1), reviewed: earlier !== undefined }, reviewerId);
        if (!may.ok) {
          throw new RrcuError(REQUEST_ERRORS[may.code], may.message, {
            fix: may.code === 'ALREADY_REVIEWED' ? 'See the verdict on the request (rrcu request show N).' : 'An approver of the policy\'s first step reviews it (see its approvers: rrcu request show N).',
          });
        }
        await tx.insert(accessRequestPostHocReviews).values({ requestId: id, reviewerPersonId: reviewerId, reviewerUserId: caller.userId, actor: caller.actor, verdict, comment: comment ?? null, at });
        const who = await personRow(tx, reviewerId);
        await audit(tx, row, 'request.break_glass_reviewed', caller.actor, {
          verdict, comment: comment ?? null, reviewer: reviewerId, status: row.status,
          summary: `Break-glass reviewed by ${who.display_name}: ${verdict}${comment ? ` (${comment})` : ''}`,
        }, at);
        if (verdict === 'appropriate') return;
        // Inappropriate: access still held ends now, through the revoke path (reference-counted); the administrators are told.
        const reason = cut(`break-glass reviewed inappropriate by ${who.display_name}: ${comment ?? ''}`, 2000);
        if (row.status === 'active') {
          await endInTx(tx, row, 'revoke', caller.actor, reason, at);
          endNow = true;
        } else if ((row.status === 'approved' || row.status === 'provisioning') && row.endingAs !== 'revoke') {
          await tx.update(accessRequests).set({ endingAs: 'revoke', endingBy: caller.actor, endingReason: reason }).where(eq(accessRequests.id, id));
          await audit(tx, row, 'request.revoke_asked', caller.actor, { reason, summary: `Revoke asked by ${caller.actor} while provisioning: carried out once the grants finish` }, at);
        }
        await notify(tx, {
          kind: 'request.break_glass_inappropriate', recipient: { role: 'connector_admin' }, title: cut(`Break-glass judged inappropriate: request #${id}, ${row.entitlementText}`, 200),
          body: cut(`${who.display_name} reviewed request #${id}'s break-glass as inappropriate: ${comment ?? ''}. ${row.status === 'active' || row.status === 'approved' || row.status === 'provisioning' ? 'The access was revoked early.' : `The access had already ended (${row.status}).`}`, 2000),
          link: link(id), payload: { requestId: id }, dedupeKey: `request.break_glass_inappropriate:${id}`,
        }, at);
      });
      if (endNow) await askRevokes([id]);
      return detail(id, caller);
    },
    approve: (id, input, caller) => decide(id, 'approve', parse(decideRequestInputSchema, input).comment, caller),
    deny: (id, input, caller) => decide(id, 'deny', parse(decideRequestInputSchema, input).comment, caller),

    async cancel(id, caller) {
      const at = now();
      await db.transaction(async (tx) => {
        const row = await lock(tx, id);
        if (!(await mayReadIn(tx, row, caller))) throw notFound(id);
        if (caller.personId !== row.requesterPersonId) {
          throw new RrcuError(REQUEST_ERRORS.NOT_ALLOWED, `Only the requester cancels request #${id}.`, { fix: 'An approver denies it instead; once active, it is revoked.' });
        }
        const t = transition(row.status, 'cancel');
        if (!t.ok) throw refusal(t);
        if (!t.changed) return;
        await tx.update(accessRequests).set({ status: t.to, endedAt: at, endReason: 'cancelled by the requester' }).where(eq(accessRequests.id, id));
        await audit(tx, row, 'request.cancelled', caller.actor, { summary: 'Cancelled by the requester' }, at);
      });
      return detail(id, caller);
    },

    async revoke(id, input, caller) {
      const { reason } = parse(revokeRequestInputSchema, input);
      const at = now();
      let endNow = false;
      await db.transaction(async (tx) => {
        const row = await lock(tx, id);
        if (!(await mayReadIn(tx, row, caller))) throw notFound(id);
        const approver = caller.personId !== null && (await approverIds(tx, id)).includes(caller.personId);
        if (!(caller.personId === row.requesterPersonId || approver || ADMIN_ROLES.has(caller.role))) {
          throw new RrcuError(REQUEST_ERRORS.NOT_ALLOWED, `Only the requester, an approver or an administrator revokes request #${id}.`, { fix: 'Ask one of them.' });
        }
        if (row.status === 'active') {
          await endInTx(tx, row, 'revoke', caller.actor, reason ?? null, at);
          endNow = true;
          return;
        }
        if (row.status === 'approved' || row.status === 'provisioning') {
          // The grants still run: the revoke follows them (lifecycle: revoked once the tasks end), never beside them in AWS.
          if (row.endingAs === 'revoke') return;
          await tx.update(accessRequests).set({ endingAs: 'revoke', endingBy: caller.actor, endingReason: reason ?? null }).where(eq(accessRequests.id, id));
          await audit(tx, row, 'request.revoke_asked', caller.actor, { reason: reason ?? null, summary: `Revoke asked by ${caller.actor} while provisioning: carried out once the grants finish` }, at);
          return;
        }
        throw new RrcuError(REQUEST_ERRORS.REQUEST_NOT_ACTIVE, `Request #${id} is ${row.status}: there is nothing to revoke.`, { fix: FIXES.REQUEST_NOT_ACTIVE! });
      });
      if (endNow) await askRevokes([id]);
      return detail(id, caller);
    },

    async extend(id, input, caller) {
      const { minutes, justification } = parse(extendRequestInputSchema, input);
      const row = await load(db, id);
      if (!(await mayRead(row, caller))) throw notFound(id);
      if (caller.personId !== row.requesterPersonId) throw new RrcuError(REQUEST_ERRORS.NOT_ALLOWED, `Only the requester extends request #${id}.`, { fix: 'Ask the requester to extend it.' });
      if (row.status !== 'active' && row.status !== 'provisioning') throw new RrcuError(REQUEST_ERRORS.REQUEST_NOT_ACTIVE, `Request #${id} is ${row.status}: only access being provisioned or active is extended.`, { fix: 'Make a new request.' });
      const targets = await targetsOf(db, id);
      const first = targets[0]!.entitlement as unknown as RequestedEntitlement;
      const entitlement = first.kind === 'permission_set'
        ? { kind: 'permission_set' as const, permissionSet: first.permissionSetArn, accounts: targets.map((t) => t.resourceId) }
        : first.kind === 'sso_group' ? { kind: 'sso_group' as const, group: first.groupId } : { kind: 'iam_group' as const, group: first.groupArn, account: first.account.id };
      return submitOne({ connector: row.connectorId ?? undefined, entitlement, durationMinutes: minutes, justification: justification ?? row.justification ?? undefined, ticket: row.ticket ?? undefined }, caller, row);
    },

    async tick(at = now(), options = {}) {
      const summary = emptySummary();
      const stopping = () => options.signal?.aborted === true;
      const due = await db.select().from(accessRequests).where(sql`${accessRequests.id} in (
        select id from access_requests where status in ('approved', 'provisioning') and not ${options.dueOnly === true}
        union select id from access_requests where status = 'active' and (expires_at <= ${new Date(at.getTime() + EXPIRING_NOTICE_MS).toISOString()}::timestamptz or ending_as is not null)
        union select id from access_requests where status = 'pending' and pending_until <= ${at.toISOString()}::timestamptz
        union select distinct t.request_id from access_request_targets t where t.status in ('revoke_waiting', 'revoking')
        union select distinct t.request_id from access_request_targets t join access_requests r on r.id = t.request_id
          where t.status in ('granting', 'granted') and r.status in ('denied', 'cancelled', 'timed_out', 'expired', 'revoked', 'failed'))`).orderBy(accessRequests.id);
      const plan = planTick(due, at);
      /** One request's work on its own: a failure is logged and left to the next tick; none is logged once the app stops (the store closes under it). */
      const alone = async (id: number) => {
        try {
          await settleOne(id, at, summary);
        } catch (e) {
          if (!stopping()) log(`request-tick: request #${id} failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      };
      /**
       * A batch's work in one go; if it fails, its requests one by one, so one request's failure holds up no
       * other. The batch's failure is logged first: the redo may succeed, and would otherwise leave no trace of it.
       */
      const batched = async (step: string, ids: number[], work: (batch: number[]) => Promise<void>) => {
        for (const batch of batchesOf(ids, TICK_BATCH)) {
          if (stopping()) return;
          try {
            await work(batch);
          } catch (e) {
            if (!stopping()) log(`request-tick: the ${step} of request(s) ${batch.map((id) => `#${id}`).join(', ')} failed together, so each is done on its own: ${e instanceof Error ? e.message : String(e)}`);
            for (const id of batch) if (!stopping()) await alone(id);
          }
        }
      };
      await batched('time-outs', plan.time_out, async (batch) => {
        summary.timedOut += await timeOut(batch, at);
      });
      await batched('ends', plan.end, async (batch) => {
        const ended = await endAll(batch, at);
        summary.expired += ended.expired.length;
        summary.ended += ended.revoked.length;
        summary.revokesAsked += await askRevokes([...ended.expired, ...ended.revoked]);
      });
      await batched('notices', plan.notice, async (batch) => {
        summary.warned += await warn(batch, at);
      });
      // Grants asked for and followed, revokes followed, late grants: provisioning is called between their
      // transactions (a task is written in provisioning's own), and each request's steps depend on what its
      // previous step's call answered, so these stay request by request.
      for (const id of plan.settle) {
        if (stopping()) break;
        await alone(id);
      }
      return summary;
    },

    async settle(id, at = now()) {
      await settleOne(id, at, emptySummary());
      const [state] = await queryRows<{ status: string; busy: boolean }>(db, sql`
        select r.status, exists (select 1 from access_request_targets t where t.request_id = r.id and t.status in ('granting', 'revoking', 'revoke_waiting')) as busy
        from access_requests r where r.id = ${id}`);
      return { running: !!state && (state.status === 'approved' || state.status === 'provisioning' || state.busy) };
    },
  };
}

/** The request's entitlement without its accounts, and how it reads ("ReadOnlyAccess on dev-1, dev-2"). */
function askedEntitlement(targets: RequestedEntitlement[]): { entitlement: Record<string, unknown>; text: string } {
  const first = targets[0]!;
  if (first.kind === 'permission_set') {
    const accounts = targets.map((t) => (t.kind === 'permission_set' ? t.account.name : ''));
    return { entitlement: { kind: 'permission_set', permissionSetArn: first.permissionSetArn, permissionSetName: first.permissionSetName, accounts: targets.map((t) => (t.kind === 'permission_set' ? t.account.id : '')) }, text: cut(`${first.permissionSetName} on ${accounts.join(', ')}`, 500) };
  }
  if (first.kind === 'sso_group') return { entitlement: { kind: 'sso_group', groupId: first.groupId, groupName: first.groupName }, text: describeRequested(first) };
  return { entitlement: { kind: 'iam_group', groupArn: first.groupArn, groupName: first.groupName, account: first.account }, text: describeRequested(first) };
}

function targetResource(t: RequestedEntitlement): { resourceType: string; resourceId: string; resourceName: string } {
  switch (t.kind) {
    case 'permission_set':
      return { resourceType: 'account', resourceId: t.account.id, resourceName: t.account.name };
    case 'sso_group':
      return { resourceType: 'sso_group', resourceId: t.groupId, resourceName: t.groupName };
    case 'iam_group':
      return { resourceType: 'iam_group', resourceId: t.groupArn, resourceName: t.groupName };
  }
}

function summaryOf(type: string, data: Record<string, unknown>): string {
  switch (type) {
    case 'provisioning.requested':
      return `${String(data.action)} of ${String(data.entitlement)} asked (task ${String(data.taskId)})`;
    case 'provisioning.succeeded':
      return `task ${String(data.taskId)} done in AWS${data.verified === true ? ', read back' : ''}`;
    case 'provisioning.failed':
      return `task ${String(data.taskId)} failed`;
    case 'provisioning.observed':
      return `observed by sync run ${String(data.runId ?? '')}`;
    default:
      return type;
  }
}

export type { Person };
