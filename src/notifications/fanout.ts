/**
 * The fan-out: outbox rows not yet fanned out become deliveries, one per (recipient, channel) as their
 * preferences say (pending now, digest later, or none), plus one per place-channel (webhook, Slack channel)
 * whose routing takes the kind. The deliveries, their jobs and the fanned-out mark are one transaction,
 * and a delivery is unique per (outbox row, channel, address): a fan-out run twice, or by two workers,
 * delivers once.
 */
import { and, asc, eq, inArray, isNull, notExists, sql } from 'drizzle-orm';
import type { JobEngine } from '../jobs/index.ts';
import { appUsers, notificationChannels, notificationDeliveries, notificationFanouts, notifications, people, type Db } from '../store/index.ts';
import { DRIVERS, type ChannelKind, type DeliveryAddress } from './channels/index.ts';
import { preferenceChannelOf, resolveMode, routes } from './core/preferences.ts';
import { settingsEmailChannelExists } from './environment-channel.ts';
import { preferencesByUser } from './preference-records.ts';
import { deliverJob } from './queues.ts';

/** Outbox rows older than this when first seen (RRCU was down, or delivery just got configured) are not sent: news that old misleads. */
export const FANOUT_MAX_AGE_MS = 48 * 3600_000;
/** Outbox rows fanned out per transaction. */
const BATCH = 200;

type Outbox = typeof notifications.$inferSelect;
type Channel = typeof notificationChannels.$inferSelect;
/** Someone a notification reaches by email: their address, and their user (whose preferences apply) and person when known. */
type Recipient = { email: string; userId: string | null; personId: string | null };

export type FanOutSummary = { fanned: number; deliveries: number; tooOld: number };

export async function fanOut(deps: { db: Db; jobs?: JobEngine | undefined; now: () => Date }): Promise<FanOutSummary> {
  const summary: FanOutSummary = { fanned: 0, deliveries: 0, tooOld: 0 };
  for (;;) {
    const batch = await fanOutBatch(deps);
    summary.fanned += batch.fanned;
    summary.deliveries += batch.deliveries;
    summary.tooOld += batch.tooOld;
    if (batch.fanned < BATCH) return summary;
  }
}

async function fanOutBatch(deps: { db: Db; jobs?: JobEngine | undefined; now: () => Date }): Promise<FanOutSummary> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    // SKIP LOCKED: two workers fan out different rows; the fanned-out mark keeps a row from coming back.
    const rows = await tx
      .select()
      .from(notifications)
      .where(notExists(tx.select({ one: sql`1` }).from(notificationFanouts).where(eq(notificationFanouts.notificationId, notifications.id))))
      .orderBy(asc(notifications.createdAt), asc(notifications.id))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    if (rows.length === 0) return { fanned: 0, deliveries: 0, tooOld: 0 };
    const channels = await liveChannels(tx);
    const fresh = rows.filter((n) => now.getTime() - n.createdAt.getTime() <= FANOUT_MAX_AGE_MS);
    const recipients = await recipientsOf(tx, fresh);
    const prefs = await preferencesByUser(tx, [...new Set([...recipients.values()].flat().flatMap((r) => (r.userId ? [r.userId] : [])))]);

    const values: (typeof notificationDeliveries.$inferInsert)[] = [];
    for (const n of fresh) {
      for (const channel of channels) {
        if (!routes(channel.eventKinds, n.kind)) continue;
        const driver = DRIVERS[channel.kind as ChannelKind]!;
        const base = { notificationId: n.id, channelId: channel.id, kind: n.kind, createdAt: now };
        if (driver.audience === 'channel') {
          values.push({ ...base, address: { kind: 'channel' } satisfies DeliveryAddress, status: 'pending', nextAttemptAt: now });
          continue;
        }
        const family = preferenceChannelOf(channel.kind as ChannelKind);
        for (const r of recipients.get(n.id) ?? []) {
          const mode = family ? resolveMode(prefs.get(r.userId ?? '') ?? [], family, n.kind) : 'immediate';
          if (mode === 'off') continue;
          const address: DeliveryAddress = channel.kind === 'slack_app' ? { kind: 'slack_user', email: r.email } : { kind: 'email', email: r.email };
          values.push({ ...base, address, personId: r.personId, userId: r.userId, status: mode === 'digest' ? 'digest' : 'pending', nextAttemptAt: mode === 'digest' ? null : now });
        }
      }
    }
    const inserted = values.length
      ? await tx.insert(notificationDeliveries).values(values).onConflictDoNothing().returning({ id: notificationDeliveries.id, status: notificationDeliveries.status })
      : [];
    const pending = inserted.filter((d) => d.status === 'pending');
    await deps.jobs?.sendInTransaction(tx, deliverJob.queue, pending.map((d) => deliverJob.insert(d.id)));
    await tx.insert(notificationFanouts).values(rows.map((n) => ({ notificationId: n.id, fannedAt: now }))).onConflictDoNothing();
    return { fanned: rows.length, deliveries: inserted.length, tooOld: rows.length - fresh.length };
  });
}

/**
 * The channels a fan-out delivers to: enabled, not archived, with a driver in this version. The
 * environment's email channel only while no email channel from Settings is enabled (environment-channel.ts).
 */
async function liveChannels(tx: Db): Promise<Channel[]> {
  const rows = await tx
    .select()
    .from(notificationChannels)
    .where(and(eq(notificationChannels.enabled, true), isNull(notificationChannels.archivedAt)))
    .orderBy(asc(notificationChannels.createdAt));
  const withDriver = rows.filter((c) => DRIVERS[c.kind as ChannelKind]);
  if (withDriver.some((c) => c.source === 'environment') && (await settingsEmailChannelExists(tx))) return withDriver.filter((c) => c.source !== 'environment');
  return withDriver;
}

/**
 * Each outbox row's recipients by email: a person (their email; the user signed in with it, whose
 * preferences apply), a user (theirs), or every active user of a role and every Super Administrator (as in
 * the in-app inbox: they may do what each role may, and are often the only administrators; each turns off
 * what they do not want under their preferences). Disabled users and people without an email get nothing
 * outside RRCU (the in-app inbox still holds it).
 */
async function recipientsOf(tx: Db, rows: readonly Outbox[]): Promise<Map<string, Recipient[]>> {
  const personIds = [...new Set(rows.flatMap((n) => (n.recipientPersonId ? [n.recipientPersonId] : [])))];
  const userIds = [...new Set(rows.flatMap((n) => (n.recipientUserId ? [n.recipientUserId] : [])))];
  const roles = [...new Set(rows.flatMap((n) => (n.recipientRole ? [n.recipientRole] : [])))];
  const personRows = personIds.length ? await tx.select({ id: people.id, email: people.email }).from(people).where(inArray(people.id, personIds)) : [];
  const personEmails = personRows.flatMap((p) => (p.email ? [p.email.toLowerCase()] : []));
  const activeUsers = and(eq(appUsers.disabled, false), sql`${appUsers.email} is not null`);
  const users = await tx
    .select({ id: appUsers.id, email: appUsers.email, role: appUsers.role })
    .from(appUsers)
    .where(
      and(
        activeUsers,
        sql`(${userIds.length ? inArray(appUsers.id, userIds) : sql`false`} or ${roles.length ? inArray(appUsers.role, [...roles, 'super_admin']) : sql`false`} or ${personEmails.length ? inArray(sql`lower(${appUsers.email})`, personEmails) : sql`false`})`,
      ),
    );
  const userByEmail = new Map(users.map((u) => [u.email!.toLowerCase(), u.id]));
  const personByEmail = new Map(personRows.flatMap((p) => (p.email ? [[p.email.toLowerCase(), p.id] as const] : [])));
  const recipient = (email: string, userId: string | null): Recipient => ({ email, userId: userId ?? userByEmail.get(email) ?? null, personId: personByEmail.get(email) ?? null });

  const byRow = new Map<string, Recipient[]>();
  for (const n of rows) {
    const list: Recipient[] = [];
    if (n.recipientPersonId) {
      const email = personRows.find((p) => p.id === n.recipientPersonId)?.email?.toLowerCase();
      if (email) list.push({ ...recipient(email, null), personId: n.recipientPersonId });
    } else if (n.recipientUserId) {
      const user = users.find((u) => u.id === n.recipientUserId);
      if (user) list.push(recipient(user.email!.toLowerCase(), user.id));
    } else if (n.recipientRole) {
      for (const u of users.filter((x) => x.role === n.recipientRole || x.role === 'super_admin')) list.push(recipient(u.email!.toLowerCase(), u.id));
    }
    // One message per address, whatever the number of ways it was reached.
    byRow.set(n.id, [...new Map(list.map((r) => [r.email, r])).values()]);
  }
  return byRow;
}
