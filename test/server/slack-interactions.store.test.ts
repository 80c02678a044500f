import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { slackAppDriver, SLACK_ACTIONS } from '../../src/notifications/index.ts';
import type { RequestCaller } from '../../src/requests/index.ts';
import { appUsers, people, queryRows } from '../../src/store/index.ts';
import { startFakeSlack, type FakeSlack, type FakeSlackUser } from '../harness/fake-slack.ts';
import { describeStore } from '../harness/store-test.ts';
import { inventoryOf, ssoPeople, type SsoPerson } from '../requests/people.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

const URL = '/api/slack/interactions';

/**
 * Slack's interactions with RRCU's direct messages, over a real local fake Slack and the whole server:
 * only requests signed with the Slack app channel's signing secret, within five minutes and seen once, are
 * read; the Slack user acts as the person with their Slack email, under the web's rules (no self-approval,
 * an approver of the step, only one's own review items), and the message is updated through response_url.
 */
describeStore('Slack interactions', (store) => {
  let t: TestServer;
  let slack: FakeSlack;
  let interactions: string;
  let requester: SsoPerson;
  let approver: SsoPerson;
  let requestId: number;
  let reviewer: { id: string; email: string };
  let otherReviewer: { id: string; email: string };

  /** A message the Slack app sent to this person about this notification, as the fake Slack recorded it. */
  async function messageTo(email: string, kind: string, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
    const channel = { config: {}, secrets: { botToken: slack.botToken, signingSecret: slack.signingSecret } };
    const sent = await slackAppDriver.send({ kind, title: `About ${JSON.stringify(payload)}`, text: 'Decide it.', html: '', url: 'https://rrcu.example.com/x', payload, at: new Date() }, { kind: 'slack_user', email }, channel, { deliveryId: randomUUID(), signal: AbortSignal.timeout(10_000), slackApiUrl: slack.apiUrl });
    expect(sent.ok).toBe(true);
    return slack.messages.at(-1)!;
  }

  const admin: RequestCaller = { userId: null, personId: null, role: 'super_admin', actor: 'cli:admin' };
  const statusOf = async (id: number) => (await t.app.requests.getRequest(id, admin)).status;

  beforeAll(async () => {
    slack = await startFakeSlack();
    t = await startTestServer(store(), { sim: { seed: 16, accounts: 2, users: 6, groups: 2, permissionSets: 2, iamUsersPerAccount: 0 }, config: { slackApiUrl: slack.apiUrl } });
    await t.server.listen({ port: 0, host: '127.0.0.1' });
    const address = t.server.server.address() as { port: number };
    interactions = `http://127.0.0.1:${address.port}${URL}`;
    expect((await t.app.syncs.runNow(t.connector!.id, 'system')).run.status).toBe('succeeded');
    [requester, approver] = (await ssoPeople(store().db, t.connector!.id)) as [SsoPerson, SsoPerson];
    const { permissionSets, accounts } = await inventoryOf(store().db, t.connector!.id);
    await t.app.requests.applyPolicy({
      name: 'Slack approvals', connector: t.connector!.id, eligibility: { everyone: true },
      requestable: [{ kind: 'permission_set', permissionSet: permissionSets[0]!.name, accounts: '*' }],
      approvalSteps: [{ approvers: [{ kind: 'people', emails: [approver.email] }], approvals: 1 }],
      maxDurationMinutes: 240, defaultDurationMinutes: 60, justificationRequired: false,
    }, 'cli:admin');
    const submitted = await t.app.requests.submit(
      { entitlement: { kind: 'permission_set', permissionSet: permissionSets[0]!.name, accounts: [accounts[0]!.name] } },
      { userId: null, personId: requester.personId, role: 'person', actor: 'cli:requester' },
    );
    requestId = submitted.request.id;

    // Reviewers who hold nothing in scope: every item of the campaign is the first one's.
    const [r1, r2] = await store().db.insert(people).values([1, 2].map((n) => ({ displayName: `Slack reviewer ${n}`, email: `slack-reviewer-${n}-${randomUUID().slice(0, 8)}@corp.example` }))).returning();
    reviewer = { id: r1!.id, email: r1!.email! };
    otherReviewer = { id: r2!.id, email: r2!.email! };
    const campaign = await t.app.reviews.create({
      name: 'Slack review', scope: { connectorId: t.connector!.id, resourceTypes: ['sso_group'] },
      reviewerPlan: { stages: [{ policies: [{ kind: 'named', personIds: [reviewer.id] }] }], fallbackPersonId: otherReviewer.id },
    }, { actor: 'cli:admin', personId: null });
    await t.app.reviews.launch(campaign.id, { actor: 'cli:admin', personId: null });

    for (const [id, email] of [['U0REQ', requester.email], ['U0APP', approver.email], ['U0REV', reviewer.email], ['U0OTH', otherReviewer.email], ['U0NOBODY', 'nobody@elsewhere.example']] as const) slack.addUser({ id, email });
    await t.app.notifications.createChannel({ kind: 'slack_app', name: 'Slack', secrets: { botToken: slack.botToken, signingSecret: slack.signingSecret } }, 'system');
  });
  afterAll(async () => {
    await t?.close();
    await slack?.stop();
  });

  const itemsOf = async (personId: string) => queryRows<{ id: string }>(store().db, sql`
    select a.item_id as id from review_assignments a where a.current and a.reviewer_person_id = ${personId} order by a.item_id`);
  const decisionOf = async (itemId: string) => (await queryRows<{ decision: string; comment: string | null }>(store().db, sql`
    select d.decision, d.comment from review_decisions d join review_assignments a on a.id = d.assignment_id where a.item_id = ${itemId} order by d.at desc limit 1`))[0];

  test('unsigned, forged and stale requests are refused with a 401 before anything is read or done', async () => {
    const message = await messageTo(approver.email, 'request.submitted', { requestId });
    const click = (sign: Parameters<FakeSlack['click']>[1]['sign']) => slack.click(interactions, { userId: 'U0APP', message, actionId: SLACK_ACTIONS.approve, sign });
    const answers = [
      await click({ omit: true }),
      await click({ secret: 'not-the-signing-secret' }),
      await click({ timestamp: Math.floor(Date.now() / 1000) - 301 }),
      await click({ timestamp: Math.floor(Date.now() / 1000) + 600 }),
    ];
    expect(answers.map((a) => [a.status, JSON.parse(a.body).error.code])).toEqual(Array(4).fill([401, 'SLACK_SIGNATURE_INVALID']));
    expect(answers.map((a) => JSON.parse(a.body).error.message)).toEqual([
      'This request carries no X-Slack-Signature or X-Slack-Request-Timestamp.',
      "This request is not signed with the Slack app's signing secret.",
      'This request was signed more than five minutes from now.',
      'This request was signed more than five minutes from now.',
    ]);
    // A body re-encoded after signing (a proxy, a forger editing the payload) no longer matches.
    const signed = await slack.send(interactions, { type: 'block_actions', user: { id: 'U0APP' }, actions: [] });
    expect(signed.status).toBe(200);
    const edited = await slack.replay({ ...signed.sent, body: signed.sent.body.replace('U0APP', 'U0REQ') });
    expect(edited.status).toBe(401);
    expect(await statusOf(requestId)).toBe('pending');
    expect(slack.responses).toHaveLength(0);
  });

  test('the requester cannot approve their own request from Slack: told so, the buttons stay', async () => {
    const message = await messageTo(requester.email, 'request.submitted', { requestId });
    const before = slack.responses.length;
    const answer = await slack.click(interactions, { userId: 'U0REQ', message, actionId: SLACK_ACTIONS.approve });
    expect(answer.status).toBe(200);
    const [reply] = (await slack.waitForResponses(before + 1)).slice(before);
    expect(reply).toMatchObject({ replace_original: false, response_type: 'ephemeral' });
    expect(String(reply!.text)).toMatch(/^Not done: Request #\d+ is yours: nobody approves or denies their own request/);
    expect(await statusOf(requestId)).toBe('pending');
  });

  test('a Slack user whose email is no person of the inventory acts on nothing', async () => {
    const message = await messageTo(approver.email, 'request.submitted', { requestId });
    const before = slack.responses.length;
    await slack.click(interactions, { userId: 'U0NOBODY', message, actionId: SLACK_ACTIONS.deny });
    const [reply] = (await slack.waitForResponses(before + 1)).slice(before);
    expect(String(reply!.text)).toContain("No person of RRCU's inventory has your Slack email (nobody@elsewhere.example)");
    expect(await statusOf(requestId)).toBe('pending');
  });

  test('a Slack user whose identity Slack does not vouch for decides nothing, though their Slack profile names the approver\'s email: told why, the request stays pending, nothing audited', async () => {
    const { permissionSets, accounts } = await inventoryOf(store().db, t.connector!.id);
    const { request } = await t.app.requests.submit(
      { entitlement: { kind: 'permission_set', permissionSet: permissionSets[0]!.name, accounts: [accounts[1]!.name] } },
      { userId: null, personId: requester.personId, role: 'person', actor: 'cli:requester' },
    );
    const message = await messageTo(approver.email, 'request.submitted', { requestId: request.id });
    // Each would approve as the approver were only the email read (the first fails so without the check, seen before the fix).
    const cases: [FakeSlackUser, RegExp][] = [
      [{ id: 'U0UNCONF', email: approver.email, emailConfirmed: false }, /^Not done: Slack has not confirmed that your email address \(.+\) is yours/],
      [{ id: 'U0NOWORD', email: approver.email, emailConfirmed: null }, /^Not done: Slack did not say whether your email address \(.+\) is confirmed/],
      [{ id: 'U0GONE', email: approver.email, deleted: true }, /^Not done: Your Slack account \(U0GONE\) is deactivated/],
      [{ id: 'U0BOT', email: approver.email, bot: true }, /^Not done: Slack user U0BOT is a bot or an app, not a person/],
      [{ id: 'U0APPUSER', email: approver.email, appUser: true }, /^Not done: Slack user U0APPUSER is a bot or an app, not a person/],
      [{ id: 'U0ELSEWHERE', email: approver.email, teamId: 'T0OTHER' }, /^Not done: Your Slack user is of another workspace \(T0OTHER\) than RRCU's Slack app's \(T0RRCU\)/],
    ];
    for (const [user, why] of cases) {
      slack.addUser(user);
      const before = slack.responses.length;
      const answer = await slack.click(interactions, { userId: user.id, message, actionId: SLACK_ACTIONS.approve });
      expect(answer.status).toBe(200);
      const [reply] = (await slack.waitForResponses(before + 1)).slice(before);
      expect(reply, user.id).toMatchObject({ replace_original: false, response_type: 'ephemeral' });
      expect(String(reply!.text), user.id).toMatch(why);
      expect(await statusOf(request.id), user.id).toBe('pending');
    }
    const detail = await t.app.requests.getRequest(request.id, admin);
    expect(detail.timeline.map((e) => e.type)).not.toContain('request.approved');
    const audited = await queryRows<{ type: string }>(store().db, sql`
      select type from audit_events where actor in (${sql.join(cases.map(([u]) => sql`${`slack:${u.id}`}`), sql`, `)})`);
    expect(audited).toEqual([]);
    // A guest (single- or multi-channel) whose email Slack confirmed is still that person: RRCU's rules decide what they may do.
    slack.addUser({ id: 'U0GUEST', email: approver.email, ultraRestricted: true });
    const before = slack.responses.length;
    await slack.click(interactions, { userId: 'U0GUEST', message, actionId: SLACK_ACTIONS.deny });
    const [reply] = (await slack.waitForResponses(before + 1)).slice(before);
    expect(reply).toMatchObject({ replace_original: true });
    expect(String(reply!.text)).toMatch(/^:no_entry: Denied by .+ in Slack\.$/);
    expect(await statusOf(request.id)).toBe('denied');
  });

  test('a Slack Connect partner\'s member, clicking from their own workspace, decides nothing though their confirmed Slack email is the approver\'s: the click is judged against the Slack app\'s workspace (auth.test), and its payload\'s must match too', async () => {
    const { permissionSets, accounts } = await inventoryOf(store().db, t.connector!.id);
    const { request } = await t.app.requests.submit(
      // The account of the request the test above saw denied: the policy makes only the first permission set requestable.
      { entitlement: { kind: 'permission_set', permissionSet: permissionSets[0]!.name, accounts: [accounts[1]!.name] } },
      { userId: null, personId: requester.personId, role: 'person', actor: 'cli:requester' },
    );
    const message = await messageTo(approver.email, 'request.submitted', { requestId: request.id });
    slack.addUser({ id: 'U0PARTNER', email: approver.email, teamId: 'T0PARTNER' });
    const clicks: [Parameters<FakeSlack['click']>[1], RegExp][] = [
      // The payload's team is the partner's own, as the user's team_id: comparing the two alone let this approve (seen before the fix).
      [{ userId: 'U0PARTNER', message, actionId: SLACK_ACTIONS.approve, team: 'T0PARTNER' }, /^Not done: Your Slack user is of another workspace \(T0PARTNER\) than RRCU's Slack app's \(T0RRCU\)/],
      // The approver's own Slack user, in a click whose payload names another workspace, or none.
      [{ userId: 'U0APP', message, actionId: SLACK_ACTIONS.approve, team: 'T0PARTNER' }, /^Not done: Your Slack user is of another workspace \(T0RRCU\) than the one this click came from \(T0PARTNER\)/],
      [{ userId: 'U0APP', message, actionId: SLACK_ACTIONS.approve, team: null }, /^Not done: Your Slack user is of another workspace \(T0RRCU\) than the one this click came from \(none given\)/],
    ];
    for (const [click, why] of clicks) {
      const before = slack.responses.length;
      expect((await slack.click(interactions, click)).status).toBe(200);
      const [reply] = (await slack.waitForResponses(before + 1)).slice(before);
      expect(reply, `${click.userId} from ${click.team}`).toMatchObject({ replace_original: false, response_type: 'ephemeral' });
      expect(String(reply!.text), `${click.userId} from ${click.team}`).toMatch(why);
      expect(await statusOf(request.id)).toBe('pending');
    }
    expect((await t.app.requests.getRequest(request.id, admin)).timeline.map((e) => e.type)).not.toContain('request.approved');
    expect(await queryRows(store().db, sql`select type from audit_events where actor = 'slack:U0PARTNER'`)).toEqual([]);
    // The approver, clicking from the app's workspace, approves it. auth.test was asked once in this file, by the first
    // message sent: the clicks share the direct messages' answer for the token.
    const before = slack.responses.length;
    await slack.click(interactions, { userId: 'U0APP', message, actionId: SLACK_ACTIONS.approve });
    const [reply] = (await slack.waitForResponses(before + 1)).slice(before);
    expect(String(reply!.text)).toMatch(/^:white_check_mark: Approved by .+ in Slack\.$/);
    expect(await statusOf(request.id)).not.toBe('pending');
    expect(slack.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);
  });

  test('the approver approves from Slack: the request moves on, the message says who decided, and the same request sent again is a refused replay', async () => {
    const message = await messageTo(approver.email, 'request.submitted', { requestId });
    const before = slack.responses.length;
    const answer = await slack.click(interactions, { userId: 'U0APP', message, actionId: SLACK_ACTIONS.approve });
    expect(answer.status).toBe(200);
    const [reply] = (await slack.waitForResponses(before + 1)).slice(before);
    const approverName = (await queryRows<{ display_name: string }>(store().db, sql`select display_name from people where id = ${approver.personId}`))[0]!.display_name;
    expect(reply).toMatchObject({ replace_original: true, text: `:white_check_mark: Approved by ${approverName} in Slack.` });
    // The buttons are gone; the rest of the message stays.
    const blocks = reply!.blocks as { type: string }[];
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'context', 'context']);
    expect(await statusOf(requestId)).not.toBe('pending');
    const detail = await t.app.requests.getRequest(requestId, admin);
    expect(detail.timeline.some((e) => e.type === 'request.approved')).toBe(true);

    const replayed = await slack.replay(answer.sent);
    expect(replayed.status).toBe(401);
    expect(JSON.parse(replayed.body).error.message).toBe('This request was received before: a replay is refused.');
  });

  test('a reviewer keeps their item from Slack; another person cannot decide it; Revoke asks for the comment in a modal and records it', async () => {
    const [keepItem, revokeItem] = (await itemsOf(reviewer.id)).map((i) => i.id);
    expect(keepItem && revokeItem).toBeTruthy();

    // Another person (the fallback reviewer, holding no item of this campaign) clicks the reviewer's buttons.
    const theirs = await messageTo(reviewer.email, 'review.reminder', { itemId: keepItem });
    let before = slack.responses.length;
    await slack.click(interactions, { userId: 'U0OTH', message: theirs, actionId: SLACK_ACTIONS.keep });
    let [reply] = (await slack.waitForResponses(before + 1)).slice(before);
    expect(String(reply!.text)).toContain(`No review item ${keepItem} is assigned to you.`);
    expect(await decisionOf(keepItem!)).toBeUndefined();

    before = slack.responses.length;
    await slack.click(interactions, { userId: 'U0REV', message: theirs, actionId: SLACK_ACTIONS.keep });
    [reply] = (await slack.waitForResponses(before + 1)).slice(before);
    expect(reply).toMatchObject({ replace_original: true, text: ':white_check_mark: Kept by Slack reviewer 1 in Slack.' });
    expect(await decisionOf(keepItem!)).toMatchObject({ decision: 'keep' });

    // Revoke opens a modal (views.open with the click's trigger_id); the decision waits for its submission.
    const revokeMessage = await messageTo(reviewer.email, 'review.reminder', { itemId: revokeItem });
    const opened = slack.calls.filter((c) => c.method === 'views.open').length;
    const clicked = await slack.click(interactions, { userId: 'U0REV', message: revokeMessage, actionId: SLACK_ACTIONS.revoke });
    expect(clicked.status).toBe(200);
    await expect.poll(() => slack.calls.filter((c) => c.method === 'views.open').length).toBe(opened + 1);
    expect(await decisionOf(revokeItem!)).toBeUndefined();

    // Submitted by someone else (a forged submission would not pass the signature; this one is Slack's, of another user): refused in the modal.
    const foreign = await slack.submitView(interactions, { userId: 'U0OTH', values: { comment: 'not mine' } });
    expect(JSON.parse(foreign.body)).toEqual({ response_action: 'errors', errors: { comment: `Not done: No review item ${revokeItem} is assigned to you. Open My reviews in RRCU for the items waiting for you.` } });
    expect(await decisionOf(revokeItem!)).toBeUndefined();

    before = slack.responses.length;
    const submitted = await slack.submitView(interactions, { userId: 'U0REV', values: { comment: 'Left the team in June' } });
    expect([submitted.status, JSON.parse(submitted.body)]).toEqual([200, {}]);
    expect(await decisionOf(revokeItem!)).toEqual({ decision: 'revoke', comment: 'Left the team in June' });
    [reply] = (await slack.waitForResponses(before + 1)).slice(before);
    expect(reply).toMatchObject({ replace_original: true, text: ':no_entry: Revoked by Slack reviewer 1 in Slack: Left the team in June' });
  });

  test('a Slack user with the reviewer\'s email that Slack has not confirmed keeps nothing and revokes nothing: told why, in the message or in the form', async () => {
    const open: string[] = [];
    for (const { id } of await itemsOf(reviewer.id)) if (!(await decisionOf(id))) open.push(id);
    const itemId = open[0]!;
    expect(itemId).toBeTruthy();
    slack.addUser({ id: 'U0REVFAKE', email: reviewer.email, emailConfirmed: false });
    const message = await messageTo(reviewer.email, 'review.reminder', { itemId });
    let before = slack.responses.length;
    await slack.click(interactions, { userId: 'U0REVFAKE', message, actionId: SLACK_ACTIONS.keep });
    const [reply] = (await slack.waitForResponses(before + 1)).slice(before);
    expect(reply).toMatchObject({ replace_original: false, response_type: 'ephemeral' });
    expect(String(reply!.text)).toMatch(/^Not done: Slack has not confirmed that your email address \(.+\) is yours/);
    expect(await decisionOf(itemId)).toBeUndefined();

    // The reviewer's Revoke opens the form; the same form submitted by the unconfirmed user is refused in it.
    const opened = slack.calls.filter((c) => c.method === 'views.open').length;
    await slack.click(interactions, { userId: 'U0REV', message, actionId: SLACK_ACTIONS.revoke });
    await expect.poll(() => slack.calls.filter((c) => c.method === 'views.open').length).toBe(opened + 1);
    before = slack.responses.length;
    const submitted = await slack.submitView(interactions, { userId: 'U0REVFAKE', values: { comment: 'Not theirs to decide' } });
    expect(submitted.status).toBe(200);
    const answer = JSON.parse(submitted.body) as { response_action?: string; errors?: { comment?: string } };
    expect(answer.response_action).toBe('errors');
    expect(answer.errors?.comment).toMatch(/^Not done: Slack has not confirmed that your email address \(.+\) is yours/);
    expect(await decisionOf(itemId)).toBeUndefined();
    expect(slack.responses.length).toBe(before);
    const audited = await queryRows<{ type: string }>(store().db, sql`select type from audit_events where actor = 'slack:U0REVFAKE'`);
    expect(audited).toEqual([]);
  });

  test('where the campaign wants a comment on Keep, Keep asks for it in the modal as Revoke does', async () => {
    const [r3] = await store().db.insert(people).values({ displayName: 'Slack reviewer 3', email: `slack-reviewer-3-${randomUUID().slice(0, 8)}@corp.example` }).returning();
    slack.addUser({ id: 'U0THR', email: r3!.email! });
    const campaign = await t.app.reviews.create({
      name: 'Slack review with comments', scope: { connectorId: t.connector!.id, resourceTypes: ['sso_group'] },
      reviewerPlan: { stages: [{ policies: [{ kind: 'named', personIds: [r3!.id] }] }], fallbackPersonId: otherReviewer.id },
      options: { requireCommentOnKeep: true },
    }, { actor: 'cli:admin', personId: null });
    await t.app.reviews.launch(campaign.id, { actor: 'cli:admin', personId: null });
    const [item] = await itemsOf(r3!.id);
    const message = await messageTo(r3!.email!, 'review.reminder', { itemId: item!.id });
    const opened = slack.calls.filter((c) => c.method === 'views.open').length;
    await slack.click(interactions, { userId: 'U0THR', message, actionId: SLACK_ACTIONS.keep });
    await expect.poll(() => slack.calls.filter((c) => c.method === 'views.open').length).toBe(opened + 1);
    expect(await decisionOf(item!.id)).toBeUndefined();
    const submitted = await slack.submitView(interactions, { userId: 'U0THR', values: { comment: 'Still on call for it' } });
    expect([submitted.status, JSON.parse(submitted.body)]).toEqual([200, {}]);
    expect(await decisionOf(item!.id)).toEqual({ decision: 'keep', comment: 'Still on call for it' });
  });

  test('a person whose RRCU user is disabled decides nothing from Slack', async () => {
    await store().db.insert(appUsers).values({ subject: `local:${randomUUID()}`, displayName: 'Disabled', email: otherReviewer.email.toUpperCase(), role: 'person', disabled: true });
    const [item] = (await itemsOf(reviewer.id)).slice(-1);
    const message = await messageTo(reviewer.email, 'review.reminder', { itemId: item!.id });
    const before = slack.responses.length;
    await slack.click(interactions, { userId: 'U0OTH', message, actionId: SLACK_ACTIONS.keep });
    const [reply] = (await slack.waitForResponses(before + 1)).slice(before);
    expect(String(reply!.text)).toContain('is disabled: it decides nothing');
  });

  test('the assignment message lists the reviewer\'s first items, each with its own Keep and Revoke: deciding one replaces only its buttons', async () => {
    const [row] = await queryRows<{ payload: { decide?: { itemId: string; label: string }[]; items: number } }>(store().db, sql`
      select payload from notifications where kind = 'review.assigned' and recipient_person_id = ${reviewer.id} order by created_at limit 1`);
    const listed = row!.payload.decide ?? [];
    expect(listed.length).toBe(Math.min(row!.payload.items, 10));
    expect(listed[0]!.label).toMatch(/ — .+ on /);
    const open: string[] = [];
    for (const x of listed) if (!(await decisionOf(x.itemId))) open.push(x.itemId);
    expect(open.length, 'two items of the message still wait').toBeGreaterThanOrEqual(2);
    const [first, second] = open as [string, string];
    const message = await messageTo(reviewer.email, 'review.assigned', row!.payload);
    const before = slack.responses.length;
    await slack.click(interactions, { userId: 'U0REV', message, actionId: SLACK_ACTIONS.keep, value: first });
    const [reply] = (await slack.waitForResponses(before + 1)).slice(before);
    expect(await decisionOf(first)).toMatchObject({ decision: 'keep' });
    expect(await decisionOf(second)).toBeUndefined();
    const values = ((reply!.blocks ?? []) as { type: string; elements?: { value?: string }[] }[]).filter((b) => b.type === 'actions').flatMap((b) => (b.elements ?? []).map((e) => e.value));
    expect(values).not.toContain(first);
    expect(values).toContain(second);
    expect(JSON.stringify(reply!.blocks)).toContain('Kept by Slack reviewer 1 in Slack.');
  });
});
