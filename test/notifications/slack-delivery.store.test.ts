import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { notify, SLACK_ACTIONS } from '../../src/notifications/index.ts';
import { deliverOne, type DeliveryDeps } from '../../src/notifications/deliver.ts';
import { fanOut } from '../../src/notifications/fanout.ts';
import { notificationDeliveries, people } from '../../src/store/index.ts';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack.ts';
import { describeStore } from '../harness/store-test.ts';
import { SECRET_KEY, startTestServer, type TestServer } from '../../harness/server.ts';

/**
 * Notifications reaching Slack through the delivery job, over a real local fake Slack: the app's settings
 * point the Slack app at it (RRCU_SLACK_API_URL), Send test reaches both channel kinds, an outbox row
 * becomes a direct message with its buttons, Slack's refusals are recorded as the job acts on them, and
 * only a Slack user Slack vouches for gets a person's messages.
 */
describeStore('notifications: Slack delivery', (store) => {
  let slack: FakeSlack;
  let t: TestServer;
  let appChannel: string;
  let webhookChannel: string;
  const now = () => new Date();
  const deps = (): DeliveryDeps => ({ db: store().db, secretKey: SECRET_KEY, publicUrl: 'https://rrcu.example.com', now, sendSettings: { slackApiUrl: slack.apiUrl } });
  const deliveriesOf = (notificationId: string) => store().db.select().from(notificationDeliveries).where(eq(notificationDeliveries.notificationId, notificationId));

  async function person(name: string, slackUserId?: string) {
    const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@corp.example`;
    const [row] = await store().db.insert(people).values({ displayName: name, email }).returning();
    if (slackUserId) slack.addUser({ id: slackUserId, email });
    return { id: row!.id, email };
  }

  beforeAll(async () => {
    slack = await startFakeSlack();
    t = await startTestServer(store(), { config: { slackApiUrl: slack.apiUrl } });
    appChannel = (await t.app.notifications.createChannel({ kind: 'slack_app', name: 'Slack app', secrets: { botToken: slack.botToken, signingSecret: slack.signingSecret } }, 'user:admin')).id;
    webhookChannel = (await t.app.notifications.createChannel({ kind: 'slack_webhook', name: '#access', secrets: { webhookUrl: slack.webhookUrl }, eventKinds: ['request.submitted'] }, 'user:admin')).id;
  });
  afterAll(async () => {
    await t?.close();
    await slack?.stop();
  });

  test('Send test reaches a person through the Slack app (at RRCU_SLACK_API_URL) and the channel of the incoming webhook; secrets never come back', async () => {
    const ann = await person('Ann', 'U0ANN');
    const direct = await t.app.notifications.sendTest(appChannel, { to: ann.email, actor: 'user:admin' });
    expect(direct).toMatchObject({ status: 'sent' });
    expect(slack.messages.at(-1)).toMatchObject({ channel: 'D0ANN' });
    const posted = await t.app.notifications.sendTest(webhookChannel, { actor: 'user:admin' });
    expect(posted).toMatchObject({ status: 'sent' });
    expect(slack.webhookPosts).toHaveLength(1);
    const listed = JSON.stringify(await t.app.notifications.listChannels());
    for (const secret of [slack.botToken, slack.signingSecret, slack.webhookUrl]) expect(listed).not.toContain(secret);
  });

  test('a request to decide becomes a direct message with Approve and Deny, and a post to the channel without them', async () => {
    const bea = await person('Bea', 'U0BEA');
    const n = await notify(store().db, { kind: 'request.submitted', recipient: { personId: bea.id }, title: 'Access request to decide: ReadOnly', body: 'Cid asks for ReadOnly.', link: '/requests/31', payload: { requestId: 31 }, dedupeKey: `t:${randomUUID()}` });
    await fanOut({ db: store().db, now });
    const rows = await deliveriesOf(n!.id);
    const direct = rows.find((r) => r.channelId === appChannel)!;
    const channel = rows.find((r) => r.channelId === webhookChannel)!;
    expect(direct.address).toEqual({ kind: 'slack_user', email: bea.email });
    expect(channel.address).toEqual({ kind: 'channel' });
    expect(await deliverOne(deps(), direct.id)).toMatchObject({ status: 'sent' });
    expect(await deliverOne(deps(), channel.id)).toMatchObject({ status: 'sent' });

    const message = slack.messages.at(-1)!;
    expect(message.channel).toBe('D0BEA');
    const actions = (message.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => [e.action_id, e.value])).toEqual([[SLACK_ACTIONS.approve, '31'], [SLACK_ACTIONS.deny, '31']]);
    expect(JSON.stringify(message.blocks)).toContain('https://rrcu.example.com/requests/31');
    const post = slack.webhookPosts.at(-1) as { blocks: { type: string }[] };
    expect(post.blocks.some((b) => b.type === 'actions')).toBe(false);
    const [sent] = (await deliveriesOf(n!.id)).filter((r) => r.id === direct.id);
    expect(sent!.providerRef).toBe(`D0BEA:${String(message.ts)}`);
  });

  test("Slack's refusals as the job records them: no Slack user with the email is failed with the reason; ratelimited waits for its Retry-After", async () => {
    const noSlack = await person('Dan');
    const busy = await person('Eve', 'U0EVE');
    const ids: string[] = [];
    for (const p of [noSlack, busy]) {
      const n = await notify(store().db, { kind: 'request.decided', recipient: { personId: p.id }, title: 'Approved', link: '/requests/8', dedupeKey: `t:${randomUUID()}` });
      await fanOut({ db: store().db, now });
      ids.push((await deliveriesOf(n!.id)).find((r) => r.channelId === appChannel)!.id);
    }
    expect(await deliverOne(deps(), ids[0]!)).toMatchObject({ status: 'failed', result: { ok: false, retryable: false } });
    const failed = await t.app.notifications.getDelivery(ids[0]!);
    expect(failed.lastError).toBe(`${noSlack.email}: Slack answered users_not_found: no Slack user of the workspace has this email address.`);

    slack.failNext('chat.postMessage', { error: 'ratelimited', retryAfter: 3600 });
    const before = Date.now();
    expect(await deliverOne(deps(), ids[1]!)).toMatchObject({ status: 'pending', result: { ok: false, retryable: true, retryAfterMs: 3_600_000 } });
    const [waiting] = await store().db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, ids[1]!));
    expect(waiting!.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
  });

  test('a Slack user Slack does not vouch for gets no direct message: the delivery fails at once, saying why; a person Slack vouches for still gets theirs', async () => {
    const unconfirmed = await person('Fay');
    slack.addUser({ id: 'U0FAY', email: unconfirmed.email, emailConfirmed: false });
    const deactivated = await person('Gus');
    const bot = await person('Hal');
    const elsewhere = await person('Ivy');
    slack.addUser({ id: 'U0IVY', email: elsewhere.email, teamId: 'T0OTHER' });
    const vouched = await person('Jo', 'U0JO');
    const directDelivery = async (p: { id: string }) => {
      const n = await notify(store().db, { kind: 'request.submitted', recipient: { personId: p.id }, title: 'Access request to decide: Admin', body: 'Kim asks for Admin on prod.', link: '/requests/41', payload: { requestId: 41 }, dedupeKey: `t:${randomUUID()}` });
      await fanOut({ db: store().db, now });
      return (await deliveriesOf(n!.id)).find((r) => r.channelId === appChannel)!.id;
    };
    const refused = [
      [unconfirmed, `Slack's user for ${unconfirmed.email} (U0FAY) has not confirmed that email, so it may not be theirs; not sent. Once they confirm it in Slack (the link Slack mailed to it), their messages arrive.`],
      [deactivated, `Slack's user for ${deactivated.email} (U0GUS) is deactivated; not sent.`],
      [bot, `Slack's user for ${bot.email} (U0HAL) is a bot or an app, not a person; not sent.`],
      [elsewhere, `Slack's user for ${elsewhere.email} (U0IVY) is of another workspace (T0OTHER) than the Slack app's (T0RRCU); not sent.`],
    ] as const;
    const posted = slack.messages.length;
    for (const [p, reason] of refused) {
      // Slack's lookup finds neither a deactivated account nor a bot (users_not_found); RRCU does not count on it.
      if (p === deactivated) slack.answerNext('users.lookupByEmail', { id: 'U0GUS', email: p.email, deleted: true });
      if (p === bot) slack.answerNext('users.lookupByEmail', { id: 'U0HAL', email: p.email, bot: true });
      const id = await directDelivery(p);
      expect(await deliverOne(deps(), id)).toMatchObject({ status: 'failed', result: { ok: false, retryable: false } });
      expect(await t.app.notifications.getDelivery(id)).toMatchObject({ status: 'failed', attempts: 1, lastError: reason });
    }
    expect(slack.messages.length).toBe(posted);

    expect(await deliverOne(deps(), await directDelivery(vouched))).toMatchObject({ status: 'sent' });
    expect(slack.messages.at(-1)).toMatchObject({ channel: 'D0JO' });
    // The bot token's workspace was asked once for this process, not per message.
    expect(slack.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);
  });
});
