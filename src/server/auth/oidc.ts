import * as client from 'openid-client';
import type { App } from '../../app.ts';
import type { Config } from '../../config/index.ts';
import { RrcuError } from '../../core/errors.ts';
import type { OidcIdentity, SignInMeta } from '../../identity/index.ts';
import type { Caller } from '../caller.ts';
import { sessionCaller } from './authenticate.ts';
import { cookieKey, seal, unseal } from './cookie-seal.ts';
import { AUTH_ERRORS } from './errors.ts';

export const OIDC_FLOW_COOKIE = 'rrcu_oidc';
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';
/** How long a browser has between leaving for the IdP and coming back. */
export const OIDC_FLOW_TTL_MS = 10 * 60_000;

// Plain http is for an IdP on this machine (development, tests); anywhere else the tokens would cross the network in clear.
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

type OidcFlow = { verifier: string; state: string; nonce: string; redirectUri: string; returnTo: string };

// Discovery once per process and IdP; a failed discovery is forgotten so the next sign-in asks again.
const discoveries = new Map<string, Promise<client.Configuration>>();

/** The IdP's metadata and RRCU's client there, discovered from `<issuer>/.well-known/openid-configuration`. */
export function oidcClientConfiguration(config: Pick<Config, 'oidcIssuer' | 'oidcClientId' | 'oidcClientSecret'>): Promise<client.Configuration> {
  const { oidcIssuer: issuer, oidcClientId: clientId, oidcClientSecret: clientSecret } = config;
  if (!issuer || !clientId) {
    return Promise.reject(
      new RrcuError(AUTH_ERRORS.OIDC_NOT_CONFIGURED, `Sign-in through an identity provider is not configured (issuer ${issuer ?? 'unset'}, client id ${clientId ?? 'unset'}).`, {
        fix: 'Set RRCU_OIDC_ISSUER, RRCU_OIDC_CLIENT_ID and RRCU_OIDC_CLIENT_SECRET, then restart RRCU.',
      }),
    );
  }
  const key = JSON.stringify([issuer, clientId, clientSecret ?? null]);
  let found = discoveries.get(key);
  if (!found) {
    found = discover(issuer, clientId, clientSecret);
    found.catch(() => discoveries.delete(key));
    discoveries.set(key, found);
  }
  return found;
}

async function discover(issuer: string, clientId: string, clientSecret: string | undefined): Promise<client.Configuration> {
  const url = new URL(issuer);
  const insecure = url.protocol === 'http:';
  if (insecure && !LOCAL_HOSTS.has(url.hostname)) {
    throw new RrcuError(AUTH_ERRORS.OIDC_ISSUER_NOT_HTTPS, `The identity provider's issuer ${issuer} is plain http on another machine.`, {
      fix: 'Use the https:// issuer URL of your IdP in RRCU_OIDC_ISSUER (http is only accepted for localhost).',
    });
  }
  try {
    // client_secret_basic is the method every IdP must support (RFC 6749 §2.3.1); without a secret, a public client with PKCE.
    return await client.discovery(url, clientId, clientSecret, clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(), {
      execute: insecure ? [client.allowInsecureRequests] : [],
      timeout: 10,
    });
  } catch (e) {
    throw new RrcuError(AUTH_ERRORS.OIDC_UNAVAILABLE, `The identity provider at ${issuer} did not answer OpenID Connect discovery: ${e instanceof Error ? e.message : String(e)}.`, {
      fix: `Check that ${url.origin} is reachable from the RRCU server and that ${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration answers; then sign in again.`,
      cause: e,
    });
  }
}

/** Where the IdP sends the browser back: on RRCU's public address when configured, else where the browser reached RRCU. */
export function oidcRedirectUri(config: Pick<Config, 'publicUrl'>, requestOrigin: string): string {
  return `${(config.publicUrl ?? requestOrigin).replace(/\/+$/, '')}${OIDC_CALLBACK_PATH}`;
}

// Browsers read `/\host` as `//host`, and strip tabs and newlines before parsing: any of them is refused.
function isOwnPath(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//') && ![...value].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}

/**
 * A path on RRCU itself, or `/`: never another site (no open redirect through sign-in). The normalised
 * path is checked again: `/a/..//evil.example` normalises to `//evil.example`, another site. So the answer
 * is a fixed point: safeReturnTo(safeReturnTo(x)) === safeReturnTo(x).
 */
export function safeReturnTo(value: string | undefined): string {
  if (!value || !isOwnPath(value)) return '/';
  const base = 'http://rrcu.invalid';
  try {
    const url = new URL(value, base);
    const path = `${url.pathname}${url.search}${url.hash}`;
    return url.origin === base && isOwnPath(path) ? path : '/';
  } catch {
    return '/';
  }
}

/**
 * The first leg: an authorization URL with PKCE (S256), state and nonce, and the sealed cookie that
 * keeps them in this browser until the IdP sends it back.
 */
export async function beginOidcSignIn(app: App, options: { requestOrigin: string; returnTo?: string | undefined }): Promise<{ url: string; flowCookie: string }> {
  const configuration = await oidcClientConfiguration(app.config);
  const flow: OidcFlow = {
    verifier: client.randomPKCECodeVerifier(),
    state: client.randomState(),
    nonce: client.randomNonce(),
    redirectUri: oidcRedirectUri(app.config, options.requestOrigin),
    returnTo: safeReturnTo(options.returnTo),
  };
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: flow.redirectUri,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url: url.href, flowCookie: seal(await cookieKey(app.store.db), flow, OIDC_FLOW_TTL_MS) };
}

function isFlow(value: unknown): value is OidcFlow {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['verifier', 'state', 'nonce', 'redirectUri', 'returnTo'].every((k) => typeof v[k] === 'string');
}

/**
 * The second leg: checks that the answer belongs to this browser's flow, redeems the code (PKCE, nonce,
 * ID token signature and issuer checked by openid-client), and signs the user in with a new session.
 */
export async function completeOidcSignIn(
  app: App,
  options: { query: URLSearchParams; flowCookie: string | undefined; meta: SignInMeta },
): Promise<{ caller: Caller; cookieValue: string; returnTo: string }> {
  const opened = options.flowCookie ? unseal(await cookieKey(app.store.db), options.flowCookie) : undefined;
  if (!isFlow(opened)) {
    throw new RrcuError(AUTH_ERRORS.OIDC_STATE_MISSING, 'This sign-in did not start in this browser, or took longer than 10 minutes.', { fix: 'Start the sign-in again.' });
  }
  if (options.query.get('state') !== opened.state) {
    throw new RrcuError(AUTH_ERRORS.OIDC_STATE_MISMATCH, "The identity provider's answer does not belong to the sign-in this browser started (state differs).", { fix: 'Start the sign-in again.' });
  }
  const idpError = options.query.get('error');
  if (idpError) {
    const description = options.query.get('error_description');
    throw new RrcuError(AUTH_ERRORS.OIDC_DENIED, `The identity provider refused the sign-in: ${idpError}${description ? ` (${description.slice(0, 300)})` : ''}.`, {
      fix: 'Check with your IdP administrator that you are assigned to the RRCU application.',
    });
  }
  const configuration = await oidcClientConfiguration(app.config);
  const currentUrl = new URL(opened.redirectUri);
  currentUrl.search = options.query.toString();
  let identity: OidcIdentity;
  try {
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: opened.verifier,
      expectedState: opened.state,
      expectedNonce: opened.nonce,
      idTokenExpected: true,
    });
    identity = await identityOf(configuration, tokens);
  } catch (e) {
    throw new RrcuError(AUTH_ERRORS.OIDC_CALLBACK_FAILED, `The identity provider's answer could not be redeemed: ${e instanceof Error ? e.message : String(e)}.`, {
      fix: 'Start the sign-in again; if it keeps failing, check the client id, secret and redirect URI registered at the IdP.',
      cause: e,
    });
  }
  const session = await app.identity.startOidcSession(identity, options.meta);
  return { caller: sessionCaller(session.user, session.idHash, session.csrfToken), cookieValue: session.cookieValue, returnTo: safeReturnTo(opened.returnTo) };
}

async function identityOf(configuration: client.Configuration, tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>): Promise<OidcIdentity> {
  const claims = tokens.claims()!;
  let email = verifiedEmail(claims);
  let name = stringClaim(claims.name) ?? stringClaim(claims.preferred_username);
  if (email === null || name === null) {
    // Many IdPs put email and name only in the UserInfo answer when an access token is issued.
    const info = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    email ??= verifiedEmail(info);
    name ??= stringClaim(info.name) ?? stringClaim(info.preferred_username);
  }
  return { issuer: claims.iss, sub: claims.sub, email, name };
}

function stringClaim(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 320) : null;
}

// Only an address the IdP says it verified (`email_verified: true`) earns a listed role or links to a person:
// without the claim, an IdP may let users type any address into their profile (Entra ID's "nOAuth"), so a
// missing claim counts as unverified. The user is then known by name only, and gets roles in RRCU itself.
// The string "true" is what some UserInfo endpoints (Amazon Cognito's) send for the same claim.
function verifiedEmail(claims: Record<string, unknown>): string | null {
  if (claims.email_verified !== true && claims.email_verified !== 'true') return null;
  return stringClaim(claims.email)?.toLowerCase() ?? null;
}
