/**
 * Administrators' marks: an entitlement is privileged when the sync's assessment says so or an
 * administrator marked it. A mark targets one entitlement by its stable key (a permission set on one
 * account, a group's `member`), never a whole permission set across accounts: the sync already judges a
 * permission set by its policies on every account, and a mark is a reviewer's judgement of one place.
 * Unmarking closes the row (`unmarked_*`) instead of deleting it, so the explorer's "as of" a past date
 * reads the marks of that date, and the history stays as evidence beside the audit events.
 */
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '../audit/index.ts';
import { describeEntitlement } from '../core/describe-entitlement.ts';
import { COMMON_ERRORS, RrcuError } from '../core/errors.ts';
import { connectorArchived, isUniqueViolation, lockConnectorRow, lockLiveConnector, privilegedMarks, queryRows, type Db } from '../store/index.ts';
import { ACCESS_ERRORS } from './errors.ts';
import type { ActorNamer } from './diff-causes.ts';

const reason = z.string().trim().min(1).max(1000);

export const markPrivilegedInputSchema = z.object({
  connectorId: z.uuid().describe('The connector whose inventory holds the entitlement'),
  entitlementKey: z.string().trim().min(1).max(2000).describe('The entitlement\'s key, e.g. `account:123456789012#arn:aws:sso:::permissionSet/ssoins-…/ps-…` or `iam_group:arn:aws:iam::…:group/Admins#member`'),
  reason: reason.describe('Why it is privileged, as a reviewer will read it'),
});
export type MarkPrivilegedInput = z.infer<typeof markPrivilegedInputSchema>;

export const unmarkPrivilegedInputSchema = z.object({ reason: reason.describe('Why it no longer counts as privileged') });

export const privilegedMarkViewSchema = z.object({
  id: z.string(),
  connectorId: z.string(),
  entitlementKey: z.string(),
  entitlementName: z.string().describe('The entitlement as named when it was marked'),
  reason: z.string(),
  markedBy: z.string().describe('`user:<id>`, `token:<id>`, `cli:<os user>`'),
  markedByName: z.string(),
  markedAt: z.string(),
  unmarkedBy: z.string().nullable(),
  unmarkedByName: z.string().nullable(),
  unmarkedAt: z.string().nullable().describe('Null while the mark is active'),
  unmarkReason: z.string().nullable(),
});
export type PrivilegedMarkView = z.infer<typeof privilegedMarkViewSchema>;

type MarkRow = typeof privilegedMarks.$inferSelect;
/** Who acts, as the audit log records them. */
export type MarkActor = { actor: string };

export function toPrivilegedMarkView(row: MarkRow): PrivilegedMarkView {
  return {
    ...row,
    markedAt: row.markedAt.toISOString(),
    unmarkedAt: row.unmarkedAt?.toISOString() ?? null,
  };
}

/** The actor's readable name, kept on the mark; an actor identity cannot name (`cli:<os user>`) is its own name. */
async function nameOf(actor: string, actorNames: ActorNamer | undefined): Promise<string> {
  return (await actorNames?.([actor]))?.get(actor) ?? actor;
}

/** Marks a current entitlement privileged; refused when it already carries an active mark, or its connector is archived. */
export async function markPrivileged(db: Db, input: MarkPrivilegedInput, ctx: MarkActor & { actorNames?: ActorNamer }): Promise<MarkRow> {
  const markedByName = await nameOf(ctx.actor, ctx.actorNames);
  try {
    return await db.transaction(async (tx) => {
      const connector = await lockConnectorRow(tx, input.connectorId);
      if (!connector) throw new RrcuError(COMMON_ERRORS.NOT_FOUND, `connectorId: no connector with id ${input.connectorId}.`, { fix: 'List connectors with `rrcu connector list` or GET /api/connectors.' });
      if (connector.archivedAt) throw connectorArchived({ id: input.connectorId, ...connector });
      const [entitlement] = await queryRows<{ displayName: string; slug: string; resourceDisplayName: string | null; resourceExternalId: string; key: string }>(tx, sql`
        select e.display_name as "displayName", e.slug, r.display_name as "resourceDisplayName", e.resource_external_id as "resourceExternalId", e.key
        from entitlements e
        left join resources r on r.connector_id = e.connector_id and r.resource_type_id = e.resource_type_id
             and r.external_id = e.resource_external_id and r.seen_to is null
        where e.connector_id = ${input.connectorId} and e.key = ${input.entitlementKey} and e.seen_to is null
        limit 1`);
      if (!entitlement) {
        throw new RrcuError(ACCESS_ERRORS.ENTITLEMENT_NOT_FOUND, `entitlementKey: ${JSON.stringify(input.entitlementKey.slice(0, 300))} is not an entitlement of this connector's current inventory.`, {
          fix: 'Take the key from an access row (`rrcu access --json`, GET /api/access) or mark from the access page; a sync must have seen the entitlement.',
        });
      }
      const [row] = await tx
        .insert(privilegedMarks)
        .values({ connectorId: input.connectorId, entitlementKey: input.entitlementKey, entitlementName: describeEntitlement(entitlement), reason: input.reason, markedBy: ctx.actor, markedByName })
        .returning();
      await recordAuditEvent(tx, {
        type: 'privileged_mark.marked',
        actor: ctx.actor,
        subject: `privileged_mark:${row!.id}`,
        data: { markId: row!.id, connectorId: input.connectorId, entitlementKey: input.entitlementKey, reason: input.reason },
      });
      return row!;
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    throw new RrcuError(ACCESS_ERRORS.ALREADY_MARKED, `entitlementKey: ${JSON.stringify(input.entitlementKey.slice(0, 300))} is already marked privileged.`, {
      fix: 'See its mark with `rrcu privileged list` or GET /api/privileged-marks; unmark it first to mark it with another reason.',
    });
  }
}

/** Ends an active mark, keeping the row (who, when, why) as history. */
export async function unmarkPrivileged(db: Db, id: string, input: { reason: string }, ctx: MarkActor & { actorNames?: ActorNamer }): Promise<MarkRow> {
  const unmarkedByName = await nameOf(ctx.actor, ctx.actorNames);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(privilegedMarks).where(eq(privilegedMarks.id, id)).for('update');
    if (!existing) throw new RrcuError(ACCESS_ERRORS.MARK_NOT_FOUND, `No privileged mark with id ${JSON.stringify(id)}.`, { fix: 'List marks with `rrcu privileged list` or GET /api/privileged-marks.' });
    if (existing.unmarkedAt) {
      throw new RrcuError(ACCESS_ERRORS.ALREADY_UNMARKED, `Privileged mark ${id} was already unmarked on ${existing.unmarkedAt.toISOString()} by ${existing.unmarkedByName ?? existing.unmarkedBy}.`, {
        fix: 'Nothing to do; mark the entitlement again if it is privileged.',
      });
    }
    await lockLiveConnector(tx, existing.connectorId);
    const [row] = await tx
      .update(privilegedMarks)
      .set({ unmarkedAt: sql`now()`, unmarkedBy: ctx.actor, unmarkedByName, unmarkReason: input.reason })
      .where(eq(privilegedMarks.id, id))
      .returning();
    await recordAuditEvent(tx, {
      type: 'privileged_mark.unmarked',
      actor: ctx.actor,
      subject: `privileged_mark:${id}`,
      data: { markId: id, connectorId: existing.connectorId, entitlementKey: existing.entitlementKey, reason: input.reason },
    });
    return row!;
  });
}

export type PrivilegedMarkFilter = { connectorId?: string; /** Unmarked ones too (default: active only). */ history?: boolean };

/** Marks, newest first: the active ones, or with `history` every mark ever made. */
export async function listPrivilegedMarks(db: Db, filter: PrivilegedMarkFilter = {}): Promise<MarkRow[]> {
  const where = [filter.connectorId ? eq(privilegedMarks.connectorId, filter.connectorId) : undefined, filter.history ? undefined : isNull(privilegedMarks.unmarkedAt)];
  return db.select().from(privilegedMarks).where(and(...where)).orderBy(desc(privilegedMarks.markedAt), desc(privilegedMarks.id));
}

/**
 * The marks live at `at` on the entitlement of `alias`'s row (a grant `g`, or a row with `connector_id`
 * and `entitlement_key`), as a `from … where …` for `exists` or a lateral join: a mark counts from
 * `marked_at` until `unmarked_at`, so the privileged filter of a past date reads that date's marks.
 */
export function marksLiveAt(alias: string, at: string): SQL {
  const a = sql.raw(alias);
  return sql`from privileged_marks m
    where m.connector_id = ${a}.connector_id and m.entitlement_key = ${a}.entitlement_key
      and m.marked_at <= ${at}::timestamptz and (m.unmarked_at is null or m.unmarked_at > ${at}::timestamptz)`;
}

/** A mark as an access row carries it. */
export type PrivilegedMarkRef = { id: string; by: string; at: Date; reason: string };
