import { z } from 'zod';
import { callSlack, httpFailure, networkFailure, SLACK_API_URL } from './slack-api.ts';
import { slackRecipient } from './slack-recipient.ts';
import type { ChannelDriver, DeliveryAddress, RenderedMessage, SendContext, SendResult } from './types.ts';
import { urlRefusal } from './webhook.ts';

/**
 * The action ids of the buttons RRCU puts on a Slack message, which the interactions endpoint
 * (server/routes/slack.ts) acts on. Stored in messages already sent: never renamed.
 */
export const SLACK_ACTIONS = {
  approve: 'rrcu_request_approve',
  deny: 'rrcu_request_deny',
  keep: 'rrcu_review_keep',
  revoke: 'rrcu_review_revoke',
} as const;
/** The block holding them, dropped from the message once someone decided. */
export const SLACK_DECISION_BLOCK = 'rrcu_decision';

/** The review notifications that may name the items their reviewer decides: one (`payload.itemId`) or the first few (`payload.decide`). */
const REVIEW_ITEM_KINDS = new Set(['review.assigned', 'review.reminder', 'review.escalated']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Slack's mrkdwn: these three are markup, everything else is text. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export type SlackBlock = Record<string, unknown>;
export type SlackMessage = { text: string; blocks: SlackBlock[] };

/** The block of one item's buttons on a message naming several: dropped alone once that item is decided. */
export const itemDecisionBlock = (itemId: string) => `${SLACK_DECISION_BLOCK}:${itemId}`;

/** At most this many items get their own buttons on one message (Slack allows 50 blocks); the rest are decided in RRCU. */
const ITEMS_WITH_BUTTONS = 10;

/**
 * The buttons a message carries, from its kind and payload: Approve/Deny on a request awaiting the
 * recipient (`request.submitted` names `requestId`); Keep/Revoke on a review notification that names one
 * item (`itemId`), or under each of the items it lists (`decide: [{ itemId, label }]`: review.assigned
 * names a reviewer's first few), with how many more wait in RRCU.
 */
export function decisionBlocks(message: Pick<RenderedMessage, 'kind' | 'payload'>): SlackBlock[] {
  const { kind, payload } = message;
  const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger') => ({
    type: 'button', text: { type: 'plain_text', text }, action_id: actionId, value, ...(style ? { style } : {}),
  });
  const keepOrRevoke = (itemId: string, blockId: string) => ({ type: 'actions', block_id: blockId, elements: [button('Keep', SLACK_ACTIONS.keep, itemId, 'primary'), button('Revoke', SLACK_ACTIONS.revoke, itemId, 'danger')] });
  const requestId = payload.requestId;
  if (kind === 'request.submitted' && (typeof requestId === 'number' || (typeof requestId === 'string' && /^\d{1,12}$/.test(requestId)))) {
    return [{ type: 'actions', block_id: SLACK_DECISION_BLOCK, elements: [button('Approve', SLACK_ACTIONS.approve, String(requestId), 'primary'), button('Deny', SLACK_ACTIONS.deny, String(requestId), 'danger')] }];
  }
  if (!REVIEW_ITEM_KINDS.has(kind)) return [];
  const itemId = payload.itemId;
  if (typeof itemId === 'string' && UUID.test(itemId)) return [keepOrRevoke(itemId, SLACK_DECISION_BLOCK)];
  const listed = Array.isArray(payload.decide) ? payload.decide : [];
  const items = listed.flatMap((x: unknown) => {
    const { itemId: id, label } = (x ?? {}) as { itemId?: unknown; label?: unknown };
    return typeof id === 'string' && UUID.test(id) ? [{ id, label: typeof label === 'string' ? label : id }] : [];
  }).slice(0, ITEMS_WITH_BUTTONS);
  const blocks: SlackBlock[] = items.flatMap(({ id, label }) => [
    { type: 'section', text: { type: 'mrkdwn', text: cut(slackEscape(label), 3000) } },
    keepOrRevoke(id, itemDecisionBlock(id)),
  ]);
  const total = typeof payload.items === 'number' ? payload.items : items.length;
  if (items.length > 0 && total > items.length) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `and ${total - items.length} more to decide in RRCU` }] });
  return blocks;
}

/**
 * A rendered notification as Block Kit: the title as header, the text, a link to the page, and (for the
 * Slack app, whose interactions RRCU receives) the decision buttons. `text` is the fallback Slack shows
 * in notifications and to screen readers. Within Slack's limits (header 150, section 3000 characters).
 */
export function slackMessage(message: RenderedMessage, options: { buttons: boolean }): SlackMessage {
  const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: cut(message.title, 150) } }];
  if (message.text.trim()) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(slackEscape(message.text), 3000) } });
  if (message.url) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${slackEscape(message.url)}|Open in RRCU>` }] });
  if (options.buttons) blocks.push(...decisionBlocks(message));
  const fallback = [message.title, message.text.trim(), message.url].filter(Boolean).join('\n');
  return { text: cut(slackEscape(fallback), 3000), blocks };
}

/** https, or http to this machine only (a test's fake Slack), no credentials in it: the webhook's rule (`urlRefusal`) without RRCU_ALLOW_HTTP_WEBHOOKS, as the URL is a credential, not sent in clear over a network. */
const safeUrl = z
  .string()
  .max(2048)
  .superRefine((v, ctx) => {
    const refusal = urlRefusal(v, false);
    if (refusal) ctx.addIssue({ code: 'custom', message: refusal });
  });

export const slackWebhookConfigSchema = z.strictObject({});
export const slackWebhookSecretsSchema = z.strictObject({
  /** Slack's incoming webhook URL (https://hooks.slack.com/services/…): whoever holds it posts to the channel. */
  webhookUrl: safeUrl,
});
export type SlackWebhookConfig = z.infer<typeof slackWebhookConfigSchema>;
export type SlackWebhookSecrets = z.infer<typeof slackWebhookSecretsSchema>;

export const slackAppConfigSchema = z.strictObject({});
export const slackAppSecretsSchema = z.strictObject({
  botToken: z.string().trim().regex(/^xoxb-[\w-]{1,500}$/, 'must be the bot token of the Slack app (xoxb-…), from its OAuth & Permissions page'),
  signingSecret: z.string().trim().regex(/^\w{8,200}$/, "must be the Slack app's signing secret, from its Basic Information page"),
});
export type SlackAppConfig = z.infer<typeof slackAppConfigSchema>;
export type SlackAppSecrets = z.infer<typeof slackAppSecretsSchema>;

/**
 * Announcements to one Slack channel through an incoming webhook: Block Kit without buttons (an incoming
 * webhook's messages reach no interactions endpoint of ours). Slack answers 200 `ok`; 429 and 5xx are
 * tried again (after Retry-After), other answers (`invalid_payload`, `no_service`, `channel_is_archived`)
 * are permanent.
 */
export const slackWebhookDriver: ChannelDriver<SlackWebhookConfig, SlackWebhookSecrets> = {
  kind: 'slack_webhook',
  audience: 'channel',
  parseConfig: (input) => slackWebhookConfigSchema.parse(input ?? {}),
  parseSecrets: (input) => slackWebhookSecretsSchema.parse(input),
  async send(message, to, channel, ctx) {
    if (to.kind !== 'channel') return { ok: false, retryable: false, reason: `A Slack webhook channel cannot deliver to a ${to.kind} address.` };
    let response: Response;
    try {
      response = await fetch(channel.secrets.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(slackMessage(message, { buttons: false })),
        redirect: 'error',
        signal: ctx.signal,
      });
    } catch (e) {
      return networkFailure(e);
    }
    const text = await response.text().catch(() => '');
    if (response.ok) return { ok: true, providerRef: `HTTP ${response.status}` };
    // Slack's webhook errors are short codes (`no_service`); anything longer is not Slack's and not shown.
    return withoutRef(httpFailure(response.status, response.headers.get('retry-after'), /^[\w.-]{1,100}$/.test(text.trim()) ? text.trim() : '', new Date()));
  },
};

/**
 * Direct messages from the Slack app (bot token) to people matched by email: users.lookupByEmail, a user
 * Slack vouches for (slack-recipient.ts: active, a person, of the bot token's workspace, the email
 * confirmed), then chat.postMessage to that user (Slack opens the direct message). The provider's
 * reference is `<channel>:<ts>`, the message's address in Slack.
 */
export const slackAppDriver: ChannelDriver<SlackAppConfig, SlackAppSecrets> = {
  kind: 'slack_app',
  audience: 'people',
  parseConfig: (input) => slackAppConfigSchema.parse(input ?? {}),
  parseSecrets: (input) => slackAppSecretsSchema.parse(input),
  send: sendDirectMessage,
};

async function sendDirectMessage(message: RenderedMessage, to: DeliveryAddress, channel: { config: SlackAppConfig; secrets: SlackAppSecrets }, ctx: SendContext): Promise<SendResult> {
  if (to.kind !== 'slack_user') return { ok: false, retryable: false, reason: `A Slack app channel cannot deliver to a ${to.kind} address.` };
  const apiUrl = ctx.slackApiUrl ?? SLACK_API_URL;
  const token = channel.secrets.botToken;
  const recipient = await slackRecipient(apiUrl, token, to.email, ctx.signal);
  if (!recipient.ok) return withoutRef(recipient);
  const userId = recipient.userId;
  const posted = await callSlack(apiUrl, token, 'chat.postMessage', { channel: userId, ...slackMessage(message, { buttons: true }), unfurl_links: false, unfurl_media: false }, ctx.signal);
  if (!posted.ok) return withoutRef(posted);
  return { ok: true, providerRef: `${String(posted.body.channel ?? userId)}:${String(posted.body.ts ?? '')}` };
}

/** A SlackFailure as the driver contract's failure (Slack's own error code is already in the reason). */
function withoutRef(failure: { retryable: boolean; retryAfterMs?: number; reason: string; code?: number }): SendResult {
  return { ok: false, retryable: failure.retryable, reason: failure.reason, ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}), ...(failure.code !== undefined ? { code: failure.code } : {}) };
}
