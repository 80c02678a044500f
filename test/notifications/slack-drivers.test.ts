import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { slackAppDriver, slackWebhookDriver, SLACK_ACTIONS } from '../../src/notifications/channels/slack.ts';
import type { RenderedMessage } from '../../src/notifications/channels/types.ts';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack.ts';

const ITEM = '0b6c7a2e-3c55-4f38-9d6c-1c1f0f3a9e11';

const message = (over: Partial<RenderedMessage> = {}): RenderedMessage => ({
  kind: 'request.submitted',
  title: 'Access request to decide: AdministratorAccess on Prod',
  text: 'Ana asks for AdministratorAccess for 60 minutes: <script> & incident #4.',
  html: '',
  url: 'https://rrcu.example.com/requests/12?x=1&y=2',
  payload: { requestId: 12 },
  at: new Date('2026-12-05T08:00:00Z'),
  ...over,
});

const ctx = () => ({ deliveryId: crypto.randomUUID(), signal: AbortSignal.timeout(10_000), slackApiUrl: slack.apiUrl });
const buttonsOf = (blocks: unknown) => (blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []).map((e) => [e.action_id, e.value]);

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack({ users: [] });
  slack.addUser({ id: 'U0ANA', email: 'ana@example.com', name: 'ana' });
});
afterAll(() => slack.stop());

describe('slack_webhook', () => {
  const channel = () => ({ config: slackWebhookDriver.parseConfig({}), secrets: slackWebhookDriver.parseSecrets({ webhookUrl: slack.webhookUrl }) });

  test('posts the message as Block Kit (header, escaped text, link) without buttons: an incoming webhook reaches no endpoint of ours', async () => {
    const result = await slackWebhookDriver.send(message(), { kind: 'channel' }, channel(), ctx());
    expect(result).toEqual({ ok: true, providerRef: 'HTTP 200' });
    const posted = slack.webhookPosts.at(-1) as { text: string; blocks: { type: string; text?: { text: string }; elements?: { text: string }[] }[] };
    expect(posted.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
    expect(posted.blocks[0]!.text!.text).toBe('Access request to decide: AdministratorAccess on Prod');
    expect(posted.blocks[1]!.text!.text).toBe('Ana asks for AdministratorAccess for 60 minutes: &lt;script&gt; &amp; incident #4.');
    expect(posted.blocks[2]!.elements![0]!.text).toBe('<https://rrcu.example.com/requests/12?x=1&amp;y=2|Open in RRCU>');
    expect(posted.text).toContain('Access request to decide');
  });

  test('429 passes after its Retry-After, 5xx passes, any other answer is permanent with Slack\'s code', async () => {
    slack.failNext('webhook', { status: 429, retryAfter: 7 });
    expect(await slackWebhookDriver.send(message(), { kind: 'channel' }, channel(), ctx())).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000, code: 429 });
    slack.failNext('webhook', { status: 503 });
    expect(await slackWebhookDriver.send(message(), { kind: 'channel' }, channel(), ctx())).toMatchObject({ ok: false, retryable: true, code: 503 });
    slack.failNext('webhook', { status: 404, body: 'no_service' });
    const gone = await slackWebhookDriver.send(message(), { kind: 'channel' }, channel(), ctx());
    expect(gone).toMatchObject({ ok: false, retryable: false, code: 404 });
    expect(gone.ok === false && gone.reason).toContain('no_service');
  });

  test('a receiver that cannot be reached is worth another try', async () => {
    const secrets = slackWebhookDriver.parseSecrets({ webhookUrl: 'http://127.0.0.1:9/services/T/B/x' });
    expect(await slackWebhookDriver.send(message(), { kind: 'channel' }, { config: {}, secrets }, ctx())).toMatchObject({ ok: false, retryable: true });
  });

  test('the webhook URL is https (http only to this machine): it is a credential', () => {
    expect(() => slackWebhookDriver.parseSecrets({ webhookUrl: 'http://hooks.slack.com/services/T/B/x' })).toThrow(/https/);
    expect(slackWebhookDriver.parseSecrets({ webhookUrl: 'https://hooks.slack.com/services/T/B/x' }).webhookUrl).toBe('https://hooks.slack.com/services/T/B/x');
  });
});

describe('slack_app', () => {
  const channel = (botToken = slack.botToken) => ({ config: slackAppDriver.parseConfig({}), secrets: slackAppDriver.parseSecrets({ botToken, signingSecret: slack.signingSecret }) });
  const to = (email: string) => ({ kind: 'slack_user' as const, email });

  test('finds the person by email and messages them, with Approve and Deny on a request to decide; the bot token\'s workspace is asked once (auth.test), not per message', async () => {
    let before = slack.calls.length;
    const result = await slackAppDriver.send(message(), to('Ana@Example.com'), channel(), ctx());
    const sent = slack.messages.at(-1)!;
    expect(result).toEqual({ ok: true, providerRef: `${String(sent.channel)}:${String(sent.ts)}` });
    expect(slack.calls.slice(before).map((c) => [c.method, c.token])).toEqual([['users.lookupByEmail', slack.botToken], ['auth.test', slack.botToken], ['chat.postMessage', slack.botToken]]);
    expect(sent.channel).toBe('D0ANA');
    expect(buttonsOf(sent.blocks)).toEqual([[SLACK_ACTIONS.approve, '12'], [SLACK_ACTIONS.deny, '12']]);
    before = slack.calls.length;
    await slackAppDriver.send(message(), to('ana@example.com'), channel(), ctx());
    expect(slack.calls.slice(before).map((c) => c.method)).toEqual(['users.lookupByEmail', 'chat.postMessage']);
  });

  test('Keep and Revoke only where a review notification names items: each item named by review.assigned (its first few) with its own buttons; one that only counts gets the link alone', async () => {
    await slackAppDriver.send(message({ kind: 'review.assigned', payload: { campaignId: ITEM, stage: 1, items: 3 } }), to('ana@example.com'), channel(), ctx());
    expect(buttonsOf(slack.messages.at(-1)!.blocks)).toEqual([]);
    const OTHER = '8a7b6c5d-1e2f-4a3b-9c8d-7e6f5a4b3c2d';
    await slackAppDriver.send(message({ kind: 'review.assigned', payload: { campaignId: ITEM, stage: 1, items: 7, decide: [{ itemId: ITEM, label: 'ana — Admin on prod' }, { itemId: OTHER, label: 'bob <b> — ReadOnly on dev' }] } }), to('ana@example.com'), channel(), ctx());
    const blocks = slack.messages.at(-1)!.blocks as { type: string; block_id?: string; text?: { text: string } }[];
    expect(buttonsOf(blocks)).toEqual([[SLACK_ACTIONS.keep, ITEM], [SLACK_ACTIONS.revoke, ITEM], [SLACK_ACTIONS.keep, OTHER], [SLACK_ACTIONS.revoke, OTHER]]);
    expect(blocks.filter((b) => b.type === 'actions').map((b) => b.block_id)).toEqual([`rrcu_decision:${ITEM}`, `rrcu_decision:${OTHER}`]);
    expect(blocks.map((b) => b.text?.text ?? '').join('\n')).toContain('bob &lt;b&gt; — ReadOnly on dev');
    expect(JSON.stringify(blocks.at(-1))).toContain('and 5 more to decide in RRCU');
    await slackAppDriver.send(message({ kind: 'review.reminder', payload: { campaignId: ITEM, itemId: ITEM } }), to('ana@example.com'), channel(), ctx());
    expect(buttonsOf(slack.messages.at(-1)!.blocks)).toEqual([[SLACK_ACTIONS.keep, ITEM], [SLACK_ACTIONS.revoke, ITEM]]);
    await slackAppDriver.send(message({ kind: 'request.decided', payload: { requestId: 12 } }), to('ana@example.com'), channel(), ctx());
    expect(buttonsOf(slack.messages.at(-1)!.blocks)).toEqual([]);
  });

  test("Slack's errors: no such user, a bad token, an unknown error are permanent; ratelimited and 5xx pass, after Retry-After", async () => {
    const notFound = await slackAppDriver.send(message(), to('nobody@example.com'), channel(), ctx());
    expect(notFound).toMatchObject({ ok: false, retryable: false });
    expect(notFound.ok === false && notFound.reason).toBe('nobody@example.com: Slack answered users_not_found: no Slack user of the workspace has this email address.');

    const badToken = await slackAppDriver.send(message(), to('ana@example.com'), channel('xoxb-not-the-token'), ctx());
    expect(badToken).toMatchObject({ ok: false, retryable: false });
    expect(badToken.ok === false && badToken.reason).toContain('invalid_auth');

    slack.failNext('chat.postMessage', { error: 'ratelimited', retryAfter: 30 });
    expect(await slackAppDriver.send(message(), to('ana@example.com'), channel(), ctx())).toMatchObject({ ok: false, retryable: true, retryAfterMs: 30_000 });
    slack.failNext('users.lookupByEmail', { status: 429, retryAfter: 2 });
    expect(await slackAppDriver.send(message(), to('ana@example.com'), channel(), ctx())).toMatchObject({ ok: false, retryable: true, retryAfterMs: 2000, code: 429 });
    slack.failNext('chat.postMessage', { status: 502 });
    expect(await slackAppDriver.send(message(), to('ana@example.com'), channel(), ctx())).toMatchObject({ ok: false, retryable: true, code: 502 });
    slack.failNext('chat.postMessage', { error: 'is_archived' });
    expect(await slackAppDriver.send(message(), to('ana@example.com'), channel(), ctx())).toMatchObject({ ok: false, retryable: false });
  });

  test('the secrets are a bot token and a signing secret', () => {
    expect(() => slackAppDriver.parseSecrets({ botToken: 'xoxp-user-token', signingSecret: slack.signingSecret })).toThrow(/xoxb/);
    expect(() => slackAppDriver.parseSecrets({ botToken: slack.botToken })).toThrow();
  });
});
