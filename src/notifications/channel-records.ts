/** Notification channels: adding, changing and archiving them (each audited in its transaction), reading them without their secrets. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '../audit/index.ts';
import { canonicalJson } from '../core/canonical-json.ts';
import { RrcuError } from '../core/errors.ts';
import { openSecret, sealSecret, SECRET_ERRORS } from '../core/secret-box.ts';
import { isUniqueViolation, notificationChannels, type Db } from '../store/index.ts';
import { auditStreamStates, auditStreamStateSchema, type AuditStreamState } from './audit-stream-state.ts';
import { CHANNEL_KINDS, driverFor, type ChannelKind } from './channels/index.ts';
import { NOTIFICATION_ERRORS } from './errors.ts';

type ChannelRow = typeof notificationChannels.$inferSelect;

const eventKind = z.string().trim().regex(/^(\*|[a-z][a-z_]*(\.[a-z][a-z_]*)+)$/, 'an event kind like review.assigned, or * for all').max(100);

export const channelViewSchema = z.object({
  id: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  name: z.string(),
  enabled: z.boolean(),
  /** The driver's settings (host, URL, sender): never a secret. */
  config: z.record(z.string(), z.unknown()),
  /** Whether secrets are saved (password, token, signing secret); they are never returned. */
  hasSecrets: z.boolean(),
  eventKinds: z.array(z.string()),
  auditStream: z.boolean(),
  /** An audit-streaming channel's stream: how far the receiver has acknowledged, what waits, why not (null otherwise). */
  auditStreamState: auditStreamStateSchema.nullable(),
  /** `environment`: RRCU_SMTP_URL's channel, read-only here. */
  source: z.enum(['settings', 'environment']),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  archivedAt: z.string().nullable(),
});
export type ChannelView = z.infer<typeof channelViewSchema>;

export const createChannelInputSchema = z.strictObject({
  kind: z.enum(CHANNEL_KINDS),
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  config: z.record(z.string(), z.unknown()).default({}),
  secrets: z.record(z.string(), z.unknown()).optional(),
  eventKinds: z.array(eventKind).min(1).max(200).default(['*']),
  auditStream: z.boolean().default(false),
});
export type CreateChannelInput = z.input<typeof createChannelInputSchema>;

export const updateChannelInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  enabled: z.boolean().optional(),
  /** Replaces the settings (validated whole by the driver). */
  config: z.record(z.string(), z.unknown()).optional(),
  /** Replaces the saved secrets; absent keeps them, `null` removes them. */
  secrets: z.record(z.string(), z.unknown()).nullable().optional(),
  eventKinds: z.array(eventKind).min(1).max(200).optional(),
  auditStream: z.boolean().optional(),
});
export type UpdateChannelInput = z.input<typeof updateChannelInputSchema>;

/** Who changes a channel, and the key its secrets are sealed with. */
export type ChannelChangeContext = { actor: string; secretKey: string | undefined };

function toChannelView(row: ChannelRow, auditStreamState: AuditStreamState | null): ChannelView {
  return {
    id: row.id,
    kind: row.kind as ChannelKind,
    name: row.name,
    enabled: row.enabled,
    config: row.config,
    // The environment's channel keeps its password in the environment, not sealed here.
    hasSecrets: row.secretsCiphertext !== null || (row.source === 'environment' && Boolean(row.config.username)),
    eventKinds: row.eventKinds,
    auditStream: row.auditStream,
    auditStreamState: row.auditStream ? auditStreamState : null,
    source: row.source,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
    archivedAt: row.archivedAt?.toISOString() ?? null,
  };
}

/** The channels as the API shows them, audit-streaming ones with their stream's state. */
async function viewsOf(db: Db, rows: readonly ChannelRow[]): Promise<ChannelView[]> {
  const states = await auditStreamStates(db, rows.filter((r) => r.auditStream).map((r) => r.id));
  return rows.map((r) => toChannelView(r, states.get(r.id) ?? null));
}

async function viewOf(db: Db, row: ChannelRow): Promise<ChannelView> {
  return (await viewsOf(db, [row]))[0]!;
}

function invalid(e: unknown, what: string): RrcuError {
  if (e instanceof z.ZodError) {
    const first = e.issues[0];
    const field = first ? [what, ...first.path.map(String)].join('.') : what;
    return new RrcuError(NOTIFICATION_ERRORS.CHANNEL_INVALID, `${field}: ${first?.message ?? 'invalid'}`, { fix: `Correct ${field} and save again.`, cause: e, fields: [field] });
  }
  return e as RrcuError;
}

/** The driver's settings and secrets, validated: a 400 naming the field when wrong. */
function parseFor(kind: string, config: unknown, secrets: unknown): { config: Record<string, unknown>; secrets: Record<string, unknown> } {
  const driver = driverFor(kind);
  let parsedConfig: unknown;
  try {
    parsedConfig = driver.parseConfig(config);
  } catch (e) {
    throw invalid(e, 'config');
  }
  let parsedSecrets: unknown;
  try {
    parsedSecrets = driver.parseSecrets(secrets ?? {});
  } catch (e) {
    throw invalid(e, 'secrets');
  }
  return { config: parsedConfig as Record<string, unknown>, secrets: parsedSecrets as Record<string, unknown> };
}

export function sealChannelSecrets(secrets: Record<string, unknown>, secretKey: string | undefined): string | null {
  if (Object.keys(secrets).length === 0) return null;
  if (!secretKey) {
    throw new RrcuError(SECRET_ERRORS.SECRET_KEY_MISSING, 'RRCU_SECRET_KEY is not set, so the channel\'s secrets cannot be stored encrypted.', {
      fix: 'Set RRCU_SECRET_KEY to a random string of 32+ characters (e.g. `openssl rand -base64 48`) and keep it: the secrets cannot be read without it.',
    });
  }
  return sealSecret(JSON.stringify(secrets), secretKey);
}

export function openChannelSecrets(sealed: string | null, secretKey: string | undefined): Record<string, unknown> {
  if (!sealed) return {};
  if (!secretKey) {
    throw new RrcuError(SECRET_ERRORS.SECRET_KEY_MISSING, 'This notification channel has encrypted secrets, but RRCU_SECRET_KEY is not set.', {
      fix: 'Start RRCU with the RRCU_SECRET_KEY the secrets were saved with, or enter them again.',
    });
  }
  return JSON.parse(openSecret(sealed, secretKey)) as Record<string, unknown>;
}

async function insertOrConflict<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new RrcuError(NOTIFICATION_ERRORS.CHANNEL_EXISTS, `A notification channel named ${JSON.stringify(name)} already exists.`, { fix: 'Choose another name, or archive the existing one first.', cause: e });
    }
    throw e;
  }
}

export async function createChannel(db: Db, input: CreateChannelInput, ctx: ChannelChangeContext, now: Date = new Date()): Promise<ChannelView> {
  const parsed = createChannelInputSchema.parse(input);
  const { config, secrets } = parseFor(parsed.kind, parsed.config, parsed.secrets);
  if (parsed.auditStream && parsed.kind !== 'webhook') throw auditStreamOnlyWebhooks();
  const sealed = sealChannelSecrets(secrets, ctx.secretKey);
  return insertOrConflict(parsed.name, () =>
    db.transaction(async (tx) => {
      const [row] = await tx
        .insert(notificationChannels)
        .values({ kind: parsed.kind, name: parsed.name, enabled: parsed.enabled, config, secretsCiphertext: sealed, eventKinds: parsed.eventKinds, auditStream: parsed.auditStream, createdAt: now, createdBy: ctx.actor, updatedAt: now, updatedBy: ctx.actor })
        .returning();
      await recordAuditEvent(
        tx,
        { type: 'notification.channel_created', actor: ctx.actor, subject: `notification_channel:${row!.id}`, data: { channelId: row!.id, kind: parsed.kind, name: parsed.name, enabled: parsed.enabled, config, hasSecrets: sealed !== null, eventKinds: parsed.eventKinds, auditStream: parsed.auditStream } },
        now,
      );
      return viewOf(tx, row!);
    }),
  );
}

const auditStreamOnlyWebhooks = () =>
  new RrcuError(NOTIFICATION_ERRORS.CHANNEL_INVALID, 'auditStream: only a webhook channel can stream the audit log.', { fix: 'Add a webhook channel for the audit stream, or leave auditStream off.', fields: ['auditStream'] });

/** Settings whose change sends the saved password elsewhere: changing them needs the secrets again. */
const SECRET_BOUND: Partial<Record<ChannelKind, string[]>> = { email: ['host', 'port', 'username'] };

export async function updateChannel(db: Db, id: string, input: UpdateChannelInput, ctx: ChannelChangeContext, now: Date = new Date()): Promise<ChannelView> {
  const patch = updateChannelInputSchema.parse(input);
  const current = await liveChannelRow(db, id);
  if (current.source === 'environment') {
    throw new RrcuError(NOTIFICATION_ERRORS.CHANNEL_READ_ONLY, `"${current.name}" comes from RRCU_SMTP_URL and RRCU_MAIL_FROM and cannot be changed here.`, {
      fix: 'Change those settings and restart RRCU, or unset them and add an email channel here.',
    });
  }
  const changed: string[] = [];
  const configInput = patch.config ?? current.config;
  let secretsInput: unknown;
  if (patch.secrets === undefined) {
    const bound = (SECRET_BOUND[current.kind as ChannelKind] ?? []).filter((k) => patch.config && canonicalJson(patch.config[k] ?? null) !== canonicalJson(current.config[k] ?? null));
    if (bound.length && current.secretsCiphertext) {
      throw new RrcuError(NOTIFICATION_ERRORS.CHANNEL_INVALID, `secrets: changing ${bound.join(', ')} needs the secrets again, so a saved password is never sent to a server it was not given for.`, {
        fix: 'Send the secrets with the new settings.',
        fields: ['secrets'],
      });
    }
    secretsInput = openChannelSecrets(current.secretsCiphertext, ctx.secretKey);
  } else {
    secretsInput = patch.secrets ?? {};
    changed.push('secrets');
  }
  const { config, secrets } = parseFor(current.kind, configInput, secretsInput);
  if (canonicalJson(config) !== canonicalJson(current.config)) changed.push('config');
  const auditStream = patch.auditStream ?? current.auditStream;
  if (auditStream && current.kind !== 'webhook') throw auditStreamOnlyWebhooks();
  const next = { name: patch.name ?? current.name, enabled: patch.enabled ?? current.enabled, eventKinds: patch.eventKinds ?? current.eventKinds, auditStream };
  for (const key of ['name', 'enabled', 'eventKinds', 'auditStream'] as const) {
    if (canonicalJson(next[key]) !== canonicalJson(current[key])) changed.push(key);
  }
  if (changed.length === 0) return viewOf(db, current);
  const sealed = patch.secrets === undefined ? current.secretsCiphertext : sealChannelSecrets(secrets, ctx.secretKey);
  return insertOrConflict(next.name, () =>
    db.transaction(async (tx) => {
      const [row] = await tx
        .update(notificationChannels)
        .set({ ...next, config, secretsCiphertext: sealed, updatedAt: now, updatedBy: ctx.actor })
        .where(and(eq(notificationChannels.id, id), isNull(notificationChannels.archivedAt)))
        .returning();
      if (!row) throw channelNotFound(id);
      // The event names what changed and the new settings, never a secret.
      await recordAuditEvent(tx, { type: 'notification.channel_updated', actor: ctx.actor, subject: `notification_channel:${id}`, data: { channelId: id, changed, ...next, config, hasSecrets: sealed !== null } }, now);
      return viewOf(tx, row);
    }),
  );
}

export async function archiveChannel(db: Db, id: string, ctx: Pick<ChannelChangeContext, 'actor'>, now: Date = new Date()): Promise<ChannelView> {
  const current = await liveChannelRow(db, id);
  if (current.source === 'environment') {
    throw new RrcuError(NOTIFICATION_ERRORS.CHANNEL_READ_ONLY, `"${current.name}" comes from RRCU_SMTP_URL and RRCU_MAIL_FROM and cannot be archived here.`, { fix: 'Unset those settings and restart RRCU.' });
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(notificationChannels)
      .set({ archivedAt: now, enabled: false, updatedAt: now, updatedBy: ctx.actor })
      .where(and(eq(notificationChannels.id, id), isNull(notificationChannels.archivedAt)))
      .returning();
    if (!row) throw channelNotFound(id);
    await recordAuditEvent(tx, { type: 'notification.channel_archived', actor: ctx.actor, subject: `notification_channel:${id}`, data: { channelId: id, kind: row.kind, name: row.name } }, now);
    return viewOf(tx, row);
  });
}

export const channelNotFound = (id: string) =>
  new RrcuError(NOTIFICATION_ERRORS.CHANNEL_NOT_FOUND, `No notification channel ${id}.`, { fix: 'List the channels (Settings → Notifications, or GET /api/notifications/channels) for their ids.' });

export async function channelRow(db: Db, id: string): Promise<ChannelRow> {
  if (!z.uuid().safeParse(id).success) throw channelNotFound(id);
  const [row] = await db.select().from(notificationChannels).where(eq(notificationChannels.id, id));
  if (!row) throw channelNotFound(id);
  return row;
}

async function liveChannelRow(db: Db, id: string): Promise<ChannelRow> {
  const row = await channelRow(db, id);
  if (row.archivedAt) throw new RrcuError(NOTIFICATION_ERRORS.CHANNEL_ARCHIVED, `The notification channel "${row.name}" is archived.`, { fix: 'Add a new channel instead.' });
  return row;
}

export async function listChannels(db: Db, options: { includeArchived?: boolean } = {}): Promise<ChannelView[]> {
  const rows = await db
    .select()
    .from(notificationChannels)
    .where(options.includeArchived ? undefined : isNull(notificationChannels.archivedAt))
    .orderBy(asc(notificationChannels.createdAt), asc(notificationChannels.id));
  // The environment's channel while RRCU_SMTP_URL is set; once unset it is gone from the list (its deliveries still name it).
  return viewsOf(db, rows.filter((r) => r.source !== 'environment' || r.enabled));
}

export async function getChannel(db: Db, id: string): Promise<ChannelView> {
  return viewOf(db, await channelRow(db, id));
}
