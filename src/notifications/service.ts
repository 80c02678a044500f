import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '../audit/index.ts';
import { RrcuError } from '../core/errors.ts';
import type { JobEngine } from '../jobs/index.ts';
import { bindDb, notificationChannels, notificationDeliveries, type Db } from '../store/index.ts';
import { driverFor, type DeliveryAddress } from './channels/index.ts';
import { archiveChannel, channelRow, createChannel, getChannel, listChannels, openChannelSecrets, updateChannel, type CreateChannelInput, type UpdateChannelInput } from './channel-records.ts';
import { deliverOne, type DeliveryDeps } from './deliver.ts';
import { getDelivery, listDeliveries, retryDelivery, type DeliveryFilter, type DeliveryView } from './deliveries.ts';
import { syncEnvironmentChannel, type EnvironmentEmail } from './environment-channel.ts';
import { NOTIFICATION_ERRORS } from './errors.ts';
import { inboxOf, markAllRead, markRead, unreadCount } from './inbox.ts';
import { preferencesOf, setPreferences, type preferencesInputSchema } from './preference-records.ts';

export type NotificationServiceDeps = {
  db: Db;
  /** RRCU_SECRET_KEY: channels' secrets are sealed with it. */
  secretKey?: string | undefined;
  /** RRCU's address: links in messages are absolute on it. */
  publicUrl?: string;
  /** RRCU_SMTP_URL and RRCU_MAIL_FROM as an email channel, when set. */
  environmentEmail?: EnvironmentEmail | undefined;
  /** Retries and Retry send their job here; without it (a CLI that only reads), Retry waits for a worker's sweep. */
  jobs?: JobEngine | undefined;
  now?: () => Date;
  /** This process's settings the drivers read (RRCU_ALLOW_HTTP_WEBHOOKS, RRCU_SLACK_API_URL). */
  sendSettings?: DeliveryDeps['sendSettings'];
};

/** The slack_app channel's secrets, opened in memory for the Slack doors (interactions, lookups). */
export type SlackAppSecrets = { botToken: string; signingSecret: string; channelId: string };

const testTarget = z.email().max(320);

/**
 * Notifications as the doors use them: the inbox; channels (secrets sealed with RRCU_SECRET_KEY, never
 * returned: `hasSecrets` says whether there are some); Send test; the delivery log and Retry; each user's
 * preferences. Every change of configuration is audited in its transaction. Delivery itself is jobs.ts.
 */
export function createNotificationService(deps: NotificationServiceDeps) {
  const { db, secretKey } = deps;
  const now = () => deps.now?.() ?? new Date();
  const deliveryDeps: DeliveryDeps = { db, secretKey, publicUrl: deps.publicUrl ?? 'http://127.0.0.1:8080', environmentEmail: deps.environmentEmail, jobs: deps.jobs, now, sendSettings: deps.sendSettings };
  let environmentSynced: Promise<void> | undefined;
  /** The environment's channel is written once per process, before the first read of the channels. */
  const ready = () => (environmentSynced ??= syncEnvironmentChannel(db, deps.environmentEmail, now()).catch((e: unknown) => {
    environmentSynced = undefined;
    throw e;
  }));

  return {
    inboxOf: bindDb(db, inboxOf),
    unreadCount: bindDb(db, unreadCount),
    markRead: bindDb(db, markRead),
    markAllRead: bindDb(db, markAllRead),

    /** Writes RRCU_SMTP_URL's channel as the workers see it, disabling it when unset (the workers' start; reads write it too, once, but never disable it). */
    syncEnvironment: () => syncEnvironmentChannel(db, deps.environmentEmail, now(), { disableWhenUnset: true }),
    async listChannels(options: { includeArchived?: boolean } = {}) {
      await ready();
      return listChannels(db, options);
    },
    async getChannel(id: string) {
      await ready();
      return getChannel(db, id);
    },
    createChannel: (input: CreateChannelInput, actor: string) => createChannel(db, input, { actor, secretKey }, now()),
    updateChannel: (id: string, patch: UpdateChannelInput, actor: string) => updateChannel(db, id, patch, { actor, secretKey }, now()),
    archiveChannel: (id: string, actor: string) => archiveChannel(db, id, { actor }, now()),

    /**
     * Sends a `notification.test` message on the channel now and answers its delivery, as recorded (sent,
     * or why not). A channel that reaches people needs `to`, an email address; one that posts to a place
     * (webhook, Slack channel) ignores it.
     */
    async sendTest(channelId: string, options: { to?: string | undefined; actor: string }): Promise<DeliveryView> {
      await ready();
      const channel = await channelRow(db, channelId);
      if (channel.archivedAt) throw new RrcuError(NOTIFICATION_ERRORS.CHANNEL_ARCHIVED, `The notification channel "${channel.name}" is archived.`, { fix: 'Test a live channel.' });
      const driver = driverFor(channel.kind);
      let address: DeliveryAddress = { kind: 'channel' };
      if (driver.audience === 'people') {
        const to = testTarget.safeParse(options.to?.trim().toLowerCase());
        if (!to.success) {
          throw new RrcuError(NOTIFICATION_ERRORS.CHANNEL_INVALID, `to: ${options.to === undefined ? 'a test of this channel goes to one person; say whose email address' : `${JSON.stringify(options.to)} is not an email address`}.`, {
            fix: 'Give the email address to send the test to (yours, usually).',
            fields: ['to'],
          });
        }
        address = channel.kind === 'slack_app' ? { kind: 'slack_user', email: to.data } : { kind: 'email', email: to.data };
      }
      const at = now();
      const [delivery] = await db
        .insert(notificationDeliveries)
        .values({ channelId, kind: 'notification.test', address, status: 'pending', nextAttemptAt: at, createdAt: at })
        .returning({ id: notificationDeliveries.id });
      const id = delivery!.id;
      await deliverOne(deliveryDeps, id);
      const view = await getDelivery(db, id);
      await recordAuditEvent(db, { type: 'notification.test_sent', actor: options.actor, subject: `notification_channel:${channelId}`, data: { channelId, deliveryId: id, address, status: view.status, lastError: view.lastError } }, now());
      return view;
    },

    listDeliveries: (filter: DeliveryFilter = {}) => listDeliveries(db, filter),
    getDelivery: (id: string) => getDelivery(db, id),
    /** A failed or uncertain delivery sent again (audited). */
    retryDelivery: (id: string, actor: string) => retryDelivery(db, deps.jobs, id, actor, now()),

    /** The user's own choices (preferences are per signed-in user; see core/preferences.ts). */
    preferencesOf: (userId: string) => preferencesOf(db, userId),
    setPreferences: (userId: string, items: z.input<typeof preferencesInputSchema>, actor: string) => setPreferences(db, userId, items, actor, now()),

    /** The enabled slack_app channel's secrets and id, or undefined when there is none. */
    async slackApp(): Promise<SlackAppSecrets | undefined> {
      const [row] = await db
        .select()
        .from(notificationChannels)
        .where(and(eq(notificationChannels.kind, 'slack_app'), eq(notificationChannels.enabled, true), isNull(notificationChannels.archivedAt)))
        .orderBy(asc(notificationChannels.createdAt))
        .limit(1);
      if (!row) return undefined;
      const secrets = openChannelSecrets(row.secretsCiphertext, secretKey) as { botToken?: unknown; signingSecret?: unknown };
      if (typeof secrets.botToken !== 'string' || typeof secrets.signingSecret !== 'string') return undefined;
      return { botToken: secrets.botToken, signingSecret: secrets.signingSecret, channelId: row.id };
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
