import { checkSlackUser, type SlackUserRefusal, type SlackWorkspace } from '../core/slack-user.ts';
import { callSlack, type SlackFailure } from './slack-api.ts';
import { botWorkspace } from './slack-workspace.ts';

/**
 * Who gets a person's direct messages: the Slack user users.lookupByEmail finds for their email, but only
 * one Slack vouches for (core/slack-user.ts, the rules a click is judged by): a member who typed the person's
 * address into their profile without confirming it would otherwise read the person's requests and review
 * items. A refused recipient is a permanent failure: asking again finds the same user.
 */
export type SlackRecipient = { ok: true; userId: string } | SlackFailure;

export async function slackRecipient(apiUrl: string, token: string, email: string, signal: AbortSignal): Promise<SlackRecipient> {
  const found = await callSlack(apiUrl, token, 'users.lookupByEmail', { email }, signal);
  if (!found.ok) return { ...found, reason: `${email}: ${found.reason}` };
  const userId = (found.body.user as { id?: unknown } | undefined)?.id;
  if (typeof userId !== 'string') return { ok: false, retryable: false, reason: `Slack's users.lookupByEmail answered no user id for ${email}.` };
  const workspace = await botWorkspace(apiUrl, token, signal);
  if (!workspace.ok) return workspace;
  const check = checkSlackUser(found.body.user, workspace.workspace);
  if (!check.ok) return { ok: false, retryable: false, reason: refusalReason(check, email, userId, workspace.workspace) };
  return { ok: true, userId };
}

/** A refusal in words for the delivery log: whose Slack user, why, and that nothing was sent. */
function refusalReason(refusal: SlackUserRefusal, email: string, userId: string, workspace: SlackWorkspace): string {
  const user = `Slack's user for ${email} (${userId})`;
  const itsUser = `its user for ${email} (${userId})`;
  switch (refusal.reason) {
    case 'unreadable':
      return `Slack's users.lookupByEmail answered about ${email} in a form RRCU does not know; not sent.`;
    case 'deactivated':
      return `${user} is deactivated; not sent.`;
    case 'not_a_person':
      return `${user} is a bot or an app, not a person; not sent.`;
    case 'other_workspace':
      return `${user} is of another workspace (${refusal.teamId ?? 'none given'}) than the Slack app's (${workspace.teamId ?? workspace.enterpriseId ?? 'none given'}); not sent.`;
    case 'no_email':
      return `Slack gave no email for ${itsUser}, so RRCU cannot tell it is theirs; not sent: give the Slack app the users:read.email scope and reinstall it.`;
    case 'email_confirmation_unsaid':
      return `Slack did not say whether ${itsUser} has confirmed that email (is_email_confirmed); not sent.`;
    case 'email_unconfirmed':
      return `${user} has not confirmed that email, so it may not be theirs; not sent. Once they confirm it in Slack (the link Slack mailed to it), their messages arrive.`;
  }
}
