import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '../audit/index.ts';
import type { Config } from '../config/index.ts';
import { COMMON_ERRORS, RrcuError } from '../core/errors.ts';
import { apiTokens, appUsers, type Db } from '../store/index.ts';
import { LAST_USE_PRECISION_MS } from './last-use.ts';
import { LOCAL_SUBJECT_PREFIX, oidcConfigured } from './local-subjects.ts';
import { APP_ROLES, lowerRole, rolesAbove, ROLE_LABELS, type AppRole } from './roles.ts';
import { randomBase62, sha256Hex } from './secrets.ts';
import { IDENTITY_ERRORS } from './errors.ts';

export const TOKEN_PREFIX = 'rrcu_';
/** The characters kept in clear to recognise a token in lists (`rrcu_` + 7). */
const VISIBLE_CHARS = 12;

/** An API token as lists show it; the token itself is never shown again after creation. */
export const tokenViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: z.enum(APP_ROLES),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdBy: z.string().nullable().describe('The id of the user who created it; null for tokens made by `rrcu admin create-token` or a removed user'),
});

export type TokenView = z.infer<typeof tokenViewSchema>;

type TokenRow = typeof apiTokens.$inferSelect;

function toTokenView(row: TokenRow): TokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdBy: row.createdBy,
  };
}

/**
 * Creates a token for scripts: returns it once (`rrcu_` + 40 base62), keeps only its SHA-256. Nobody mints
 * a token above their own role (`ctx.role`, the effective role when the caller is itself a token); the CLI
 * passes none, as shell access to the server is above every role.
 */
export async function createApiToken(
  db: Db,
  input: { name: string; role: AppRole; expiresInDays?: number | undefined },
  ctx: { actor: string; userId: string | null; role?: AppRole | undefined },
): Promise<{ token: string; item: TokenView }> {
  if (ctx.role !== undefined && lowerRole(input.role, ctx.role) !== input.role) {
    throw new RrcuError(COMMON_ERRORS.FORBIDDEN, `A token cannot have a role above yours: you are ${ROLE_LABELS[ctx.role]}, the token asks for ${ROLE_LABELS[input.role]}.`, {
      fix: `Create the token with your role (${ctx.role}) or a lower one.`,
    });
  }
  const token = TOKEN_PREFIX + randomBase62(40);
  const expiresAt = input.expiresInDays === undefined ? null : new Date(Date.now() + input.expiresInDays * 86_400_000);
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(apiTokens)
      .values({ name: input.name, tokenHash: sha256Hex(token), prefix: token.slice(0, VISIBLE_CHARS), role: input.role, createdBy: ctx.userId, expiresAt })
      .returning();
    await recordAuditEvent(tx, {
      type: 'api_token.created',
      actor: ctx.actor,
      subject: `token:${inserted!.id}`,
      data: { name: input.name, role: input.role, prefix: inserted!.prefix, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return inserted!;
  });
  return { token, item: toTokenView(row) };
}

/** A live token as a request uses it: `role` is the one it acts with now. */
export type LiveToken = { id: string; name: string; role: AppRole; createdBy: string | null };

/**
 * The live token `token` and the role it acts with, and its last use noted; undefined when it is unknown,
 * revoked, expired or its creator is disabled. A token acts with the lower of its own role and its
 * creator's role now, read at every request: a demoted user's tokens are held to the new role at once, a
 * disabled user's are refused. A token with no creator was made on the server (`rrcu admin create-token`:
 * shell access there is above every role) and acts with its own role. Users are disabled, never deleted,
 * so a token does not lose its creator. While an IdP is configured local accounts are off, and so are the
 * tokens they made (refused with TOKEN_INVALID, saying why); creator-less tokens stay the way in.
 */
export async function useApiToken(db: Db, token: string, config: Pick<Config, 'oidcIssuer'>): Promise<LiveToken | undefined> {
  const [row] = await db
    .select({ token: apiTokens, creator: { role: appUsers.role, disabled: appUsers.disabled, subject: appUsers.subject } })
    .from(apiTokens)
    .leftJoin(appUsers, eq(appUsers.id, apiTokens.createdBy))
    .where(eq(apiTokens.tokenHash, sha256Hex(token)));
  const now = Date.now();
  if (!row || row.token.revokedAt || (row.token.expiresAt && row.token.expiresAt.getTime() <= now)) return undefined;
  if (row.creator?.disabled) return undefined;
  if (row.creator?.subject.startsWith(LOCAL_SUBJECT_PREFIX) && oidcConfigured(config)) {
    throw new RrcuError(IDENTITY_ERRORS.TOKEN_INVALID, `This API token (${row.token.prefix}…) was made by a local user; local accounts and their tokens are off while sign-in goes through the identity provider (${config.oidcIssuer}).`, {
      fix: 'Sign in with your identity provider and create a new token under Settings → API tokens, or make one on the server with `rrcu admin create-token`.',
    });
  }
  if (!row.token.lastUsedAt || now - row.token.lastUsedAt.getTime() >= LAST_USE_PRECISION_MS) {
    await db.update(apiTokens).set({ lastUsedAt: new Date(now) }).where(eq(apiTokens.id, row.token.id));
  }
  const role = row.creator ? lowerRole(row.token.role, row.creator.role) : row.token.role;
  return { id: row.token.id, name: row.token.name, role, createdBy: row.token.createdBy };
}

/**
 * Which tokens a caller may see and revoke: every token (`all`, the Super Administrator), or those one
 * user made (`createdBy`; null for a caller no user stands behind, who then has none).
 */
export type TokenOwnership = { all: true } | { createdBy: string | null };

function ownedBy(ownership: TokenOwnership) {
  if ('all' in ownership) return undefined;
  return ownership.createdBy === null ? sql`false` : eq(apiTokens.createdBy, ownership.createdBy);
}

/** The tokens `ownership` covers, newest first, revoked and expired ones included (they explain past audit events). */
export async function listApiTokens(db: Db, ownership: TokenOwnership = { all: true }): Promise<TokenView[]> {
  const rows = await db.select().from(apiTokens).where(ownedBy(ownership)).orderBy(desc(apiTokens.createdAt));
  return rows.map(toTokenView);
}

/**
 * Revokes a token: its next request is refused. Revoking a revoked token changes nothing and records nothing.
 * A token outside `ownership` is not found, so nobody learns which ids others' tokens have.
 */
export async function revokeApiToken(db: Db, id: string, ctx: { actor: string; ownership?: TokenOwnership }): Promise<TokenView> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(apiTokens).where(and(eq(apiTokens.id, id), ownedBy(ctx.ownership ?? { all: true })));
    if (!existing) throw new RrcuError(IDENTITY_ERRORS.TOKEN_NOT_FOUND, `No API token has the id ${id}.`, { fix: 'List the tokens (GET /api/tokens) and use an id from there.' });
    const [revoked] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning();
    if (!revoked) return toTokenView(existing);
    await recordAuditEvent(tx, { type: 'api_token.revoked', actor: ctx.actor, subject: `token:${id}`, data: { name: revoked.name, prefix: revoked.prefix } });
    return toTokenView(revoked);
  });
}

/**
 * Revokes the live tokens `userId` made with a role above `role`, in the caller's transaction, each with an
 * `api_token.revoked` event (reason `creator_role_lowered`); returns their ids for the role-change event.
 * Revoked, not clamped, so the token list says what each token can do; lower tokens stay.
 */
export async function revokeTokensAboveRole(tx: Db, userId: string, role: AppRole, ctx: { actor: string }): Promise<string[]> {
  const above = rolesAbove(role);
  if (above.length === 0) return [];
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.createdBy, userId), isNull(apiTokens.revokedAt), inArray(apiTokens.role, above)))
    .returning();
  for (const token of revoked) {
    await recordAuditEvent(tx, {
      type: 'api_token.revoked',
      actor: ctx.actor,
      subject: `token:${token.id}`,
      data: { name: token.name, prefix: token.prefix, reason: 'creator_role_lowered', tokenRole: token.role, creatorRole: role, userId },
    });
  }
  return revoked.map((t) => t.id);
}
