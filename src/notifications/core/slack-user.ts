import { z } from 'zod';

/**
 * Whether Slack vouches for the email of one of its users, so that RRCU may take that user for the person
 * with that email: to act as them on a click (server/slack-identity.ts judges users.info's user) and to send
 * them that person's direct messages (channels/slack-recipient.ts judges users.lookupByEmail's). Pure: it
 * judges Slack's user object against the workspace it should belong to. Each side words the refusal for its
 * reader (the clicker; an administrator reading the delivery log).
 *
 * An email in a Slack profile is only as good as Slack's word on it: a member can type someone else's
 * address into their profile, and until they follow the link Slack mails to it, `is_email_confirmed` is
 * false. Slack's documented user object does not promise that field (its SDKs type it optional), so an
 * answer without it is refused too: taking an address nobody proved for its owner is the impersonation this
 * guards against.
 *
 * Refused as well: deactivated accounts (`deleted`), bots and apps (`is_bot`, `is_app_user`, workflow
 * bots: they are no person, whatever their profile says), and users of another workspace than the Slack
 * app's (the bot token's, from auth.test), unless both are of one Enterprise Grid organisation (whose
 * administrators manage the identities of all its workspaces). The app's workspace is the reference, not
 * where a click came from: in a Slack Connect channel a partner organisation's member clicks from their own
 * workspace, so a payload's `team` may well be theirs, and their email is their administrators' word, not
 * ours. A click's workspace must match the user as well, an extra condition that never replaces the app's.
 * Guests (`is_restricted`, `is_ultra_restricted`) are not refused: Slack invited them at that address, and
 * what they may see or decide is RRCU's rules' question.
 */

/** The parts of Slack's user object (users.info, users.lookupByEmail) this reads; the rest is ignored. */
const slackUserSchema = z.object({
  id: z.string().max(100).optional(),
  team_id: z.string().max(100).optional(),
  deleted: z.boolean().optional(),
  is_bot: z.boolean().optional(),
  is_app_user: z.boolean().optional(),
  is_workflow_bot: z.boolean().optional(),
  is_email_confirmed: z.boolean().optional(),
  enterprise_user: z.object({ enterprise_id: z.string().max(100).optional(), teams: z.array(z.string().max(100)).max(10_000).optional() }).passthrough().optional(),
  profile: z.object({ email: z.string().max(320).optional() }).passthrough().optional(),
}).passthrough();

/**
 * A Slack workspace and, in Enterprise Grid, its organisation: where a click came from (its payload, signed
 * by Slack), or the bot token's own (auth.test).
 */
export type SlackWorkspace = { teamId?: string | undefined; enterpriseId?: string | undefined };

/** Why Slack's word does not vouch for a user's email, in the order checked: the first reason Slack gives wins. */
export type SlackUserRefusal =
  /** Not a user object RRCU knows. */
  | { reason: 'unreadable' }
  | { reason: 'deactivated' }
  /** A bot, an app user or a workflow bot. */
  | { reason: 'not_a_person' }
  /**
   * `teamId` is the user's, when Slack gave one; `of` says which workspace they are not of: the Slack app's,
   * or (the app's matched) the one the click came from.
   */
  | { reason: 'other_workspace'; teamId: string | undefined; of: 'app' | 'interaction' }
  /** No `profile.email`: the app lacks users:read.email. */
  | { reason: 'no_email' }
  | { reason: 'email_unconfirmed'; email: string }
  /** The answer has no `is_email_confirmed` at all. */
  | { reason: 'email_confirmation_unsaid'; email: string };

export type SlackUserCheck = { ok: true; email: string } | ({ ok: false } & SlackUserRefusal);

/**
 * The email Slack vouches for, of this Slack user object, when it is a person of `app` (the bot token's
 * workspace) and, for a click, of `interaction` too (the payload's team, which must name one: a click that
 * names none is refused); otherwise why not.
 */
export function checkSlackUser(user: unknown, app: SlackWorkspace, interaction?: SlackWorkspace): SlackUserCheck {
  const parsed = slackUserSchema.safeParse(user);
  if (!parsed.success) return { ok: false, reason: 'unreadable' };
  const u = parsed.data;
  if (u.deleted === true) return { ok: false, reason: 'deactivated' };
  if (u.is_bot === true || u.is_app_user === true || u.is_workflow_bot === true) return { ok: false, reason: 'not_a_person' };
  if (!sameWorkspace(u, app)) return { ok: false, reason: 'other_workspace', teamId: u.team_id, of: 'app' };
  if (interaction && !sameWorkspace(u, interaction)) return { ok: false, reason: 'other_workspace', teamId: u.team_id, of: 'interaction' };
  const email = u.profile?.email;
  if (!email) return { ok: false, reason: 'no_email' };
  if (u.is_email_confirmed === undefined) return { ok: false, reason: 'email_confirmation_unsaid', email };
  if (!u.is_email_confirmed) return { ok: false, reason: 'email_unconfirmed', email };
  return { ok: true, email };
}

/**
 * The user belongs to the workspace: the same one, or the same Enterprise Grid organisation (there a user's
 * `team_id` may be the organisation's or another of its workspaces). Nothing to compare with is no match.
 */
function sameWorkspace(user: z.infer<typeof slackUserSchema>, workspace: SlackWorkspace): boolean {
  if (workspace.teamId && (user.team_id === workspace.teamId || user.enterprise_user?.teams?.includes(workspace.teamId))) return true;
  return Boolean(workspace.enterpriseId && (user.enterprise_user?.enterprise_id === workspace.enterpriseId || user.team_id === workspace.enterpriseId));
}
