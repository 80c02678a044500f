import { createHash } from 'node:crypto';
import type { SlackWorkspace } from '../core/slack-user.ts';
import { callSlack, type SlackFailure } from './slack-api.ts';

/**
 * The Slack app's workspace: the bot token's, from auth.test (no scope needed). It is the workspace a Slack
 * user must be of (core/slack-user.ts) to receive a person's direct messages (slack-recipient.ts) and to act
 * as a person on a click (server/slack-actions.ts), so both ask here and share one answer.
 *
 * Kept for the process: a token belongs to one installation and never changes workspace, so one call per
 * token and process costs nothing per message or click. Keyed by the token's digest (the token itself stays
 * in the channel's sealed secrets); a token that stops working fails the next Slack call it makes. Few Slack
 * apps exist per deployment; the bound only keeps a long-lived process that saw many replaced tokens small.
 */
const workspaces = new Map<string, SlackWorkspace>();
const MAX_TOKENS = 100;

export async function botWorkspace(apiUrl: string, token: string, signal?: AbortSignal): Promise<{ ok: true; workspace: SlackWorkspace } | SlackFailure> {
  const key = createHash('sha256').update(`${apiUrl}\n${token}`).digest('hex');
  const known = workspaces.get(key);
  if (known) return { ok: true, workspace: known };
  const answer = await callSlack(apiUrl, token, 'auth.test', {}, signal);
  if (!answer.ok) return { ...answer, reason: `Slack's auth.test (which workspace the bot token is of): ${answer.reason}` };
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const workspace = { teamId: text(answer.body.team_id), enterpriseId: text(answer.body.enterprise_id) };
  if (workspaces.size >= MAX_TOKENS) workspaces.delete(workspaces.keys().next().value!);
  workspaces.set(key, workspace);
  return { ok: true, workspace };
}
