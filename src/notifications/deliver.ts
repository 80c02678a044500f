/**
 * One delivery, once: claim it (pending and due → sending, in its own committed transaction), then open
 * the channel's secrets, render, send, and record what happened. The claim is what makes a send happen at
 * most once per attempt: a job delivered twice, or a second worker, finds the row `sending` or done and
 * does nothing; a worker that died after sending leaves it `sending`, and the sweep marks it `uncertain`
 * (sent or not, nobody knows) rather than sending it again. Webhooks are the exception (sweep.ts).
 */
import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { JobEngine } from '../jobs/index.ts';
import { notificationChannels, notificationDeliveries, notifications, type Db } from '../store/index.ts';
import { DRIVERS, type ChannelDriver, type ChannelKind, type DeliveryAddress, type RenderedMessage, type SendContext, type SendResult } from './channels/index.ts';
import { openChannelSecrets } from './channel-records.ts';
import { nextAttempt } from './core/backoff.ts';
import { renderDigest, renderNotification, renderTest, type OutboxMessage } from './core/render.ts';
import type { EnvironmentEmail } from './environment-channel.ts';
import { deliverJob } from './queues.ts';

type DeliveryRow = typeof notificationDeliveries.$inferSelect;
type ChannelRow = typeof notificationChannels.$inferSelect;

/** A send that takes longer is abandoned and tried again later (drivers stop on the signal). */
export const SEND_TIMEOUT_MS = 60_000;

export type DeliveryDeps = {
  db: Db;
  secretKey?: string | undefined;
  /** Links in messages are absolute on this address. */
  publicUrl: string;
  /** RRCU_SMTP_URL's channel, when set: its secrets live here, not in the store. */
  environmentEmail?: EnvironmentEmail | undefined;
  /** Where retries are sent; without it a retryable failure waits for the sweep to send its job. */
  jobs?: JobEngine | undefined;
  now: () => Date;
  drivers?: Partial<Record<ChannelKind, ChannelDriver<unknown, unknown>>>;
  /** This process's settings the drivers read (RRCU_SLACK_API_URL, RRCU_ALLOW_HTTP_WEBHOOKS). */
  sendSettings?: Pick<SendContext, 'slackApiUrl' | 'allowHttpWebhooks'>;
};

export type DeliveryOutcome = { claimed: false } | { claimed: true; status: 'sent' | 'pending' | 'failed' | 'skipped'; result: SendResult };

/** pending and due → sending; the row as claimed, or undefined when it is not this caller's to send. */
export async function claimDelivery(db: Db, id: string, now: Date): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .update(notificationDeliveries)
    .set({ status: 'sending', attempts: sql`${notificationDeliveries.attempts} + 1`, claimedAt: now })
    .where(and(eq(notificationDeliveries.id, id), eq(notificationDeliveries.status, 'pending'), or(isNull(notificationDeliveries.nextAttemptAt), lte(notificationDeliveries.nextAttemptAt, now))))
    .returning();
  return row;
}

export async function deliverOne(deps: DeliveryDeps, id: string): Promise<DeliveryOutcome> {
  const claimed = await claimDelivery(deps.db, id, deps.now());
  if (!claimed) return { claimed: false };
  let result: SendResult;
  try {
    result = await sendClaimed(deps, claimed);
  } catch (e) {
    // Opening the secrets or rendering failed (the key changed, a bug): nothing was sent, so trying again is safe.
    result = { ok: false, retryable: true, reason: `RRCU could not prepare the message: ${e instanceof Error ? e.message : String(e)}` };
  }
  const status = await recordResult(deps, claimed, result);
  return { claimed: true, status, result };
}

/** Skipped, not failed: the channel was switched off or removed while the delivery waited. */
const SKIP = Symbol('skip');
type Prepared = { driver: ChannelDriver<unknown, unknown>; config: unknown; secrets: unknown; message: RenderedMessage } | { [SKIP]: string };

async function sendClaimed(deps: DeliveryDeps, d: DeliveryRow): Promise<SendResult> {
  const prepared = await prepare(deps, d);
  if (SKIP in prepared) return { ok: false, retryable: false, reason: prepared[SKIP], code: SKIPPED_CODE };
  const signal = AbortSignal.timeout(SEND_TIMEOUT_MS);
  try {
    return await prepared.driver.send(prepared.message, d.address as DeliveryAddress, { config: prepared.config, secrets: prepared.secrets }, { ...deps.sendSettings, deliveryId: d.id, signal });
  } catch (e) {
    // Drivers answer with a SendResult; one that throws failed before or during the send, as a network error would.
    return { ok: false, retryable: true, reason: e instanceof Error ? e.message.slice(0, 500) : String(e) };
  }
}

/** A code no SMTP server or HTTP receiver uses: marks a result as "skipped" between sendClaimed and recordResult. */
const SKIPPED_CODE = -1;

async function prepare(deps: DeliveryDeps, d: DeliveryRow): Promise<Prepared> {
  const [channel] = await deps.db.select().from(notificationChannels).where(eq(notificationChannels.id, d.channelId));
  if (!channel || channel.archivedAt) return { [SKIP]: 'The channel was archived before this was sent.' };
  // A test is sent on a disabled channel too: an administrator tries a channel before turning it on.
  if (!channel.enabled && d.kind !== 'notification.test') return { [SKIP]: 'The channel was disabled before this was sent.' };
  const driver = (deps.drivers ?? DRIVERS)[channel.kind as ChannelKind];
  if (!driver) return { [SKIP]: `This version of RRCU has no driver for ${channel.kind} channels.` };
  const opened = openChannel(deps, channel);
  if (!opened) return { [SKIP]: 'RRCU_SMTP_URL is no longer set.' };
  const message = await messageOf(deps, d, channel);
  if (!message) return { [SKIP]: 'The notification no longer exists.' };
  return { driver, config: driver.parseConfig(opened.config), secrets: driver.parseSecrets(opened.secrets), message };
}

function openChannel(deps: DeliveryDeps, channel: ChannelRow): { config: unknown; secrets: unknown } | undefined {
  if (channel.source === 'environment') return deps.environmentEmail;
  return { config: channel.config, secrets: openChannelSecrets(channel.secretsCiphertext, deps.secretKey) };
}

const outboxColumns = { kind: notifications.kind, title: notifications.title, body: notifications.body, link: notifications.link, payload: notifications.payload, createdAt: notifications.createdAt };

async function messageOf(deps: DeliveryDeps, d: DeliveryRow, channel: ChannelRow): Promise<RenderedMessage | undefined> {
  if (d.kind === 'notification.test') return renderTest(deps.publicUrl, d.createdAt, channel.name);
  if (d.digestOf) {
    const items: OutboxMessage[] = await deps.db
      .select(outboxColumns)
      .from(notificationDeliveries)
      .innerJoin(notifications, eq(notifications.id, notificationDeliveries.notificationId))
      .where(inArray(notificationDeliveries.id, d.digestOf))
      .orderBy(notifications.createdAt, notifications.id);
    return items.length ? renderDigest(items, deps.publicUrl, d.createdAt) : undefined;
  }
  if (!d.notificationId) return undefined;
  const [n] = await deps.db.select(outboxColumns).from(notifications).where(eq(notifications.id, d.notificationId));
  return n ? renderNotification(n, deps.publicUrl) : undefined;
}

/**
 * Records a claimed delivery's result: sent; pending again with its next attempt (and a job to make it)
 * while it has attempts left; else failed, with the reason. What a digest listed follows the digest.
 */
async function recordResult(deps: DeliveryDeps, d: DeliveryRow, result: SendResult): Promise<'sent' | 'pending' | 'failed' | 'skipped'> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    let status: 'sent' | 'pending' | 'failed' | 'skipped';
    let values: Partial<DeliveryRow>;
    if (result.ok) {
      status = 'sent';
      values = { status, sentAt: now, providerRef: result.providerRef ?? null, lastError: null, lastCode: null, nextAttemptAt: null };
    } else if (result.code === SKIPPED_CODE) {
      status = 'skipped';
      values = { status, lastError: result.reason, lastCode: null, nextAttemptAt: null };
    } else {
      const next = result.retryable ? nextAttempt({ attempts: d.attempts, retryAfterMs: result.retryAfterMs, now }) : undefined;
      status = next?.retry ? 'pending' : 'failed';
      const reason = next && !next.retry ? `${result.reason} (${next.reason})` : result.reason;
      values = { status, lastError: reason.slice(0, 1000), lastCode: result.code ?? null, nextAttemptAt: next?.retry ? next.at : null };
    }
    // Only the claim this worker made: a delivery the sweep handed to another worker meanwhile is theirs to record.
    const written = await tx
      .update(notificationDeliveries)
      .set(values)
      .where(and(eq(notificationDeliveries.id, d.id), inArray(notificationDeliveries.status, ['sending', 'uncertain']), eq(notificationDeliveries.claimedAt, d.claimedAt!)))
      .returning({ id: notificationDeliveries.id });
    if (written.length === 0) return status;
    if (d.digestOf && status !== 'pending') {
      await tx.update(notificationDeliveries).set({ status, sentAt: status === 'sent' ? now : null, lastError: status === 'sent' ? null : (values.lastError ?? null) }).where(eq(notificationDeliveries.digestId, d.id));
    }
    if (status === 'pending' && values.nextAttemptAt) await deps.jobs?.sendInTransaction(tx, deliverJob.queue, [deliverJob.insert(d.id, values.nextAttemptAt)]);
    return status;
  });
}
