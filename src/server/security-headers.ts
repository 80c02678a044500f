import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import helmet from 'helmet';
import type { Config } from '../config/index.ts';

/** The security headers of every answer (helmet's, with RRCU's content security policy). */
export function securityHeaderOptions(config: Pick<Config, 'publicUrl'>): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only means something over HTTPS; sent when RRCU is told it is served on https.
    hsts: config.publicUrl?.startsWith('https://') ? { maxAge: 31_536_000 } : false,
  };
}

/**
 * The same headers as name → value, for answers written where no Fastify hook runs: requests refused by
 * the router (a malformed path) or by Node's HTTP parser (headers too large). helmet only ever sets and
 * removes headers on the response, so a collector standing in for it captures them.
 */
export function securityHeaders(options: FastifyHelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  // The same options type, declared twice: once for helmet's CommonJS build (the plugin's) and once for its ES module build.
  helmet(options as Parameters<typeof helmet>[0])({} as IncomingMessage, collector as unknown as ServerResponse, () => {});
  return headers;
}
