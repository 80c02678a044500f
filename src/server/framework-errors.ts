import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { RrcuError } from '../core/errors.ts';
import { errorHandler, statusForKind, type ErrorBody } from './error-handler.ts';
import { HTTP_ERRORS } from './errors.ts';

/**
 * Requests refused before they reach a route, answered in RRCU's error body with the security headers:
 * by Fastify's router (`frameworkErrors`: a path that is not UTF-8, a path segment past the router's
 * limit) and by Node's HTTP parser (`clientErrorHandler`: headers or request line past Node's limit,
 * a malformed request). The router's refusals are ordinary replies; the parser's happen before there is
 * a request, so the answer is written on the socket by hand.
 */
export function frameworkErrorHandler(headers: Record<string, string>, maxParamLength: number): NonNullable<FastifyServerOptions['frameworkErrors']> {
  return (error, request, reply) => {
    void reply.headers({ ...headers, 'cache-control': 'no-store' });
    const refusal =
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? new RrcuError(HTTP_ERRORS.URI_TOO_LONG, `A segment of the address is longer than ${maxParamLength} characters.`, { fix: 'Check the id in the address; long values go in the query or the body.' })
        : error.code === 'FST_ERR_BAD_URL'
          ? new RrcuError(HTTP_ERRORS.INVALID_URL, 'The address is not valid percent-encoded UTF-8.', { fix: 'Percent-encode the address as UTF-8 (encodeURIComponent in JavaScript).' })
          : error;
    errorHandler(refusal as FastifyError, request as FastifyRequest, reply as FastifyReply);
  };
}

type ParserError = Error & { code?: string; rawPacket?: unknown };

// Node counts the request line in its header limit; a first line this long means the address is too long.
const LONG_REQUEST_LINE = 8 * 1024;

function parserRefusal(error: ParserError): RrcuError {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    const packet = Buffer.isBuffer(error.rawPacket) ? error.rawPacket : Buffer.alloc(0);
    const lineEnd = packet.indexOf('\r\n');
    if (lineEnd < 0 ? packet.length >= LONG_REQUEST_LINE : lineEnd >= LONG_REQUEST_LINE) {
      return new RrcuError(HTTP_ERRORS.URI_TOO_LONG, 'The address is too long.', { fix: 'Send long values in a request body rather than in the address.' });
    }
    return new RrcuError(HTTP_ERRORS.HEADERS_TOO_LARGE, 'The request headers are too large.', { fix: 'Send fewer or shorter headers (cookies included); clearing this site’s cookies helps.' });
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return new RrcuError(HTTP_ERRORS.REQUEST_TIMEOUT, 'The request took too long to arrive.', { fix: 'Try again.' });
  return new RrcuError(HTTP_ERRORS.MALFORMED_REQUEST, 'The request is not valid HTTP.', { fix: 'Check the client: a header name or value holds characters HTTP does not allow.' });
}

export function clientErrorHandler(headers: Record<string, string>) {
  return (error: ParserError, socket: Duplex): void => {
    // A reset connection has no one left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const refusal = parserRefusal(error);
    const status = statusForKind(refusal.kind);
    const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message, ...(refusal.fix ? { fix: refusal.fix } : {}) } } satisfies ErrorBody);
    const lines = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      'content-type: application/json; charset=utf-8',
      'cache-control: no-store',
      `content-length: ${Buffer.byteLength(body)}`,
      'connection: close',
    ];
    if (socket.writable) socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
    else socket.destroy();
  };
}
