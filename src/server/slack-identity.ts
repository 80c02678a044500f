import { RrcuError } from '../core/errors.ts';
import { checkSlackUser, type SlackWorkspace } from '../notifications/index.ts';
import { SLACK_ERRORS } from './errors.ts';

/**
 * Whether Slack vouches for the email of the Slack user who clicked, so that RRCU may act as the person
 * with that email: notifications' `checkSlackUser` judges users.info's user object against the Slack app's
 * workspace and where the interaction came from (the rules, and why, are there: the same ones decide who
 * gets direct messages); this says a refusal to the clicker, with its code. Whoever is refused decides in
 * RRCU itself, signed in.
 */

/**
 * Whose the click is to be: `app`, the Slack app's workspace (the bot token's, auth.test), the reference;
 * `interaction`, where the payload (signed by Slack) says the click came from, which must match as well.
 */
export type ClickWorkspaces = { app: SlackWorkspace; interaction: SlackWorkspace };

/** The email Slack vouches for, of the Slack user `slackUserId` as users.info described them; otherwise the refusal, for the clicker to read. */
export function vouchedSlackEmail(user: unknown, slackUserId: string, workspaces: ClickWorkspaces): string {
  const check = checkSlackUser(user, workspaces.app, workspaces.interaction);
  if (check.ok) return check.email;
  switch (check.reason) {
    case 'unreadable':
      throw new RrcuError(SLACK_ERRORS.SLACK_USER_UNKNOWN, 'Slack answered about your user in a form RRCU does not know, so RRCU cannot tell which person you are.', { fix: 'Decide in RRCU itself, signed in.' });
    case 'deactivated':
      throw new RrcuError(SLACK_ERRORS.SLACK_USER_DEACTIVATED, `Your Slack account (${slackUserId}) is deactivated: RRCU acts for active Slack users only.`, { fix: 'Decide in RRCU itself, signed in.' });
    case 'not_a_person':
      throw new RrcuError(SLACK_ERRORS.SLACK_USER_NOT_A_PERSON, `Slack user ${slackUserId} is a bot or an app, not a person: RRCU decides only for people.`, { fix: 'A person decides, in Slack or in RRCU itself, signed in.' });
    case 'other_workspace': {
      const { app, interaction } = workspaces;
      const than = check.of === 'app' ? `RRCU's Slack app's (${app.teamId ?? app.enterpriseId ?? 'none given'})` : `the one this click came from (${interaction.teamId ?? interaction.enterpriseId ?? 'none given'})`;
      throw new RrcuError(SLACK_ERRORS.SLACK_USER_OTHER_WORKSPACE, `Your Slack user is of another workspace (${check.teamId ?? 'none given'}) than ${than}: RRCU acts only for users of its Slack app's workspace or Enterprise Grid organisation.`, { fix: 'Decide in RRCU itself, signed in.' });
    }
    case 'no_email':
      throw new RrcuError(SLACK_ERRORS.SLACK_USER_UNKNOWN, 'Slack did not give your email address, so RRCU cannot tell which person you are.', { fix: 'Ask an administrator to give the Slack app the users:read.email scope and reinstall it.' });
    case 'email_confirmation_unsaid':
      throw new RrcuError(SLACK_ERRORS.SLACK_EMAIL_UNCONFIRMED, `Slack did not say whether your email address (${check.email}) is confirmed, so RRCU cannot act as the person it names.`, { fix: 'Decide in RRCU itself, signed in; an administrator can check what Slack\'s users.info answers for you (is_email_confirmed).' });
    case 'email_unconfirmed':
      throw new RrcuError(SLACK_ERRORS.SLACK_EMAIL_UNCONFIRMED, `Slack has not confirmed that your email address (${check.email}) is yours, so RRCU cannot act as the person it names.`, { fix: 'Confirm the address in Slack (follow the link Slack mailed to it) and try again, or decide in RRCU itself, signed in.' });
  }
}
