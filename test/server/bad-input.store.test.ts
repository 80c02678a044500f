import { connect } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

type Answer = { statusCode: number; headers: Record<string, unknown>; body: string };

/** RRCU's error body, with a fix, helmet's headers and no-store: what every refusal must carry, wherever it is made. */
function expectRefusal(res: Answer, status: number, code: string): { message: string; fields?: { field: string }[] } {
  expect(res.statusCode, res.body).toBe(status);
  const body = JSON.parse(res.body) as { error: { code: string; message: string; fix?: string; fields?: { field: string }[] } };
  expect(body.error).toMatchObject({ code, message: expect.any(String), fix: expect.any(String) });
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
  expect(res.headers['cache-control']).toBe('no-store');
  return body.error;
}

/** One request written on a socket as is, past what an HTTP client would let through, and the answer read back. */
async function rawExchange(port: number, request: string): Promise<Answer> {
  const text = await new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    // The server may close while the rest of a too-large request is still being written.
    socket.on('error', () => {});
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.end(request);
  });
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { statusCode: Number(statusLine.split(' ')[1]), headers, body };
}

describeStore('bad input is refused in the error body, never a 500', (store) => {
  let t: TestServer;
  let port: number;
  let admin: { authorization: string };
  beforeAll(async () => {
    t = await startTestServer(store());
    admin = await t.as('super_admin');
    await t.server.listen({ port: 0, host: '127.0.0.1' });
    port = (t.server.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await t?.close();
  });

  // Each was a 500 before (issue 10): PostgreSQL refuses NUL in text and unpaired surrogates in jsonb.
  test('a NUL in the sign-in username is a 400 naming the field, before any sign-in', async () => {
    const res = await t.server.inject({ method: 'POST', url: '/api/auth/local', payload: { username: 'admin\u0000', password: 'x' } });
    const error = expectRefusal(res, 400, 'INVALID_INPUT');
    expect(error.message).toBe('body.username: must not contain NUL or unpaired surrogate characters');
  });

  test.each([
    ['a query parameter', 'GET', '/api/access?person=a%00b', undefined, 'querystring.person'],
    ['a path parameter', 'GET', '/api/people/a%00b', undefined, 'params.id'],
    ['a token name (lone surrogate)', 'POST', '/api/tokens', '{"name":"x\\ud800","role":"person"}', 'body.name'],
    ['a task reason', 'POST', '/api/tasks', '{"action":"grant","connector":"c","entitlement":"e","principal":"p","reason":"\\u0000"}', 'body.reason'],
    ['a key of the body', 'POST', '/api/tokens', '{"name":"x","role":"person","a\\u0000":1}', 'body.a\\u0000'],
  ])('%s with NUL or a lone surrogate is a 400 naming it', async (_what, method, url, payload, field) => {
    const res = await t.server.inject({ method: method as 'GET', url, headers: { ...admin, ...(payload ? { 'content-type': 'application/json' } : {}) }, ...(payload ? { payload } : {}) });
    const error = expectRefusal(res, 400, 'INVALID_INPUT');
    expect(error.fields?.map((f) => f.field)).toEqual([field]);
  });

  test.each(['0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999-12:00', '1969-12-31T23:59:59Z'])('access as of %s (outside 1970–9999) is a 400 naming `at`', async (at) => {
    for (const url of [`/api/access?at=${encodeURIComponent(at)}`, `/api/access.csv?at=${encodeURIComponent(at)}`, `/api/me/access?at=${encodeURIComponent(at)}`]) {
      const error = expectRefusal(await t.server.inject({ method: 'GET', url, headers: admin }), 400, 'INVALID_INPUT');
      expect(error.message).toMatch(/^querystring\.at: must be between 1970-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z/);
    }
  });

  test('a query that is not percent-encoded UTF-8 is a 400 naming the parameter', async () => {
    const error = expectRefusal(await t.server.inject({ method: 'GET', url: '/api/access?q=%E0%A4%A&person=%ED%A0%80', headers: admin }), 400, 'INVALID_INPUT');
    expect(error.fields?.map((f) => f.field)).toEqual(['querystring.q', 'querystring.person']);
  });

  test('a path that is not percent-encoded UTF-8 is a 400, a path segment past the router’s limit a 414', async () => {
    expectRefusal(await t.server.inject({ method: 'GET', url: '/api/connectors/%E0%A4%A', headers: admin }), 400, 'INVALID_URL');
    expectRefusal(await t.server.inject({ method: 'GET', url: `/api/connectors/${'a'.repeat(101)}`, headers: admin }), 414, 'URI_TOO_LONG');
  });

  test.each([
    ['broken JSON', 'application/json', '{"name":', 400, 'INVALID_JSON'],
    ['an empty JSON body', 'application/json', '', 400, 'INVALID_JSON'],
    ['a prototype key', 'application/json', '{"__proto__":{"role":"super_admin"},"name":"x","role":"person"}', 400, 'INVALID_JSON'],
    ['a form instead of JSON', 'application/x-www-form-urlencoded', 'name=x&role=person', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a body over 1 MiB', 'application/json', `{"name":"${'a'.repeat(1024 * 1024)}","role":"person"}`, 413, 'BODY_TOO_LARGE'],
    ['a body nested 100,000 deep', 'application/json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 400, 'INVALID_INPUT'],
  ])('%s is refused in the error body with the security headers', async (_what, contentType, payload, status, code) => {
    const res = await t.server.inject({ method: 'POST', url: '/api/tokens', headers: { ...admin, 'content-type': contentType }, payload });
    expectRefusal(res, status, code);
  });

  // Refused by Node's HTTP parser before Fastify has a request: answered on the socket by RRCU's handler.
  test('headers past Node’s limit are a 431, an address past it a 414, a malformed request a 400, each in the error body', async () => {
    const bigHeader = await rawExchange(port, `GET /api/health HTTP/1.1\r\nHost: rrcu\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expectRefusal(bigHeader, 431, 'HEADERS_TOO_LARGE');
    const longUrl = await rawExchange(port, `GET /api/access?person=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: rrcu\r\n\r\n`);
    expectRefusal(longUrl, 414, 'URI_TOO_LONG');
    const malformed = await rawExchange(port, 'GET /api/health HTTP/1.1\r\nHost: rrcu\r\nX-Bad\u0001: 1\r\n\r\n');
    expectRefusal(malformed, 400, 'MALFORMED_REQUEST');
    // The server is unharmed: the next request is answered as usual.
    const healthy = await rawExchange(port, 'GET /api/health HTTP/1.1\r\nHost: rrcu\r\nConnection: close\r\n\r\n');
    expect(healthy.statusCode).toBe(200);
  });
});
