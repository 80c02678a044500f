/**
 * A real OpenID Connect IdP for tests (oidc-provider on 127.0.0.1, an ephemeral port): one confidential
 * client, the given users, and a plain login page (fields `login` and `password`, button "Sign in")
 * that a browser or a form post can fill. Consent is granted without asking.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContext } from 'oidc-provider';

export type IdpUser = {
  sub: string;
  email: string;
  name: string;
  /** When set, the login page checks it; otherwise any non-empty password signs this user in. */
  password?: string;
  /** Sent as the `email_verified` claim (default true); null leaves the claim out, as some IdPs do. */
  emailVerified?: boolean | null;
};

export type OidcIdp = { issuer: string; clientId: string; clientSecret: string; stop(): Promise<void> };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, problem?: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test IdP sign-in</title></head>
<body>
  <h1>Test IdP</h1>
  ${problem ? `<p role="alert">${escapeHtml(problem)}</p>` : ''}
  <form method="post" action="/interaction/${escapeHtml(uid)}/login">
    <label>Login <input type="text" name="login" autocomplete="username" required autofocus></label>
    <label>Password <input type="password" name="password" autocomplete="current-password" required></label>
    <button type="submit">Sign in</button>
  </form>
</body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startOidcIdp(options: { users: IdpUser[]; redirectUris: string[]; clientId?: string; clientSecret?: string }): Promise<OidcIdp> {
  const clientId = options.clientId ?? 'rrcu-test';
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const bySub = new Map(options.users.map((u) => [u.sub, u]));
  const findUser = (login: string) => bySub.get(login) ?? options.users.find((u) => u.email.toLowerCase() === login.toLowerCase());

  const http = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: options.redirectUris, grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // Its own signing key and lifetimes, so oidc-provider does not warn about its development defaults.
    jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'test' }] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Grant: 3600, Session: 3600 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, id: string) {
      const user = bySub.get(id);
      if (!user) return undefined;
      return { accountId: user.sub, claims: async () => ({ sub: user.sub, email: user.email, ...(user.emailVerified === null ? {} : { email_verified: user.emailVerified ?? true }), name: user.name }) };
    },
    // Consent is not what these tests are about: every client gets openid, email and profile at once.
    async loadExistingGrant(ctx: KoaContext) {
      const { oidc } = ctx;
      const clientIdOf = oidc.client!.clientId;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(clientIdOf);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId: clientIdOf, accountId: oidc.session!.accountId! });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();

  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', issuer);
    const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
    if (!match) return handle(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (details.prompt.name !== 'login') throw new Error(`unexpected prompt ${details.prompt.name}`);
        if (req.method === 'GET' && !match[2]) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid));
          return;
        }
        if (req.method !== 'POST' || !match[2]) {
          res.writeHead(405).end();
          return;
        }
        const form = await readForm(req);
        const user = findUser(form.get('login') ?? '');
        const password = form.get('password') ?? '';
        if (!user || password === '' || (user.password !== undefined && user.password !== password)) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid, 'Wrong login or password.'));
          return;
        }
        await provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
      } catch (e) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end(e instanceof Error ? e.message : String(e));
      }
    })();
  });

  return {
    issuer,
    clientId,
    clientSecret,
    async stop() {
      http.closeAllConnections();
      await new Promise<void>((resolve, reject) => http.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

/**
 * Plays the browser at the IdP without one: follows the authorization URL to the login page, submits
 * it, and returns where the IdP sends the browser back (the relying party's callback with code and state).
 */
export async function signInAtIdp(authorizationUrl: string, credentials: { login: string; password: string }): Promise<URL> {
  const jar = new Map<string, string>();
  const step = async (url: URL, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const pair = cookie.split(';')[0]!;
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  };
  let url = new URL(authorizationUrl);
  const origin = url.origin;
  for (let hops = 0; hops < 10; hops++) {
    const res = await step(url);
    if (res.status === 200) {
      const html = await res.text();
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`The IdP answered ${url.pathname} without a login form: ${html.slice(0, 300)}`);
      const submitted = await step(new URL(action.replaceAll('&#38;', '&'), origin), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ login: credentials.login, password: credentials.password }),
      });
      if (submitted.status !== 303) throw new Error(`The IdP refused the login of ${credentials.login}: ${submitted.status} ${(await submitted.text()).slice(0, 300)}`);
      url = new URL(submitted.headers.get('location')!, origin);
      continue;
    }
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) throw new Error(`The IdP answered ${url.pathname} with ${res.status}: ${(await res.text()).slice(0, 300)}`);
    const next = new URL(location, origin);
    if (next.origin !== origin) return next;
    url = next;
  }
  throw new Error('The IdP redirected more than 10 times');
}
