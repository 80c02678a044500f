import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../app.ts';
import { COMMON_ERRORS, RrcuError } from '../core/errors.ts';
import { authenticateRequest } from './auth/authenticate.ts';
import { accessFollowsRoleOrder, allows, type Access } from './auth/access.ts';
import { sameSecret } from '../identity/index.ts';
import './caller.ts';
import { errorHandler } from './error-handler.ts';
import { clientErrorHandler, frameworkErrorHandler } from './framework-errors.ts';
import { refuseUnreadableInput } from './input-guard.ts';
import { withErrorResponses } from './openapi-errors.ts';
import { registerRoutes } from './routes/index.ts';
import { securityHeaderOptions, securityHeaders } from './security-headers.ts';
import type { ServerApp } from './server-app.ts';
import { HTTP_ERRORS } from './errors.ts';

export type RouteInfo = { method: string; url: string; access: Access };

export type ServerOptions = {
  /** The built web UI (`web/dist`); absent or missing means the API only. */
  webRoot?: string;
  /** pino logging; off in tests. */
  logger?: boolean;
  /** Where the log lines go when `logger` is on (default standard output). */
  logStream?: { write(line: string): void };
};

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Fastify's default: the longest path segment (an id) the router matches.
const MAX_PARAM_LENGTH = 100;

/**
 * The HTTP server: the API under /api (OpenAPI at /api/docs) and the web UI. Every /api route must say
 * who may call it (`config.access`); the server refuses to start otherwise, and checks it before each
 * handler, together with CSRF for browser sessions.
 */
export async function createServer(app: App, options: ServerOptions = {}): Promise<{ server: ServerApp; routes: RouteInfo[] }> {
  const helmetOptions = securityHeaderOptions(app.config);
  const headers = securityHeaders(helmetOptions);
  const server = Fastify({
    logger: options.logger
      ? { level: app.config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', '*.scimToken', '*.password', '*.newPassword'], ...(options.logStream ? { stream: options.logStream } : {}) }
      : false,
    // X-Forwarded-* is believed from the proxies named only; otherwise the address is the TCP peer's, so
    // nobody picks the address the sign-in limiter and the audit log see by sending a header.
    trustProxy: app.config.trustedProxies.length > 0 ? app.config.trustedProxies : false,
    // A request line per UI poll drowns the log; kept for debug and trace.
    logController: new LogController({ disableRequestLogging: !['debug', 'trace'].includes(app.config.logLevel) }),
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Refusals before any route or hook, in RRCU's error body with the security headers.
    frameworkErrors: frameworkErrorHandler(headers, MAX_PARAM_LENGTH),
    clientErrorHandler: clientErrorHandler(headers),
  }).withTypeProvider<ZodTypeProvider>();
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  server.setErrorHandler(errorHandler);
  server.decorateRequest('caller', undefined);

  const routes: RouteInfo[] = [];
  server.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url.startsWith('/api/docs')) {
      route.config = { ...route.config, access: 'anyone' };
    } else if (!route.config?.access) {
      throw new Error(`Route ${methods.join(',')} ${route.url} does not declare config.access: every API route must say who may call it.`);
    } else if (!accessFollowsRoleOrder(route.config.access)) {
      // A token acts with the lower of two roles; that only holds back a token if no route allows a lower role but not a higher one.
      throw new Error(`Route ${methods.join(',')} ${route.url} allows a role but not every role above it (${JSON.stringify(route.config.access)}).`);
    }
    for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url, access: route.config!.access! });
  });

  // API answers (JSON, CSV exports, errors) are about who has access: no browser or proxy keeps a copy.
  server.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  await server.register(fastifyCookie);
  await server.register(fastifyHelmet, helmetOptions);
  await server.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'RRCU API', version: '1', description: 'Who has access to what in AWS, who reviewed it, who removed it. Authenticate with a session cookie (browser) or `Authorization: Bearer <API token>`.' },
      components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
      security: [{ token: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => ('openapiObject' in document ? withErrorResponses(document.openapiObject) : document.swaggerObject),
  });
  await server.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Its own policy would upgrade every request to https (breaking RRCU served on plain http inside a
    // network) and blocks the inline styles Swagger UI sets.
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, '').replace("style-src 'self' https:", "style-src 'self' 'unsafe-inline'"),
  });

  server.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return;
    request.caller = await authenticateRequest(app, request);
    if (!allows(access, request.caller?.role)) {
      if (!request.caller) throw new RrcuError(COMMON_ERRORS.UNAUTHENTICATED, 'Sign in first.', { fix: 'Sign in in the browser, or send an API token as `Authorization: Bearer <token>`.' });
      // Outside the caller's role: say so, without hinting at what the route would have returned.
      throw new RrcuError(COMMON_ERRORS.FORBIDDEN, `Your role (${request.caller.role}) may not ${request.method} ${request.routeOptions.url}.`, { fix: 'Ask a Super Administrator for a role that allows it.' });
    }
    // Sign-in routes (`anyone`) take JSON only, which a cross-site form cannot send; the rest need the session's token.
    if (access !== 'anyone' && request.caller?.via === 'session' && !SAFE_METHODS.has(request.method) && !sameSecret(request.headers['x-csrf-token'], request.caller.csrfToken)) {
      throw new RrcuError(HTTP_ERRORS.CSRF_TOKEN_INVALID, 'This request did not carry the CSRF token of your session.', { fix: 'Reload the page and try again.' });
    }
  });

  server.addHook('preValidation', refuseUnreadableInput);

  registerRoutes(server, app);

  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  const hasWeb = existsSync(join(webRoot, 'index.html'));
  // `wildcard` serves files by lookup at request time, so a rebuilt UI is served without a restart.
  if (hasWeb) await server.register(fastifyStatic, { root: webRoot, wildcard: true, index: ['index.html'] });
  server.setNotFoundHandler((request, reply) => {
    if (!request.url.startsWith('/api/') && request.method === 'GET' && hasWeb) {
      // The UI routes in the browser: every page address serves the same document.
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({
      error: hasWeb || request.url.startsWith('/api/')
        ? { code: 'NOT_FOUND', message: `No such address: ${request.method} ${request.url.split('?')[0]}.`, fix: 'See /api/docs for the API.' }
        : { code: 'WEB_UI_NOT_BUILT', message: 'The web UI has not been built.', fix: 'Run `npm run build:web` (npm install and npm start do it for you).' },
    });
  });
  return { server, routes };
}
