import { z } from 'zod';
import { RrcuError } from '../core/errors.ts';
import { SLACK_ERRORS } from './errors.ts';

/**
 * Whether Slack vouches for the email of the Slack user who clicked, so that RRCU may act as the person
 * with that email. Pure: it judges users.info's user object against where the interaction came from.
 *
 * An email in a Slack profile is only as good as Slack's word on it: a member can type someone else's
 * address into their profile, and until they follow the link Slack mails to it, `is_email_confirmed` is
 * false. Slack's documented user object does not promise that field (its SDKs type it optional), so an
 * answer without it is refused too: acting as an approver on an address nobody proved is the impersonation
 * this guards against, and whoever is refused decides in RRCU itself, signed in.
 *
 * Refused as well: deactivated accounts (`deleted`), bots and apps (`is_bot`, `is_app_user`, workflow
 * bots: they are no person, whatever their profile says), and users of another workspace than the one
 * the interaction came from, unless both are of one Enterprise Grid organisation (whose administrators
 * manage the identities of all its workspaces). Guests (`is_restricted`, `is_ultra_restricted`) are not
 * refused: Slack invited them at that address, and what they may decide is RRCU's rules' question.
 */

/** The parts of users.info's `user` this reads; the rest is ignored. */
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

/** Where the interaction came from, as its payload (signed by Slack) says: the workspace and, in Enterprise Grid, the organisation. */
export type InteractionOrigin = { teamId?: string; enterpriseId?: string };

/** The email Slack vouches for, of the Slack user `slackUserId` as users.info described them; otherwise the refusal, for the clicker to read. */
export function vouchedSlackEmail(user: unknown, slackUserId: string, origin: InteractionOrigin): string {
  const parsed = slackUserSchema.safeParse(user);
  if (!parsed.success) {
    throw new RrcuError(SLACK_ERRORS.SLACK_USER_UNKNOWN, 'Slack answered about your user in a form RRCU does not know, so RRCU cannot tell which person you are.', { fix: 'Decide in RRCU itself, signed in.' });
  }
  const u = parsed.data;
  if (u.deleted === true) {
    throw new RrcuError(SLACK_ERRORS.SLACK_USER_DEACTIVATED, `Your Slack account (${slackUserId}) is deactivated: RRCU acts for active Slack users only.`, { fix: 'Decide in RRCU itself, signed in.' });
  }
  if (u.is_bot === true || u.is_app_user === true || u.is_workflow_bot === true) {
    throw new RrcuError(SLACK_ERRORS.SLACK_USER_NOT_A_PERSON, `Slack user ${slackUserId} is a bot or an app, not a person: RRCU decides only for people.`, { fix: 'A person decides, in Slack or in RRCU itself, signed in.' });
  }
  if (!sameWorkspace(u, origin)) {
    throw new RrcuError(SLACK_ERRORS.SLACK_USER_OTHER_WORKSPACE, `Your Slack user is of another workspace (${u.team_id ?? 'none given'}) than the one this message came from (${origin.teamId ?? 'none given'}): RRCU acts only for users of its Slack app's workspace or Enterprise Grid organisation.`, { fix: 'Decide in RRCU itself, signed in.' });
  }
  const email = u.profile?.email;
  if (!email) {
    throw new RrcuError(SLACK_ERRORS.SLACK_USER_UNKNOWN, 'Slack did not give your email address, so RRCU cannot tell which person you are.', { fix: 'Ask an administrator to give the Slack app the users:read.email scope and reinstall it.' });
  }
  if (u.is_email_confirmed === undefined) {
    throw new RrcuError(SLACK_ERRORS.SLACK_EMAIL_UNCONFIRMED, `Slack did not say whether your email address (${email}) is confirmed, so RRCU cannot act as the person it names.`, { fix: 'Decide in RRCU itself, signed in; an administrator can check what Slack\'s users.info answers for you (is_email_confirmed).' });
  }
  if (!u.is_email_confirmed) {
    throw new RrcuError(SLACK_ERRORS.SLACK_EMAIL_UNCONFIRMED, `Slack has not confirmed that your email address (${email}) is yours, so RRCU cannot act as the person it names.`, { fix: 'Confirm the address in Slack (follow the link Slack mailed to it) and try again, or decide in RRCU itself, signed in.' });
  }
  return email;
}

/**
 * The user belongs where the click came from: the same workspace, or the same Enterprise Grid organisation
 * (there a user's `team_id` may be the organisation's or another of its workspaces). Nothing to compare
 * with is no match.
 */
function sameWorkspace(user: z.infer<typeof slackUserSchema>, origin: InteractionOrigin): boolean {
  if (origin.teamId && (user.team_id === origin.teamId || user.enterprise_user?.teams?.includes(origin.teamId))) return true;
  return Boolean(origin.enterpriseId && (user.enterprise_user?.enterprise_id === origin.enterpriseId || user.team_id === origin.enterpriseId));
}
