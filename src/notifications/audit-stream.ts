/**
 * Audit streaming: a webhook channel with `audit_stream` on receives every audit event, in sequence order,
 * at least once, in signed batches of up to AUDIT_STREAM_BATCH (docs/notifications.md, "Audit streaming").
 * Its cursor (audit_stream_cursors.last_seq) is the last event the receiver acknowledged with a 2xx: a batch
 * is sent from just after it, and the cursor moves only on a 2xx, so a refusal, a timeout or a worker that
 * dies mid-send means the same events are sent again — never that one is skipped. One batch is in flight
 * per channel: batches go one after another here, and one run per channel at a time (audit-stream-jobs.ts).
 *
 * Why the cursor alone suffices: the audit writer numbers events under a lock held until its transaction
 * commits (audit/record.ts), so events become visible in sequence order, and a reader that sees event n
 * has seen every event before it.
 */
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { auditEvents, auditStreamCursors, notificationChannels, type Db } from '../store/index.ts';
import { auditStreamStates } from './audit-stream-state.ts';
import type { SendResult } from './channels/index.ts';
import { postSignedJson, webhookDriver } from './channels/webhook.ts';
import { openChannelSecrets } from './channel-records.ts';
import { notify } from './notify.ts';

export const AUDIT_STREAM_BATCH = 100;
/** A batch not acknowledged within this is abandoned and sent again on the next run. */
export const AUDIT_STREAM_SEND_TIMEOUT_MS = 30_000;
/**
 * A receiver failing this long (since its last 2xx) is reported to the Super Administrators, once per
 * streak: a SIEM restarting answers 503 for a minute or two, which is not news; a quarter of an hour is
 * past the backoff's first steps and still found within its 5-minute cap (audit-stream-jobs.ts).
 */
export const AUDIT_STREAM_FAILING_NOTICE_AFTER_MS = 15 * 60_000;

export type AuditStreamDeps = {
  db: Db;
  secretKey: string | undefined;
  /** RRCU_ALLOW_HTTP_WEBHOOKS (channels/webhook.ts). */
  allowHttpWebhooks?: boolean | undefined;
  now: () => Date;
};

/** One event as the receiver gets it: the audit chain's fields, so it can check `prevHash` and `hash`. */
export type StreamedAuditEvent = {
  seq: number;
  type: string;
  actor: string;
  subject: string | null;
  data: Record<string, unknown>;
  /** occurred_at, ISO-8601 to the millisecond (the `occurredAt` the hash covers). */
  at: string;
  prevHash: string;
  hash: string;
};

export type AuditStreamRun =
  /** Not an enabled, live, audit-streaming webhook channel (any more): nothing to do. */
  | { status: 'off'; sent: number }
  /** Everything up to the chain's end was acknowledged. */
  | { status: 'caught_up'; sent: number; lastSeq: number }
  /** Batches acknowledged, more waiting: the run's budget ended first. */
  | { status: 'more'; sent: number; lastSeq: number }
  /** A batch was not acknowledged: the cursor stays before it. */
  | { status: 'failed'; sent: number; lastSeq: number; result: Extract<SendResult, { ok: false }> };

/**
 * Sends the channel's next batches, one at a time, until the receiver has everything (`caught_up`), a
 * batch fails, or `maxBatches` were sent (`more`). `signal` aborts a send in flight (the job's stop): the
 * batch counts as not acknowledged.
 */
export async function streamAuditOnce(deps: AuditStreamDeps, channelId: string, options: { maxBatches?: number; signal?: AbortSignal } = {}): Promise<AuditStreamRun> {
  const { db } = deps;
  const [channel] = await db
    .select()
    .from(notificationChannels)
    .where(and(eq(notificationChannels.id, channelId), eq(notificationChannels.kind, 'webhook'), eq(notificationChannels.auditStream, true), eq(notificationChannels.enabled, true), isNull(notificationChannels.archivedAt)));
  if (!channel) return { status: 'off', sent: 0 };
  let lastSeq = await cursorOf(db, channelId);
  let target: Parameters<typeof postSignedJson>[0];
  try {
    target = { config: webhookDriver.parseConfig(channel.config), secrets: webhookDriver.parseSecrets(openChannelSecrets(channel.secretsCiphertext, deps.secretKey)) };
  } catch (e) {
    // The secret key changed or is missing, or the stored settings no longer parse: nothing was sent.
    const result = { ok: false as const, retryable: true, reason: `RRCU could not open the channel: ${e instanceof Error ? e.message : String(e)}` };
    await recordFailure(deps, channel, result.reason);
    return { status: 'failed', sent: 0, lastSeq, result };
  }
  let sent = 0;
  for (let batches = 0; batches < (options.maxBatches ?? 10); batches++) {
    const events = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, lastSeq))
      .orderBy(asc(auditEvents.seq))
      .limit(AUDIT_STREAM_BATCH);
    if (events.length === 0) return { status: 'caught_up', sent, lastSeq };
    const first = events[0]!.seq;
    const last = events[events.length - 1]!.seq;
    const signal = options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(AUDIT_STREAM_SEND_TIMEOUT_MS)]) : AbortSignal.timeout(AUDIT_STREAM_SEND_TIMEOUT_MS);
    const result = await postSignedJson(target, auditStreamBody(events), { deliveryId: `audit-${channelId}-${first}-${last}`, signal, allowHttpWebhooks: deps.allowHttpWebhooks }, deps.now);
    if (!result.ok) {
      await recordFailure(deps, channel, result.reason);
      return { status: 'failed', sent, lastSeq, result };
    }
    // Only from where this run read it: a cursor another run moved meanwhile is not moved back.
    const moved = await db
      .update(auditStreamCursors)
      .set({ lastSeq: last, lastSentAt: deps.now(), lastError: null, lastFailedAt: null, failingSince: null })
      .where(and(eq(auditStreamCursors.channelId, channelId), eq(auditStreamCursors.lastSeq, lastSeq)))
      .returning({ lastSeq: auditStreamCursors.lastSeq });
    sent += events.length;
    lastSeq = moved.length ? last : await cursorOf(db, channelId);
  }
  const [next] = await db.select({ seq: auditEvents.seq }).from(auditEvents).where(gt(auditEvents.seq, lastSeq)).limit(1);
  return next ? { status: 'more', sent, lastSeq } : { status: 'caught_up', sent, lastSeq };
}

/** The body of one batch: `{ stream: 'audit', events: [...] }`, events in sequence order. */
export function auditStreamBody(events: readonly (typeof auditEvents.$inferSelect)[]): string {
  const streamed: StreamedAuditEvent[] = events.map((e) => ({
    seq: e.seq,
    type: e.type,
    actor: e.actor,
    subject: e.subject,
    data: e.data,
    at: e.occurredAt.toISOString(),
    prevHash: e.prevHash,
    hash: e.hash,
  }));
  return JSON.stringify({ stream: 'audit', events: streamed });
}

/**
 * Keeps why and when the attempt failed, and when the streak of failures began (the first since a 2xx).
 * A streak past AUDIT_STREAM_FAILING_NOTICE_AFTER_MS tells the Super Administrators, once: the streak's
 * start is the notice's dedupe key, so the next 2xx starts a new one.
 */
async function recordFailure(deps: AuditStreamDeps, channel: { id: string; name: string }, reason: string): Promise<void> {
  const at = deps.now();
  await deps.db.transaction(async (tx) => {
    const [cursor] = await tx
      .update(auditStreamCursors)
      .set({ lastError: reason.slice(0, 1000), lastFailedAt: at, failingSince: sql`coalesce(${auditStreamCursors.failingSince}, ${at.toISOString()}::timestamptz)` })
      .where(eq(auditStreamCursors.channelId, channel.id))
      .returning({ failingSince: auditStreamCursors.failingSince });
    const since = cursor?.failingSince;
    if (!since || at.getTime() - since.getTime() < AUDIT_STREAM_FAILING_NOTICE_AFTER_MS) return;
    const state = (await auditStreamStates(tx, [channel.id])).get(channel.id)!;
    const minutes = Math.floor((at.getTime() - since.getTime()) / 60_000);
    await notify(
      tx,
      {
        kind: 'audit_stream.failing',
        recipient: { role: 'super_admin' },
        title: `The audit stream to ${channel.name} has been failing for ${minutes} minutes`.slice(0, 200),
        body: `Its receiver has not acknowledged an audit event since ${since.toISOString()}: streamed up to event #${state.lastSeq}, ${state.waiting} waiting. Last error: ${reason}. RRCU keeps trying; the receiver gets every waiting event, in order, once it answers 2xx again.`.slice(0, 2000),
        link: '/settings/notifications',
        payload: { channelId: channel.id, failingSince: since.toISOString(), lastSeq: state.lastSeq, waiting: state.waiting },
        dedupeKey: `audit_stream.failing:${channel.id}:${since.toISOString()}`,
      },
      at,
    );
  });
}

/** The channel's cursor, made at 0 (before the first event) the first time: a new stream starts from the beginning. */
async function cursorOf(db: Db, channelId: string): Promise<number> {
  await db.insert(auditStreamCursors).values({ channelId, lastSeq: 0 }).onConflictDoNothing();
  const [row] = await db.select({ lastSeq: auditStreamCursors.lastSeq }).from(auditStreamCursors).where(eq(auditStreamCursors.channelId, channelId));
  return row!.lastSeq;
}

/** The audit-streaming channels (enabled, live) whose receiver has not acknowledged the chain's last event. */
export async function channelsBehind(db: Db): Promise<string[]> {
  const rows = await db
    .select({ id: notificationChannels.id })
    .from(notificationChannels)
    .leftJoin(auditStreamCursors, eq(auditStreamCursors.channelId, notificationChannels.id))
    .where(
      and(
        eq(notificationChannels.kind, 'webhook'),
        eq(notificationChannels.auditStream, true),
        eq(notificationChannels.enabled, true),
        isNull(notificationChannels.archivedAt),
        sql`coalesce(${auditStreamCursors.lastSeq}, 0) < (select coalesce(max(${auditEvents.seq}), 0) from ${auditEvents})`,
      ),
    );
  return rows.map((r) => r.id);
}
