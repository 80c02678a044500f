import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** What the database keeps of a session id or API token: enough to find it, useless to replay. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** `length` characters of [0-9A-Za-z] from the CSPRNG, without modulo bias (bytes ≥ 248 are redrawn). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** A random URL-safe string of `bytes` bytes of entropy, for cookie values and CSRF tokens. */
export function randomUrlToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Whether a secret sent by the client equals the expected one, in a time that does not depend on where
 * they differ (only on their lengths, which are public: every CSRF token has the same).
 */
export function sameSecret(sent: string | string[] | undefined, expected: string | null): boolean {
  if (typeof sent !== 'string' || expected === null) return false;
  const a = Buffer.from(sent, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
