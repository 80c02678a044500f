/**
 * A fake Slack for tests: a real HTTP server on 127.0.0.1 that plays Slack's part on both sides. As the
 * Web API (RRCU_SLACK_API_URL = `apiUrl`) it checks the bot token and answers auth.test (the token is of
 * workspace T0RRCU), users.lookupByEmail, users.info, chat.postMessage and views.open as Slack does (`ok: false` with Slack's error codes), and as
 * an incoming webhook (`webhookUrl`) it takes Block Kit posts; both record what they received and can be
 * told to fail (429 with Retry-After, 5xx, an `ok: false` error). As Slack's client it sends interactions
 * to RRCU signed with the signing secret (a button click on a message it recorded, a modal submitted),
 * forged, stale or replayed ones on request, and records what RRCU posts back to the response_url.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Slack user as users.info and users.lookupByEmail serve it. A person of the workspace by default: of team
 * T0RRCU, active, their email confirmed. `emailConfirmed: null` leaves `is_email_confirmed` out of the answer;
 * a bot or app user's profile carries no email, as Slack's do not. `enterpriseId` makes them a user of an
 * Enterprise Grid organisation (`enterprise_user`).
 */
export type FakeSlackUser = {
  id: string; email: string; name?: string; teamId?: string; enterpriseId?: string;
  deleted?: boolean; bot?: boolean; appUser?: boolean; emailConfirmed?: boolean | null; restricted?: boolean; ultraRestricted?: boolean;
};

/** The team of the workspace the fake plays, whose users are the default and whose interactions it sends. */
export const FAKE_SLACK_TEAM = 'T0RRCU';

/** A user object with the fields Slack's users.info gives a bot token holding users:read and users:read.email. */
function slackUserObject(user: FakeSlackUser): Record<string, unknown> {
  const name = user.name ?? user.id;
  const machine = user.bot === true || user.appUser === true;
  const teamId = user.teamId ?? FAKE_SLACK_TEAM;
  return {
    id: user.id,
    team_id: teamId,
    name,
    deleted: user.deleted ?? false,
    real_name: name,
    profile: { real_name: name, display_name: name, ...(machine ? { bot_id: `B${user.id}`, always_active: false } : { email: user.email }) },
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: user.restricted ?? user.ultraRestricted ?? false,
    is_ultra_restricted: user.ultraRestricted ?? false,
    is_bot: user.bot ?? false,
    is_app_user: user.appUser ?? false,
    ...(user.enterpriseId ? { enterprise_user: { id: user.id, enterprise_id: user.enterpriseId, enterprise_name: 'RRCU Grid', teams: [teamId] } } : {}),
    updated: 1_700_000_000,
    ...(user.emailConfirmed === null ? {} : { is_email_confirmed: machine ? false : (user.emailConfirmed ?? true) }),
  };
}

/** One Web API call as received: the method, the bearer token, and the form arguments (JSON ones parsed). */
export type SlackCall = { method: string; token: string | undefined; args: Record<string, unknown> };

/** What a scripted failure answers: an HTTP status (with Retry-After seconds), or 200 with `ok: false` and this error. */
export type ScriptedFailure = { status: number; retryAfter?: number; body?: string } | { error: string; retryAfter?: number };
/** A scripted answer: 200, `ok: true` with this user, whoever Slack would have found. */
type Scripted = ScriptedFailure | { user: FakeSlackUser };

/** A signed request as sent to RRCU, so a test can send exactly it again (a replay). */
export type SentInteraction = { url: string; body: string; headers: Record<string, string> };
export type InteractionAnswer = { status: number; body: string; sent: SentInteraction };

export type FakeSlack = {
  apiUrl: string;
  webhookUrl: string;
  botToken: string;
  signingSecret: string;
  calls: SlackCall[];
  /** chat.postMessage arguments, in order. */
  messages: Record<string, unknown>[];
  webhookPosts: unknown[];
  /** What RRCU posted to response_urls, in order. */
  responses: Record<string, unknown>[];
  addUser(user: FakeSlackUser): void;
  /** The next call of `method` (or the next webhook post, `webhook`) fails this way. */
  failNext(method: string, failure: ScriptedFailure): void;
  /**
   * The next call of `method` answers this user, as a Slack that departs from its documentation would: Slack's
   * users.lookupByEmail never finds a deactivated account or a bot (`users_not_found`), which RRCU does not rely on.
   */
  answerNext(method: string, user: FakeSlackUser): void;
  /** Resolves once `count` posts reached response_urls. */
  waitForResponses(count: number): Promise<Record<string, unknown>[]>;
  /**
   * Presses the button `actionId` (the one whose value is `value`, on a message with several) of a message RRCU sent,
   * as `userId`, sending the signed block_actions to `interactionsUrl`.
   * `team` is the workspace the payload says the click came from: the fake's own by default, another (a Slack
   * Connect partner's member clicking from their workspace), or none (`null`, no `team` in the payload).
   */
  click(interactionsUrl: string, options: { userId: string; message: Record<string, unknown>; actionId: string; value?: string; team?: string | null; sign?: SignOptions }): Promise<InteractionAnswer>;
  /** Submits the modal RRCU opened with views.open (the last one unless given), with these input values by block id. */
  submitView(interactionsUrl: string, options: { userId: string; values: Record<string, string>; view?: Record<string, unknown>; sign?: SignOptions }): Promise<InteractionAnswer>;
  /** Sends any body (form-encoded `payload=`) signed as told. */
  send(interactionsUrl: string, payload: unknown, sign?: SignOptions): Promise<InteractionAnswer>;
  /** Sends a request exactly as it was sent before. */
  replay(sent: SentInteraction): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
};

/** How an interaction is signed: Slack's way by default; another secret (forged), another time (stale), or no headers. */
export type SignOptions = { secret?: string; timestamp?: number; omit?: boolean };

export function slackSignature(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.startsWith('application/json')) return JSON.parse(body || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

export async function startFakeSlack(options: { users?: FakeSlackUser[]; botToken?: string; signingSecret?: string } = {}): Promise<FakeSlack> {
  const botToken = options.botToken ?? `xoxb-${randomBytes(8).toString('hex')}`;
  const signingSecret = options.signingSecret ?? randomBytes(16).toString('hex');
  const users = new Map<string, FakeSlackUser>();
  const failures = new Map<string, Scripted[]>();
  const calls: SlackCall[] = [];
  const messages: Record<string, unknown>[] = [];
  const webhookPosts: unknown[] = [];
  const responses: Record<string, unknown>[] = [];
  const waiting: { count: number; resolve: (r: Record<string, unknown>[]) => void }[] = [];
  let seq = 0;

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
  };
  const scripted = (res: ServerResponse, key: string): boolean => {
    const failure = failures.get(key)?.shift();
    if (!failure) return false;
    if ('user' in failure) {
      json(res, 200, { ok: true, user: slackUserObject(failure.user) });
      return true;
    }
    const headers: Record<string, string> = failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {};
    if ('error' in failure) json(res, 200, { ok: false, error: failure.error }, headers);
    else res.writeHead(failure.status, { 'content-type': 'text/plain', ...headers }).end(failure.body ?? '');
    return true;
  };

  function webApi(method: string, token: string | undefined, args: Record<string, unknown>, res: ServerResponse): void {
    if (scripted(res, method)) return;
    if (token !== botToken) return json(res, 200, { ok: false, error: token ? 'invalid_auth' : 'not_authed' });
    switch (method) {
      case 'auth.test':
        return json(res, 200, { ok: true, url: 'https://rrcu-test.slack.com/', team: 'RRCU Test', user: 'rrcu', team_id: FAKE_SLACK_TEAM, user_id: 'U0RRCUBOT', bot_id: 'B0RRCU', is_enterprise_install: false });
      case 'users.lookupByEmail': {
        // Slack finds active people by their email: never a bot, an app or a deactivated account.
        const user = [...users.values()].find((u) => !u.deleted && !u.bot && !u.appUser && u.email.toLowerCase() === String(args.email ?? '').toLowerCase());
        return user ? json(res, 200, { ok: true, user: slackUserObject(user) }) : json(res, 200, { ok: false, error: 'users_not_found' });
      }
      case 'users.info': {
        const user = users.get(String(args.user ?? ''));
        return user ? json(res, 200, { ok: true, user: slackUserObject(user) }) : json(res, 200, { ok: false, error: 'user_not_found' });
      }
      case 'chat.postMessage': {
        if (!args.channel) return json(res, 200, { ok: false, error: 'channel_not_found' });
        if (!args.text && !args.blocks) return json(res, 200, { ok: false, error: 'no_text' });
        const ts = `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
        const channel = String(args.channel).startsWith('U') ? `D${String(args.channel).slice(1)}` : String(args.channel);
        messages.push({ ...args, channel, ts });
        return json(res, 200, { ok: true, channel, ts, message: { text: args.text, blocks: args.blocks } });
      }
      case 'views.open':
        if (!args.trigger_id) return json(res, 200, { ok: false, error: 'invalid_trigger_id' });
        return json(res, 200, { ok: true, view: { id: `V${++seq}`, ...(args.view as object) } });
      default:
        return json(res, 200, { ok: false, error: 'unknown_method' });
    }
  }

  const http = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      if (path.startsWith('/api/')) {
        const method = path.slice('/api/'.length);
        const args = parseArgs(body, req.headers['content-type']);
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        calls.push({ method, token, args });
        return webApi(method, token, args, res);
      }
      if (path.startsWith('/services/')) {
        if (scripted(res, 'webhook')) return;
        webhookPosts.push(JSON.parse(body));
        return res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      }
      if (path.startsWith('/actions/')) {
        responses.push(JSON.parse(body) as Record<string, unknown>);
        for (const w of waiting.filter((x) => responses.length >= x.count)) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(responses.slice());
        }
        return res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      }
      res.writeHead(404).end();
    })().catch((e: unknown) => res.writeHead(500).end(String(e)));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  async function post(sent: SentInteraction): Promise<{ status: number; body: string }> {
    const response = await fetch(sent.url, { method: 'POST', headers: sent.headers, body: sent.body });
    return { status: response.status, body: await response.text() };
  }

  async function send(interactionsUrl: string, payload: unknown, sign: SignOptions = {}): Promise<InteractionAnswer> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const timestamp = sign.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (!sign.omit) {
      headers['x-slack-request-timestamp'] = String(timestamp);
      headers['x-slack-signature'] = slackSignature(sign.secret ?? signingSecret, timestamp, body);
    }
    const sent = { url: interactionsUrl, body, headers };
    return { ...(await post(sent)), sent };
  }

  const userRef = (userId: string) => ({ id: userId, username: users.get(userId)?.name ?? userId, team_id: users.get(userId)?.teamId ?? FAKE_SLACK_TEAM });

  return {
    apiUrl: `${base}/api`,
    webhookUrl: `${base}/services/T0RRCU/B0RRCU/${randomBytes(12).toString('hex')}`,
    botToken,
    signingSecret,
    calls,
    messages,
    webhookPosts,
    responses,
    addUser: (user) => void users.set(user.id, user),
    failNext(method, failure) {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    answerNext(method, user) {
      failures.set(method, [...(failures.get(method) ?? []), { user }]);
    },
    waitForResponses(count) {
      if (responses.length >= count) return Promise.resolve(responses.slice());
      return new Promise((resolve) => waiting.push({ count, resolve }));
    },
    click(interactionsUrl, { userId, message, actionId, value, team = FAKE_SLACK_TEAM, sign }) {
      const blocks = (message.blocks ?? []) as { type: string; block_id?: string; elements?: { action_id?: string; value?: string }[] }[];
      const pressed = (e: { action_id?: string; value?: string }) => e.action_id === actionId && (value === undefined || e.value === value);
      const block = blocks.find((b) => b.type === 'actions' && b.elements?.some(pressed));
      const element = block?.elements?.find(pressed);
      if (!block || !element) throw new Error(`The message has no button ${actionId}`);
      return send(interactionsUrl, {
        type: 'block_actions',
        ...(team === null ? {} : { team: { id: team, domain: team === FAKE_SLACK_TEAM ? 'rrcu-test' : team.toLowerCase() } }),
        user: userRef(userId),
        api_app_id: 'A0RRCU',
        trigger_id: `${++seq}.${randomBytes(6).toString('hex')}`,
        response_url: `${base}/actions/T0RRCU/${++seq}/${randomBytes(8).toString('hex')}`,
        container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
        channel: { id: message.channel },
        message: { type: 'message', ts: message.ts, text: message.text, blocks: message.blocks },
        actions: [{ type: 'button', action_id: actionId, block_id: block.block_id, value: element.value, action_ts: String(Date.now() / 1000) }],
      }, sign);
    },
    submitView(interactionsUrl, { userId, values, view, sign }) {
      const opened = view ?? ([...calls].reverse().find((c) => c.method === 'views.open')?.args.view as Record<string, unknown> | undefined);
      if (!opened) throw new Error('RRCU opened no modal');
      const state = Object.fromEntries(Object.entries(values).map(([blockId, value]) => [blockId, { [blockId]: { type: 'plain_text_input', value } }]));
      return send(interactionsUrl, {
        type: 'view_submission',
        team: { id: FAKE_SLACK_TEAM, domain: 'rrcu-test' },
        user: userRef(userId),
        api_app_id: 'A0RRCU',
        trigger_id: `${++seq}.${randomBytes(6).toString('hex')}`,
        view: { id: `V${++seq}`, type: 'modal', callback_id: opened.callback_id, private_metadata: opened.private_metadata, state: { values: state } },
      }, sign);
    },
    send,
    replay: post,
    stop: () => new Promise<void>((resolve, reject) => http.close((e) => (e ? reject(e) : resolve()))),
  };
}
