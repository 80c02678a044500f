/**
 * The email channel of RRCU_SMTP_URL and RRCU_MAIL_FROM. It is a row of notification_channels like any
 * other (deliveries name their channel), with a fixed id and `source = environment`, kept in step with the
 * environment when RRCU starts: its settings are shown, its password stays in the environment (never
 * sealed into the store), and it cannot be changed or archived from Settings. Unset, it is disabled.
 *
 * Precedence: an enabled email channel added under Settings replaces it (the fan-out uses the environment's
 * only while no such channel exists), so an administrator can move from the environment to Settings
 * without people getting every email twice.
 */
import { and, eq, ne } from 'drizzle-orm';
import { notificationChannels, type Db } from '../store/index.ts';
import type { EmailConfig, EmailSecrets } from './channels/index.ts';

export const ENVIRONMENT_CHANNEL_ID = '00000000-0000-4000-8000-00000000e0a1';
export const ENVIRONMENT_CHANNEL_NAME = 'Email (environment)';

export type EnvironmentEmail = { config: EmailConfig; secrets: EmailSecrets };

/**
 * Writes the environment's channel as RRCU runs now: enabled with these settings, or, when none and
 * `disableWhenUnset` (the workers' start: they send the email), disabled. A process that only reads or
 * tests channels (a CLI run from a shell without RRCU_SMTP_URL) never disables it: the workers' environment
 * decides.
 */
export async function syncEnvironmentChannel(db: Db, email: EnvironmentEmail | undefined, now: Date = new Date(), options: { disableWhenUnset?: boolean } = {}): Promise<void> {
  if (!email) {
    if (!options.disableWhenUnset) return;
    await db
      .update(notificationChannels)
      .set({ enabled: false, updatedAt: now, updatedBy: 'system' })
      .where(and(eq(notificationChannels.id, ENVIRONMENT_CHANNEL_ID), eq(notificationChannels.enabled, true)));
    return;
  }
  const values = { kind: 'email', name: ENVIRONMENT_CHANNEL_NAME, enabled: true, config: email.config as Record<string, unknown>, source: 'environment' as const, archivedAt: null };
  await db
    .insert(notificationChannels)
    .values({ id: ENVIRONMENT_CHANNEL_ID, ...values, createdAt: now, createdBy: 'system', updatedAt: now, updatedBy: 'system' })
    .onConflictDoUpdate({ target: notificationChannels.id, set: { ...values, updatedAt: now, updatedBy: 'system' } });
}

/** Whether an enabled email channel from Settings exists (then the environment's is not used). */
export async function settingsEmailChannelExists(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ id: notificationChannels.id })
    .from(notificationChannels)
    .where(and(eq(notificationChannels.kind, 'email'), eq(notificationChannels.enabled, true), ne(notificationChannels.source, 'environment')))
    .limit(1);
  return Boolean(row);
}
