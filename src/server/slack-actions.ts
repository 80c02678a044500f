import { z } from 'zod';
import type { App } from '../app.ts';
import { isRrcuError, RrcuError } from '../core/errors.ts';
import { botWorkspace, callSlack, itemDecisionBlock, SLACK_ACTIONS, SLACK_DECISION_BLOCK, slackEscape, type SlackBlock } from '../notifications/index.ts';
import type { RequestCaller } from '../requests/index.ts';
import { REVIEW_ERRORS } from '../reviews/index.ts';
import { SLACK_ERRORS } from './errors.ts';
import { vouchedSlackEmail } from './slack-identity.ts';

/**
 * What a click in Slack does: the Slack user becomes the person of the inventory with their Slack email
 * (users.info with the bot token), who then acts through the same services as on the web, under the same
 * rules (no self-approval, an approver of the current step; only one's own review items). The reply
 * updates the message through Slack's response_url.
 */

/** The parts of Slack's interaction payloads RRCU reads (block_actions, view_submission); the rest is ignored. */
export const slackPayloadSchema = z.object({
  type: z.string().max(100),
  user: z.object({ id: z.string().min(1).max(100) }),
  // Where the click came from: the clicker must be of this workspace or Enterprise Grid organisation as well as of
  // the Slack app's (slack-identity.ts); in a Slack Connect channel it may be a partner organisation's.
  team: z.object({ id: z.string().max(100).optional(), enterprise_id: z.string().max(100).nullish() }).passthrough().nullish(),
  enterprise: z.object({ id: z.string().max(100).optional() }).passthrough().nullish(),
  trigger_id: z.string().max(500).optional(),
  response_url: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  message: z.object({ blocks: z.array(z.record(z.string(), z.unknown())).max(100).optional() }).passthrough().optional(),
  actions: z.array(z.object({ action_id: z.string().max(255), value: z.string().max(2000).optional() })).max(25).optional(),
  view: z.object({
    callback_id: z.string().max(255).optional(),
    private_metadata: z.string().max(3000).optional(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().max(4000).nullish() }).passthrough())) }).optional(),
  }).passthrough().optional(),
});
export type SlackPayload = z.infer<typeof slackPayloadSchema>;

export type SlackApp = { botToken: string; signingSecret: string; apiUrl: string };

/** Who clicked: the person their Slack email names, as requests and reviews take a caller. */
export type SlackActor = { personId: string; name: string; request: RequestCaller; review: { actor: string; personId: string } };

/** The modal that asks a reviewer why they revoke (or keep, where the campaign wants a comment). */
export const REVIEW_COMMENT_VIEW = 'rrcu_review_comment';
const COMMENT_BLOCK = 'comment';
/** `listed`: the item is one of several on its message, whose other buttons a reply must not wipe. */
const modalMetadataSchema = z.object({ itemId: z.uuid(), decision: z.enum(['keep', 'revoke']), responseUrl: z.string().max(2048).optional(), title: z.string().max(200), listed: z.boolean().optional() });

/**
 * The Slack user as a person of the inventory, by the email Slack vouches for (slack-identity.ts: not a
 * deactivated account, a bot or an app, nor a user of another workspace than the Slack app's or the click's;
 * an email Slack confirmed). The audit log names their RRCU user when one signs in with that email (a
 * disabled one acts on nothing), else `slack:<Slack user id>`; requests and reviews record the person
 * either way.
 */
export async function slackActor(app: App, slack: SlackApp, payload: SlackPayload): Promise<SlackActor> {
  const slackUserId = payload.user.id;
  const info = await callSlack(slack.apiUrl, slack.botToken, 'users.info', { user: slackUserId });
  if (!info.ok) {
    throw new RrcuError(SLACK_ERRORS.SLACK_USER_UNKNOWN, `RRCU could not look up your Slack user: ${info.reason}`, { fix: 'Ask an administrator to check the Slack app channel under Settings → Notifications (its scopes include users:read.email).' });
  }
  // The reference is the bot token's workspace (auth.test, kept per token and process), never the payload's alone.
  const bot = await botWorkspace(slack.apiUrl, slack.botToken);
  if (!bot.ok) {
    throw new RrcuError(SLACK_ERRORS.SLACK_USER_UNKNOWN, `RRCU could not tell which Slack workspace its app is of, so it cannot tell whether you are of it: ${bot.reason}`, { fix: 'Try again; if it persists, ask an administrator to check the Slack app channel under Settings → Notifications.' });
  }
  const interaction = { teamId: payload.team?.id, enterpriseId: payload.enterprise?.id ?? payload.team?.enterprise_id ?? undefined };
  const email = vouchedSlackEmail(info.body.user, slackUserId, { app: bot.workspace, interaction });
  const person = await app.access.personWithEmail(email);
  if (!person) {
    throw new RrcuError(SLACK_ERRORS.SLACK_USER_UNKNOWN, `No person of RRCU's inventory has your Slack email (${email}).`, { fix: 'Decide in RRCU itself, signed in, or ask an administrator why your email is not in the synced directory.' });
  }
  const [user] = await app.identity.usersWithEmail(email);
  if (user?.disabled) {
    throw new RrcuError(SLACK_ERRORS.SLACK_USER_DISABLED, `Your RRCU user (${email}) is disabled: it decides nothing, from Slack or elsewhere.`, { fix: 'Ask a Super Administrator to enable your user.' });
  }
  const actor = user ? `user:${user.id}` : `slack:${slackUserId}`;
  return {
    personId: person.id,
    name: person.displayName,
    request: { userId: user?.id ?? null, personId: person.id, role: user?.role ?? 'person', actor },
    review: { actor, personId: person.id },
  };
}

/** The Slack answer to one interaction: JSON for Slack now (a modal's errors), and what to post to the response_url after. */
export type SlackOutcome = { answer?: Record<string, unknown>; reply?: { url: string; body: Record<string, unknown> } };

/** A button of ours pressed on a message: acts, or opens the comment modal. Unknown buttons (the link) do nothing. */
export async function onBlockAction(app: App, slack: SlackApp, payload: SlackPayload): Promise<SlackOutcome> {
  const action = payload.actions?.[0];
  const value = action?.value ?? '';
  const url = payload.response_url;
  const title = headerOf(payload.message?.blocks);
  switch (action?.action_id) {
    case SLACK_ACTIONS.approve:
    case SLACK_ACTIONS.deny: {
      const approve = action.action_id === SLACK_ACTIONS.approve;
      return replyTo(url, payload.message?.blocks, async () => {
        const id = /^\d{1,12}$/.test(value) ? Number(value) : NaN;
        if (!Number.isSafeInteger(id)) throw new RrcuError(SLACK_ERRORS.SLACK_ACTION_INVALID, `The button names no request (${JSON.stringify(value.slice(0, 40))}).`, { fix: 'Open the request in RRCU.' });
        const who = await slackActor(app, slack, payload);
        await (approve ? app.requests.approve(id, {}, who.request) : app.requests.deny(id, {}, who.request));
        return `${approve ? ':white_check_mark: Approved' : ':no_entry: Denied'} by ${slackEscape(who.name)} in Slack.`;
      });
    }
    case SLACK_ACTIONS.keep:
    case SLACK_ACTIONS.revoke: {
      const decision = action.action_id === SLACK_ACTIONS.keep ? 'keep' : 'revoke';
      if (!z.uuid().safeParse(value).success) return replyTo(url, undefined, () => Promise.reject(new RrcuError(SLACK_ERRORS.SLACK_ACTION_INVALID, 'The button names no review item.', { fix: 'Open My reviews in RRCU.' })));
      if (decision === 'revoke') return { answer: {}, ...(await openCommentModal(app, slack, payload, value, 'revoke', title)) };
      return replyTo(url, payload.message?.blocks, async () => {
        const who = await slackActor(app, slack, payload);
        await ownItem(app, value, who);
        try {
          await app.reviews.decide({ itemId: value, decision: 'keep' }, who.review);
        } catch (e) {
          // This campaign wants a comment on Keep too: ask for it as for a Revoke.
          if (isRrcuError(e, REVIEW_ERRORS.COMMENT_REQUIRED.code) && payload.trigger_id) return { modal: await openCommentModal(app, slack, payload, value, 'keep', title) };
          throw e;
        }
        return `:white_check_mark: Kept by ${slackEscape(who.name)} in Slack.`;
      }, value);
    }
    default:
      return { answer: {} };
  }
}

/** The comment modal submitted: the decision with its comment, or the refusal shown in the modal under the comment. */
export async function onViewSubmission(app: App, slack: SlackApp, payload: SlackPayload): Promise<SlackOutcome> {
  if (payload.view?.callback_id !== REVIEW_COMMENT_VIEW) return { answer: {} };
  const meta = modalMetadataSchema.safeParse(parseJson(payload.view.private_metadata ?? ''));
  if (!meta.success) return { answer: modalError('RRCU cannot read this form. Decide in RRCU itself.') };
  const comment = payload.view.state?.values[COMMENT_BLOCK]?.[COMMENT_BLOCK]?.value?.trim() ?? '';
  const { itemId, decision, responseUrl, title } = meta.data;
  try {
    const who = await slackActor(app, slack, payload);
    await ownItem(app, itemId, who);
    await app.reviews.decide({ itemId, decision, ...(comment ? { comment } : {}) }, who.review);
    const done = `${decision === 'revoke' ? ':no_entry: Revoked' : ':white_check_mark: Kept'} by ${slackEscape(who.name)} in Slack: ${slackEscape(comment)}`;
    // A message listing several items keeps the others' buttons: the decision is said beside it, not over it.
    const body = meta.data.listed ? { replace_original: false, text: `${title ? `${slackEscape(title)}: ` : ''}${done}` } : decided(title ? [{ type: 'header', text: { type: 'plain_text', text: title } }] : undefined, done);
    return { answer: {}, ...(responseUrl ? { reply: { url: responseUrl, body } } : {}) };
  } catch (e) {
    return { answer: modalError(refusal(e)) };
  }
}

async function openCommentModal(app: App, slack: SlackApp, payload: SlackPayload, itemId: string, decision: 'keep' | 'revoke', title: string): Promise<SlackOutcome> {
  const listed = (payload.message?.blocks ?? []).some((b) => b.block_id === itemDecisionBlock(itemId));
  const metadata = JSON.stringify({ itemId, decision, responseUrl: payload.response_url, title: title.slice(0, 200), ...(listed ? { listed } : {}) });
  const opened = await callSlack(slack.apiUrl, slack.botToken, 'views.open', {
    trigger_id: payload.trigger_id,
    view: {
      type: 'modal',
      callback_id: REVIEW_COMMENT_VIEW,
      private_metadata: metadata.length <= 3000 ? metadata : JSON.stringify({ itemId, decision, title: '' }),
      title: { type: 'plain_text', text: decision === 'revoke' ? 'Revoke access' : 'Keep access' },
      submit: { type: 'plain_text', text: decision === 'revoke' ? 'Revoke' : 'Keep' },
      close: { type: 'plain_text', text: 'Cancel' },
      blocks: [
        ...(title ? [{ type: 'section', text: { type: 'mrkdwn', text: slackEscape(title) } }] : []),
        { type: 'input', block_id: COMMENT_BLOCK, label: { type: 'plain_text', text: 'Why? (goes with the decision to the audit log and the export)' }, element: { type: 'plain_text_input', action_id: COMMENT_BLOCK, multiline: true, max_length: 4000 } },
      ],
    },
  });
  if (opened.ok || !payload.response_url) return {};
  return { reply: { url: payload.response_url, body: ephemeral(`RRCU could not open the form: ${opened.reason}`) } };
}

/** Only the item's current reviewer decides it from Slack (on the web, readers see others' items but decide none either). */
async function ownItem(app: App, itemId: string, who: SlackActor): Promise<void> {
  const detail = await app.reviews.itemDetail(itemId).catch(() => undefined);
  if (detail?.reviewer?.id !== who.personId) {
    throw new RrcuError(REVIEW_ERRORS.ITEM_NOT_FOUND, `No review item ${itemId} is assigned to you.`, { fix: 'Open My reviews in RRCU for the items waiting for you.' });
  }
}

/**
 * Runs the action and says how it went on the message: the buttons replaced by who decided, or (refused:
 * not an approver, your own request, decided already) an ephemeral note to the clicker, buttons kept.
 */
async function replyTo(url: string | undefined, blocks: Record<string, unknown>[] | undefined, act: () => Promise<string | { modal: SlackOutcome }>, itemId?: string): Promise<SlackOutcome> {
  let body: Record<string, unknown>;
  try {
    const done = await act();
    if (typeof done !== 'string') return { answer: {}, ...done.modal };
    body = decided(blocks, done, itemId);
  } catch (e) {
    body = ephemeral(refusal(e));
  }
  return { answer: {}, ...(url ? { reply: { url, body } } : {}) };
}

/**
 * The message once decided: its buttons replaced by who decided. On a message listing several items only
 * the decided item's buttons are, in their place; the others' stay.
 */
function decided(blocks: Record<string, unknown>[] | undefined, done: string, itemId?: string): Record<string, unknown> {
  const said = { type: 'context', elements: [{ type: 'mrkdwn', text: done }] };
  const own = itemId ? itemDecisionBlock(itemId) : undefined;
  if (own && (blocks ?? []).some((b) => b.block_id === own)) {
    return { replace_original: true, text: done, blocks: (blocks as SlackBlock[]).map((b) => (b.block_id === own ? said : b)) };
  }
  const kept = (blocks ?? []).filter((b) => b.block_id !== SLACK_DECISION_BLOCK) as SlackBlock[];
  return { replace_original: true, text: done, blocks: [...kept, said] };
}

function ephemeral(text: string): Record<string, unknown> {
  return { replace_original: false, response_type: 'ephemeral', text: slackEscape(text).slice(0, 3000) };
}

function modalError(text: string): Record<string, unknown> {
  return { response_action: 'errors', errors: { [COMMENT_BLOCK]: text.slice(0, 2000) } };
}

/** An RrcuError's message and fix (they are written for the person acting); anything else, without its details. */
function refusal(e: unknown): string {
  if (e instanceof RrcuError) return `Not done: ${e.message}${e.fix ? ` ${e.fix}` : ''}`;
  return 'Not done: RRCU failed to carry it out. Try again in RRCU itself.';
}

function headerOf(blocks: Record<string, unknown>[] | undefined): string {
  const header = blocks?.find((b) => b.type === 'header') as { text?: { text?: unknown } } | undefined;
  return typeof header?.text?.text === 'string' ? header.text.text : '';
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
