import { and, desc, eq, isNull } from 'drizzle-orm';
import { recordAuditEvent } from '../../audit/index.ts';
import { RrcuError } from '../../core/errors.ts';
import type { Db } from '../../store/db.ts';
import { apiTokens } from '../../store/schema/index.ts';
import type { AppRole } from './roles.ts';
import { randomBase62, sha256Hex } from './secrets.ts';

export const TOKEN_PREFIX = 'rrcu_';
/** The characters kept in clear to recognise a token in lists (`rrcu_` + 7). */
const VISIBLE_CHARS = 12;

/** An API token as lists show it; the token itself is never shown again after creation. */
export type TokenView = {
  id: string;
  name: string;
  prefix: string;
  role: AppRole;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** The id of the user who created it; null for tokens made by `rrcu admin create-token` or a removed user. */
  createdBy: string | null;
};

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

/** Creates a token for scripts: returns it once (`rrcu_` + 40 base62), keeps only its SHA-256. */
export async function createApiToken(
  db: Db,
  input: { name: string; role: AppRole; expiresInDays?: number | undefined },
  ctx: { actor: string; userId: string | null },
): Promise<{ token: string; item: TokenView }> {
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

/** Every token, newest first, revoked and expired ones included (they explain past audit events). */
export async function listApiTokens(db: Db): Promise<TokenView[]> {
  const rows = await db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt));
  return rows.map(toTokenView);
}

/** Revokes a token: its next request is refused. Revoking a revoked token changes nothing and records nothing. */
export async function revokeApiToken(db: Db, id: string, ctx: { actor: string }): Promise<TokenView> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(apiTokens).where(eq(apiTokens.id, id));
    if (!existing) throw new RrcuError('TOKEN_NOT_FOUND', `No API token has the id ${id}.`, { fix: 'List the tokens (GET /api/tokens) and use an id from there.' });
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
