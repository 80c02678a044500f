/** Each signed-in user's choices of what reaches them and how (core/preferences.ts resolves them). */
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '../audit/index.ts';
import { notificationPreferences, PREFERENCE_MODES, type Db } from '../store/index.ts';
import { DIGEST_BY_DEFAULT, PREFERENCE_CHANNELS, type Preference } from './core/preferences.ts';

export const preferenceSchema = z.strictObject({
  channelKind: z.enum(PREFERENCE_CHANNELS),
  eventKind: z.string().trim().regex(/^(\*|[a-z][a-z_]*(\.[a-z][a-z_]*)+)$/, 'an event kind like review.assigned, or * for all').max(100),
  mode: z.enum(PREFERENCE_MODES),
});

/** The whole set of a user's choices (PUT replaces it); one choice per channel and event kind. */
export const preferencesInputSchema = z
  .array(preferenceSchema)
  .max(200)
  .refine((items) => new Set(items.map((p) => `${p.channelKind} ${p.eventKind}`)).size === items.length, 'one choice per channelKind and eventKind');

export const preferencesViewSchema = z.object({
  items: z.array(preferenceSchema),
  /** Without a choice: these kinds come as a daily digest (per channel family), the others at once. */
  defaults: z.object({ digest: z.object({ email: z.array(z.string()), slack: z.array(z.string()) }), otherwise: z.literal('immediate') }),
});
export type PreferencesView = z.infer<typeof preferencesViewSchema>;

export async function preferencesOf(db: Db, userId: string): Promise<PreferencesView> {
  const rows = await db
    .select({ channelKind: notificationPreferences.channelKind, eventKind: notificationPreferences.eventKind, mode: notificationPreferences.mode })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId))
    .orderBy(notificationPreferences.channelKind, notificationPreferences.eventKind);
  return { items: rows as Preference[], defaults: { digest: { email: [...DIGEST_BY_DEFAULT.email], slack: [...DIGEST_BY_DEFAULT.slack] }, otherwise: 'immediate' } };
}

/** Replaces the user's choices; audited (they decide what a person is told). */
export async function setPreferences(db: Db, userId: string, items: z.input<typeof preferencesInputSchema>, actor: string, now: Date = new Date()): Promise<PreferencesView> {
  const parsed = preferencesInputSchema.parse(items);
  await db.transaction(async (tx) => {
    await tx.delete(notificationPreferences).where(eq(notificationPreferences.userId, userId));
    if (parsed.length) await tx.insert(notificationPreferences).values(parsed.map((p) => ({ userId, ...p, updatedAt: now })));
    await recordAuditEvent(tx, { type: 'notification.preferences_updated', actor, subject: `user:${userId}`, data: { userId, preferences: parsed } }, now);
  });
  return preferencesOf(db, userId);
}

/** The choices of many users at once (the fan-out's recipients). */
export async function preferencesByUser(db: Db, userIds: readonly string[]): Promise<Map<string, Preference[]>> {
  const byUser = new Map<string, Preference[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, [...userIds]));
  for (const r of rows) {
    const list = byUser.get(r.userId) ?? [];
    list.push({ channelKind: r.channelKind as Preference['channelKind'], eventKind: r.eventKind, mode: r.mode });
    byUser.set(r.userId, list);
  }
  return byUser;
}
