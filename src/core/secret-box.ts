import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { errorCodes, RrcuError } from './errors.ts';

/** A stored secret RRCU cannot read back is its own setup's failure (the key changed), not the caller's. */
export const SECRET_ERRORS = errorCodes({
  SECRET_UNREADABLE: 'internal',
  SECRET_KEY_MISMATCH: 'internal',
  /** RRCU_SECRET_KEY unset: the server cannot store or open secrets (a connector's, a channel's) until it is configured (503 with the fix, not a 500). */
  SECRET_KEY_MISSING: 'unavailable',
});

/**
 * Secrets at rest (SCIM tokens): AES-256-GCM with a key derived from RRCU_SECRET_KEY. The stored form
 * is `v1.<iv>.<tag>.<ciphertext>` in base64url; the version leaves room to rotate the scheme.
 */
const VERSION = 'v1';

function deriveKey(secretKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, 'rrcu-secret-box', 'rrcu secrets v1', 32));
}

export function sealSecret(plaintext: string, secretKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secretKey), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function openSecret(sealed: string, secretKey: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) {
    throw new RrcuError(SECRET_ERRORS.SECRET_UNREADABLE, 'A stored secret is not in a format this version of RRCU reads.', { fix: 'Enter the secret again.' });
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(secretKey), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch (e) {
    throw new RrcuError(SECRET_ERRORS.SECRET_KEY_MISMATCH, 'A stored secret cannot be decrypted with the current RRCU_SECRET_KEY.', {
      fix: 'Start RRCU with the RRCU_SECRET_KEY the secret was saved with, or enter the secret again.',
      cause: e,
    });
  }
}
