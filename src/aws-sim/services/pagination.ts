/**
 * NextToken pagination for the JSON services. A token is opaque to clients, as AWS's are: it encodes
 * the offset of the next item and the listing it belongs to, so a token from one listing (another
 * parent, another operation) is refused instead of silently paging something else.
 */
import type { AwsError } from '../service.ts';
import { constraintMessage, type Input } from './json-input.ts';

export type PageLimits = {
  /** Largest `MaxResults` the operation accepts (Organizations 20, Identity Store and SSO Admin 100). */
  max: number;
  /** Page size when `MaxResults` is omitted. */
  defaultSize?: number;
};

export type PageErrors = {
  /** `MaxResults` outside 1..max. */
  badMaxResults(message: string): AwsError;
  /** A `NextToken` this listing did not issue. */
  badToken(message: string): AwsError;
};

export type Page<T> = { items: T[]; nextToken?: string };

/**
 * One page of `all` (already in a stable order) for the request's `MaxResults` / `NextToken`.
 * @param scope names the listing, e.g. `ListAccountsForParent:r-ab12`.
 */
export function paginate<T>(all: readonly T[], input: Input, scope: string, limits: PageLimits, errors: PageErrors): Page<T> {
  const size = pageSize(input.MaxResults, limits, errors);
  const start = input.NextToken === undefined || input.NextToken === null ? 0 : decodeToken(input.NextToken, scope, errors);
  const items = all.slice(start, start + size);
  const next = start + size;
  return next < all.length ? { items, nextToken: encodeToken(scope, next) } : { items };
}

function pageSize(maxResults: unknown, limits: PageLimits, errors: PageErrors): number {
  if (maxResults === undefined || maxResults === null) return limits.defaultSize ?? limits.max;
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults)) {
    throw errors.badMaxResults(constraintMessage('MaxResults', maxResults, 'Member must be an integer'));
  }
  if (maxResults < 1) {
    throw errors.badMaxResults(constraintMessage('MaxResults', maxResults, 'Member must have value greater than or equal to 1'));
  }
  if (maxResults > limits.max) {
    throw errors.badMaxResults(
      constraintMessage('MaxResults', maxResults, `Member must have value less than or equal to ${limits.max}`),
    );
  }
  return maxResults;
}

export function encodeToken(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset }), 'utf8').toString('base64');
}

function decodeToken(token: unknown, scope: string, errors: PageErrors): number {
  if (typeof token === 'string' && token !== '') {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
      if (isTokenBody(parsed) && parsed.s === scope) return parsed.o;
    } catch {
      // Not our encoding: answered below as an invalid token, as AWS does for a tampered one.
    }
  }
  throw errors.badToken('The specified pagination token is not valid. Use the NextToken returned by the previous call of the same operation with the same parameters.');
}

function isTokenBody(value: unknown): value is { s: string; o: number } {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body.s === 'string' && typeof body.o === 'number' && Number.isInteger(body.o) && body.o >= 0;
}
